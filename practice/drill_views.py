"""Code-review drill pages (/review/): the list, a drill's page, its test submission (the verdict
comes live through the submission's status partial) and the review that reveals the bug.
Thin: practice.drill_selectors and practice.drill_services do the work and the access rule."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

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
    access = drill_access(user=request.user, problem=drill.problem)
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


@login_required
@require_POST
def drill_submit_view(request, drill_id):
    drill = drill_get(drill_id)
    submission = drill_submit(user=request.user, drill=drill, code=request.POST.get("code", ""))
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
