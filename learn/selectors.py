from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404

from judge.models import Mode
from judge.verdicts import Verdict
from learn.models import Lesson, QuizAnswer
from problems.models import Problem


@dataclass
class StepProgress:
    step: int
    solved: int = 0
    problems: int = 0
    answered: int = 0
    correct: int = 0
    quiz_items: int = 0

    @property
    def percent(self) -> int:
        """Problems solved and quiz items answered, together."""
        total = self.problems + self.quiz_items
        return round(100 * (self.solved + self.answered) / total) if total else 0

    @property
    def complete(self) -> bool:
        return self.problems + self.quiz_items > 0 and self.solved == self.problems \
            and self.answered == self.quiz_items


def progress_by_step(user) -> dict:
    """{step: StepProgress} for every lesson: a handful of grouped queries, whatever the history size."""
    # values(): grouping whole Lesson rows would drag every lesson's notes through the GROUP BY.
    lessons = Lesson.objects.values("step").annotate(items=Count("quiz_items")).order_by("step")
    progress = {row["step"]: StepProgress(row["step"], quiz_items=row["items"]) for row in lessons}
    for row in Problem.objects.values("step").annotate(n=Count("id")):
        if row["step"] in progress:
            progress[row["step"]].problems = row["n"]
    if user.is_authenticated:
        solved = (Problem.objects.filter(submissions__user=user, submissions__mode=Mode.SUBMIT,
                                         submissions__verdict=Verdict.ACCEPTED)
                  .values("step").annotate(n=Count("id", distinct=True)))
        for row in solved:
            if row["step"] in progress:
                progress[row["step"]].solved = row["n"]
        answers = (QuizAnswer.objects.filter(user=user).values("item__lesson__step")
                   .annotate(n=Count("id"), right=Count("id", filter=Q(correct=True))))
        for row in answers:
            step = row["item__lesson__step"]
            if step in progress:
                progress[step].answered, progress[step].correct = row["n"], row["right"]
    return progress


def lesson_list():
    return Lesson.objects.order_by("step").only("step", "title", "summary")


def lesson_get(step: int) -> Lesson:
    return get_object_or_404(Lesson, step=step)


def lesson_neighbours(step: int) -> tuple[int | None, int | None]:
    """(previous, next): the steps of the lessons just before and after `step`, None at either end.
    The lesson page's links and the lesson API's fields."""
    steps = Lesson.objects.aggregate(previous=Max("step", filter=Q(step__lt=step)),
                                     next=Min("step", filter=Q(step__gt=step)))
    return steps["previous"], steps["next"]


def lesson_problems(lesson: Lesson) -> list:
    """The lesson's problems in its own order (slugs without a loaded problem are skipped)."""
    by_slug = Problem.objects.only("slug", "title", "difficulty", "kind").in_bulk(lesson.problem_slugs,
                                                                                  field_name="slug")
    return [by_slug[slug] for slug in lesson.problem_slugs if slug in by_slug]


def quiz_answers_for_user(user, lesson: Lesson) -> dict:
    """{item id: QuizAnswer}: only the caller's own answers."""
    if not user.is_authenticated:
        return {}
    return {a.item_id: a for a in QuizAnswer.objects.filter(user=user, item__lesson=lesson)}
