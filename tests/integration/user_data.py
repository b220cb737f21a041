"""One user's private data of every kind, made through the same services the site uses, each
piece carrying a marker string so a test can tell whether it leaked into a response."""

from types import SimpleNamespace

from interviews.defaults import install_default_templates
from interviews.models import InterviewTemplate
from interviews.services import interview_draft_save, interview_finish, interview_review_save, interview_start
from judge.models import BenchmarkResult, Mode, Submission, TestResult
from judge.verdicts import Status, Verdict
from learn.models import QuizItem
from learn.services import lessons_sync, quiz_answer
from practice.models import DrillReview
from practice.services import draft_save, note_save
from problems.drills import DrillFinding, drills_record
from problems.models import Drill
from tests.conftest import make_token, make_user

SLUG = "unicode-palindrome"


def pinned_template() -> InterviewTemplate:
    """Two fixed problems, so an interview's current problem is known in advance."""
    template, _ = InterviewTemplate.objects.get_or_create(slug="pinned-two", defaults={
        "title": "Pinned two", "duration_minutes": 30,
        "slots": [{"label": "First", "slugs": [SLUG]}, {"label": "Second", "slugs": ["rotate-left"]}]})
    return template


def code_with(marker: str, what: str) -> str:
    return f"package palindrome\n\n// {marker}-{what}\nfunc IsPalindrome(s string) bool {{ return true }}\n"


def make_user_with_private_data(username: str, *, problems, marker: str) -> SimpleNamespace:
    """A user with judged and queued submissions (with tests, benchmarks, custom tests), a
    draft, notes, a quiz answer, a finished and reviewed interview and an active one with a draft."""
    user = make_user(username)
    problem = problems[SLUG]
    submitted = Submission.objects.create(
        user=user, problem=problem, code=code_with(marker, "SUBMITTED-CODE"), mode=Mode.SUBMIT,
        status=Status.FINISHED, verdict=Verdict.TOO_SLOW, message="1 benchmark over budget",
        compile_output=f"{marker}-COMPILE-OUTPUT")
    TestResult.objects.create(submission=submitted, position=0, name="TestHidden", status=TestResult.Outcome.PASS,
                              duration_ms=3)
    BenchmarkResult.objects.create(
        submission=submitted, position=0, name="BenchmarkIsPalindrome", ns_per_op=300.0, bytes_per_op=0.0,
        allocs_per_op=0.0, reference_ns_per_op=100.0, reference_bytes_per_op=0.0, reference_allocs_per_op=0.0,
        max_time_ratio=2.5, max_allocs_per_op=0, rounds=[[300.0, 100.0]], passed=False)
    queued_run = Submission.objects.create(
        user=user, problem=problem, code=code_with(marker, "RUN-CODE"), mode=Mode.RUN,
        custom_tests=f"package palindrome\n\n// {marker}-CUSTOM-TESTS\n")
    draft_save(user=user, problem=problem, code=code_with(marker, "DRAFT"), custom_tests=f"// {marker}-DRAFT-TESTS")
    note_save(user=user, problem=problem, text=f"{marker}-NOTES")
    item = QuizItem.objects.filter(lesson__step=1).order_by("position").first()
    answer = quiz_answer(user=user, item=item, choice=(item.answer + 1) % len(item.choices_html))

    template = pinned_template()
    finished = interview_start(user=user, template=template)
    Submission.objects.create(user=user, problem=problem, code=code_with(marker, "INTERVIEW-CODE"), mode=Mode.SUBMIT,
                              status=Status.FINISHED, verdict=Verdict.ACCEPTED, interview=finished)
    interview_finish(session=finished)
    interview_review_save(session=finished, rubric={
        key: {"score": 3, "note": f"{marker}-REVIEW-{key}"}
        for key in ("problem_solving", "code_quality", "testing", "communication", "speed")})
    active = interview_start(user=user, template=template)
    Submission.objects.create(user=user, problem=problem, code=code_with(marker, "ACTIVE-INTERVIEW-CODE"),
                              mode=Mode.RUN, status=Status.FINISHED, verdict=Verdict.ACCEPTED, interview=active)
    interview_draft_save(session=active, slug=SLUG, code=code_with(marker, "INTERVIEW-DRAFT"))
    # A code-review drill of the problem (offered), alice's judged test for it and her review.
    drills_record([DrillFinding(SLUG, "keeps-marks", True, "", 2, 7)])
    drill = Drill.objects.get(problem=problem, variant="keeps-marks")
    Submission.objects.create(user=user, problem=problem, code=f"package palindrome\n\n// {marker}-DRILL-TEST\n",
                              mode=Mode.DRILL, variant=drill.variant, status=Status.FINISHED,
                              verdict=Verdict.ACCEPTED)
    DrillReview.objects.create(user=user, drill=drill, lines=[9], explanation=f"{marker}-DRILL-REVIEW", hits=True)
    return SimpleNamespace(
        user=user, token=make_token(user), problem=problem, submitted=submitted,
        queued_run=queued_run, quiz_item=item, quiz_answer=answer, finished_interview=finished,
        active_interview=active, drill=drill)


def private_data_user(username: str, *, marker: str, problems, monkeypatch) -> SimpleNamespace:
    """make_user_with_private_data, with the lessons and interview templates it needs. The
    submissions requests make stay queued: nothing that uses this needs the judge."""
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)
    lessons_sync()
    install_default_templates(InterviewTemplate)
    return make_user_with_private_data(username, problems=problems, marker=marker)

