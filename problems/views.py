from django.shortcuts import render

from judge.selectors import submission_list_for_user
from problems.selectors import problem_get, problem_list


def problem_list_page(request):
    solved = set()
    if request.user.is_authenticated:
        solved = set(
            submission_list_for_user(user=request.user, verdict="accepted", mode="submit")
            .values_list("problem__slug", flat=True)
        )
    return render(request, "problems/list.html", {"problems": problem_list(), "solved": solved})


def problem_detail_page(request, slug):
    problem = problem_get(slug)
    recent = []
    if request.user.is_authenticated:
        recent = submission_list_for_user(user=request.user, problem_slug=slug)[:10]
    return render(request, "problems/detail.html", {
        "problem": problem,
        "code": problem.starter_code,
        "recent": recent,
    })
