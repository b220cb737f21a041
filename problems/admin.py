from django.contrib import admin

from problems.models import Problem


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    """Problems are edited on disk (problems/catalog/) and loaded; the admin only shows them.
    The judge adds its "rejudge all" action (judge/admin.py): this app sits below it."""

    list_display = ("slug", "title", "step", "difficulty", "race", "updated_at")
    list_filter = ("step", "difficulty")
    search_fields = ("slug", "title")
    actions = []

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
