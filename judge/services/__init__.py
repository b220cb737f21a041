"""Every write to a submission, by job (HackSoft's services):

- intake.py: taking a submission in (checked, stored as queued, queued on commit);
- worker.py: the worker's side (guarded claim, judging, the verdict; engine and database waits);
- maintenance.py: work handed back to the queue (sweeper, worker start, rejudging).

Queuing goes through judge/queue.py, which sends the task by name: the tasks (judge/tasks.py)
call these services, never the other way round. The names below are the ones callers use."""

from judge.services.intake import DUPLICATE_WINDOW, submission_create
from judge.services.maintenance import (
    hard_limit_seconds,
    problem_rejudge_all,
    submission_rejudge,
    submissions_resend_taken,
    submissions_sweep,
)
from judge.services.worker import (
    DATABASE_WAIT_SECONDS,
    MAX_ATTEMPTS,
    UNAVAILABLE_DETAIL,
    UNAVAILABLE_WAITS,
    JudgeRetry,
    shows_failing_case,
    submission_finish,
    submission_judge,
)

__all__ = [
    "DATABASE_WAIT_SECONDS", "DUPLICATE_WINDOW", "MAX_ATTEMPTS", "UNAVAILABLE_DETAIL", "UNAVAILABLE_WAITS",
    "JudgeRetry", "hard_limit_seconds", "problem_rejudge_all", "shows_failing_case", "submission_create",
    "submission_finish", "submission_judge", "submission_rejudge", "submissions_resend_taken", "submissions_sweep",
]
