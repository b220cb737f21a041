from django.conf import settings
from django.db import models

# Mode, Status and Verdict live in judge.verdicts (the runners use them without the ORM).
from judge.verdicts import Mode, Status, Verdict


class Submission(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    problem = models.ForeignKey("problems.Problem", on_delete=models.PROTECT, related_name="submissions")
    language = models.CharField(max_length=20, default="go")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SUBMIT)
    code = models.TextField()
    # Run only: the user's own test cases (a _test.go file), judged with the visible examples.
    custom_tests = models.TextField(blank=True, default="")
    # Drill only: the name of the known-wrong variant (problem.wrong_variants) the tests must catch.
    variant = models.CharField(max_length=100, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    # One line a user reads first: why this verdict (e.g. the failing test, the compiler's first error).
    message = models.TextField(blank=True)
    compile_output = models.TextField(blank=True)
    # The judge's own diagnostics for internal errors; staff only.
    judge_log = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a judging task was last handed to the broker; empty while the broker was down.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    container_seconds = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Made inside a mock interview (interviews app): refused after its deadline, graded in its report.
    interview = models.ForeignKey("interviews.InterviewSession", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="submissions")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "problem", "-created_at"])]

    def __str__(self):
        return f"#{self.pk} {self.problem_id} {self.status} {self.verdict}"

    @property
    def is_done(self):
        return self.status in (Status.FINISHED, Status.CANCELLED)

    @property
    def queue_seconds(self):
        """From submit to a worker picking it up."""
        if self.started_at is None:
            return None
        return (self.started_at - self.created_at).total_seconds()

    @property
    def finished_tests(self):
        """Its test results. A submission has none until it is finished (they are stored with its
        verdict, and a rejudge deletes them), so one being judged costs no query for them."""
        return self.tests.all() if self.is_done else []

    @property
    def finished_benchmarks(self):
        """Its benchmark results, like finished_tests."""
        return self.benchmarks.all() if self.is_done else []

    @property
    def shows_test_details(self):
        """Hidden tests show name and status only; example runs show everything, and so does a
        drill (the tests are the user's own, run on the reference)."""
        return self.mode in (Mode.RUN, Mode.DRILL)


class TestResult(models.Model):
    class Outcome(models.TextChoices):
        PASS = "pass", "Passed"
        FAIL = "fail", "Failed"
        SKIP = "skip", "Skipped"
        NOT_RUN = "not_run", "Not run"

    __test__ = False  # not a pytest class

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="tests")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Outcome.choices)
    duration_ms = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        # submission_id, not submission: the latter orders by the submission's own ordering, a
        # join to judge_submission on every read of a submission's tests.
        ordering = ["submission_id", "position"]
        constraints = [models.UniqueConstraint(fields=["submission", "position"], name="unique_test_position")]

    def __str__(self):
        return f"#{self.submission_id}/{self.position} {self.name} {self.status}"


class SubmissionEvent(models.Model):
    """The submission's history: what happened to it and who did it (rejudges, sweeps)."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        REQUEUED = "requeued", "Re-queued by the sweeper"
        RETRIED = "retried", "Retried after a judge failure"
        FINISHED = "finished", "Finished"
        REJUDGE = "rejudge", "Rejudge requested"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    detail = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission_id", "created_at", "id"]  # no join (TestResult says why)

    def __str__(self):
        return f"#{self.submission_id} {self.kind} {self.detail}".rstrip()


class BenchmarkResult(models.Model):
    """One benchmark of a submission next to the reference's, medians over the rounds."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="benchmarks")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    ns_per_op = models.FloatField()
    bytes_per_op = models.FloatField()
    allocs_per_op = models.FloatField()
    reference_ns_per_op = models.FloatField()
    reference_bytes_per_op = models.FloatField()
    reference_allocs_per_op = models.FloatField()
    max_time_ratio = models.FloatField()
    max_allocs_per_op = models.IntegerField(null=True, blank=True)
    rounds = models.JSONField(default=list)  # [[submission ns/op, reference ns/op], ...]
    passed = models.BooleanField()

    class Meta:
        ordering = ["submission_id", "position"]  # no join (TestResult says why)

    def __str__(self):
        return f"#{self.submission_id}/{self.position} {self.name} {'passed' if self.passed else 'failed'}"

    @property
    def time_ratio(self):
        return self.ns_per_op / self.reference_ns_per_op if self.reference_ns_per_op else None

    @property
    def bar_percent(self):
        """Both bars share one scale: the slower of the two is 100%."""
        top = max(self.ns_per_op, self.reference_ns_per_op) or 1
        return {"sub": round(100 * self.ns_per_op / top, 1), "ref": round(100 * self.reference_ns_per_op / top, 1)}
