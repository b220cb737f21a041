"""How lessons and quizzes read, through HTTP: summaries are Markdown rendered (no raw
backticks) on the index and the lesson, the index does not number its steps twice, and an
answered quiz item marks the chosen option right or wrong in words, with the reason."""

import pytest
from django.test import Client

from tests.conftest import HTMX

pytestmark = pytest.mark.django_db(transaction=True)


def test_summaries_are_rendered_markdown(lessons):
    assert "`append`" in lessons[2].summary  # the source has Markdown code spans
    index = Client().get("/learn/").content.decode()
    lesson = Client().get("/learn/2/").content.decode()
    for html in (index, lesson):
        assert "<code>append</code>" in html
    summaries = index.split('class="muted">')
    assert not any("`" in part.split("</p>", 1)[0] for part in summaries[1:])


def test_the_api_gives_the_summary_as_plain_text_and_as_the_pages_html(lessons):
    index = Client().get("/learn/").content.decode()
    for summary in (Client().get("/api/lessons/").json()[1], Client().get("/api/lessons/2/").json()):
        assert "`" not in summary["summary"] and "append" in summary["summary"] and "<" not in summary["summary"]
        assert "<code>append</code>" in summary["summary_html"] and not summary["summary_html"].startswith("<p>")
        assert summary["summary_html"] in index  # the same HTML as the index shows


def test_the_index_numbers_each_step_once(lessons):
    html = Client().get("/learn/").content.decode()
    assert '<ol class="lessons unnumbered">' in html  # the list adds no number of its own
    assert html.count("Step 1. ") == 1 and "1. Step 1." not in html


@pytest.mark.parametrize("right", [True, False])
def test_the_chosen_answer_is_marked_right_or_wrong_with_why(lessons, right):
    item = lessons[1].quiz_items.get(position=1)
    choice = item.answer if right else (item.answer + 1) % len(item.choices_html)
    html = Client().post(f"/learn/1/quiz/{item.position}/", {"choice": choice}, **HTMX).content.decode()
    chosen = html.split('<label class="choice chosen', 1)[1].split("</label>", 1)[0]
    assert chosen.startswith(" right") if right else chosen.startswith(" wrong")
    assert ("✓ right" if right else "✗ wrong") in chosen
    assert html.count('class="choice chosen') == 1  # only the chosen one is marked
    assert "Why:" in html and item.explanation_html in html
