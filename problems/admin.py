from django.contrib import admin

from judge.services import problem_rejudge_all
from problems.models import Problem


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    """Problems are edited on disk (problems/catalog/) and loaded; the admin only shows them."""

    list_display = ("slug", "title", "step", "difficulty", "race", "updated_at")
    list_filter = ("step", "difficulty")
    search_fields = ("slug", "title")
    actions = ["rejudge_all"]

    @admin.action(description="Rejudge all finished submissions of selected problems")
    def rejudge_all(self, request, queryset):
        count = sum(problem_rejudge_all(problem=p, actor=request.user) for p in queryset)
        self.message_user(request, f"{count} submission(s) queued for rejudging.")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
