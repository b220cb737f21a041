"""The problem list and a problem's page. They sit in practice, above the judge, learn and the
problems' content, because they show all of them: the catalog, the user's solved badges, the
workspace (draft, notes, solution) and recent submissions (docs/architecture.md)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from config.slots import render_with_slots
from judge.selectors import solved_slugs, submission_get_for_user
from practice.selectors import custom_tests_template, problem_search, workspace_get
from problems.models import Difficulty
from problems.search import SORTS, STATUSES, ProblemFilters, all_tags, problem_filters
from problems.selectors import problem_get_for_page, problem_list_rows


def problem_list_page(request):
    solved = solved_slugs(request.user)
    rows, rendered, options = _list_rows()
    try:
        filters, error = problem_filters(request.GET, rows, signed_in=request.user.is_authenticated), None
    except ValidationError as exc:
        filters, error = ProblemFilters(), " ".join(exc.messages)
    html = {slug: solved_html if slug in solved else plain for slug, plain, solved_html in rendered}
    shown = problem_search(filters, rows, user=request.user, solved=solved) if filters.narrowed or \
        filters.sort != "step" else [slug for slug, *_ in rendered]
    # Each row was rendered by our autoescaping template (_list_rows).
    rows_html = mark_safe("".join(html[slug] for slug in shown))  # noqa: S308
    return render(request, "problems/list.html", {
        "rows": rows_html, "shown": len(shown), "total": len(rows),
        "filters": filters, "error": error, "step_options": _selected(options["step"], filters.step),
        "tag_options": _selected(options["tag"], filters.tag),
        "difficulties": Difficulty.choices, "statuses": STATUSES.items(), "sorts": SORTS.items(),
    }, status=400 if error else 200)


# The problem table is the same for everyone but for the Solved column, and rendering its rows
# was most of the list page's time (~7 ms of 49 rows). Each row is rendered once per process,
# unsolved and solved, and again only when the rows read from the database differ: a changed
# problem shows at once, in every process. Filters pick and order rows; they render nothing.
# The step and tag choices of the filter form (112 tags) likewise: rendered with the rows, the
# chosen one marked per request (as a template loop they cost three times the rest of the page).
_rendered_list: dict[str, tuple[list, list, dict]] = {}


def _list_rows() -> tuple[list, list[tuple[str, str, str]], dict[str, str]]:
    rows = problem_list_rows()
    cached = _rendered_list.get("rows")
    if cached is None or cached[0] != rows:
        labels = dict(Difficulty.choices)
        rendered = []
        for slug, title, step, difficulty, tags in rows:
            p = {"slug": slug, "title": title, "step": step, "difficulty": difficulty, "tags": tags,
                 "difficulty_label": labels.get(difficulty, difficulty)}
            rendered.append((slug, *(render_to_string("problems/_list_row.html", {"p": p, "solved": solved})
                                     for solved in (False, True))))
        options = {"step": _options(sorted({row[2] for row in rows})), "tag": _options(all_tags(rows))}
        cached = _rendered_list["rows"] = (rows, rendered, options)
    return cached


def _options(values) -> str:
    return "".join(format_html('<option value="{}">{}</option>', value, value) for value in values)


def _selected(options: str, value) -> str:
    """`options` with the one for `value` selected (none when value is empty)."""
    if value is None or value == "":
        return mark_safe(options)  # noqa: S308 - built by format_html (_options)
    # `value` comes from the query string: format_html escapes it, so the replacement adds only
    # " selected" to an option that is already there, and nothing when there is none.
    option = format_html('<option value="{}">', value)
    return mark_safe(options.replace(option, option[:-1] + " selected>", 1))  # noqa: S308


def problem_detail_page(request, slug):
    problem = problem_get_for_page(slug)
    if not request.user.is_authenticated and not len(messages.get_messages(request)):
        # Everyone signed out sees the same page but for the CSRF token: render it once per
        # process and problem version, with a placeholder for the token (the load target).
        key = (problem.pk, problem.content_hash, problem.updated_at)
        cached = _signed_out_pages.get(slug)
        if cached is None or cached[0] != key:
            html = _detail_response(request, problem, csrf_token=_TOKEN_PLACEHOLDER).content.decode()
            cached = _signed_out_pages[slug] = (key, html)
        return HttpResponse(cached[1].replace(_TOKEN_PLACEHOLDER, get_token(request)))
    return _detail_response(request, problem)


_TOKEN_PLACEHOLDER = "csrf-token-placeholder-7f3a9c"  # noqa: S105 - a marker replaced by the real token
_signed_out_pages: dict[str, tuple[tuple, str]] = {}


def _detail_response(request, problem, **extra):
    user = request.user
    workspace = workspace_get(user=user, problem=problem)
    draft = workspace.draft
    code = draft.code if draft and draft.code.strip() else problem.starter_code
    loaded_from = None
    if request.GET.get("from") and user.is_authenticated:
        # "Load into editor" from a submission page: only the user's own code, of this problem.
        try:
            loaded_from = submission_get_for_user(user=user, submission_id=request.GET["from"])
        except Http404:
            loaded_from = None
        if loaded_from is not None and loaded_from.problem_id == problem.id:
            code = loaded_from.code
        else:
            loaded_from = None
    context = {
        "code": code,
        "custom_tests": (draft.custom_tests if draft and draft.custom_tests else custom_tests_template(problem)),
        "draft": draft,
        "loaded_from": loaded_from,
        "note": workspace.note,
        "solved": workspace.solved,
        "solution": workspace.solution,
        # The panel itself is fetched when it scrolls into view (problems/_learn.html).
        "deferred": workspace.solution.visible,
        "recent": workspace.recent,
        **extra,
    }
    if not user.is_authenticated:
        return render(request, "problems/detail.html", {"problem": problem, **context})
    # Signed in: the page's shared part rendered once per process and problem version, the
    # user's parts ({% slot %} in the templates) per request (config/slots.py).
    return render_with_slots(request, "problems/detail.html", key=(problem.pk, problem.content_hash, problem.updated_at),
                             shared={"problem": problem}, per_request=context)
