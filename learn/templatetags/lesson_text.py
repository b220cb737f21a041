"""Lesson text stored as Markdown (a lesson's summary) rendered where pages show it."""

from functools import lru_cache

from django import template
from django.utils.safestring import mark_safe

from problems.markdown import render_inline

register = template.Library()


# A summary changes only when the lessons are loaded again; the list page shows sixteen of
# them on every request, so each text is rendered once per process.
@lru_cache(maxsize=256)
def _inline(text: str) -> str:
    return render_inline(text)


@register.filter
def inline_markdown(text) -> str:
    """Markdown of one paragraph, sanitized (problems/markdown.py), without the <p> around it."""
    return mark_safe(_inline(str(text or "")))
