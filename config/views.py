from django.shortcuts import render

from judge.selectors import submission_list_for_user
from learn.selectors import lesson_list, progress_by_step
from practice.dashboard import dashboard_for_user
from problems.selectors import problem_list


def home(request):
    context = {"problems": problem_list()[:10]}
    if request.user.is_authenticated:
        context["recent"] = submission_list_for_user(user=request.user)[:10]
        progress = progress_by_step(request.user)
        context["lessons"] = [(lesson, progress.get(lesson.step)) for lesson in lesson_list()]
        context["board"] = dashboard_for_user(request.user)
    return render(request, "home.html", context)
