from django.db import models


class Mode(models.TextChoices):
    RUN = "run", "Run (examples)"
    SUBMIT = "submit", "Submit (hidden tests)"
    # A code-review drill (practice/drill_*.py): the code is the user's tests, judged against the
    # reference (they must pass) and one known-wrong variant (they must fail).
    DRILL = "drill", "Drill (catch the bug)"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    WRONG_ANSWER = "wrong_answer", "Wrong answer"
    COMPILE_ERROR = "compile_error", "Compile error"
    RUNTIME_ERROR = "runtime_error", "Runtime error"
    TIME_LIMIT = "time_limit", "Time limit exceeded"
    MEMORY_LIMIT = "memory_limit", "Memory limit exceeded"
    OUTPUT_LIMIT = "output_limit", "Output limit exceeded"
    DATA_RACE = "data_race", "Data race"
    TOO_SLOW = "too_slow", "Too slow"
    FORBIDDEN = "forbidden", "Forbidden"
    INTERNAL_ERROR = "internal_error", "Internal error"


# The contract's order: where several verdicts apply, the first in this list wins.
SEVERITY = [
    Verdict.INTERNAL_ERROR,
    Verdict.COMPILE_ERROR,
    Verdict.FORBIDDEN,
    Verdict.TIME_LIMIT,
    Verdict.MEMORY_LIMIT,
    Verdict.OUTPUT_LIMIT,
    Verdict.RUNTIME_ERROR,
    Verdict.DATA_RACE,
    Verdict.WRONG_ANSWER,
    Verdict.TOO_SLOW,
    Verdict.ACCEPTED,
]


def most_severe(verdicts) -> Verdict:
    found = set(verdicts) or {Verdict.ACCEPTED}
    return next(v for v in SEVERITY if v in found)
