from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from practice.services import draft_save, note_save
from problems.selectors import problem_get


@login_required
@require_POST
def draft_save_view(request, slug):
    """The editor autosaves here (htmx, debounced on the client): answers with a status line."""
    problem = problem_get(slug)
    custom_tests = request.POST.get("custom_tests")  # absent where the page has no scratch file
    try:
        draft = draft_save(user=request.user, problem=problem, code=request.POST.get("code", ""),
                           custom_tests=custom_tests)
    except ValidationError as exc:
        return render(request, "practice/_saved.html", {"error": " ".join(exc.messages)}, status=400)
    return render(request, "practice/_saved.html", {"saved_at": draft.updated_at})


@login_required
@require_POST
def note_save_view(request, slug):
    problem = problem_get(slug)
    try:
        note = note_save(user=request.user, problem=problem, text=request.POST.get("text", ""))
    except ValidationError as exc:
        return render(request, "practice/_saved.html", {"error": " ".join(exc.messages)}, status=400)
    if not request.htmx:  # the no-script form: back to the page, which shows the saved notes
        return redirect(f"{reverse('problem_detail', args=[problem.slug])}#notes")
    return render(request, "practice/_saved.html", {"saved_at": note.updated_at})
