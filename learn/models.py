from django.conf import settings
from django.db import models
from django.urls import reverse


class Lesson(models.Model):
    """The database copy of learn/lessons/step-NN/ (the folder is the source of truth)."""

    step = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    notes = models.TextField()
    notes_html = models.TextField()
    # The step's problems, in the order the lesson presents them.
    problem_slugs = models.JSONField(default=list)
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["step"]

    def __str__(self):
        return f"{self.step}. {self.title}"

    def get_absolute_url(self):
        return reverse("lesson", args=[self.step])


class QuizItem(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="quiz_items")
    position = models.PositiveSmallIntegerField()
    prompt_html = models.TextField()
    choices_html = models.JSONField(default=list)
    answer = models.PositiveSmallIntegerField()  # index into choices
    explanation_html = models.TextField()

    class Meta:
        ordering = ["lesson__step", "position"]
        constraints = [models.UniqueConstraint(fields=["lesson", "position"], name="quiz_item_position_unique")]

    def __str__(self):
        return f"step {self.lesson.step} quiz {self.position}"


class QuizAnswer(models.Model):
    """A user's latest answer to one quiz item; `first_correct` remembers the first try."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_answers")
    item = models.ForeignKey(QuizItem, on_delete=models.CASCADE, related_name="answers")
    choice = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    first_correct = models.BooleanField()
    attempts = models.PositiveIntegerField(default=1)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="quiz_answer_once_per_user")]

    def __str__(self):
        return f"user {self.user_id} quiz item {self.item_id}: choice {self.choice}"
