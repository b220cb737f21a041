from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from config.errors import shows_errors
from judge.history import history_filters
from judge.models import Mode
from judge.presentation import code_diff, highlight_go
from judge.progress import progress_get
from judge.selectors import solved_slugs, submission_get_for_user, submission_list_for_user, submission_previous
from judge.services import submission_create
from judge.verdicts import Verdict
from problems.selectors import problem_get, problem_titles


def _submit_refused_page(request, error, slug):
    # The code stays in the editor: the error is shown beside it, nothing is lost.
    return "problems/detail.html", {"error": error.message, "problem": problem_get(slug), "recent": [],
                                    "code": request.POST.get("code", ""),
                                    "custom_tests": request.POST.get("custom_tests", "")}


@login_required
@require_POST
@shows_errors(page=_submit_refused_page)
def submit(request, slug):
    problem = problem_get(slug)
    mode = Mode.RUN if request.POST.get("mode") == Mode.RUN else Mode.SUBMIT
    submission = submission_create(user=request.user, problem=problem, code=request.POST.get("code", ""),
                                   mode=mode, custom_tests=request.POST.get("custom_tests", ""))
    if request.htmx:
        return render(request, "judge/_status.html", {
            "submission": submission, "oob": True, "new_row": not getattr(submission, "is_duplicate", False)})
    return redirect("submission_detail", submission_id=submission.pk)


@login_required
def submission_list_page(request):
    try:
        filters = history_filters(request.GET)
        error = None
    except ValidationError as exc:
        filters, error = history_filters({}), " ".join(exc.messages)
    problems = problem_titles()
    if filters["problem_slug"] and filters["problem_slug"] not in dict(problems):
        # Said, not silently ignored: an empty list would read as "no submissions of it".
        error = f"No problem {filters['problem_slug']!r}; pick one from the list."
        filters = history_filters({})
    page = Paginator(submission_list_for_user(user=request.user, **filters), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "judge/list.html", {
        "page": page, "problems": problems, "verdicts": Verdict.choices, "modes": Mode.choices, "filters": filters, "error": error,
        "query": query.urlencode(),
    }, status=400 if error else 200)


@login_required
def submission_detail_page(request, submission_id):
    submission = submission_get_for_user(user=request.user, submission_id=submission_id)
    previous = submission_previous(submission)
    return render(request, "judge/detail.html", {
        "submission": submission,
        "code_html": highlight_go(submission.code, line_anchors=True),
        "previous": previous,
        "diff": code_diff(previous.code, submission.code) if previous else None,
    })


@login_required
def submission_status(request, submission_id):
    """The live part of a submission page: polled by htmx until the submission is done."""
    submission = submission_get_for_user(user=request.user, submission_id=submission_id)
    oob = request.GET.get("oob") == "1" and submission.user_id == request.user.id
    solved = oob and submission.is_done and submission.problem.slug in solved_slugs(request.user)
    return render(request, "judge/_status.html", {"submission": submission, "oob": oob, "solved": solved,
                                                  "progress": None if submission.is_done else progress_get(submission.pk)})
