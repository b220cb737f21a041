from django.db import models

from problems.code_files import join_files


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Kind(models.TextChoices):
    SOLUTION = "solution", "Write the code"
    # The user writes a _test.go file; it is judged against a correct implementation (it
    # must pass) and against mutants, each a known bug it must catch.
    TESTS = "tests", "Write the tests"


class Problem(models.Model):
    """The database copy of one folder under problems/catalog/ (the folder is the source of truth).

    File sets are stored as {filename: source} so multi-file problems need no new columns.
    """

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    step = models.PositiveSmallIntegerField()
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    tags = models.JSONField(default=list)
    language = models.CharField(max_length=20, default="go")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SOLUTION)
    package = models.CharField(max_length=60)
    statement = models.TextField()
    statement_html = models.TextField()
    starter_files = models.JSONField(default=dict)
    reference_files = models.JSONField(default=dict)
    example_test_files = models.JSONField(default=dict)
    hidden_test_files = models.JSONField(default=dict)
    # Top-level Test functions each judged run must report as passed exactly once.
    example_test_names = models.JSONField(default=list)
    hidden_test_names = models.JSONField(default=list)
    wrong_variants = models.JSONField(default=list)
    # What interviewers look for in a solution: a few short points, shown (with the reference and
    # the known-wrong variants) once the user solved the problem or chose to see the solution.
    look_for = models.JSONField(default=list, blank=True)
    # Benchmarks judged against the reference on Submit: {"bench_test.go": source}, the
    # Benchmark functions in it, and {"time_ratio", "rounds", "benchtime", "allocs": {name: max}}.
    bench_test_files = models.JSONField(default=dict, blank=True)
    benchmark_names = models.JSONField(default=list, blank=True)
    benchmark_config = models.JSONField(default=dict, blank=True)
    # Test-writing tasks: the code under test, its mutants [{name, why, files}], and which
    # functions the user's file must contain: {"require": "Test" | "Fuzz" | "Benchmark"}.
    impl_files = models.JSONField(default=dict, blank=True)
    mutants = models.JSONField(default=list, blank=True)
    tests_task = models.JSONField(default=dict, blank=True)
    time_limit_seconds = models.PositiveSmallIntegerField(default=10)
    race = models.BooleanField(default=False)
    # Packages ("unsafe") or identifiers ("io.LimitReader") a solution may not use.
    forbidden = models.JSONField(default=list)
    # {package: why}: packages of the judge's baseline (judge/runners/go/forbidden.py) this
    # problem lets a solution import, each for the reason given.
    allowed = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["step", "slug"]

    def __str__(self):
        return self.slug

    @property
    def writes_tests(self) -> bool:
        return self.kind == Kind.TESTS

    @property
    def starter_code(self):
        """What the editor shows first: the file, or all files in `-- name.go --` form."""
        return join_files(self.starter_files)


class Drill(models.Model):
    """A code-review drill: one known-wrong variant of a problem solved in code, where the user
    writes a test that fails on the variant and passes on the reference (the drills app).

    Offered only once validation (judge/validation.py, `manage.py validate_problems`) proved it
    fair, for the problem version in `content_hash`: the hidden suite, run as a user's test is,
    catches the variant and passes on the reference; and not trivial: the visible examples alone
    do not catch it. Otherwise `left_out` says why."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="drills")
    variant = models.CharField(max_length=100)
    offered = models.BooleanField(default=False)
    left_out = models.CharField(max_length=300, blank=True)
    # How many of the hidden suite's top-level tests fail on the variant: the fewer, the harder.
    hidden_failed = models.PositiveSmallIntegerField(default=0)
    hidden_total = models.PositiveSmallIntegerField(default=0)
    # A bug no test of behaviour sees, only a benchmark budget (allocations per op): the user's test
    # must assert one (testing.AllocsPerRun, testing.Benchmark). Validation proves the budgets catch it.
    benchmark = models.BooleanField(default=False)
    content_hash = models.CharField(max_length=64)  # the problem version it was checked on
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["problem_id", "variant"]
        constraints = [models.UniqueConstraint(fields=["problem", "variant"], name="unique_drill_variant")]

    def __str__(self):
        return f"{self.problem_id}:{self.variant}"

    @property
    def difficulty(self) -> str:
        """A bug one hidden test in the suite notices is harder to find than one most notice."""
        share = self.hidden_failed / self.hidden_total if self.hidden_total else 1
        if self.hidden_failed <= 1 or share < 0.25:
            return Difficulty.HARD
        return Difficulty.MEDIUM if share < 0.5 else Difficulty.EASY

    @property
    def title(self) -> str:
        return self.variant.replace("-", " ").capitalize()
