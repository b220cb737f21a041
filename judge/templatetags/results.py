"""The result panel's reading of a submission (judge/feedback.py does the work)."""

from django import template

from judge import feedback
from judge.runners import runner_for

register = template.Library()


@register.simple_tag
def submission_feedback(submission) -> dict:
    """The count line, the rows split into failing and passing, the message less what the count
    line and the compile output already say, and the compile output with links to the editor."""
    rows = list(submission.finished_tests)
    failing, passing = feedback.split(rows)
    summary = feedback.summary(rows)
    message = feedback.message_beyond_summary(submission.message, summary)
    return {
        "summary": summary,
        "failing": failing,
        "passing": passing,
        "passed_summary": feedback.passed_summary(rows) if passing else "",
        "message": message if feedback.shown_once(message, submission.compile_output) else "",
        "compile_lines": feedback.compile_lines(
            submission.compile_output, submission.code, custom_tests=submission.custom_tests,
            custom_tests_file=runner_for(submission.language).custom_tests_file)
        if submission.compile_output else [],
        # Run shows every row's output. A hidden run shows one message, the first failing test's
        # (the judge stores no other); a test-writing task's rows keep theirs to themselves.
        "messages": "all" if submission.shows_test_details else "none" if submission.problem.writes_tests else "first",
        "reveals_message": any(row.message for row in failing) and not submission.shows_test_details
        and not submission.problem.writes_tests,
    }
