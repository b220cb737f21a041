"""The runner image's protocol on the worker's side: the files a job holds, the modes it
runs in, and its output stream, split into what root said and what user code said.

Only root inside the sandbox (the judge script and dojo-jail) writes lines that do not start
with "|"; dojo-jail prefixes every byte the compiler or the submission's processes print with
"|" at each line start (docs/judge-protocol.md). So a marker line is trusted wherever it
stands, and everything after a "|" is untrusted text attributed to the section it sits in.
This module is the only place that knows the markers (judge.sh writes them).
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from problems.loader import EXPORT_FILE

# Files the worker puts in a job next to the submission's (the catalog's names, problems/loader.py).
HIDDEN_TESTS_FILE = "hidden_test.go"
BENCH_TESTS_FILE = "bench_test.go"
CUSTOM_TESTS_FILE = "my_cases_test.go"  # the user's own cases, judged by Run after the examples (name order)
# The judge's own files in a Submit build: never quoted to the submitter.
HIDDEN_FILES = frozenset({HIDDEN_TESTS_FILE, BENCH_TESTS_FILE, EXPORT_FILE})

UNTRUSTED = "|"
END_LINE = b"\n@@dojo:end "  # the sandbox stops reading here (judge.sh's EXIT trap)
# For reading the stream while it arrives (judge/runners/go/progress.py): each marker with
# the newline before it, so only a line start matches.
RUN_LINE = b"\n@@dojo:run@@\n"
BENCH_SUB_LINE = b"\n@@dojo:bench sub "
VARIANT_END_LINE = b"\n@@dojo:variant-end "
BUILT_DIRECT_LINE = b"\n@@dojo:built direct@@\n"


class Kind(StrEnum):
    """The steps a transcript is split into, named by the marker that opens each."""

    BUILD = "build"
    VARIANT_BUILD = "variant-build"
    REFERENCE_BUILD = "reference-build"
    RUN = "run"
    BENCH = "bench"
    VARIANT = "variant"


_KINDS = {kind.value for kind in Kind}

_MARKER = re.compile(r"^@@dojo:([a-z-]+)(?: (.*?))?@@$")
_EXIT = re.compile(r"^(-?\d+) (\d+) (\d+) ([01]) ([01])$")


@dataclass(frozen=True)
class Exit:
    """How one jailed process ended, from wait(2) in dojo-jail, never from its output."""

    code: int  # -1 when killed by a signal
    signal: int
    elapsed_ms: int
    timed_out: bool
    output_capped: bool

    @property
    def ok(self) -> bool:
        return self.code == 0 and self.signal == 0 and not self.timed_out and not self.output_capped


@dataclass
class Section:
    """What one step printed (untrusted) and, for a jailed step, how it ended (trusted)."""

    kind: Kind
    label: str = ""  # "sub 1", a variant dir, ...
    text: str = ""
    exit: Exit | None = None


@dataclass
class Transcript:
    sections: list = field(default_factory=list)
    build_failed: bool = False
    ran: bool = False  # the user's code started running (@@dojo:run@@)
    bench_ended: bool = False
    judge_lines: list = field(default_factory=list)  # root's own diagnostics

    def first(self, kind: str, label: str = "") -> Section | None:
        return next((s for s in self.sections if s.kind == kind and s.label == label), None)

    def of_kind(self, kind: str) -> list:
        return [s for s in self.sections if s.kind == kind]

    @property
    def build(self) -> Section | None:
        """The section whose failure stopped the build, else the submission's own build."""
        builds = [s for s in self.sections if s.kind in (Kind.BUILD, Kind.VARIANT_BUILD)]
        failed = next((s for s in builds if s.exit is not None and not s.exit.ok), None)
        return failed or (builds[0] if builds else None)


def parse(text: str) -> Transcript:
    t = Transcript()
    current = None
    untrusted = []

    def close():
        if current is not None:
            current.text = "".join(untrusted)
        untrusted.clear()

    for line in text.splitlines(keepends=True):
        if line.startswith(UNTRUSTED):
            if current is not None:
                untrusted.append(line[1:])
            continue
        match = _MARKER.match(line.rstrip("\n"))
        if not match and not line.endswith("\n"):
            continue  # a root line the sandbox's backstop cut in half: its limits say why
        if not match:
            if line.strip():
                t.judge_lines.append(line.rstrip("\n"))
            continue
        name, arg = match.group(1), match.group(2) or ""
        if name == "exit":
            numbers = _EXIT.match(arg)
            if current is not None and numbers:
                code, sig, ms, timed_out, capped = numbers.groups()
                current.exit = Exit(int(code), int(sig), int(ms), timed_out == "1", capped == "1")
            continue
        if name in _KINDS:
            close()
            current = Section(kind=Kind(name), label=arg)
            if name == Kind.RUN:
                t.ran = True
                if any(s.kind == Kind.VARIANT_BUILD for s in t.sections):
                    current = None  # a test-writing task: the runs are the variant sections
            if current is not None:
                t.sections.append(current)
        elif name == "build-failed":
            t.build_failed = True
        elif name == "bench-end":
            close()
            current = None
            t.bench_ended = True
        elif name == "variant-end":
            close()
            current = None
        elif name == "jail-error":
            t.judge_lines.append(f"dojo-jail: {arg}")
    close()
    return t
