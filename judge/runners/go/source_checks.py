"""Checks on the submitted source that need no compiler: cheap, clear messages."""

import re

_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


def package_clause(code: str) -> str | None:
    match = _PACKAGE.search(_COMMENTS.sub(" ", code))
    return match.group(1) if match else None
