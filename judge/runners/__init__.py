"""Language runners: turn a problem and code into a sandbox job, and its result into verdicts."""

from judge.runners.base import Outcome, TestOutcome, custom_tests_kept
from judge.runners.go.runner import GoRunner

RUNNERS = {"go": GoRunner()}


def runner_for(language: str):
    return RUNNERS[language]


__all__ = ["Outcome", "TestOutcome", "custom_tests_kept", "runner_for", "RUNNERS"]
