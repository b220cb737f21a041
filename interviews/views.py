"""Interview pages: thin views over the selectors and services. "Now" comes from
interviews.clock, so tests can move time; a session read after its deadline ends there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from interviews import clock
from interviews.models import RUBRIC_CRITERIA, RUBRIC_SCORES, WARNING_SECONDS, InterviewSession
from interviews.selectors import (interview_active_for_user, interview_counts, interview_current,
                                  interview_editor_code, interview_get_for_user, interview_list_for_user,
                                  interview_report, interview_summaries, interview_template_get,
                                  interview_template_list)
from interviews.services import (InterviewActive, InterviewClosed, InterviewError, interview_draft_save,
                                 interview_expire_if_due, interview_finish, interview_next, interview_review_save,
                                 interview_skip, interview_start)
from judge.models import Mode
from judge.limits import SubmissionRefused
from judge.services import submission_create
from problems.models import Problem


def _load(request, interview_id):
    """(session, now): the user's own session (404 otherwise), ended first if its time is up."""
    now = clock.now()
    session = interview_get_for_user(user=request.user, interview_id=interview_id)
    if session.is_active and now >= session.deadline:
        interview_expire_if_due(session=session, now=now)
        session = interview_get_for_user(user=request.user, interview_id=interview_id)
    return session, now


def _mmss(seconds: float) -> str:
    whole = int(-(-seconds // 1))  # rounded up, as the script shows it
    return f"{whole // 60:02d}:{whole % 60:02d}"


@login_required
def interview_list_page(request):
    now = clock.now()
    active = interview_active_for_user(user=request.user)
    if active is not None and now >= active.deadline:
        interview_expire_if_due(session=active, now=now)
        active = None
    finished = interview_list_for_user(user=request.user).filter(status=InterviewSession.Status.FINISHED)
    page = Paginator(finished, 20).get_page(request.GET.get("page"))
    return render(request, "interviews/list.html", {
        "templates": interview_template_list(),
        "active": active,
        "active_left": _mmss(active.remaining(now)) if active else None,
        "page": page,
        "past": interview_summaries(page.object_list, now=now),
    })


@login_required
@require_POST
def interview_start_view(request):
    template = interview_template_get(request.POST.get("template", ""))
    try:
        session = interview_start(user=request.user, template=template,
                                  hide_difficulty=request.POST.get("hide_difficulty") == "on", now=clock.now())
    except InterviewActive as exc:
        messages.info(request, str(exc.messages[0]))
        return redirect(exc.session) if exc.session else redirect("interview_list")
    except InterviewError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("interview_list")
    return redirect(session)


def _active_context(session, now, *, code=None, error=None) -> dict:
    current = interview_current(session)
    remaining = session.remaining(now)
    counts = interview_counts(session, current.problem)
    return {
        "session": session, "current": current, "problem": current.problem,
        "count": len(session.problems.all()),
        "code": interview_editor_code(session, current.problem) if code is None else code,
        "error": error, "counts": counts,
        "remaining": f"{remaining:.3f}", "left": _mmss(remaining), "warning": remaining <= WARNING_SECONDS,
        "deadline_iso": session.deadline.isoformat(timespec="milliseconds"),
        "is_last": current.position == len(session.problems.all()),
    }


def _report_context(session, now, *, posted=None, **extra) -> dict:
    values = posted or session.rubric or {}
    form = [{"key": key, "label": label, "score": str(values.get(key, {}).get("score", "")),
             "note": values.get(key, {}).get("note", "")} for key, label in RUBRIC_CRITERIA]
    return {"session": session, "report": interview_report(session=session, now=now), "rubric_form": form,
            "scores": [(str(n), label) for n, label in RUBRIC_SCORES], **extra}


@login_required
def interview_page(request, interview_id):
    session, now = _load(request, interview_id)
    if session.is_active:
        return render(request, "interviews/active.html", _active_context(session, now))
    return render(request, "interviews/report.html", _report_context(session, now))


@login_required
def interview_report_partial(request, interview_id):
    """The report's live part: polled while a graded submission is still being judged."""
    session, now = _load(request, interview_id)
    return render(request, "interviews/_report.html", _report_context(session, now))


@login_required
@require_POST
def interview_submit(request, interview_id):
    session, now = _load(request, interview_id)
    code = request.POST.get("code", "")
    mode = Mode.RUN if request.POST.get("mode") == Mode.RUN else Mode.SUBMIT
    slug = request.POST.get("problem", "")
    # Anything but a slug is no problem. Looked up, a NUL would fail in PostgreSQL (a 500).
    problem = Problem.objects.filter(slug=slug).first() if slug_re.match(slug) else None
    try:
        if problem is None:
            raise ValidationError("That is not the interview's current problem; reload the interview.")
        # No `now`: whether it is too late is decided under the session's lock, with the time
        # read then (interviews.services.interview_lock_for_submission), as for the API.
        submission = submission_create(user=request.user, problem=problem, code=code, mode=mode,
                                       interview=session)
    except (ValidationError, SubmissionRefused) as exc:
        # The code stays in the editor: the message is shown beside it, nothing is lost.
        if isinstance(exc, SubmissionRefused):  # a rate limit or the judge's queue cap
            status, error = 429, exc.message
        else:
            status, error = (409 if isinstance(exc, InterviewClosed) else 400), " ".join(exc.messages)
        if request.htmx:
            return render(request, "judge/_submit_error.html", {"error": error}, status=status)
        if not session.is_active:
            messages.error(request, error)
            return redirect(session)
        return render(request, "interviews/active.html", _active_context(session, now, code=code, error=error),
                      status=status)
    if request.htmx:
        current = interview_current(session)
        return render(request, "interviews/_submitted.html", {
            "submission": submission, "session": session, "current": current,
            "counts": interview_counts(session, problem),
            "is_last": current.position == len(session.problems.all()),
        })
    return redirect(session)


@login_required
@require_POST
def interview_draft_view(request, interview_id):
    """The interview's editor autosaves here (htmx, debounced on the client): answers with a status line."""
    session, now = _load(request, interview_id)
    slug = request.POST.get("problem", "")
    try:
        # Anything but a slug is no problem of the session. Looked up, a NUL would fail in PostgreSQL.
        saved_at = interview_draft_save(session=session, slug=slug if slug_re.match(slug) else "",
                                        code=request.POST.get("code", ""), now=now)
    except ValidationError as exc:  # bad text (400), or the interview ended or moved on (409)
        return render(request, "practice/_saved.html", {"error": " ".join(exc.messages)},
                      status=getattr(exc, "status_code", 400))
    return render(request, "practice/_saved.html", {"saved_at": saved_at})


def _move(request, interview_id, service, done_message):
    session, now = _load(request, interview_id)
    try:
        session = service(session=session, position=request.POST.get("position") or None, now=now)
    except InterviewError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if not session.is_active:
            messages.info(request, done_message)
    return redirect(session)


@login_required
@require_POST
def interview_next_view(request, interview_id):
    return _move(request, interview_id, interview_next, "That was the last problem: here is your report.")


@login_required
@require_POST
def interview_skip_view(request, interview_id):
    return _move(request, interview_id, interview_skip, "That was the last problem: here is your report.")


@login_required
@require_POST
def interview_finish_view(request, interview_id):
    session, now = _load(request, interview_id)
    interview_finish(session=session, now=now)
    return redirect(session)


@login_required
@require_POST
def interview_review_view(request, interview_id):
    session, now = _load(request, interview_id)
    rubric = {key: {"score": request.POST.get(f"{key}-score", ""), "note": request.POST.get(f"{key}-note", "")}
              for key, _ in RUBRIC_CRITERIA}
    try:
        interview_review_save(session=session, rubric=rubric, now=now)
    except InterviewError as exc:
        return render(request, "interviews/report.html",
                      _report_context(session, now, review_error=" ".join(exc.messages), posted=rubric),
                      status=exc.status_code)
    messages.info(request, "Your review is saved with the interview.")
    return redirect(session)
