from django.contrib import admin
from django.db.models import F, Q

from problems.models import Difficulty, Drill, Problem


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


class DrillDifficultyFilter(admin.SimpleListFilter):
    """Drill.difficulty is computed (from how many hidden tests the variant fails): the same rule in SQL."""

    title = "difficulty"
    parameter_name = "difficulty"

    def lookups(self, request, model_admin):
        return Difficulty.choices

    def queryset(self, request, queryset):
        if self.value() not in Difficulty.values:
            return queryset
        queryset = queryset.alias(failed_x4=F("hidden_failed") * 4, failed_x2=F("hidden_failed") * 2)
        hard = Q(hidden_failed__lte=1) | Q(failed_x4__lt=F("hidden_total"))
        medium = ~hard & Q(failed_x2__lt=F("hidden_total"))
        return queryset.filter({Difficulty.HARD: hard, Difficulty.MEDIUM: medium,
                                Difficulty.EASY: ~hard & ~Q(failed_x2__lt=F("hidden_total"))}[self.value()])


class DrillLeftOutFilter(admin.SimpleListFilter):
    """Why validation left a drill out (its reasons are few and repeat), or offered."""

    title = "left out"
    parameter_name = "left_out"

    def lookups(self, request, model_admin):
        reasons = Drill.objects.exclude(left_out="").values_list("left_out", flat=True).distinct().order_by("left_out")
        return [("-", "Not left out"), *((reason, reason[:80]) for reason in reasons)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(left_out="" if self.value() == "-" else self.value())


@admin.register(Drill)
class DrillAdmin(admin.ModelAdmin):
    """Code-review drills: what `manage.py validate_problems --drills` found for each known-wrong
    variant. Read only: validation writes them (a change here would be overwritten by its next run)."""

    list_display = ("problem", "variant", "offered", "difficulty", "hidden_failed", "hidden_total", "benchmark",
                    "left_out", "current", "checked_at")
    list_filter = ("offered", DrillLeftOutFilter, DrillDifficultyFilter, "benchmark", "problem__step")
    list_select_related = ("problem",)
    search_fields = ("problem__slug", "variant", "left_out")
    readonly_fields = ("problem", "variant", "offered", "left_out", "hidden_failed", "hidden_total", "benchmark",
                       "content_hash", "checked_at", "difficulty", "current")

    @admin.display(description="Difficulty")
    def difficulty(self, drill):
        return drill.difficulty

    @admin.display(boolean=True, description="Current")
    def current(self, drill):
        """Checked on the problem's current version (only then is an offered drill shown to users)."""
        return drill.content_hash == drill.problem.content_hash

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
