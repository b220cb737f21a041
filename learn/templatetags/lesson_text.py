"""Lesson text stored as Markdown (a lesson's summary) rendered where pages show it."""

import html
from functools import lru_cache

from django import template
from django.utils.html import strip_tags
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
    return mark_safe(_inline(str(text or "")))  # noqa: S308 - sanitized by nh3 in render_markdown


def summary_html(text) -> str:
    """A lesson's summary as the pages show it (inline_markdown): the API's summary_html."""
    return _inline(str(text or ""))


def summary_text(text) -> str:
    """The same summary as plain text, without its Markdown (the API's summary)."""
    return html.unescape(strip_tags(summary_html(text)))
