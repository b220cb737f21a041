import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from problems.models import Difficulty

SLOT_KEYS = {"label", "tags", "exclude_tags", "steps", "difficulties", "slugs"}
MAX_SLOTS = 10
WARNING_SECONDS = 5 * 60  # the countdown turns to a warning in the last five minutes

# The self-review rubric of a coding interview, in the order the report shows it; each criterion
# is scored 1-4.
RUBRIC_CRITERIA = [
    ("problem_solving", "Problem solving"),
    ("code_quality", "Code quality"),
    ("testing", "Testing"),
    ("communication", "Communication"),
    ("speed", "Speed"),
]
# The code-review round's: what a reviewer is judged on when handed a pull request with a bug.
REVIEW_RUBRIC_CRITERIA = [
    ("finding_the_bug", "Finding the bug"),
    ("proving_it", "Proving it with a test"),
    ("explaining_it", "Explaining it"),
    ("test_quality", "Test quality"),
    ("speed", "Speed"),
]
RUBRIC_SCORES = [(1, "Needs work"), (2, "Mixed"), (3, "Good"), (4, "Strong")]


def validate_slots(slots):
    """Slots are [{"label", "tags", "exclude_tags", "steps", "difficulties", "slugs"}]; empty lists match anything."""
    if not isinstance(slots, list) or not 1 <= len(slots) <= MAX_SLOTS:
        raise ValidationError(f"Give between 1 and {MAX_SLOTS} slots (one per problem).")
    for i, slot in enumerate(slots, start=1):
        if not isinstance(slot, dict):
            raise ValidationError(f"Slot {i} must be an object.")
        unknown = set(slot) - SLOT_KEYS
        if unknown:
            raise ValidationError(f"Slot {i}: unknown keys {', '.join(sorted(unknown))} "
                                  f"(allowed: {', '.join(sorted(SLOT_KEYS))}).")
        if not isinstance(slot.get("label"), str) or not slot["label"].strip():
            raise ValidationError(f"Slot {i} needs a label, e.g. \"Concurrency\".")
        for key in ("tags", "exclude_tags", "slugs"):
            value = slot.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ValidationError(f"Slot {i}: {key} must be a list of strings.")
        steps = slot.get("steps", [])
        if not isinstance(steps, list) or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 1
                                                  for s in steps):
            raise ValidationError(f"Slot {i}: steps must be a list of step numbers.")
        difficulties = slot.get("difficulties", [])
        if not isinstance(difficulties, list) or not set(difficulties) <= set(Difficulty.values):
            raise ValidationError(f"Slot {i}: difficulties must be among {', '.join(Difficulty.values)}.")


class InterviewTemplate(models.Model):
    """What a mock interview is: its clock and, per problem, the pool it is drawn from. Staff edit these."""

    class Kind(models.TextChoices):
        PROBLEMS = "problems", "Coding problems"
        DRILLS = "drills", "Code-review drills"

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(600)])
    hide_difficulty = models.BooleanField(default=False, help_text="Hide difficulty labels by default.")
    shows_failing_case = models.BooleanField(
        default=False, help_text="Submit shows the first failing hidden test's message (input, got, want), as "
                                 "practice does. Off: failing hidden tests are shown by name only.")
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.PROBLEMS,
        help_text="What each slot draws: a problem to solve, or an offered code-review drill (a known-wrong "
                  "solution whose bug the user proves with a test). A drill slot's \"difficulties\" are the "
                  "drill's; its tags, steps and slugs are its problem's.")
    active = models.BooleanField(default=True, help_text="Offered to users.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the interviews page.")
    slots = models.JSONField(
        default=list, validators=[validate_slots],
        help_text='One object per problem, in order: {"label": "Concurrency", "tags": ["goroutines"], '
                  '"steps": [6, 14], "difficulties": ["medium"], "slugs": []}. A problem matches when it has '
                  'any listed tag, none of "exclude_tags", one of the steps, one of the difficulties (empty lists '
                  'match anything); "slugs" pins the pool to those problems.')

    class Meta:
        ordering = ["position", "duration_minutes", "slug"]

    def __str__(self):
        return self.title

    @property
    def problem_count(self) -> int:
        return len(self.slots)

    @property
    def is_drill_round(self) -> bool:
        return self.kind == self.Kind.DRILLS

    @property
    def rubric_criteria(self) -> list:
        """[(key, label)] of the self-review its sessions are scored on."""
        return REVIEW_RUBRIC_CRITERIA if self.is_drill_round else RUBRIC_CRITERIA


class InterviewSession(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        FINISHED = "finished", "Finished"

    class EndReason(models.TextChoices):
        COMPLETED = "completed", "All problems done"
        EARLY = "early", "Ended early"
        DEADLINE = "deadline", "Time ran out"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_sessions")
    template = models.ForeignKey(InterviewTemplate, on_delete=models.PROTECT, related_name="sessions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    started_at = models.DateTimeField()
    # Owned by the server: every clock the user sees is computed from it.
    deadline = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True)
    hide_difficulty = models.BooleanField(default=False)
    # {criterion: {"score": 1-4, "note": "..."}} (RUBRIC_CRITERIA), filled in after the interview.
    rubric = models.JSONField(default=dict, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(status="active"),
                                    name="one_active_interview_per_user"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.template_id} {self.user_id} {self.status}"

    def get_absolute_url(self):
        return reverse("interview_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def remaining(self, now) -> float:
        """Seconds left on the server's clock (0 once finished or past the deadline)."""
        if not self.is_active:
            return 0.0
        return max(0.0, (self.deadline - now).total_seconds())

    def remaining_seconds(self, now) -> int:
        """Whole seconds, rounded up: 0 means time is up."""
        return math.ceil(self.remaining(now))


class InterviewProblem(models.Model):
    """One problem of a session. All are drawn at the start; the user sees them one at a time."""

    class State(models.TextChoices):
        PENDING = "pending", "Not reached"
        CURRENT = "current", "Current"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="problems")
    position = models.PositiveSmallIntegerField()  # 1-based
    label = models.CharField(max_length=120)
    problem = models.ForeignKey("problems.Problem", on_delete=models.PROTECT, related_name="+")
    # A code-review round's slot: the known-wrong variant of `problem` (a drill, problems.models.Drill)
    # whose bug the user's test must catch. Blank for a problem to solve.
    variant = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The editor's content, saved as the user types (as practice drafts are): a reload or a second
    # device shows it. Never graded: only submissions are.
    draft = models.TextField(blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="interview_problem_position_unique"),
            models.UniqueConstraint(fields=["session", "problem"], name="interview_problem_once_per_session"),
        ]

    def __str__(self):
        return f"{self.session_id}/{self.position} {self.problem_id}{':' + self.variant if self.variant else ''} {self.state}"

    @property
    def is_drill(self) -> bool:
        return bool(self.variant)

    def time_spent(self, now) -> float | None:
        """Seconds this problem was on screen; None if it was never reached."""
        if self.opened_at is None:
            return None
        end = self.closed_at or now
        return max(0.0, (end - self.opened_at).total_seconds())
