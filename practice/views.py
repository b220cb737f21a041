from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from config.errors import shows_errors
from practice.selectors import SolutionHidden, solution_access, solution_get_for_user
from practice.services import draft_save, note_save, solution_reveal
from problems.selectors import problem_get


@login_required
@require_POST
@shows_errors(partial="practice/_saved.html")  # text that cannot be kept: a 400 (config/errors.py)
def draft_save_view(request, slug):
    """The editor autosaves here (htmx, debounced on the client): answers with a status line."""
    problem = problem_get(slug)
    custom_tests = request.POST.get("custom_tests")  # absent where the page has no scratch file
    draft = draft_save(user=request.user, problem=problem, code=request.POST.get("code", ""),
                       custom_tests=custom_tests)
    return render(request, "practice/_saved.html", {"saved_at": draft.updated_at})


@login_required
@require_POST
@shows_errors(partial="practice/_saved.html")
def note_save_view(request, slug):
    problem = problem_get(slug)
    note = note_save(user=request.user, problem=problem, text=request.POST.get("text", ""))
    if not request.htmx:  # the no-script form: back to the page, which shows the saved notes
        return redirect(f"{reverse('problem_detail', args=[problem.slug])}#notes")
    return render(request, "practice/_saved.html", {"saved_at": note.updated_at})


def _solution_response(request, problem, *, review=None, access=None, status=200, focus=False):
    """The "Learn from it" panel: alone for htmx, else on a page of its own."""
    template = "problems/_learn.html" if request.htmx else "problems/solution.html"
    return render(request, template, {"problem": problem, "review": review, "solution": access, "focus": focus},
                  status=status)


@login_required
def solution_view(request, slug):
    """A problem's reference solution, what interviewers look for and its common mistakes, for a
    user who solved it or chose "Show solution" (403 with the reason otherwise)."""
    problem = problem_get(slug)
    try:
        review, access = solution_get_for_user(user=request.user, problem=problem)
    except SolutionHidden:
        return _solution_response(request, problem, access=solution_access(user=request.user, problem=problem),
                                  status=403)
    return _solution_response(request, problem, review=review, access=access)


@login_required
@require_POST
def solution_reveal_view(request, slug):
    """"Show solution": recorded, then the panel (htmx) or the solution's page."""
    problem = problem_get(slug)
    try:
        solution_reveal(user=request.user, problem=problem)
        review, access = solution_get_for_user(user=request.user, problem=problem)
    except SolutionHidden:
        return _solution_response(request, problem, access=solution_access(user=request.user, problem=problem),
                                  status=403)
    if not request.htmx:
        return redirect("problem_solution", slug=problem.slug)
    return _solution_response(request, problem, review=review, access=access, focus=True)
