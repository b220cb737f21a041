"""Code as HTML: syntax highlighting and diffs, rendered on the server (no script needed)."""

import difflib
from dataclasses import dataclass

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import GoLexer

_FORMATTER = HtmlFormatter(cssclass="highlight", linenos="table", wrapcode=True)
# Each line an anchor (#L-12), for a compile error's link to it: one such block per page.
_ANCHORED = HtmlFormatter(cssclass="highlight", linenos="table", wrapcode=True, lineanchors="L")


def highlight_go(code: str, *, line_anchors: bool = False) -> str:
    # Pygments escapes the source itself; the result is safe to mark as such.
    return highlight(code, GoLexer(), _ANCHORED if line_anchors else _FORMATTER)


@dataclass
class DiffLine:
    kind: str  # "context" | "added" | "removed" | "hunk"
    old_number: int | None
    new_number: int | None
    text: str


def code_diff(old: str, new: str, context: int = 3) -> list:
    """A unified diff as rows for a table; an empty list when the code did not change."""
    rows = []
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        rows.append(DiffLine("hunk", None, None, f"@@ -{first[1] + 1},{last[2] - first[1]} "
                                                 f"+{first[3] + 1},{last[4] - first[3]} @@"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [DiffLine("context", i + 1, j + 1, old_lines[i])
                         for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
                continue
            if tag in ("replace", "delete"):
                rows += [DiffLine("removed", i + 1, None, old_lines[i]) for i in range(i1, i2)]
            if tag in ("replace", "insert"):
                rows += [DiffLine("added", None, j + 1, new_lines[j]) for j in range(j1, j2)]
    return rows

