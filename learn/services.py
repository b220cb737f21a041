from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from learn.loader import load_lessons
from learn.models import Lesson, QuizAnswer, QuizItem
from problems.markdown import render_inline, render_markdown


@transaction.atomic
def lessons_sync(*, sources=None) -> dict:
    """Make the database match learn/lessons/. Quiz items are updated in place by position,
    so fixing a typo in a question keeps everyone's answers."""
    sources = load_lessons() if sources is None else sources
    report = {"created": [], "updated": [], "unchanged": []}
    existing = {lesson.step: lesson for lesson in Lesson.objects.all()}
    for src in sources:
        lesson = existing.get(src["step"])
        if lesson is not None and lesson.content_hash == src["content_hash"]:
            report["unchanged"].append(src["step"])
            continue
        lesson, created = Lesson.objects.update_or_create(step=src["step"], defaults={
            "title": src["title"], "summary": src["summary"], "notes": src["notes"],
            "notes_html": render_markdown(src["notes"]), "problem_slugs": src["problems"],
            "content_hash": src["content_hash"],
        })
        for position, item in enumerate(src["quiz"], start=1):
            QuizItem.objects.update_or_create(lesson=lesson, position=position, defaults={
                "prompt_html": render_markdown(item["prompt"]),
                "choices_html": [render_inline(choice) for choice in item["choices"]],
                "answer": item["answer"],
                "explanation_html": render_markdown(item["explanation"]),
            })
        QuizItem.objects.filter(lesson=lesson, position__gt=len(src["quiz"])).delete()
        report["created" if created else "updated"].append(src["step"])
    return report


def _valid_choice(item: QuizItem, choice) -> int:
    try:
        choice = int(choice)
    except (TypeError, ValueError):
        raise ValidationError("Pick one of the answers.") from None
    if not 0 <= choice < len(item.choices_html):
        raise ValidationError("Pick one of the answers.")
    return choice


def quiz_answer_try(*, item: QuizItem, choice) -> QuizAnswer:
    """A signed-out visitor's answer: checked as quiz_answer checks it, kept nowhere."""
    choice = _valid_choice(item, choice)
    correct = choice == item.answer
    return QuizAnswer(item=item, choice=choice, correct=correct, first_correct=correct)


def quiz_answer(*, user, item: QuizItem, choice) -> QuizAnswer:
    """Record the user's answer; answering again replaces it (first_correct stays)."""
    choice = _valid_choice(item, choice)
    correct = choice == item.answer
    with transaction.atomic():
        answer, created = QuizAnswer.objects.select_for_update().get_or_create(
            user=user, item=item, defaults={"choice": choice, "correct": correct, "first_correct": correct})
        if not created:
            answer.choice, answer.correct = choice, correct
            answer.attempts = F("attempts") + 1
            answer.save(update_fields=["choice", "correct", "attempts", "answered_at"])
            answer.refresh_from_db()
    return answer
