"""Code as users see and submit it: one Go file, or several files in one text.

Several files use the Go playground's txtar form: each file starts with a line
`-- name.go --`. A single-file problem's code is just the file, so the common case stays
plain Go. No Go source can begin with `-- `, so the two forms never collide.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

SINGLE_FILE = "solution.go"
SINGLE_TEST_FILE = "solution_test.go"  # test-writing tasks: the user writes tests
MAX_FILES = 12
_HEADER = re.compile(r"^-- (.*?) --[ \t]*\r?$", re.MULTILINE)
# Plain names only: no directories, no test files (the judge owns those), no go.mod.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.go$")


class CodeFilesError(ValueError):
    pass


def is_multi_file(code: str) -> bool:
    return code.startswith("-- ")


def split_files(code: str, *, tests: bool = False) -> dict:
    """{file name: source}; raises CodeFilesError with a message for the user.

    `tests`: the code is the user's tests, so every file must be a `_test.go` file.
    """
    if not is_multi_file(code):
        return {SINGLE_TEST_FILE if tests else SINGLE_FILE: code}
    headers = list(_HEADER.finditer(code))
    files = {}
    for i, header in enumerate(headers):
        name = header.group(1).strip()
        if not _NAME.match(name):
            raise CodeFilesError(f"`-- {name} --`: file names must be plain `name.go` (no folders).")
        if name.endswith("_test.go") != tests:
            kind = "`name_test.go` (this task is about writing tests)" if tests else "`name.go`, not _test.go"
            raise CodeFilesError(f"`-- {name} --`: file names must be {kind}.")
        if name in files:
            raise CodeFilesError(f"`{name}` appears twice.")
        end = headers[i + 1].start() if i + 1 < len(headers) else len(code)
        files[name] = code[header.end() + 1:end]
    if len(files) > MAX_FILES:
        raise CodeFilesError(f"{len(files)} files; at most {MAX_FILES} are accepted.")
    return files


def join_files(files: dict) -> str:
    """The text the editor shows for a problem's files (the inverse of split_files)."""
    if len(files) == 1 and (SINGLE_FILE in files or SINGLE_TEST_FILE in files):
        return next(iter(files.values()))
    return "".join(f"-- {name} --\n{source if source.endswith(chr(10)) else source + chr(10)}"
                   for name, source in sorted(files.items()))


# -- what text we accept from a user ----------------------------------------------------------

def validate_text(text, *, label: str = "Code") -> str:
    """Text we are willing to store for a user: drafts too, which may be half-typed.
    `label` names the field in the messages ("Code", "Your tests")."""
    if not isinstance(text, str):
        raise ValidationError(f"{label} must be text.")
    if "\x00" in text:
        raise ValidationError(f"{label} must be text; it contains NUL bytes (binary data?).")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    limit = settings.JUDGE["MAX_CODE_BYTES"]
    if size > limit:
        raise ValidationError(f"{label} is {size // 1024} KiB; the limit is {limit // 1024} KiB.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(f"{label} must be valid UTF-8 text.") from exc
    if not text.strip():
        raise ValidationError(f"{label} is empty.")
    return text


def validate_code(code, *, tests: bool = False) -> str:
    """Text a submission can be judged from (size, encoding, file names)."""
    validate_text(code)
    try:
        split_files(code, tests=tests)
    except CodeFilesError as exc:
        raise ValidationError(str(exc)) from exc
    return code
