"""Keeping the hidden suite out of the submitter's reach (docs/judge-protocol.md).

* At compile time: hidden test files are compiled as the external test package
  (`package <name>_test`, dot-importing the solution), so no identifier they declare can be
  named from the submitter's package, and a compile error inside them is reported as the
  API mismatch it is, never quoted.
* At run time: on hidden runs nothing the submission's process prints reaches the submitter
  (it may hold hidden inputs). Messages are built from fixed texts, the problem's API
  names, the test names the page already lists, and the submitter's own identifiers.
"""

import re

SOLUTION_MODULE = "dojo.local/solution"

_PACKAGE_CLAUSE = re.compile(r"^(\s*(?://[^\n]*\n\s*|/\*.*?\*/\s*)*)package\s+(\w+)", re.DOTALL)
_TOP_DECL = re.compile(r"^(?:func\s+(?:\([^)]*\)\s*)?|type\s+|var\s+|const\s+)(\w+)")
_BLOCK_START = re.compile(r"^(?:var|const|type)\s*\($")
_BLOCK_ENTRY = re.compile(r"^\t(\w+)")
_EXPORTED_FIELD = re.compile(r"^\t([A-Z]\w*)\s", re.MULTILINE)
_FUNC_NAME = re.compile(r"^func\s+(?:\([^)]*\)\s*)?(\w+)", re.MULTILINE)
_BUILD_LINE = re.compile(r"^(?:\./)?([\w.-]+\.go):\d+(?::\d+)?: (.*)$")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|`([^`]*)`')
_SUBTEST_SUFFIX = re.compile(r"#\d+$")

# Panics the Go runtime raises itself, shown by category (the numbers in them can come from
# hidden inputs, so they are left out).
_RUNTIME_PANICS = (
    ("index out of range", "index out of range"),
    ("slice bounds out of range", "slice bounds out of range"),
    ("nil pointer dereference", "nil pointer dereference"),
    ("integer divide by zero", "integer divide by zero"),
    ("assignment to entry in nil map", "assignment to entry in nil map"),
    ("close of closed channel", "close of closed channel"),
    ("close of nil channel", "close of nil channel"),
    ("send on closed channel", "send on closed channel"),
    ("all goroutines are asleep", "deadlock: all goroutines are asleep"),
    ("concurrent map", "concurrent map access without a lock"),
    ("stack overflow", "stack overflow (unbounded recursion?)"),
    ("goroutine stack exceeds", "stack overflow (unbounded recursion?)"),
    ("negative WaitGroup counter", "sync: negative WaitGroup counter"),
    ("unlock of unlocked", "unlock of an unlocked mutex"),
    ("makeslice: len out of range", "makeslice: len out of range"),
    ("makeslice: cap out of range", "makeslice: cap out of range"),
    ("interface conversion", "interface conversion (a type assertion failed)"),
    ("hash of unhashable type", "hash of unhashable type"),
    ("panic(nil) or runtime.Goexit", "the test's goroutine ended early (panic(nil) or runtime.Goexit)"),
    ("panic called with nil argument", "panic(nil)"),
    ("out of memory", "out of memory"),
)
_BUILD_PROBLEMS = (
    ("not enough arguments", "wrong number of arguments"),
    ("too many arguments", "wrong number of arguments"),
    ("cannot use", "a parameter or result has a different type"),
    ("mismatched types", "a result has a different type"),
    ("assignment mismatch", "a different number of results"),
    ("has no field or method", "a missing method or field"),
    ("is not a type", "a name that should be a type is not"),
    ("not a type", "a name that should be a type is not"),
    ("redeclared", "a name your code exports clashes with one the tests declare"),
    ("already declared through dot-import", "a name your code exports clashes with one the tests declare"),
    ("cannot call non-function", "a name the tests call is not a function"),
    ("does not implement", "a type does not implement the interface the tests expect"),
)


def as_external(source: str, module: str = SOLUTION_MODULE) -> str:
    """The same test file as package `<name>_test`, with the solution's exports in scope."""
    def clause(match):
        return f'{match.group(1)}package {match.group(2)}_test\n\nimport . "{module}"\n'
    return _PACKAGE_CLAUSE.sub(clause, source, count=1)


def api_names(reference_files: dict) -> set:
    """Top-level names the reference declares, and its exported fields: the API a statement
    asks for, the only identifiers an API-mismatch message may name."""
    names = set()
    for source in reference_files.values():
        names.update(_EXPORTED_FIELD.findall(source))
        in_block = False
        for line in source.splitlines():
            if in_block:
                in_block = line != ")"
                entry = _BLOCK_ENTRY.match(line)
                if in_block and entry:
                    names.add(entry.group(1))
            elif _BLOCK_START.match(line):
                in_block = True
            elif decl := _TOP_DECL.match(line):
                names.add(decl.group(1))
    return names


def own_function_names(files: dict) -> set:
    return {name for source in files.values() for name in _FUNC_NAME.findall(source)}


def scrub_build_output(text: str, judge_files: set, api: set) -> str:
    """The compiler's output with every error inside a judge-owned file replaced by what it
    means for the submitter; errors in their own files are kept as they are."""
    lines, in_judge_error = [], False
    for line in text.splitlines():
        if line.startswith("# "):  # go's "# package" headers name our module paths
            continue
        match = _BUILD_LINE.match(line)
        if match:
            in_judge_error = match.group(1) in judge_files
            lines.append(_api_mismatch(match.group(2), api) if in_judge_error else line)
        elif not (in_judge_error and line.startswith(("\t", " "))):
            in_judge_error = False
            lines.append(line)
    return "\n".join(dict.fromkeys(lines))  # one line per distinct problem, in order


def _api_mismatch(message: str, api: set) -> str:
    undefined = re.fullmatch(r"undefined: (\w+)", message)
    if undefined and undefined.group(1) in api:
        return f"Your code has no `{undefined.group(1)}`: the tests call it (see the statement)."
    names = sorted(name for name in api if re.search(rf"\b{re.escape(name)}\b", message))
    what = next((meaning for needle, meaning in _BUILD_PROBLEMS if needle in message), "")
    subject = ", ".join(f"`{name}`" for name in names) if names else "the API"
    detail = f" ({what})" if what else ""
    return f"Your code does not match the required API: check {subject} against the statement{detail}."


def safe_panic(panic_line: str | None) -> str:
    """What a hidden run may say about a panic: its category, never its text."""
    if not panic_line:
        return "Your code panicked"
    for needle, meaning in _RUNTIME_PANICS:
        if needle in panic_line:
            return f"Runtime error: {meaning}"
    return "Your code panicked (the panic's value is not shown for hidden tests)"


def safe_race(report: str, own_functions: set) -> str:
    found = sorted(name for name in own_functions if re.search(rf"\.{re.escape(name)}\b", report))
    where = f" It involves {', '.join(f'`{n}`' for n in found)}." if found else ""
    return ("The race detector found a data race (its report is not shown for hidden tests: "
            f"reproduce it with Run and your own tests).{where}")


def subtest_names(sources: dict) -> set:
    """Sub-test name parts the hidden files spell out as string literals, as `testing`
    rewrites them (spaces become underscores). Other sub-test names are not shown: a name
    printed by user code could carry anything."""
    names = set()
    for source in sources.values():
        for match in _STRING.finditer(source):
            literal = match.group(1) if match.group(1) is not None else match.group(2)
            if literal and len(literal) <= 80 and "\\" not in literal:
                names.add(re.sub(r"\s", "_", literal))
    return names


def shown_test_name(name: str, expected: set, subtests: set) -> str | None:
    """The name to show for a hidden test row, or None to leave the row out."""
    top, _, rest = name.partition("/")
    if top not in expected:
        return None
    if not rest:
        return top
    parts = [_SUBTEST_SUFFIX.sub("", part) for part in rest.split("/")]
    return name if all(part in subtests for part in parts) else None
