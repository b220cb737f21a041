"""The interviews API (contract: /api/interviews/...). Thin: parse, call a service, shape JSON.
Errors are {detail}; a closed or late interview is 409; someone else's interview is 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from config.api import PAGE_PARAMETER, SIGNED_IN, error_responses, paginated
from interviews import clock
from interviews.api_serializers import (InterviewStateSerializer, InterviewSummarySerializer, ReviewSerializer,
                                        TemplateSerializer)
from interviews.selectors import (interview_counts, interview_current, interview_editor_code, interview_get_for_user,
                                  interview_list_for_user, interview_report, interview_template_get,
                                  interview_template_list)
from interviews.services import (InterviewActive, InterviewError, interview_expire_if_due, interview_finish,
                                 interview_next, interview_review_save, interview_skip, interview_start)


class StartSerializer(serializers.Serializer):
    template = serializers.SlugField()
    hide_difficulty = serializers.BooleanField(required=False, allow_null=True, default=None)


class MoveSerializer(serializers.Serializer):
    # The position the caller believes is current; a stale one (another tab moved on) is a 409.
    position = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


def _iso(value):
    return value.isoformat() if value else None


def _refusal(exc: InterviewError) -> Response:
    body = {"detail": " ".join(exc.messages)}
    if isinstance(exc, InterviewActive) and exc.session is not None:
        body["id"] = exc.session.pk
    return Response(body, status=exc.status_code)


def template_data(template) -> dict:
    return {"slug": template.slug, "title": template.title, "description": template.description,
            "duration_minutes": template.duration_minutes, "problem_count": template.problem_count,
            "shows_failing_case": template.shows_failing_case}


def _benchmarks(submission) -> list:
    return [{"name": b.name, "ns_per_op": b.ns_per_op, "allocs_per_op": b.allocs_per_op,
             "bytes_per_op": b.bytes_per_op, "reference_ns_per_op": b.reference_ns_per_op,
             "time_ratio": b.time_ratio, "passed": b.passed} for b in submission.benchmarks.all()]


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


def state_data(session, *, now) -> dict:
    hide = session.hide_difficulty
    current = interview_current(session) if session.is_active else None
    reached = [item for item in session.problems.all() if item.opened_at is not None]
    data = {
        "id": session.pk,
        "template": template_data(session.template),
        "status": session.status,
        "end_reason": session.end_reason or None,
        "started_at": _iso(session.started_at),
        "deadline": _iso(session.deadline),
        "finished_at": _iso(session.finished_at),
        "remaining_seconds": session.remaining_seconds(now),
        "hide_difficulty": hide,
        "problem_count": len(session.problems.all()),
        "current_problem": None,
        "problems": [{"position": item.position, "label": item.label, "problem": item.problem.slug,
                      "title": item.problem.title, "state": item.state, "opened_at": _iso(item.opened_at),
                      "closed_at": _iso(item.closed_at)} for item in reached],
        "report": None,
    }
    if current is not None:
        problem = current.problem
        counts = interview_counts(session, problem)
        data["current_problem"] = {
            "position": current.position, "label": current.label, "slug": problem.slug, "title": problem.title,
            "statement": problem.statement, "starter": {problem.language: problem.starter_code},
            "package": problem.package, "difficulty": None if hide else problem.difficulty,
            "opened_at": _iso(current.opened_at), **counts, "can_next": counts["submits"] > 0,
            "code": interview_editor_code(session, problem),
        }
    else:
        data["report"] = report_data(interview_report(session=session, now=now))
    return data


def _load(request, interview_id, now):
    session = interview_get_for_user(user=request.user, interview_id=interview_id)
    return interview_expire_if_due(session=session, now=now)


def _fresh(request, interview_id, now) -> Response:
    session = interview_get_for_user(user=request.user, interview_id=interview_id)
    return Response(state_data(session, now=now))


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
        try:
            session = interview_start(user=request.user, template=template,
                                      hide_difficulty=data.validated_data["hide_difficulty"], now=now)
        except InterviewError as exc:
            return _refusal(exc)
        session = interview_get_for_user(user=request.user, interview_id=session.pk)
        return Response(state_data(session, now=now), status=status.HTTP_201_CREATED)

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
    _load(request, interview_id, now)
    return _fresh(request, interview_id, now)


def _move(request, interview_id, service):
    now = clock.now()
    session = _load(request, interview_id, now)
    data = MoveSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    try:
        service(session=session, position=data.validated_data["position"], now=now)
    except InterviewError as exc:
        return _refusal(exc)
    return _fresh(request, interview_id, now)


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
    interview_finish(session=_load(request, interview_id, now), now=now)
    return _fresh(request, interview_id, now)


@extend_schema(tags=TAGS, summary="Save your self-review once the interview is over", request=ReviewSerializer,
               responses={**STATE, **error_responses(400, *SIGNED_IN, 404, 409)})
@api_view(["POST"])
def interview_review_api(request, interview_id):
    """Body: {"rubric": {criterion: {"score": 1-4, "note": "..."}}} (or the criteria at the top level)."""
    now = clock.now()
    session = _load(request, interview_id, now)
    body = request.data if isinstance(request.data, dict) else {}
    try:
        interview_review_save(session=session, rubric=body.get("rubric", body), now=now)
    except InterviewError as exc:
        return _refusal(exc)
    return _fresh(request, interview_id, now)
