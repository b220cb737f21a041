from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from judge.selectors import solved_slugs
from learn.models import QuizItem
from learn.selectors import (
    lesson_get,
    lesson_list,
    lesson_neighbours,
    lesson_problems,
    progress_by_step,
    quiz_answers_for_user,
)
from learn.services import quiz_answer, quiz_answer_try


def lesson_list_page(request):
    progress = progress_by_step(request.user)
    lessons = [(lesson, progress.get(lesson.step)) for lesson in lesson_list()]
    return render(request, "learn/list.html", {"lessons": lessons})


def lesson_page(request, step):
    lesson = lesson_get(step)
    answers = quiz_answers_for_user(request.user, lesson)
    items = [(item, answers.get(item.id)) for item in lesson.quiz_items.all()]
    previous_step, next_step = lesson_neighbours(step)
    return render(request, "learn/lesson.html", {
        "lesson": lesson,
        "problems": lesson_problems(lesson),
        "solved": solved_slugs(request.user),
        "items": items,
        "progress": progress_by_step(request.user).get(lesson.step),
        "previous_step": previous_step,
        "next_step": next_step,
    })


@require_POST
def quiz_answer_view(request, step, position):
    """Signed-in users' answers are saved; anyone may try and see the explanation."""
    item = get_object_or_404(QuizItem.objects.select_related("lesson"), lesson__step=step, position=position)
    error = None
    answer = None
    try:
        if request.user.is_authenticated:
            answer = quiz_answer(user=request.user, item=item, choice=request.POST.get("choice"))
        else:
            answer = quiz_answer_try(item=item, choice=request.POST.get("choice"))
    except ValidationError:
        error = "Pick one of the answers."
    if not request.htmx:
        return redirect(f"{item.lesson.get_absolute_url()}#quiz-{item.position}")
    return render(request, "learn/_quiz_item.html", {"item": item, "answer": answer, "error": error},
                  status=400 if error else 200)
