from django.contrib import admin

from judge.models import Submission, SubmissionEvent, TestResult
from judge.services import problem_rejudge_all, submission_rejudge
from problems.admin import ProblemAdmin


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    readonly_fields = ("created_at", "kind", "detail", "actor")
    can_delete = False


class TestResultInline(admin.TabularInline):
    model = TestResult
    extra = 0
    readonly_fields = ("position", "name", "status", "duration_ms", "message")
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "problem", "mode", "status", "verdict", "attempts", "created_at")
    list_filter = ("status", "verdict", "mode", "problem")
    search_fields = ("user__username", "problem__slug")
    readonly_fields = ("user", "problem", "language", "mode", "code", "status", "verdict", "message",
                       "compile_output", "judge_log", "attempts", "container_seconds",
                       "created_at", "started_at", "finished_at")
    inlines = [SubmissionEventInline, TestResultInline]
    actions = ["rejudge"]

    @admin.action(description="Rejudge selected submissions")
    def rejudge(self, request, queryset):
        done = sum(submission_rejudge(submission_id=pk, actor=request.user) for pk in queryset.values_list("pk", flat=True))
        self.message_user(request, f"{done} submission(s) queued for rejudging; unfinished ones were skipped.")


@admin.action(description="Rejudge all finished submissions of selected problems")
def rejudge_all(modeladmin, request, queryset):
    count = sum(problem_rejudge_all(problem=p, actor=request.user) for p in queryset)
    modeladmin.message_user(request, f"{count} submission(s) queued for rejudging.")


# Rejudging is the judge's; the problems admin sits below the judge and may not import it.
ProblemAdmin.actions = [*ProblemAdmin.actions, rejudge_all]
