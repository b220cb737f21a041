"""Whether the Docker Engine answers: asked by judging (wait for a restarting engine rather
than fail the submission) and by /readyz (config/health.py)."""

from judge.sandbox.docker_sandbox import docker_client


def engine_ping() -> None:
    """Raises when the engine does not answer; the exception says why (what /readyz shows)."""
    if not docker_client().ping():
        raise ConnectionError("the Docker Engine did not answer a ping")


def engine_answers() -> bool:
    try:
        engine_ping()
    except Exception:
        return False
    return True
