"""Finds uses of forbidden packages or identifiers in Go source, before anything compiles.

Works on tokens, not text: comments and string literals are skipped, import aliases and
dot-imports are resolved, so `// io.LimitReader` or `"io.LimitReader"` are fine while
`lr "io"` … `lr.LimitReader` is caught. A rule is "path.Name" (one identifier of a
package) or "path" (the whole package).
"""

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
      | (?P<string>`[^`]*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<ident>[^\W\d]\w*)
      | (?P<op>[.();])
      | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    col: int


def tokens(source: str):
    line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    import bisect

    for match in _TOKEN.finditer(source):
        kind = match.lastgroup
        if kind == "comment":
            continue
        pos = match.start()
        line = bisect.bisect_right(line_starts, pos)
        yield Token(kind, match.group(), line, pos - line_starts[line - 1] + 1)


def _default_name(path: str) -> str:
    parts = path.split("/")
    if len(parts) > 1 and re.fullmatch(r"v\d+", parts[-1]):
        return parts[-2]
    return parts[-1]


def imports(toks: list) -> list:
    """[(local name, path, token)] for every import spec."""
    found = []
    i = 0
    while i < len(toks):
        if toks[i].kind == "ident" and toks[i].text == "import":
            i += 1
            grouped = i < len(toks) and toks[i].text == "("
            if grouped:
                i += 1
            while i < len(toks) and toks[i].text != ")":
                name = None
                if toks[i].kind == "ident" or toks[i].text == ".":
                    name = toks[i].text
                    i += 1
                if i < len(toks) and toks[i].kind == "string":
                    path = toks[i].text.strip('"`')
                    found.append((name or _default_name(path), path, toks[i]))
                    i += 1
                if not grouped:
                    break
                while i < len(toks) and toks[i].text == ";":
                    i += 1
            continue
        i += 1
    return found


def violations(source: str, rules: list, filename: str = "solution.go") -> list:
    """Human-readable findings, each starting with file:line:col."""
    if not rules:
        return []
    whole = {r for r in rules if "." not in r.rsplit("/", 1)[-1]}
    members = {}
    for rule in rules:
        if rule not in whole:
            path, _, name = rule.rpartition(".")
            members.setdefault(path, set()).add(name)
    toks = list(tokens(source))
    found = []
    local = {}
    for name, path, tok in imports(toks):
        where = f"{filename}:{tok.line}:{tok.col}"
        if path in whole:
            found.append(f"{where}: importing {path} is not allowed in this problem")
        elif path in members and name == ".":
            found.append(f"{where}: dot-importing {path} is not allowed in this problem")
        elif path in members and name != "_":
            local[name] = path
    for a, dot, b in zip(toks, toks[1:], toks[2:]):
        if a.kind == "ident" and dot.text == "." and b.kind == "ident" and a.text in local:
            path = local[a.text]
            if b.text in members[path]:
                found.append(f"{filename}:{a.line}:{a.col}: {path}.{b.text} is not allowed in this problem")
    return found
