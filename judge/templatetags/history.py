"""A row of a submission history (judge/_row.html): the problem page's recent submissions, the
history page, and the row the status partial swaps in once a verdict is in.

Why not an {% include %}: a row costs ~0.35 ms to render here (two links, the verdict's label,
two dates), and a signed-in problem page shows up to ten. What a row shows changes only with the
fields it shows, but for "… ago": each row is rendered once per process and set of those fields,
keyed by all of them (a changed status, verdict or title makes a new row at once; the key names
the submission, so a row is only ever its own), and the time since is filled in per request.
"""

import hashlib

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

register = template.Library()

_AGO = "submission-row-ago-5d1e8b"  # stands for "3 minutes" until the row is shown


@register.simple_tag
def submission_row(s, oob_swap=""):
    shown = (s.pk, s.mode, s.status, s.verdict, s.created_at, s.problem.slug, s.problem.title, oob_swap)
    key = "submission-row:" + hashlib.md5(repr(shown).encode(), usedforsecurity=False).hexdigest()
    render_cache = caches["render"]
    html = render_cache.get(key)
    if html is None:
        html = render_to_string("judge/_row.html", {"s": s, "oob_swap": oob_swap, "ago": _AGO})
        render_cache.set(key, html, 86400)
    # Our autoescaped template's output, and timesince's own words ("3 minutes") for the marker.
    return mark_safe(html.replace(_AGO, timesince(s.created_at, timezone.now()), 1))  # noqa: S308
