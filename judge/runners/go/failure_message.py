"""The one piece of a hidden run's output a practice submitter sees: the message of the first
failing hidden test, as its t.Errorf printed it (input, got, want), as LeetCode shows the
last failing input.

Hostile text. User code shares the test binary's stdout, so it can print lines that look
exactly like a t.Errorf line of any test (test2json's "error" type and its framing markers
included). So only lines in testing's format for a hidden file are taken, from the first
failing test alone, capped (MAX_LINES, MAX_BYTES), with control and formatting characters
replaced; the template escapes the rest. What is left is user text of at most the cap,
once per failing submission: docs/judge-protocol.md, "Residual risk".
"""

import re
import unicodedata

MAX_LINES = 10
MAX_BYTES = 1024
TRIMMED = "… (cut)"

# testing's log format in -test.v=test2json mode: four spaces, "file.go:LINE: ", the text;
# a multi-line message continues with lines indented by eight spaces.
_LOG_LINE = re.compile(r"^    ([\w.-]+\.go):\d+: (.*)$")
_CONTINUATION = "        "
_REPLACEMENT = "\ufffd"
_SOURCE_LINE_MIN = 16  # shorter lines ("}", "return nil") say nothing of the suite


def first_failure_message(events, failing_test: str, hidden_files: dict, public_text: str = "") -> str:
    """The capped message of `failing_test` (the first failing leaf), or of its nearest parent
    that printed one; "" when none did in testing's format (a panic, a time-out), or when it
    quotes a line of a hidden file's source (`hidden_files`: {name: source}; lines also in
    `public_text`, the statement and examples, are no secret)."""
    name = failing_test
    while name:
        record = events.tests.get(name)
        lines = _message_lines(record.error_output, set(hidden_files)) if record else []
        if lines:
            message = _capped(lines)
            return "" if _quotes_source(message, hidden_files, public_text) else message
        name = name.rpartition("/")[0]
    return ""


def _quotes_source(message: str, hidden_files: dict, public_text: str) -> bool:
    """Whether the message holds a line of the hidden source, as is or %q-quoted. A test's
    message prints values, not its source; one that does printed what user code gave it (a
    panic's value, say) and user code had the source: never shown (the static check and the
    sandbox keep the source out of its reach; this is the next line of defence)."""
    for source in hidden_files.values():
        for line in source.splitlines():
            line = line.strip()
            if len(line) < _SOURCE_LINE_MIN or line in public_text:
                continue
            quoted = line.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
            if line in message or quoted in message:
                return True
    return False


def _message_lines(outputs: list, hidden_files: set) -> list:
    lines, taking = [], False
    for line in "".join(outputs).splitlines():
        match = _LOG_LINE.match(line)
        if match:
            taking = match.group(1) in hidden_files
            if taking:
                lines.append(match.group(2))
        elif taking and line.startswith(_CONTINUATION):
            lines.append("    " + line[len(_CONTINUATION):])
        else:
            taking = False
    return lines


def _capped(lines: list) -> str:
    kept, size = [], 0
    for line in lines[:MAX_LINES]:
        line = _printable(line)
        room = MAX_BYTES - size
        encoded = line.encode("utf-8")
        if len(encoded) + 1 > room:
            kept.append(encoded[:max(0, room)].decode("utf-8", errors="ignore") + TRIMMED)
            return "\n".join(kept)
        kept.append(line)
        size += len(encoded) + 1
    if len(lines) > MAX_LINES:
        kept.append(TRIMMED)
    return "\n".join(kept)


def _printable(line: str) -> str:
    """Control characters (escape sequences) and format characters (bidi overrides, zero-width
    marks) replaced, so the box shows the text as it is; tabs kept."""
    return "".join(ch if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
                   else _REPLACEMENT for ch in line)
