"""The dashboard's progress through HTTP: solved of all problems and per difficulty (a run or
a failed submit is not solving; someone else's solve never counts), the next problem to try,
month labels on the calendar, and a first visit greeted as one."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from tests.conftest import user_and_client

pytestmark = pytest.mark.django_db(transaction=True)


def submitted(user, problem, verdict, mode=Mode.SUBMIT):
    Submission.objects.create(user=user, problem=problem, code="package x", mode=mode, status=Status.FINISHED,
                              verdict=verdict)


def in_step_order(problems):
    return sorted(problems.values(), key=lambda p: (p.step, p.slug))


def test_a_first_visit_is_greeted_as_new(problems):
    _user, client = user_and_client("newcomer")
    html = unescape(client.get("/").content.decode())
    assert "Welcome, newcomer" in html and "Welcome back" not in html
    assert f"Solved 0 of {len(problems)}" in html
    first = in_step_order(problems)[0]
    assert f'href="/problems/{first.slug}/"' in html.split("Solved 0 of", 1)[1]


def test_solved_counts_by_difficulty_and_the_next_problem(problems):
    user, client = user_and_client("alice")
    bob, _other_client = user_and_client("bob")
    ordered = in_step_order(problems)
    first, second = ordered[0], ordered[1]
    submitted(user, first, Verdict.ACCEPTED)
    submitted(user, first, Verdict.ACCEPTED)  # solved twice counts once
    submitted(user, second, Verdict.ACCEPTED, mode=Mode.RUN)  # a run is not a solve
    submitted(user, second, Verdict.WRONG_ANSWER)
    for p in ordered[2:5]:
        submitted(bob, p, Verdict.ACCEPTED)  # never alice's
    html = unescape(client.get("/").content.decode())
    assert "Welcome back, alice" in html
    assert f"Solved 1 of {len(problems)}" in html
    summary = html.split('class="solved-summary"', 1)[1].split("</section>", 1)[0]
    for value, label in (("easy", "Easy"), ("medium", "Medium"), ("hard", "Hard")):
        total = sum(p.difficulty == value for p in ordered)
        solved = int(first.difficulty == value)
        assert f'<span class="pill {value}">{label}</span> {solved} of {total}' in summary
    assert f'Next: <a href="/problems/{second.slug}/">{second.title}</a>' in summary


def test_with_everything_solved_the_next_is_one_to_revisit(problems):
    user, client = user_and_client("carol")
    for p in problems.values():
        submitted(user, p, Verdict.ACCEPTED)
    old = problems["rotate-left"]
    Submission.objects.filter(user=user, problem=old).update(created_at=timezone.now() - timedelta(days=45))
    summary = client.get("/").content.decode().split('class="solved-summary"', 1)[1].split("</section>", 1)[0]
    assert f"Solved {len(problems)} of {len(problems)}" in summary
    assert f'href="/problems/{old.slug}/"' in summary and "solved 45 days ago" in summary


def test_the_calendar_names_its_months(problems):
    user, client = user_and_client("dave")
    submitted(user, problems["rotate-left"], Verdict.ACCEPTED)
    html = client.get("/").content.decode()
    labels = [part.split("</span>", 1)[0] for part in html.split('<span class="heat-month" aria-hidden="true">')[1:]]
    assert len(labels) == 26
    today = timezone.localdate()
    assert today.replace(day=1).strftime("%b") in labels
    named = [label for label in labels if label]
    assert len(named) >= 5 and len(set(named)) == len(named)  # ~6 months, each named once
    assert all(label in {date(2026, m, 1).strftime("%b") for m in range(1, 13)} for label in named)
