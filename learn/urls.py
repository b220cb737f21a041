from django.urls import path

from learn import views

urlpatterns = [
    path("", views.lesson_list_page, name="lesson_list"),
    path("<int:step>/", views.lesson_page, name="lesson"),
    path("<int:step>/quiz/<int:position>/", views.quiz_answer_view, name="quiz_answer"),
]
