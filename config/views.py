from django.shortcuts import render

from judge.selectors import submission_list_for_user
from problems.selectors import problem_list


def home(request):
    context = {"problems": problem_list()[:10]}
    if request.user.is_authenticated:
        context["recent"] = submission_list_for_user(user=request.user)[:10]
    return render(request, "home.html", context)
