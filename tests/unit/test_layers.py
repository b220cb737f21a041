"""The layers of docs/architecture.md: the import contracts hold, and the rules a higher app
adds to a lower one reach it through registries (judge/hooks.py, interviews/hooks.py, the problems
admin's actions)
rather than upward imports."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from judge import queue
from judge.hooks import InterviewHooks, interview_hooks
from tests.conftest import REPO


def test_the_import_contracts_are_kept():
    """What `make test` runs next to ruff (pyproject.toml, [tool.importlinter])."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run([str(lint_imports), "--no-cache", "--no-logo"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_interviews_app_registers_its_submission_rules_with_the_judge():
    from interviews.selectors import interview_get_for_user
    from interviews.services import interview_lock_for_submission

    assert interview_hooks.required("get_for_user") is interview_get_for_user
    assert interview_hooks.required("lock_for_submission") is interview_lock_for_submission


def test_a_missing_hook_is_a_configuration_error_not_a_silent_pass():
    hooks = InterviewHooks()
    with pytest.raises(ImproperlyConfigured, match="lock_for_submission"):
        hooks.required("lock_for_submission")
    calls = []
    hooks.register(get_for_user=lambda **kw: calls.append(("get", kw)),
                   lock_for_submission=lambda **kw: calls.append(("lock", kw)))
    hooks.required("lock_for_submission")(interview=1, user=2, problem=3)
    assert calls == [("lock", {"interview": 1, "user": 2, "problem": 3})]


def test_practice_registers_the_code_review_rounds_bug_reveal_with_interviews():
    from interviews.hooks import DrillRoundHooks, drill_round_hooks
    from practice.drill_selectors import variant_mistake

    assert drill_round_hooks.required("reveal") is variant_mistake
    with pytest.raises(ImproperlyConfigured, match="reveal"):
        DrillRoundHooks().required("reveal")


def test_the_queue_sends_the_judging_task_by_its_real_name():
    from judge.tasks import judge_submission

    assert judge_submission.name == queue.JUDGE_TASK


def test_the_judge_adds_its_rejudge_action_to_the_problems_admin():
    from django.contrib import admin

    from judge.admin import rejudge_all
    from problems.models import Problem

    assert rejudge_all in admin.site._registry[Problem].actions
