from django.contrib import admin

from learn.models import Lesson, QuizAnswer, QuizItem


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["step", "title"]
    readonly_fields = ["content_hash"]


@admin.register(QuizItem)
class QuizItemAdmin(admin.ModelAdmin):
    list_display = ["lesson", "position", "answer"]


@admin.register(QuizAnswer)
class QuizAnswerAdmin(admin.ModelAdmin):
    list_display = ["user", "item", "correct", "first_correct", "attempts", "answered_at"]
    list_select_related = ["user", "item__lesson"]
