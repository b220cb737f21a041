from django.shortcuts import get_object_or_404

from problems.models import Problem

_LIST_FIELDS = ("slug", "title", "step", "difficulty", "tags", "language")


def problem_list():
    return Problem.objects.only(*_LIST_FIELDS).order_by("step", "slug")


def problem_get(slug: str) -> Problem:
    return get_object_or_404(Problem, slug=slug)
