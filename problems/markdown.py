"""Statements are Markdown written by us, but we still sanitize: a sanitizer costs nothing
and keeps a careless `<script>` in a statement from ever reaching a browser."""

import markdown as md
import nh3

_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"pre", "code", "span", "div", "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4"}
_ALLOWED_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "span": {"class"}, "div": {"class"}, "code": {"class"}}


def render_markdown(text: str) -> str:
    html = md.markdown(
        text,
        extensions=["fenced_code", "codehilite", "tables", "sane_lists"],
        extension_configs={"codehilite": {"guess_lang": False, "css_class": "highlight"}},
    )
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES)


def render_inline(text: str) -> str:
    """One short piece (a quiz choice): Markdown without the paragraph around it."""
    html = render_markdown(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
