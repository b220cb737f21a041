"""Finds uses of forbidden packages or identifiers in Go source, before anything compiles.

Works on tokens, not text: comments and string literals are skipped, import aliases and
dot-imports are resolved, so `// io.LimitReader` or `"io.LimitReader"` are fine while
`lr "io"` … `lr.LimitReader` is caught. A rule is "path.Name" (one identifier of a
package), "path" (the whole package) or "path/..." (it and everything below it).

Besides a problem's own rules, every submission is held to a baseline (docs/judge-protocol.md,
"Refused before any container starts"): the ways out of Go's memory safety, of the process,
and of the judge's control of the test binary. It is defence in depth: the verdict does not
depend on it alone. A problem may allow a baseline package for a reason its problem.toml states.
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


_LOW_LEVEL = {
    "C": "cgo (import \"C\") is not allowed: C code runs outside Go's checks",
    "unsafe": "unsafe is not allowed: it steps outside Go's memory safety",
    "syscall": "raw system calls (syscall) are not allowed",
    "golang.org/x/sys/...": "raw system calls (golang.org/x/sys) are not allowed",
    "os/exec": "starting processes (os/exec) is not allowed",
    "os.StartProcess": "starting processes (os.StartProcess) is not allowed",
    "plugin": "loading plugins is not allowed",
    "runtime/cgo": "runtime/cgo is not allowed",
    "runtime/debug": "runtime/debug is not allowed: it changes the runtime's limits and can dump its memory",
    "embed": "embedding files (embed) is not allowed",
    "os.NewFile": "os.NewFile is not allowed: the process's file descriptors belong to the judge",
}
# What a test file may not use (test-writing tasks, your own cases in Run).
TESTS_BASELINE = _LOW_LEVEL
# A solution's code runs inside the judge's test binary: it may not end that process, read
# or change its command line, or take over its output and the testing package.
SOLUTION_BASELINE = {
    **_LOW_LEVEL,
    "testing": "a solution may not use the testing package: the judge owns the tests",
    "flag": "a solution may not use flag: the command line belongs to the judge",
    "os.Args": "os.Args is not allowed: the command line belongs to the judge",
    "os.Exit": "os.Exit is not allowed: return from your function instead",
    "os.Stdin": "os.Stdin is not allowed: input comes through your function's parameters",
    "os.Stdout": "os.Stdout is not allowed: print with fmt.Print or log if you must",
    "os.Stderr": "os.Stderr is not allowed: print with fmt.Print or log if you must",
}
_DIRECTIVE = re.compile(r"^(?://go:\S*|//line |/\*line )")


def directives(source: str, filename: str) -> list:
    """Compiler directives (//go:embed, //go:linkname, //line …) found in comments."""
    found = []
    for tok in _comments(source):
        match = _DIRECTIVE.match(tok.text)
        if match:
            name = match.group(0).strip()
            found.append(f"{filename}:{tok.line}:{tok.col}: the compiler directive {name} is not allowed: "
                         "directives reach outside the package")
    return found


def _comments(source: str):
    import bisect

    line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    for match in _TOKEN.finditer(source):
        if match.lastgroup == "comment":
            pos = match.start()
            line = bisect.bisect_right(line_starts, pos)
            yield Token("comment", match.group(), line, pos - line_starts[line - 1] + 1)


def _matches(path: str, rule: str) -> bool:
    return path == rule or (rule.endswith("/...") and (path == rule[:-4] or path.startswith(rule[:-3])))


def violations(source: str, rules: list, filename: str = "solution.go", *, baseline: dict | None = None,
               allowed=()) -> list:
    """Human-readable findings, each starting with file:line:col.

    `rules`: the problem's own; `baseline`: {rule: reason} every submission is held to, less
    the packages in `allowed` (the problem states why in its problem.toml)."""
    reasons = {rule: why for rule, why in (baseline or {}).items()
               if rule.rpartition(".")[0] not in allowed and rule not in allowed}
    reasons.update({rule: f"{rule} is not allowed in this problem" for rule in rules if rule not in reasons})
    found = directives(source, filename) if baseline else []
    if not reasons:
        return found
    whole = {r for r in reasons if r.endswith("/...") or "." not in r.rsplit("/", 1)[-1]}
    members = {}
    for rule in reasons:
        if rule not in whole:
            path, _, name = rule.rpartition(".")
            members.setdefault(path, set()).add(name)
    toks = list(tokens(source))
    local = {}
    for name, path, tok in imports(toks):
        where = f"{filename}:{tok.line}:{tok.col}"
        rule = next((r for r in whole if _matches(path, r)), None)
        if rule:
            why = reasons[rule]
            found.append(f"{where}: {why}" if rule in (baseline or {}) else
                         f"{where}: importing {path} is not allowed in this problem")
        elif path in members and name == ".":
            found.append(f"{where}: dot-importing {path} is not allowed: it would hide "
                         f"{', '.join(sorted(path + '.' + m for m in members[path]))}")
        elif path in members and name != "_":
            local[name] = path
    for a, dot, b in zip(toks, toks[1:], toks[2:], strict=False):  # each window of three tokens
        if a.kind == "ident" and dot.text == "." and b.kind == "ident" and a.text in local:
            path = local[a.text]
            if b.text in members[path]:
                found.append(f"{filename}:{a.line}:{a.col}: {reasons[f'{path}.{b.text}']}")
    return found
