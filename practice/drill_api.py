"""Code-review drills through the API (/api/review/...). Thin: practice.drill_selectors and
practice.drill_services do the work; a drill not open to the caller is a 403 with the reason
(DrillHidden), one not offered a 404. A drill's test is judged as a submission: poll it at
/api/submissions/<id>/ like any other."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from config.api import SIGNED_IN, error_responses
from config.api_input import TextField
from interviews.selectors import interview_get_for_user
from judge.api import SubmissionDetailSerializer
from practice.drill_selectors import (
    changed_lines,
    drill_code,
    drill_get,
    drill_get_for_user,
    drill_list_for_user,
    drill_mistake,
    drill_review_get,
    drill_submissions,
    drill_test_template,
)
from practice.drill_services import drill_review_save, drill_submit

TAGS = ["code review"]
DIFFICULTIES = ["easy", "medium", "hard"]


class DrillRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    problem = serializers.CharField(help_text="The problem's slug.")
    title = serializers.CharField(help_text="The problem's title and the drill's number (not the bug's name).")
    step = serializers.IntegerField()
    difficulty = serializers.ChoiceField(choices=DIFFICULTIES,
                                         help_text="From how many hidden tests the bug fails: fewer is harder.")
    benchmark = serializers.BooleanField(help_text="Only allocations show the bug: your test must measure them.")
    open = serializers.BooleanField(help_text="Whether you may open it (solved, or chosen to review unsolved).")
    hidden_reason = serializers.CharField(allow_blank=True)
    tried = serializers.BooleanField()
    caught = serializers.BooleanField()


class DrillReviewSerializer(serializers.Serializer):
    lines = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=40,
                                  help_text="Lines of `code` you believe are wrong.")
    explanation = TextField(max_length=200, help_text="What is wrong, in one line.")


class DrillRevealSerializer(serializers.Serializer):
    lines = serializers.ListField(child=serializers.IntegerField())
    explanation = serializers.CharField()
    hits = serializers.BooleanField(help_text="Whether your lines touch the lines that differ from the reference.")
    bug_lines = serializers.ListField(child=serializers.IntegerField(), help_text="The lines that differ.")
    name = serializers.CharField(help_text="The bug's name.")
    why = serializers.CharField(help_text="What the bug is.")
    diff = serializers.CharField(help_text="The code under review against the reference, as a unified diff.")


class DrillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    problem = serializers.CharField()
    title = serializers.CharField()
    difficulty = serializers.ChoiceField(choices=DIFFICULTIES)
    benchmark = serializers.BooleanField(help_text="Only allocations show the bug: your test must measure them.")
    statement = serializers.CharField(help_text="The problem's statement (Markdown).")
    package = serializers.CharField()
    code = serializers.CharField(help_text="The code under review (one file, or `-- name.go --` sections).")
    test_template = serializers.CharField(help_text="A test file to start from.")
    submissions = serializers.ListField(child=serializers.IntegerField(), help_text="Your tests' submissions, newest first.")
    review = DrillRevealSerializer(allow_null=True, help_text="Your review and the bug, once you saved it.")


class DrillTestSerializer(serializers.Serializer):
    code = TextField(trim_whitespace=False, allow_blank=True, help_text="Your _test.go file.")
    interview = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="Your running code-review round whose current drill this is (its state's "
                  "`current_problem.drill.id`): the test counts there; 409 once the interview is over.")


def _title(drill) -> str:
    return f"{drill.problem.title}: bug {drill.number}"


def _reveal(user, drill):
    review = drill_review_get(user=user, drill=drill)
    if review is None:
        return None
    mistake = drill_mistake(drill)
    return {"lines": review.lines, "explanation": review.explanation, "hits": review.hits,
            "bug_lines": sorted(changed_lines(drill)), "name": mistake.name, "why": mistake.why, "diff": mistake.diff}


@extend_schema(tags=TAGS, summary="Code-review drills: each a solution with one bug for your test to catch",
               responses={200: DrillRowSerializer(many=True), **error_responses(*SIGNED_IN)})
@api_view(["GET"])
def drill_list_api(request):
    rows = drill_list_for_user(user=request.user)
    return Response([{"id": r.drill.pk, "problem": r.drill.problem.slug, "title": r.label, "step": r.drill.problem.step,
                      "difficulty": r.drill.difficulty, "benchmark": r.drill.benchmark, "open": r.access.visible,
                      "hidden_reason": "" if r.access.visible else r.access.hidden_reason,
                      "tried": r.tried, "caught": r.caught} for r in rows])


@extend_schema(tags=TAGS, summary="A drill: the statement and the code under review",
               responses={200: DrillSerializer, **error_responses(*SIGNED_IN, 404)})
@api_view(["GET"])
def drill_detail_api(request, drill_id):
    drill, _ = drill_get_for_user(user=request.user, drill_id=drill_id)
    return Response({"id": drill.pk, "problem": drill.problem.slug, "title": _title(drill),
                     "difficulty": drill.difficulty, "benchmark": drill.benchmark, "statement": drill.problem.statement,
                     "package": drill.problem.package, "code": drill_code(drill),
                     "test_template": drill_test_template(drill),
                     "submissions": [s.pk for s in drill_submissions(user=request.user, drill=drill)],
                     "review": _reveal(request.user, drill)})


@extend_schema(tags=TAGS, summary="Judge your test for a drill (201: queued; poll /api/submissions/<id>/)",
               request=DrillTestSerializer,
               responses={201: SubmissionDetailSerializer, **error_responses(400, *SIGNED_IN, 404, 409, 429)})
@api_view(["POST"])
def drill_submit_api(request, drill_id):
    drill = drill_get(drill_id)
    data = DrillTestSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    interview_id = data.validated_data["interview"]
    interview = None if interview_id is None else interview_get_for_user(user=request.user, interview_id=interview_id)
    submission = drill_submit(user=request.user, drill=drill, code=data.validated_data["code"], interview=interview)
    return Response(SubmissionDetailSerializer(submission).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS, summary="After a verdict: mark the lines, say what is wrong, and see the bug",
               request=DrillReviewSerializer,
               responses={201: DrillRevealSerializer, **error_responses(400, *SIGNED_IN, 404)})
@api_view(["POST"])
def drill_review_api(request, drill_id):
    drill = drill_get(drill_id)
    data = DrillReviewSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    drill_review_save(user=request.user, drill=drill, lines=data.validated_data["lines"],
                      explanation=data.validated_data["explanation"])
    return Response(_reveal(request.user, drill), status=status.HTTP_201_CREATED)
