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

from config.api import SIGNED_IN, error_responses
from config.api_input import TextField
from practice.dashboard import dashboard_for_user
from practice.selectors import draft_get, note_get
from practice.services import draft_discard, draft_save, note_save
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


class HeatDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField()


class RevisitSerializer(serializers.Serializer):
    problem = serializers.CharField()
    title = serializers.CharField()
    reason = serializers.CharField()
    last_at = serializers.DateTimeField()


class DashboardSerializer(serializers.Serializer):
    submits = serializers.IntegerField()
    accepted_submits = serializers.IntegerField()
    accepted_rate = serializers.IntegerField(allow_null=True, help_text="Percent of Submits accepted.")
    runs = serializers.IntegerField()
    practice_days = serializers.IntegerField(help_text="Days with a submission in the heatmap's range.")
    streak = serializers.IntegerField(help_text="Days in a row with a submission, up to today.")
    heatmap = HeatDaySerializer(many=True, help_text="Submissions per day, oldest first, up to today.")
    revisit = RevisitSerializer(many=True, help_text="Problems worth another go, and why.")


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
    }).data)
