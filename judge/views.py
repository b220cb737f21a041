from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from judge.models import Mode
from judge.selectors import submission_get_for_user, submission_list_for_user
from judge.services import submission_create
from judge.verdicts import Verdict
from problems.selectors import problem_get


@login_required
@require_POST
def submit(request, slug):
    problem = problem_get(slug)
    code = request.POST.get("code", "")
    mode = Mode.RUN if request.POST.get("mode") == Mode.RUN else Mode.SUBMIT
    try:
        submission = submission_create(user=request.user, problem=problem, code=code, mode=mode)
    except ValidationError as exc:
        # The code stays in the editor: the error is shown beside it, nothing is lost.
        context = {"error": " ".join(exc.messages), "problem": problem}
        if request.htmx:
            return render(request, "judge/_submit_error.html", context, status=400)
        return render(request, "problems/detail.html", {**context, "code": code, "recent": []}, status=400)
    if request.htmx:
        return render(request, "judge/_status.html", {"submission": submission})
    return redirect("submission_detail", submission_id=submission.pk)


@login_required
def submission_list_page(request):
    problem = request.GET.get("problem") or None
    verdict = request.GET.get("verdict") or None
    qs = submission_list_for_user(user=request.user, problem_slug=problem, verdict=verdict)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "judge/list.html", {
        "page": page, "verdicts": Verdict.choices, "problem": problem or "", "verdict": verdict or "",
    })


@login_required
def submission_detail_page(request, submission_id):
    submission = submission_get_for_user(user=request.user, submission_id=submission_id)
    return render(request, "judge/detail.html", {"submission": submission})


@login_required
def submission_status(request, submission_id):
    """The live part of a submission page: polled by htmx until the submission is done."""
    submission = submission_get_for_user(user=request.user, submission_id=submission_id)
    return render(request, "judge/_status.html", {"submission": submission})
