"""What a user keeps per problem besides submissions: the editor's draft and their notes."""

from django.conf import settings
from django.db import models


class Draft(models.Model):
    """The editor's content, saved as the user types, so it survives reloads and devices."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    problem = models.ForeignKey("problems.Problem", on_delete=models.CASCADE, related_name="+")
    code = models.TextField()
    # The user's own extra test cases for Run (a scratch _test.go file).
    custom_tests = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "problem"], name="draft_once_per_problem")]

    def __str__(self):
        return f"draft of user {self.user_id} on problem {self.problem_id}"


class ProblemNote(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="problem_notes")
    problem = models.ForeignKey("problems.Problem", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "problem"], name="note_once_per_problem")]

    def __str__(self):
        return f"note of user {self.user_id} on problem {self.problem_id}"


class SolutionReveal(models.Model):
    """The user chose "show solution" on a problem they had not solved: from then on its reference
    solution, what interviewers look for and the common mistakes show for them, and their
    progress says they viewed the solution (practice/dashboard.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="solution_reveals")
    problem = models.ForeignKey("problems.Problem", on_delete=models.CASCADE, related_name="+")
    revealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "problem"], name="solution_reveal_once_per_problem")]

    def __str__(self):
        return f"solution reveal of user {self.user_id} on problem {self.problem_id}"


class DrillUnlock(models.Model):
    """The user chose to review a problem's code-review drills before solving it (a drill is
    hidden until then: practice/drill_selectors.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drill_unlocks")
    problem = models.ForeignKey("problems.Problem", on_delete=models.CASCADE, related_name="+")
    unlocked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "problem"], name="drill_unlock_once_per_problem")]

    def __str__(self):
        return f"drill unlock of user {self.user_id} on problem {self.problem_id}"


class DrillReview(models.Model):
    """After a drill's verdict, the lines of the buggy code the user marked as wrong and their
    one-line explanation; saving it reveals the bug (its `why` and the diff against the
    reference), so it is made once. `hits`: whether the marked lines touch the real diff (a
    second, self-graded score beside the judged one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drill_reviews")
    drill = models.ForeignKey("problems.Drill", on_delete=models.CASCADE, related_name="+")
    lines = models.JSONField(default=list)  # line numbers of the code as the drill page shows it
    explanation = models.CharField(max_length=200)
    hits = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "drill"], name="drill_review_once")]

    def __str__(self):
        return f"drill review of user {self.user_id} on drill {self.drill_id}"
