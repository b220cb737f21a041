"""The caller's own practice state through the API: the editor's draft and notes per problem,
and the dashboard. Thin: practice.selectors and practice.services do the work.

Every lookup is the caller's own (the selectors filter by user), so there is nothing of anyone
else's to find. A problem without a saved draft (or notes) answers 404 `{"detail": ...}`: "nothing
saved" stays distinct from "saved empty", and the editor falls back to the problem's starter."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from config.api import SIGNED_IN, ErrorSerializer, error_responses
from config.api_input import TextField
from practice.dashboard import dashboard_for_user
from practice.selectors import draft_get, note_get, solution_get_for_user
from practice.services import draft_discard, draft_save, note_save, solution_reveal
from problems.selectors import problem_get

TAGS = ["drafts and notes"]
NO_DRAFT = "No draft is saved for this problem; the editor starts from the problem's starter code."
NO_NOTES = "No notes are saved for this problem."


class DraftSerializer(serializers.Serializer):
    problem = serializers.CharField(read_only=True, help_text="The problem's slug.")
    code = TextField(trim_whitespace=False, allow_blank=True)
    custom_tests = TextField(
        trim_whitespace=False, allow_blank=True, required=False,
        help_text="Your own _test.go cases for Run. Left out of a PUT: kept as they were.")
    updated_at = serializers.DateTimeField(read_only=True)


class NoteSerializer(serializers.Serializer):
    problem = serializers.CharField(read_only=True, help_text="The problem's slug.")
    text = TextField(trim_whitespace=False, allow_blank=True)
    updated_at = serializers.DateTimeField(read_only=True)


def _draft_data(draft, problem) -> dict:
    return {"problem": problem.slug, "code": draft.code, "custom_tests": draft.custom_tests,
            "updated_at": draft.updated_at}


def _note_data(note, problem) -> dict:
    return {"problem": problem.slug, "text": note.text, "updated_at": note.updated_at}


_MISSING = OpenApiResponse(description="No such problem, or nothing saved for it yet (`detail` says which).")


@extend_schema(methods=["GET"], tags=TAGS, summary="Your draft of a problem",
               responses={200: DraftSerializer, **error_responses(*SIGNED_IN), 404: _MISSING})
@extend_schema(methods=["PUT"], tags=TAGS, summary="Save your draft (last write wins)", request=DraftSerializer,
               responses={200: DraftSerializer, **error_responses(400, *SIGNED_IN, 404)})
@extend_schema(methods=["DELETE"], tags=TAGS, summary="Discard your draft (back to the starter code)",
               responses={204: None, **error_responses(*SIGNED_IN, 404)})
@api_view(["GET", "PUT", "DELETE"])
def draft_api(request, slug):
    problem = problem_get(slug)
    if request.method == "PUT":
        data = DraftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = draft_save(user=request.user, problem=problem, code=data.validated_data["code"],
                           custom_tests=data.validated_data.get("custom_tests"))
        return Response(_draft_data(draft, problem))
    if request.method == "DELETE":
        draft_discard(user=request.user, problem=problem)
        return Response(status=status.HTTP_204_NO_CONTENT)
    draft = draft_get(user=request.user, problem=problem)
    if draft is None:
        raise Http404(NO_DRAFT)
    return Response(_draft_data(draft, problem))


@extend_schema(methods=["GET"], tags=TAGS, summary="Your notes on a problem",
               responses={200: NoteSerializer, **error_responses(*SIGNED_IN), 404: _MISSING})
@extend_schema(methods=["PUT"], tags=TAGS, summary="Save your notes on a problem", request=NoteSerializer,
               responses={200: NoteSerializer, **error_responses(400, *SIGNED_IN, 404)})
@api_view(["GET", "PUT"])
def note_api(request, slug):
    problem = problem_get(slug)
    if request.method == "PUT":
        data = NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(_note_data(note_save(user=request.user, problem=problem, text=data.validated_data["text"]),
                                   problem))
    note = note_get(user=request.user, problem=problem)
    if note is None:
        raise Http404(NO_NOTES)
    return Response(_note_data(note, problem))


class SolutionFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    source = serializers.CharField()


class MistakeSerializer(serializers.Serializer):
    name = serializers.CharField()
    why = serializers.CharField(help_text="What is wrong with it, in a sentence.")
    verdict = serializers.CharField(allow_blank=True, help_text="The verdict it gets; empty for a test-writing "
                                                                "task's bug (a mutant your tests had to catch).")
    diff = serializers.CharField(help_text="Its lines against the reference (or, for a bug, against the correct "
                                           "code) as a unified diff.")


class SolutionSerializer(serializers.Serializer):
    problem = serializers.CharField(help_text="The problem's slug.")
    solved = serializers.BooleanField(help_text="You have an accepted Submit of it.")
    viewed_solution_at = serializers.DateTimeField(
        allow_null=True, help_text="When you chose to see the solution before solving it; null if you did not.")
    reference = SolutionFileSerializer(many=True, help_text="The reference solution (tests, for a test-writing "
                                                            "task), file by file.")
    reference_code = serializers.CharField(help_text="The same as one text, as the editor shows code: several "
                                                     "files as `-- name.go --` sections.")
    look_for = serializers.ListField(child=serializers.CharField(), help_text="What interviewers look for.")
    mistakes = MistakeSerializer(many=True, help_text="Common mistakes: known-wrong solutions, or for a "
                                                      "test-writing task the bugs its tests had to catch.")


def _solution_data(review, access, problem) -> dict:
    return {
        "problem": problem.slug, "solved": access.solved, "viewed_solution_at": access.revealed_at,
        "reference": [{"name": f.name, "source": f.source} for f in review.reference],
        "reference_code": review.reference_code, "look_for": review.look_for,
        "mistakes": [{"name": m.name, "why": m.why, "verdict": m.verdict, "diff": m.diff} for m in review.mistakes],
    }


_HIDDEN = OpenApiResponse(ErrorSerializer, description="Not signed in, or the solution is not yours to see yet: "
                                                       "you have not solved the problem nor chosen to see it, or it "
                                                       "is part of your running interview (`detail` says which).")


@extend_schema(methods=["GET"], tags=["solutions"], summary="A problem's solution, once you solved it or chose to see it",
               description="The reference solution, what interviewers look for and the common mistakes, each with "
                           "its lines against the reference. Hidden (403) until you solved the problem or chose to "
                           "see it (POST), and while it is part of your running interview.",
               responses={200: SolutionSerializer, **error_responses(401), 403: _HIDDEN, **error_responses(404)})
@extend_schema(methods=["POST"], tags=["solutions"], summary="Show the solution now (recorded as viewed)",
               description="Recorded once, unless you solved the problem already: your progress says you viewed "
                           "the solution. Refused (403) while the problem is part of your running interview.",
               request=None, responses={200: SolutionSerializer, **error_responses(401), 403: _HIDDEN,
                                        **error_responses(404)})
@api_view(["GET", "POST"])
def solution_api(request, slug):
    problem = problem_get(slug)
    if request.method == "POST":
        solution_reveal(user=request.user, problem=problem)  # hidden: SolutionHidden, a 403
    review, access = solution_get_for_user(user=request.user, problem=problem)
    return Response(SolutionSerializer(_solution_data(review, access, problem)).data)


class HeatDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField()


class RevisitSerializer(serializers.Serializer):
    problem = serializers.CharField()
    title = serializers.CharField()
    reason = serializers.CharField()
    last_at = serializers.DateTimeField()


class ViewedSolutionSerializer(serializers.Serializer):
    problem = serializers.CharField()
    title = serializers.CharField()
    viewed_at = serializers.DateTimeField()
    solved = serializers.BooleanField(help_text="Solved since.")


class DrillStepSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    offered = serializers.IntegerField(help_text="Code-review drills of this step.")
    caught = serializers.IntegerField(help_text="Those one of your tests caught.")


class DashboardSerializer(serializers.Serializer):
    submits = serializers.IntegerField()
    accepted_submits = serializers.IntegerField()
    accepted_rate = serializers.IntegerField(allow_null=True, help_text="Percent of Submits accepted.")
    runs = serializers.IntegerField()
    practice_days = serializers.IntegerField(help_text="Days with a submission in the heatmap's range.")
    streak = serializers.IntegerField(help_text="Days in a row with a submission, up to today.")
    heatmap = HeatDaySerializer(many=True, help_text="Submissions per day, oldest first, up to today.")
    revisit = RevisitSerializer(many=True, help_text="Problems worth another go, and why.")
    viewed_solutions = ViewedSolutionSerializer(many=True, help_text="Problems whose solution you chose to see "
                                                                     "before solving them, newest first.")
    drills = DrillStepSerializer(many=True, help_text="Code-review drills (/api/review/) by step.")


@extend_schema(tags=["dashboard"], summary="Your practice at a glance (the home page's dashboard)",
               responses={200: DashboardSerializer, **error_responses(*SIGNED_IN)})
@api_view(["GET"])
def dashboard_api(request):
    board = dashboard_for_user(request.user)
    return Response(DashboardSerializer({
        "submits": board.submits, "accepted_submits": board.accepted_submits, "accepted_rate": board.accepted_rate,
        "runs": board.runs, "practice_days": board.practice_days, "streak": board.streak,
        "heatmap": [{"date": day.day, "count": day.count} for week in board.weeks for day in week if day is not None],
        "revisit": [{"problem": r.slug, "title": r.title, "reason": r.reason, "last_at": r.last_at}
                    for r in board.revisit],
        "viewed_solutions": [{"problem": v.slug, "title": v.title, "viewed_at": v.viewed_at, "solved": v.solved}
                             for v in board.viewed_solutions],
        "drills": [{"step": d.step, "offered": d.offered, "caught": d.caught} for d in board.drills],
    }).data)
