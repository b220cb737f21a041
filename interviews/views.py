"""Interview pages: thin views over the selectors and services. "Now" comes from
interviews.clock, so tests can move time; a session read after its deadline ends there.
A refusal (InterviewError, SubmissionRefused) is answered by config.errors, as @shows_errors says."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from config.errors import shows_errors
from interviews import clock
from interviews.models import RUBRIC_SCORES, WARNING_SECONDS, InterviewSession
from interviews.selectors import (
    interview_get_for_user,
    interview_list_for_user,
    interview_report,
    interview_state,
    interview_summaries,
    interview_template_get,
    interview_template_list,
    interview_templates_unavailable,
)
from interviews.services import (
    InterviewActive,
    InterviewError,
    interview_active,
    interview_draft_save,
    interview_finish,
    interview_load,
    interview_next,
    interview_review_save,
    interview_skip,
    interview_start,
)
from judge.models import Mode
from judge.services import submission_create
from problems.drill_parts import review_test_template
from problems.models import Problem


def _load(request, interview_id):
    """(session, now): the user's own session (404 otherwise), ended first if its time is up."""
    now = clock.now()
    return interview_load(user=request.user, interview_id=interview_id, now=now), now


def _mmss(seconds: float) -> str:
    whole = int(-(-seconds // 1))  # rounded up, as the script shows it
    return f"{whole // 60:02d}:{whole % 60:02d}"


@login_required
def interview_list_page(request):
    now = clock.now()
    active = interview_active(user=request.user, now=now)
    finished = interview_list_for_user(user=request.user).filter(status=InterviewSession.Status.FINISHED)
    page = Paginator(finished, 20).get_page(request.GET.get("page"))
    templates = list(interview_template_list())
    unavailable = interview_templates_unavailable(templates)
    for template in templates:
        template.unavailable = unavailable.get(template.slug, "")  # why it cannot start now, if it cannot
    return render(request, "interviews/list.html", {
        "templates": templates,
        "active": active,
        "active_left": _mmss(active.remaining(now)) if active else None,
        "page": page,
        "past": interview_summaries(page.object_list, now=now),
    })


def _start_refused(request, error):
    if isinstance(error, InterviewActive):  # one at a time: back to the running one
        messages.info(request, error.message)
        return redirect(error.session) if error.session else redirect("interview_list")
    messages.error(request, error.message)
    return redirect("interview_list")


@login_required
@require_POST
@shows_errors(page=_start_refused)
def interview_start_view(request):
    template = interview_template_get(request.POST.get("template", ""))
    session = interview_start(user=request.user, template=template,
                              hide_difficulty=request.POST.get("hide_difficulty") == "on", now=clock.now())
    return redirect(session)


def _active_context(state, *, code=None, error=None) -> dict:
    """The page's names for the InterviewState of a running interview (the API's: interviews.api)."""
    return {
        "session": state.session, "current": state.current, "problem": state.current.problem,
        "count": state.problem_count, "code": state.code if code is None else code,
        "error": error, "counts": state.counts, "is_last": state.is_last,
        "remaining": f"{state.remaining:.3f}", "left": _mmss(state.remaining),
        "warning": state.remaining <= WARNING_SECONDS,
        "deadline_iso": state.session.deadline.isoformat(timespec="milliseconds"),
        # A code-review round's slot: the code under review, numbered, and the drill its test goes to.
        "drill": state.drill, "drill_starter": review_test_template(state.current.problem) if state.drill else "",
        "drill_lines": [(n, text, False) for n, text in enumerate(state.drill_code.splitlines(), start=1)]
        if state.drill else [],
    }


def _report_context(session, now, *, posted=None, **extra) -> dict:
    values = posted or session.rubric or {}
    form = [{"key": key, "label": label, "score": str(values.get(key, {}).get("score", "")),
             "note": values.get(key, {}).get("note", "")} for key, label in session.template.rubric_criteria]
    return {"session": session, "report": interview_report(session=session, now=now), "rubric_form": form,
            "scores": [(str(n), label) for n, label in RUBRIC_SCORES], **extra}


@login_required
def interview_page(request, interview_id):
    session, now = _load(request, interview_id)
    if session.is_active:
        return render(request, "interviews/active.html", _active_context(interview_state(session, now=now)))
    return render(request, "interviews/report.html", _report_context(session, now))


@login_required
def interview_report_partial(request, interview_id):
    """The report's live part: polled while a graded submission is still being judged."""
    session, now = _load(request, interview_id)
    return render(request, "interviews/_report.html", _report_context(session, now))


def _submit_refused_page(request, error, interview_id):
    # The code stays in the editor: the message is shown beside it, nothing is lost. Read as the
    # refused submission found it: one refused as late shows the page it was sent from, at 00:00.
    session, now = interview_get_for_user(user=request.user, interview_id=interview_id), clock.now()
    if not session.is_active:
        messages.error(request, error.message)
        return redirect(session)
    return "interviews/active.html", _active_context(interview_state(session, now=now),
                                                     code=request.POST.get("code", ""), error=error.message)


@login_required
@require_POST
@shows_errors(page=_submit_refused_page)
def interview_submit(request, interview_id):
    session, now = _load(request, interview_id)
    mode = Mode.RUN if request.POST.get("mode") == Mode.RUN else Mode.SUBMIT
    slug = request.POST.get("problem", "")
    # Anything but a slug is no problem. Looked up, a NUL would fail in PostgreSQL (a 500).
    problem = Problem.objects.filter(slug=slug).first() if slug_re.match(slug) else None
    if problem is None:
        raise InterviewError("That is not the interview's current problem; reload the interview.")
    # No `now`: whether it is too late is decided under the session's lock, with the time
    # read then (interviews.services.interview_lock_for_submission), as for the API.
    submission = submission_create(user=request.user, problem=problem, code=request.POST.get("code", ""),
                                   mode=mode, interview=session)
    if request.htmx:
        state = interview_state(session, now=now)
        return render(request, "interviews/_submitted.html", {
            "submission": submission, "session": session, "current": state.current, "counts": state.counts,
            "is_last": state.is_last,
        })
    return redirect(session)


@login_required
@require_POST
@shows_errors(partial="practice/_saved.html")  # bad text (400), or the interview ended or moved on (409)
def interview_draft_view(request, interview_id):
    """The interview's editor autosaves here (htmx, debounced on the client): answers with a status line."""
    session, now = _load(request, interview_id)
    slug = request.POST.get("problem", "")
    # Anything but a slug is no problem of the session. Looked up, a NUL would fail in PostgreSQL.
    saved_at = interview_draft_save(session=session, slug=slug if slug_re.match(slug) else "",
                                    code=request.POST.get("code", ""), now=now)
    return render(request, "practice/_saved.html", {"saved_at": saved_at})


def _back_to_interview(request, error, interview_id):
    messages.error(request, error.message)
    return redirect("interview_detail", interview_id=interview_id)


def _move(request, interview_id, service, done_message):
    session, now = _load(request, interview_id)
    session = service(session=session, position=request.POST.get("position") or None, now=now)
    if not session.is_active:
        messages.info(request, done_message)
    return redirect(session)


@login_required
@require_POST
@shows_errors(page=_back_to_interview)
def interview_next_view(request, interview_id):
    return _move(request, interview_id, interview_next, "That was the last problem: here is your report.")


@login_required
@require_POST
@shows_errors(page=_back_to_interview)
def interview_skip_view(request, interview_id):
    return _move(request, interview_id, interview_skip, "That was the last problem: here is your report.")


@login_required
@require_POST
def interview_finish_view(request, interview_id):
    session, now = _load(request, interview_id)
    interview_finish(session=session, now=now)
    return redirect(session)


def _posted_rubric(request, session) -> dict:
    return {key: {"score": request.POST.get(f"{key}-score", ""), "note": request.POST.get(f"{key}-note", "")}
            for key, _ in session.template.rubric_criteria}


def _review_refused_page(request, error, interview_id):
    # The report again, with what was typed kept and the reason beside the form.
    session, now = _load(request, interview_id)
    return "interviews/report.html", _report_context(session, now, review_error=error.message,
                                                     posted=_posted_rubric(request, session))


@login_required
@require_POST
@shows_errors(page=_review_refused_page)
def interview_review_view(request, interview_id):
    session, now = _load(request, interview_id)
    interview_review_save(session=session, rubric=_posted_rubric(request, session), now=now)
    messages.info(request, "Your review is saved with the interview.")
    return redirect(session)
