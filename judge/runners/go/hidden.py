"""Keeping the hidden suite out of the submitter's reach (docs/judge-protocol.md).

* At compile time: hidden test files are compiled as the external test package
  (`package <name>_test`, dot-importing the solution), so no identifier they declare can be
  named from the submitter's package, and a compile error inside them is reported as the
  API mismatch it is, never quoted.
* At run time: on hidden runs nothing the submission's process prints reaches the submitter
  (it may hold hidden inputs). Messages are built from fixed texts, the problem's API
  names, the test names the page already lists, and the submitter's own identifiers.
"""

import difflib
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
_UNDEFINED = re.compile(r"undefined: (?:\w+\.)?(\w+)")
# "c.Peek undefined (type *LRU[string, int] has no field or method Peek, but does have method peek)"
_NO_MEMBER = re.compile(r"\(type \*?(?:\w+\.)?(\w+)(?:\[[^\]]*\])? has no field or method (\w+)"
                        r"(?:, but does have (?:unexported )?(?:field|method) (\w+))?\)")

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
    ("does not match", "a parameter or result has a different type"),
    ("assignment mismatch", "a different number of results"),
    ("has no field or method", "a missing method or field"),
    ("is not a type", "a name that should be a type is not"),
    ("not a type", "a name that should be a type is not"),
    ("redeclared", "a name your code exports clashes with one the tests declare"),
    ("already declared through dot-import", "a name your code exports clashes with one the tests declare"),
    ("cannot call non-function", "a name the tests call is not a function"),
    ("is not a function", "a name the tests call is not a function"),
    ("is not a generic type", "it must be generic: the tests give it type parameters"),
    ("cannot index", "it must be generic: the tests give it type parameters"),
    ("missing method", "a type lacks a method the tests need"),
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


def scrub_build_output(text: str, judge_files: set, api: set, *, visible_files=frozenset(),
                       own_names=frozenset()) -> str:
    """The compiler's output with the errors inside the judge's test files replaced by what
    they mean for the submitter (API_MISMATCH), named by the API's exported identifiers only.

    Errors in the submitter's own files come first, as they are. Then one line per distinct
    mismatch, the most telling first ("Your code has no `TopK`" before "check `TopK`"); a
    vague one ("check the API") only when nothing says more, as it is mostly a consequence
    (a variable left unused by a call that failed). `visible_files` (the examples in Run) are
    judge files the submitter can read: their lines follow, quoted, for the detail.
    `own_names`: the submitter's top-level names, to point at a near miss (`topK` for `TopK`).
    """
    own, quoted, missing, checks = [], [], [], {}  # checks: {what is wrong: API names involved}
    in_judge_error = quoting = False
    api = {name for name in api if name[:1].isupper()}  # the tests (another package) see these only
    for line in text.splitlines():
        if line.startswith("# "):  # go's "# package" headers name our module paths
            continue
        match = _BUILD_LINE.match(line)
        if match:
            in_judge_error = match.group(1) in judge_files
            quoting = in_judge_error and match.group(1) in visible_files
            if in_judge_error:
                found = _api_mismatch(match.group(2), api, own_names)
                if isinstance(found, str):
                    missing.append(found)
                else:
                    what, names = found
                    checks.setdefault(what, set()).update(names)
            if not in_judge_error:
                own.append(line)
            elif quoting:
                quoted.append(line)
        elif in_judge_error and line.startswith(("\t", " ")):
            if quoting:
                quoted.append(line)
        else:
            in_judge_error = quoting = False
            own.append(line)
    return "\n".join([*dict.fromkeys(own + missing + _check_lines(checks, vague_too=not missing)), *quoted])


def _check_lines(checks: dict, vague_too: bool) -> list:
    """One line per kind of mismatch, naming every API identifier involved; those naming
    neither an identifier nor a problem only when nothing says more."""
    ranked = sorted(checks.items(), key=lambda item: (not item[1], not item[0]))
    telling = [item for item in ranked if item[0] or item[1]]
    lines = []
    for what, names in telling or (ranked if vague_too else []):
        subject = ", ".join(f"`{name}`" for name in sorted(names)) if names else "the API"
        detail = f" ({what})" if what else ""
        lines.append(f"Your code does not match the required API: check {subject} against the statement{detail}.")
    return lines


def _api_mismatch(message: str, api: set, own_names):
    """What an error inside a judge's test file means, never quoting it: a sentence when an API
    name is missing, else (what is wrong or "", the API names in the error)."""
    undefined = _UNDEFINED.fullmatch(message)
    if undefined and undefined.group(1) in api:
        name = undefined.group(1)
        return f"Your code has no `{name}`: the tests call it (see the statement).{_near_miss(name, own_names)}"
    member = _NO_MEMBER.search(message)
    if member and member.group(1) in api and member.group(2) in api:
        typ, name, theirs = member.groups()
        hint = f" Your `{theirs}` is spelled differently." if theirs else _near_miss(name, own_names)
        return f"Your `{typ}` has no method or field `{name}`: the tests use it (see the statement).{hint}"
    names = {name for name in api if re.search(rf"\b{re.escape(name)}\b", message)}
    what = next((meaning for needle, meaning in _BUILD_PROBLEMS if needle in message), "")
    return what, names


def _near_miss(name: str, own_names) -> str:
    """" Your `topK` is spelled differently." when the submitter has a name close to the API's."""
    own = [n for n in own_names if n != name]
    close = [n for n in own if n.lower() == name.lower()] or difflib.get_close_matches(name, own, n=1, cutoff=0.8)
    return f" Your `{close[0]}` is spelled differently." if close else ""


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
