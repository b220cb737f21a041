"""The lessons API: /api/lessons/, /api/lessons/<step>/ and quiz answers. Thin: selectors and
learn.services.quiz_answer do the work.

Lessons are public, like their pages; progress and answers are the caller's own (empty for
an anonymous caller). A quiz item's answer index and explanation appear only once the caller
has answered it, as on the page."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from config.api import error_responses
from judge.selectors import solved_slugs
from learn.models import QuizAnswer, QuizItem
from learn.selectors import (
    lesson_get,
    lesson_list,
    lesson_neighbours,
    lesson_problems,
    progress_by_step,
    quiz_answers_for_user,
)
from learn.services import quiz_answer, quiz_answer_try
from learn.templatetags.lesson_text import summary_html, summary_text

TAGS = ["lessons"]


class ProgressSerializer(serializers.Serializer):
    solved = serializers.IntegerField(help_text="Problems of the step with an accepted Submit.")
    problems = serializers.IntegerField()
    answered = serializers.IntegerField(help_text="Quiz items answered (right or wrong).")
    correct = serializers.IntegerField(help_text="Quiz items whose latest answer is right.")
    quiz_items = serializers.IntegerField()
    percent = serializers.IntegerField()
    complete = serializers.BooleanField()


class LessonSummarySerializer(serializers.Serializer):
    step = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField(help_text="One paragraph, plain text (its Markdown taken out).")
    summary_html = serializers.CharField(help_text="The same summary as the pages show it: (sanitised) HTML "
                                                   "without a paragraph around it.")
    progress = ProgressSerializer(allow_null=True)


class LessonProblemSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    difficulty = serializers.CharField()
    kind = serializers.CharField(help_text="`solution` (write the code) or `tests` (write the tests).")
    solved = serializers.BooleanField()


class YourAnswerSerializer(serializers.Serializer):
    choice = serializers.IntegerField()
    correct = serializers.BooleanField()
    first_correct = serializers.BooleanField(help_text="Whether the first try was right.")
    attempts = serializers.IntegerField()
    answered_at = serializers.DateTimeField()


class QuizItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    prompt_html = serializers.CharField()
    choices_html = serializers.ListField(child=serializers.CharField())
    your_answer = YourAnswerSerializer(allow_null=True)
    correct_choice = serializers.IntegerField(allow_null=True, help_text="Null until you have answered.")
    explanation_html = serializers.CharField(allow_null=True, help_text="Null until you have answered.")


class LessonDetailSerializer(LessonSummarySerializer):
    notes = serializers.CharField(help_text="The lesson's notes, Markdown.")
    notes_html = serializers.CharField(help_text="The same notes rendered to (sanitised) HTML.")
    problems = LessonProblemSerializer(many=True, help_text="In the order the lesson presents them.")
    quiz = QuizItemSerializer(many=True)
    previous_step = serializers.IntegerField(allow_null=True)
    next_step = serializers.IntegerField(allow_null=True)


class QuizChoiceSerializer(serializers.Serializer):
    choice = serializers.IntegerField(min_value=0, max_value=1000, help_text="Index into `choices_html`, from 0.")


class QuizResultSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    choice = serializers.IntegerField()
    correct = serializers.BooleanField()
    first_correct = serializers.BooleanField()
    attempts = serializers.IntegerField()
    correct_choice = serializers.IntegerField()
    explanation_html = serializers.CharField()
    saved = serializers.BooleanField(help_text="False for an anonymous caller: nothing is kept.")


def _progress(progress) -> dict | None:
    if progress is None:
        return None
    return {"solved": progress.solved, "problems": progress.problems, "answered": progress.answered,
            "correct": progress.correct, "quiz_items": progress.quiz_items, "percent": progress.percent,
            "complete": progress.complete}


def _summary(text: str) -> dict:
    return {"summary": summary_text(text), "summary_html": summary_html(text)}


def _quiz_item(item: QuizItem, answer: QuizAnswer | None) -> dict:
    answered = answer is not None
    return {
        "position": item.position, "prompt_html": item.prompt_html, "choices_html": item.choices_html,
        "your_answer": {"choice": answer.choice, "correct": answer.correct, "first_correct": answer.first_correct,
                        "attempts": answer.attempts, "answered_at": answer.answered_at} if answered else None,
        "correct_choice": item.answer if answered else None,
        "explanation_html": item.explanation_html if answered else None,
    }


@extend_schema(tags=TAGS, summary="Every lesson, with the caller's progress",
               responses={200: LessonSummarySerializer(many=True)})
@api_view(["GET"])
@permission_classes([AllowAny])
def lesson_list_api(request):
    progress = progress_by_step(request.user)
    return Response(LessonSummarySerializer([
        {"step": lesson.step, "title": lesson.title, **_summary(lesson.summary),
         "progress": _progress(progress.get(lesson.step))} for lesson in lesson_list()], many=True).data)


@extend_schema(tags=TAGS, summary="One lesson: notes, problems in order, quiz, the caller's progress",
               responses={200: LessonDetailSerializer, **error_responses(404)})
@api_view(["GET"])
@permission_classes([AllowAny])
def lesson_detail_api(request, step):
    lesson = lesson_get(step)
    answers = quiz_answers_for_user(request.user, lesson)
    solved = solved_slugs(request.user)
    previous_step, next_step = lesson_neighbours(step)
    return Response(LessonDetailSerializer({
        "step": lesson.step, "title": lesson.title, **_summary(lesson.summary),
        "notes": lesson.notes, "notes_html": lesson.notes_html,
        "problems": [{"slug": p.slug, "title": p.title, "difficulty": p.difficulty, "kind": p.kind,
                      "solved": p.slug in solved} for p in lesson_problems(lesson)],
        "quiz": [_quiz_item(item, answers.get(item.id)) for item in lesson.quiz_items.all()],
        "progress": _progress(progress_by_step(request.user).get(lesson.step)),
        "previous_step": previous_step,
        "next_step": next_step,
    }).data)


@extend_schema(tags=TAGS, summary="Answer a quiz item (saved for a signed-in caller; answering again replaces it)",
               request=QuizChoiceSerializer, responses={200: QuizResultSerializer, **error_responses(400, 403, 404)})
@api_view(["POST"])
@permission_classes([AllowAny])
def quiz_answer_api(request, step, position):
    item = get_object_or_404(QuizItem.objects.select_related("lesson"), lesson__step=step, position=position)
    data = QuizChoiceSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    choice = data.validated_data["choice"]
    if request.user.is_authenticated:
        answer = quiz_answer(user=request.user, item=item, choice=choice)
    else:  # anyone may try, as on the page; nothing is kept
        answer = quiz_answer_try(item=item, choice=choice)
    return Response(QuizResultSerializer({
        "position": item.position, "choice": answer.choice, "correct": answer.correct,
        "first_correct": answer.first_correct, "attempts": answer.attempts, "correct_choice": item.answer,
        "explanation_html": item.explanation_html, "saved": request.user.is_authenticated,
    }).data)
