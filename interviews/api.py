"""The interviews API (contract: /api/interviews/...). Thin: parse, call a service, shape JSON.
Errors are {detail} (config.api.exception_handler answers a refusal with its status: a closed
or late interview is 409); someone else's interview is 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from config.api import PAGE_PARAMETER, SIGNED_IN, error_responses, paginated
from interviews import clock
from interviews.api_serializers import (
    InterviewStateSerializer,
    InterviewSummarySerializer,
    ReviewSerializer,
    TemplateSerializer,
)
from interviews.selectors import (
    interview_get_for_user,
    interview_list_for_user,
    interview_report,
    interview_state,
    interview_template_get,
    interview_template_list,
)
from interviews.services import (
    interview_expire_if_due,
    interview_finish,
    interview_load,
    interview_next,
    interview_review_save,
    interview_skip,
    interview_start,
)
from problems.drill_parts import review_test_template


class StartSerializer(serializers.Serializer):
    template = serializers.SlugField()
    hide_difficulty = serializers.BooleanField(required=False, allow_null=True, default=None)


class MoveSerializer(serializers.Serializer):
    # The position the caller believes is current; a stale one (another tab moved on) is a 409.
    position = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


def _iso(value):
    return value.isoformat() if value else None


def template_data(template) -> dict:
    return {"slug": template.slug, "title": template.title, "description": template.description,
            "duration_minutes": template.duration_minutes, "problem_count": template.problem_count,
            "shows_failing_case": template.shows_failing_case, "kind": template.kind,
            "rubric": [{"key": key, "label": label} for key, label in template.rubric_criteria]}


def _benchmarks(submission) -> list:
    return [{"name": b.name, "ns_per_op": b.ns_per_op, "allocs_per_op": b.allocs_per_op,
             "bytes_per_op": b.bytes_per_op, "reference_ns_per_op": b.reference_ns_per_op,
             "time_ratio": b.time_ratio, "passed": b.passed} for b in submission.benchmarks.all()]


def _bug(mistake) -> dict:
    return {"name": mistake.name, "why": mistake.why, "diff": mistake.diff}


def report_data(report) -> dict:
    problems = []
    for row in report.rows:
        graded = row.graded
        problems.append({
            "position": row.item.position, "label": row.item.label, "problem": row.item.problem.slug,
            "title": row.item.problem.title, "difficulty": row.item.problem.difficulty, "state": row.item.state,
            "verdict": row.result, "submission": graded.pk if graded else None,
            "time_spent_seconds": round(row.time_spent) if row.time_spent is not None else None,
            "runs": row.runs, "submits": row.submits,
            "benchmarks": _benchmarks(graded) if graded is not None else [],
            "bug": _bug(row.bug) if row.bug is not None else None,
        })
    return {
        "problems": problems,
        "totals": {"problems": len(report.rows), "solved": report.solved, "runs": report.runs,
                   "submits": report.submits, "time_spent_seconds": round(report.duration),
                   "pending": report.pending},
        "rubric": report.session.rubric or None,
        "rubric_total": report.rubric_total,
        "reviewed_at": _iso(report.session.reviewed_at),
    }


def state_data(state) -> dict:
    """The API's shape of an InterviewState (the page's: interviews.views._active_context)."""
    session = state.session
    data = {
        "id": session.pk,
        "template": template_data(session.template),
        "status": session.status,
        "end_reason": session.end_reason or None,
        "started_at": _iso(session.started_at),
        "deadline": _iso(session.deadline),
        "finished_at": _iso(session.finished_at),
        "remaining_seconds": session.remaining_seconds(state.now),
        "hide_difficulty": session.hide_difficulty,
        "problem_count": state.problem_count,
        "current_problem": None,
        "problems": [{"position": item.position, "label": item.label, "problem": item.problem.slug,
                      "title": item.problem.title, "state": item.state, "opened_at": _iso(item.opened_at),
                      "closed_at": _iso(item.closed_at)} for item in state.reached],
        "report": report_data(state.report) if state.report is not None else None,
    }
    if state.current is not None:
        current, problem = state.current, state.current.problem
        data["current_problem"] = {
            "position": current.position, "label": current.label, "slug": problem.slug, "title": problem.title,
            "statement": problem.statement, "starter": {problem.language: problem.starter_code},
            "package": problem.package, "difficulty": None if session.hide_difficulty else problem.difficulty,
            "opened_at": _iso(current.opened_at), **state.counts, "can_next": state.can_next,
            "code": state.code, "drill": None,
        }
        if state.drill is not None:  # a code-review round: the code under review, never the reference
            data["current_problem"].update(
                starter={problem.language: review_test_template(problem)},
                difficulty=None if session.hide_difficulty else state.drill.difficulty,
                drill={"id": state.drill.pk, "code": state.drill_code, "benchmark": state.drill.benchmark})
    return data


def _state(request, interview_id, now, status=status.HTTP_200_OK) -> Response:
    """The session read again after a change, as the page would show it."""
    session = interview_get_for_user(user=request.user, interview_id=interview_id)
    return Response(state_data(interview_state(session, now=now)), status=status)


TAGS = ["interviews"]
STATE = {200: InterviewStateSerializer}


@extend_schema(tags=TAGS, summary="The interviews on offer",
               responses={200: TemplateSerializer(many=True), **error_responses(*SIGNED_IN)})
@api_view(["GET"])
def interview_template_list_api(request):
    return Response([template_data(t) for t in interview_template_list()])


@extend_schema(methods=["GET"], operation_id="interviews_list", tags=TAGS, summary="Your interviews, newest first",
               parameters=[PAGE_PARAMETER],
               responses={200: paginated(InterviewSummarySerializer, "PaginatedInterviewList"),
                          **error_responses(*SIGNED_IN, 404)})
@extend_schema(methods=["POST"], tags=TAGS, summary="Start an interview (one at a time; 409 names the running one)",
               request=StartSerializer,
               responses={201: InterviewStateSerializer, **error_responses(400, *SIGNED_IN, 404, 409)})
@api_view(["GET", "POST"])
def interview_collection_api(request):
    now = clock.now()
    if request.method == "POST":
        data = StartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        template = interview_template_get(data.validated_data["template"])
        # One at a time: a 409 naming the running one (InterviewActive.data).
        session = interview_start(user=request.user, template=template,
                                  hide_difficulty=data.validated_data["hide_difficulty"], now=now)
        return _state(request, session.pk, now, status=status.HTTP_201_CREATED)

    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(interview_list_for_user(user=request.user), request)
    results = []
    for session in page:
        session = interview_expire_if_due(session=session, now=now)
        report = interview_report(session=session, now=now)
        results.append({"id": session.pk, "template": template_data(session.template), "status": session.status,
                        "end_reason": session.end_reason or None, "started_at": _iso(session.started_at),
                        "deadline": _iso(session.deadline), "finished_at": _iso(session.finished_at),
                        "remaining_seconds": session.remaining_seconds(now),
                        "solved": report.solved, "problem_count": len(report.rows)})
    return paginator.get_paginated_response(results)


@extend_schema(tags=TAGS, summary="An interview: clock, current problem, and the report once over",
               responses={**STATE, **error_responses(*SIGNED_IN, 404)})
@api_view(["GET"])
def interview_detail_api(request, interview_id):
    now = clock.now()
    session = interview_load(user=request.user, interview_id=interview_id, now=now)
    return Response(state_data(interview_state(session, now=now)))


def _move(request, interview_id, service):
    now = clock.now()
    session = interview_load(user=request.user, interview_id=interview_id, now=now)
    data = MoveSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    service(session=session, position=data.validated_data["position"], now=now)
    return _state(request, interview_id, now)


@extend_schema(tags=TAGS, summary="Move on after submitting the current problem (no going back)",
               request=MoveSerializer, responses={**STATE, **error_responses(400, *SIGNED_IN, 404, 409)})
@api_view(["POST"])
def interview_next_api(request, interview_id):
    return _move(request, interview_id, interview_next)


@extend_schema(tags=TAGS, summary="Give up the current problem and move on (no going back)",
               request=MoveSerializer, responses={**STATE, **error_responses(400, *SIGNED_IN, 404, 409)})
@api_view(["POST"])
def interview_skip_api(request, interview_id):
    return _move(request, interview_id, interview_skip)


@extend_schema(tags=TAGS, summary="End the interview now (an ended one stays as it is)", request=None,
               responses={**STATE, **error_responses(*SIGNED_IN, 404)})
@api_view(["POST"])
def interview_finish_api(request, interview_id):
    now = clock.now()
    interview_finish(session=interview_load(user=request.user, interview_id=interview_id, now=now), now=now)
    return _state(request, interview_id, now)


@extend_schema(tags=TAGS, summary="Save your self-review once the interview is over", request=ReviewSerializer,
               responses={**STATE, **error_responses(400, *SIGNED_IN, 404, 409)})
@api_view(["POST"])
def interview_review_api(request, interview_id):
    """Body: {"rubric": {criterion: {"score": 1-4, "note": "..."}}} (or the criteria at the top level)."""
    now = clock.now()
    session = interview_load(user=request.user, interview_id=interview_id, now=now)
    body = request.data if isinstance(request.data, dict) else {}
    interview_review_save(session=session, rubric=body.get("rubric", body), now=now)
    return _state(request, interview_id, now)
