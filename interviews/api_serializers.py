"""The shapes of the interviews API, for its OpenAPI schema: interviews/api.py builds these
dicts itself, and the contract test (tests/integration/test_api_schema.py) checks its real
answers against what is declared here, so the two cannot drift apart unnoticed."""

from rest_framework import serializers

from interviews.models import (
    REVIEW_RUBRIC_CRITERIA,
    RUBRIC_CRITERIA,
    InterviewProblem,
    InterviewSession,
    InterviewTemplate,
)

# For the schema's enum names (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
InterviewStatus = InterviewSession.Status
InterviewKind = InterviewTemplate.Kind


class RubricCriterionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class TemplateSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    duration_minutes = serializers.IntegerField()
    problem_count = serializers.IntegerField()
    shows_failing_case = serializers.BooleanField(
        help_text="Submit shows the first failing hidden test's message; false: failing tests by name only.")
    kind = serializers.ChoiceField(
        choices=InterviewKind.choices,
        help_text="`problems`: each slot a problem to solve; `drills`: a code-review round, each slot a "
                  "solution with one bug for your test to catch.")
    rubric = RubricCriterionSerializer(many=True, help_text="The criteria its self-review is scored on, in order.")


class ReachedProblemSerializer(serializers.Serializer):
    """A problem of the interview already reached (the rest stay hidden until their turn)."""

    position = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True)
    problem = serializers.CharField(help_text="The problem's slug.")
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=InterviewProblem.State.choices)
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class CurrentDrillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="The code under review (one file, or `-- name.go --` sections).")
    benchmark = serializers.BooleanField(help_text="Only allocations show the bug: your test must measure them.")


class CurrentProblemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True)
    slug = serializers.CharField()
    title = serializers.CharField()
    statement = serializers.CharField(help_text="Markdown.")
    starter = serializers.DictField(child=serializers.CharField(), help_text="{language: code}")
    package = serializers.CharField()
    difficulty = serializers.CharField(allow_null=True, help_text="Null when the interview hides difficulties.")
    opened_at = serializers.DateTimeField(allow_null=True)
    runs = serializers.IntegerField()
    submits = serializers.IntegerField()
    can_next = serializers.BooleanField(help_text="Next needs at least one Submit of this problem; Skip does not.")
    code = serializers.CharField(allow_blank=True, help_text=(
        "What the editor shows: the newer of its draft (autosaved by the interview page as you type) and your "
        "last code sent for it here, else the starter."))
    drill = CurrentDrillSerializer(allow_null=True, help_text=(
        "In a code-review round: the code under review. Your test (`code`, a _test.go file) goes to "
        "POST /api/review/{drill.id}/submissions/ with `interview`; it must fail on this code and pass on a "
        "correct solution. Null for a problem to solve."))


class ReportBenchmarkSerializer(serializers.Serializer):
    name = serializers.CharField()
    ns_per_op = serializers.FloatField()
    allocs_per_op = serializers.FloatField()
    bytes_per_op = serializers.FloatField()
    reference_ns_per_op = serializers.FloatField()
    time_ratio = serializers.FloatField(allow_null=True)
    passed = serializers.BooleanField()


class ReportBugSerializer(serializers.Serializer):
    name = serializers.CharField()
    why = serializers.CharField()
    diff = serializers.CharField(help_text="The code reviewed against the reference, as a unified diff.")


class ReportProblemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True)
    problem = serializers.CharField()
    title = serializers.CharField()
    difficulty = serializers.CharField()
    state = serializers.ChoiceField(choices=InterviewProblem.State.choices)
    verdict = serializers.CharField(
        help_text="The last Submit's verdict, `pending` while it is judged, or `not_submitted`.")
    submission = serializers.IntegerField(allow_null=True, help_text="The graded submission's id.")
    time_spent_seconds = serializers.IntegerField(allow_null=True)
    runs = serializers.IntegerField()
    submits = serializers.IntegerField()
    benchmarks = ReportBenchmarkSerializer(many=True)
    bug = ReportBugSerializer(allow_null=True, help_text="A code-review round's drill: its bug. Null otherwise.")


class ReportTotalsSerializer(serializers.Serializer):
    problems = serializers.IntegerField()
    solved = serializers.IntegerField()
    runs = serializers.IntegerField()
    submits = serializers.IntegerField()
    time_spent_seconds = serializers.IntegerField()
    pending = serializers.BooleanField(help_text="A graded submission is still being judged.")


class RubricEntrySerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=4)
    note = serializers.CharField(allow_blank=True, required=False, max_length=2000)


# One field per criterion of either rubric: an interview is scored on every criterion of its
# template's (`template.rubric`: a coding interview's, or a code-review round's), and on no other.
_RUBRIC_FIELDS = {key: RubricEntrySerializer(required=False, help_text=f"{label} (coding interviews)")
                  for key, label in RUBRIC_CRITERIA}
for _key, _label in REVIEW_RUBRIC_CRITERIA:
    _RUBRIC_FIELDS[_key] = RubricEntrySerializer(required=False, help_text=(
        f"{_label} ({'every interview' if _key in _RUBRIC_FIELDS else 'code-review rounds'})"))
RubricSerializer = type("RubricSerializer", (serializers.Serializer,), _RUBRIC_FIELDS)


class ReportSerializer(serializers.Serializer):
    problems = ReportProblemSerializer(many=True)
    totals = ReportTotalsSerializer()
    rubric = RubricSerializer(allow_null=True, help_text="Your self-review; null until saved.")
    rubric_total = serializers.IntegerField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)


class InterviewStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    template = TemplateSerializer()
    status = serializers.ChoiceField(choices=InterviewSession.Status.choices)
    end_reason = serializers.ChoiceField(choices=InterviewSession.EndReason.choices, allow_null=True)
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(help_text="The server's; every clock is computed from it.")
    finished_at = serializers.DateTimeField(allow_null=True)
    remaining_seconds = serializers.IntegerField(help_text="Whole seconds left, rounded up; 0 once over.")
    hide_difficulty = serializers.BooleanField()
    problem_count = serializers.IntegerField()
    current_problem = CurrentProblemSerializer(allow_null=True, help_text="Null once the interview is over.")
    problems = ReachedProblemSerializer(many=True)
    report = ReportSerializer(allow_null=True, help_text="Once the interview is over.")


class InterviewSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    template = TemplateSerializer()
    status = serializers.ChoiceField(choices=InterviewSession.Status.choices)
    end_reason = serializers.ChoiceField(choices=InterviewSession.EndReason.choices, allow_null=True)
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    remaining_seconds = serializers.IntegerField()
    solved = serializers.IntegerField()
    problem_count = serializers.IntegerField()


class ReviewSerializer(serializers.Serializer):
    """{"rubric": {criterion: {"score": 1-4, "note": "..."}}}, every criterion scored."""

    rubric = RubricSerializer()
