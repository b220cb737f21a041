from django.contrib import admin

from interviews.models import InterviewProblem, InterviewSession, InterviewTemplate


@admin.register(InterviewTemplate)
class InterviewTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "kind", "duration_minutes", "problem_count", "hide_difficulty", "shows_failing_case",
                    "active", "position")
    list_editable = ("active", "position")
    prepopulated_fields = {"slug": ("title",)}
    search_fields = ("slug", "title")


class InterviewProblemInline(admin.TabularInline):
    model = InterviewProblem
    extra = 0
    can_delete = False
    exclude = ("draft",)  # the user's unsent code: their submissions are what staff look at
    readonly_fields = ("position", "label", "problem", "variant", "state", "opened_at", "closed_at", "draft_saved_at")


@admin.register(InterviewSession)
class InterviewSessionAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "template", "status", "end_reason", "started_at", "deadline", "finished_at")
    list_filter = ("status", "end_reason", "template")
    search_fields = ("user__username",)
    list_select_related = ("user", "template")
    readonly_fields = ("user", "template", "status", "started_at", "deadline", "finished_at", "end_reason",
                       "hide_difficulty", "rubric", "reviewed_at")
    inlines = [InterviewProblemInline]
