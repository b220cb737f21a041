"""Runs one job in one throwaway container. Knows nothing of Go, problems or verdicts."""

from judge.sandbox.docker_sandbox import SandboxUnavailable, docker_client, reap_containers, run_job
from judge.sandbox.engine import engine_answers, engine_ping
from judge.sandbox.job import Job, SandboxResult

__all__ = ["Job", "SandboxResult", "SandboxUnavailable", "docker_client", "engine_answers", "engine_ping",
           "reap_containers", "run_job"]
