"""Lessons, quizzes and progress through HTTP, on the real catalog and lesson content."""

import re

import pytest
from django.test import Client

from judge.models import Submission
from learn.models import QuizAnswer, QuizItem
from tests.conftest import HTMX, user_and_client, wait_for_verdict

pytestmark = pytest.mark.django_db(transaction=True)
def test_every_step_has_notes_a_quiz_and_its_problems(lessons, problems):
    assert sorted(lessons) == list(range(1, 17))
    listed = [slug for lesson in lessons.values() for slug in lesson.problem_slugs]
    assert len(listed) == len(set(listed)) == len(problems) == 49
    for lesson in lessons.values():
        assert lesson.notes_html.strip(), lesson.step
        assert lesson.quiz_items.count() >= 3, lesson.step
        assert {problems[slug].step for slug in lesson.problem_slugs} == {lesson.step}
    assert QuizItem.objects.count() >= 33 + 5 * 3


def test_lesson_pages_render_for_everyone(lessons):
    client = Client()
    listing = client.get("/learn/").content.decode()
    assert listing.count('href="/learn/') >= 16
    for step in lessons:
        page = client.get(f"/learn/{step}/")
        assert page.status_code == 200, step
        html = page.content.decode()
        assert "Notes" in html and "Quiz" in html and "Problems" in html
        for slug in lessons[step].problem_slugs:
            assert f'href="/problems/{slug}/"' in html
    assert client.get("/learn/17/").status_code == 404


def test_answering_a_quiz_item_shows_why_and_is_saved_for_the_user_only(lessons):
    alice_user, alice = user_and_client("alice")
    item = lessons[1].quiz_items.get(position=1)
    wrong = (item.answer + 1) % len(item.choices_html)
    url = f"/learn/1/quiz/{item.position}/"

    first = alice.post(url, {"choice": wrong}, **HTMX)
    assert first.status_code == 200
    assert "Not quite." in first.content.decode()
    assert item.explanation_html in first.content.decode()
    second = alice.post(url, {"choice": item.answer}, **HTMX)
    assert "Right." in second.content.decode()
    answer = QuizAnswer.objects.get(user=alice_user, item=item)
    assert (answer.choice, answer.correct, answer.first_correct, answer.attempts) == (item.answer, True, False, 2)

    # Without htmx the form still works: back to the lesson, which shows the saved answer.
    plain = alice.post(url, {"choice": item.answer})
    assert plain.status_code == 302 and plain["Location"].endswith("/learn/1/#quiz-1")
    assert "Right." in alice.get("/learn/1/").content.decode()

    # Bob sees his own (empty) state, never Alice's answer.
    _, bob = user_and_client("bob")
    assert "Right." not in bob.get("/learn/1/").content.decode()


def test_bad_answers_are_refused_and_nothing_is_saved(lessons):
    alice_user, alice = user_and_client("alice")
    for bad in ["", "abc", "99", "-1"]:
        response = alice.post("/learn/1/quiz/1/", {"choice": bad}, **HTMX)
        assert response.status_code == 400, bad
        assert "Pick one of the answers." in response.content.decode()
    assert not QuizAnswer.objects.filter(user=alice_user).exists()
    assert alice.post("/learn/1/quiz/99/", {"choice": 0}, **HTMX).status_code == 404
    assert alice.get("/learn/1/quiz/1/").status_code == 405


def test_anonymous_visitors_can_try_the_quiz_without_saving(lessons):
    item = lessons[2].quiz_items.get(position=1)
    response = Client().post(f"/learn/2/quiz/{item.position}/", {"choice": item.answer}, **HTMX)
    assert response.status_code == 200 and "Right." in response.content.decode()
    assert not QuizAnswer.objects.exists()


def test_progress_counts_solved_problems_and_answers(lessons, problems, celery_worker_process):
    _, alice = user_and_client("alice")
    step1 = lessons[1]
    items = step1.quiz_items.count()
    alice.post("/learn/1/quiz/1/", {"choice": step1.quiz_items.get(position=1).answer}, **HTMX)
    code = problems["unicode-palindrome"].reference_files["solution.go"]
    alice.post("/problems/unicode-palindrome/submit/", {"code": code, "mode": "submit"}, **HTMX)
    submission = Submission.objects.get(problem__slug="unicode-palindrome")
    assert wait_for_verdict(submission.id).verdict == "accepted"

    for page in ["/learn/", "/"]:
        html = alice.get(page).content.decode()
        assert re.search(rf"1/1 problems solved · 1/{items} quiz answered \(1 right\)", html), page
    assert "1/1 problems solved · 1/" in alice.get("/learn/1/").content.decode()
    _, bob = user_and_client("bob")
    assert f"0/1 problems solved · 0/{items} quiz answered" in bob.get("/learn/").content.decode()
