from django.contrib import admin

from practice.models import DrillReview, DrillUnlock


@admin.register(DrillUnlock)
class DrillUnlockAdmin(admin.ModelAdmin):
    """Who chose to review a problem's drills before solving it. Deleting one hides the drills again."""

    list_display = ("user", "problem", "unlocked_at")
    list_select_related = ("user", "problem")
    search_fields = ("user__username", "problem__slug")
    readonly_fields = ("user", "problem", "unlocked_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DrillReview)
class DrillReviewAdmin(admin.ModelAdmin):
    """A user's review after a drill's verdict: the lines they marked, why, and whether they hit the bug.
    Made once by the user; deleting one lets them review that drill again."""

    list_display = ("user", "drill", "hits", "explanation", "created_at")
    list_filter = ("hits",)
    list_select_related = ("user", "drill", "drill__problem")
    search_fields = ("user__username", "drill__problem__slug", "drill__variant")
    readonly_fields = ("user", "drill", "lines", "explanation", "hits", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
