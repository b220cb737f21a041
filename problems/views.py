from django.http import Http404
from django.shortcuts import render

from judge.selectors import submission_get_for_user, submission_list_for_user
from learn.selectors import solved_slugs
from practice.selectors import custom_tests_template, draft_get, note_get
from problems.selectors import problem_get, problem_list


def problem_list_page(request):
    return render(request, "problems/list.html", {"problems": problem_list(), "solved": solved_slugs(request.user)})


def problem_detail_page(request, slug):
    problem = problem_get(slug)
    user = request.user
    draft = draft_get(user=user, problem=problem)
    code = draft.code if draft and draft.code.strip() else problem.starter_code
    loaded_from = None
    if request.GET.get("from") and user.is_authenticated:
        # "Load into editor" from a submission page: only the user's own code, of this problem.
        try:
            loaded_from = submission_get_for_user(user=user, submission_id=request.GET["from"])
        except Http404:
            loaded_from = None
        if loaded_from is not None and loaded_from.problem_id == problem.id:
            code = loaded_from.code
        else:
            loaded_from = None
    note = note_get(user=user, problem=problem)
    return render(request, "problems/detail.html", {
        "problem": problem,
        "code": code,
        "custom_tests": (draft.custom_tests if draft and draft.custom_tests else custom_tests_template(problem)),
        "draft": draft,
        "loaded_from": loaded_from,
        "note": note,
        "solved": problem.slug in solved_slugs(user),
        "recent": submission_list_for_user(user=user, problem_slug=slug)[:10] if user.is_authenticated else [],
    })
