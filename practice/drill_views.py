"""Code-review drill pages (/review/): the list, a drill's page, its test submission (the verdict
comes live through the submission's status partial) and the review that reveals the bug.
Thin: practice.drill_selectors and practice.drill_services do the work and the access rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from config.errors import ERROR_PAGE, shows_errors
from interviews import clock
from interviews.selectors import interview_get_for_user, interview_state
from practice.drill_selectors import (
    changed_lines,
    drill_access,
    drill_code,
    drill_get,
    drill_has_verdict,
    drill_list_for_user,
    drill_mistake,
    drill_review_get,
    drill_submissions,
    drill_test_template,
)
from practice.drill_services import drill_review_save, drill_submit, drill_unlock
from problems.selectors import problem_get


@login_required
def drill_list_page(request):
    """Every offered drill, or one problem's (?problem=slug: the link from the problem page)."""
    problem = problem_get(request.GET["problem"]) if request.GET.get("problem") else None
    rows = drill_list_for_user(user=request.user, problem=problem)
    return render(request, "practice/drill_list.html", {"rows": rows, "problem": problem})


@login_required
@require_POST
def drill_unlock_view(request, slug):
    """"Review it unsolved": recorded, then back to the problem's drills."""
    problem = problem_get(slug)
    drill_unlock(user=request.user, problem=problem)
    return redirect(f"{reverse('drill_list')}?problem={problem.slug}")


def _reveal_context(user, drill) -> dict:
    review = drill_review_get(user=user, drill=drill)
    context = {"drill": drill, "review": review}
    if review is not None:
        context.update(mistake=drill_mistake(drill), bug_lines=sorted(changed_lines(drill)))
    return context


@login_required
def drill_page(request, drill_id):
    drill = drill_get(drill_id)
    access = drill_access(user=request.user, problem=drill.problem, variant=drill.variant)
    if not access.visible:  # locked: the reason and, where it may, "review it unsolved"; no code
        return render(request, "practice/drill_locked.html", {"drill": drill, "access": access}, status=403)
    review = drill_review_get(user=request.user, drill=drill)
    marked = set(review.lines) if review else set()
    lines = [(n, text, n in marked) for n, text in enumerate(drill_code(drill).splitlines(), start=1)]
    submissions = drill_submissions(user=request.user, drill=drill)
    return render(request, "practice/drill_detail.html", {
        **_reveal_context(request.user, drill), "problem": drill.problem, "lines": lines,
        "code": submissions[0].code if submissions else drill_test_template(drill), "submissions": submissions,
        "has_verdict": drill_has_verdict(user=request.user, drill=drill)})


def _posted_interview(request):
    """The running code-review round the test is sent from (the interview page), if any: the
    user's own, or a 404."""
    interview_id = request.POST.get("interview", "")
    return interview_get_for_user(user=request.user, interview_id=interview_id) if interview_id else None


def _submit_refused_page(request, error, drill_id):
    # Sent from an interview (a plain form post): back to it, with the reason; else the error page.
    if request.POST.get("interview", "").isdigit():
        messages.error(request, error.message)
        return redirect("interview_detail", interview_id=int(request.POST["interview"]))
    return ERROR_PAGE, {"error": error.message, "status_code": error.status_code}


@login_required
@require_POST
@shows_errors(page=_submit_refused_page)
def drill_submit_view(request, drill_id):
    """A test for a drill, from its page or (with `interview`) from a code-review round's page."""
    drill = drill_get(drill_id)
    interview = _posted_interview(request)
    submission = drill_submit(user=request.user, drill=drill, code=request.POST.get("code", ""), interview=interview)
    if interview is not None:
        if request.htmx:  # the verdict, live, and "Next" unlocked out of band (interviews/_submitted.html)
            state = interview_state(interview, now=clock.now())
            return render(request, "interviews/_submitted.html", {
                "submission": submission, "session": interview, "current": state.current, "counts": state.counts,
                "is_last": state.is_last})
        return redirect(interview)
    if request.htmx:
        return render(request, "judge/_status.html", {"submission": submission})
    return redirect("submission_detail", submission_id=submission.pk)


@login_required
@require_POST
def drill_review_view(request, drill_id):
    drill = drill_get(drill_id)
    lines = request.POST.getlist("line") or request.POST.get("lines", "")
    drill_review_save(user=request.user, drill=drill, lines=lines, explanation=request.POST.get("explanation", ""))
    if request.htmx:
        return render(request, "practice/_drill_reveal.html", {**_reveal_context(request.user, drill), "oob": True})
    return redirect(f"{reverse('drill_detail', args=[drill.pk])}#reveal")
