from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from config.errors import shows_errors
from practice.selectors import solution_access, solution_get_for_user
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


def _panel(request, problem, *, review=None, access=None, focus=False) -> tuple[str, dict]:
    """The "Learn from it" panel: alone for htmx, else on a page of its own."""
    template = "problems/_learn.html" if request.htmx else "problems/solution.html"
    return template, {"problem": problem, "review": review, "solution": access, "focus": focus}


def _hidden_panel(request, error, slug):
    """SolutionHidden (a 403, config/errors.py): the panel says why, with "Show solution" when it may."""
    problem = problem_get(slug)
    return _panel(request, problem, access=solution_access(user=request.user, problem=problem))


@login_required
@shows_errors(partial=_hidden_panel, page=_hidden_panel)
def solution_view(request, slug):
    """A problem's reference solution, what interviewers look for and its common mistakes, for a
    user who solved it or chose "Show solution" (403 with the reason otherwise)."""
    problem = problem_get(slug)
    review, access = solution_get_for_user(user=request.user, problem=problem)
    return render(request, *_panel(request, problem, review=review, access=access))


@login_required
@require_POST
@shows_errors(partial=_hidden_panel, page=_hidden_panel)
def solution_reveal_view(request, slug):
    """"Show solution": recorded, then the panel (htmx) or the solution's page."""
    problem = problem_get(slug)
    solution_reveal(user=request.user, problem=problem)
    review, access = solution_get_for_user(user=request.user, problem=problem)
    if not request.htmx:
        return redirect("problem_solution", slug=problem.slug)
    return render(request, *_panel(request, problem, review=review, access=access, focus=True))
