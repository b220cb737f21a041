"""What a problem teaches once it is solved: its reference solution, what interviewers look for,
and the common mistakes (each known-wrong variant's `why`, with the lines that differ from the
reference). Test-writing tasks show their mutants instead, against the correct implementation.

Only content here, the same for everyone: who may see it is decided in one place,
practice.selectors.solution_access. It changes only when the catalog is loaded again, so it is
built once per process and problem version (diffing every variant costs a few milliseconds)."""

import difflib
from dataclasses import dataclass

from judge.presentation import DiffLine, code_diff, highlight_go
from judge.verdicts import Verdict
from problems.code_files import join_files
from problems.models import Problem

# The fields a review reads: the problem page's cached row leaves them out (problems/selectors.py).
REVIEW_FIELDS = ("slug", "kind", "content_hash", "reference_files", "wrong_variants", "impl_files", "mutants",
                 "look_for")


@dataclass(frozen=True)
class SourceFile:
    name: str
    source: str
    html: str  # highlighted, with line numbers


@dataclass(frozen=True)
class FileDiff:
    name: str
    rows: list[DiffLine]
    unified: str  # the same change as a unified diff (the API's form)


@dataclass(frozen=True)
class Mistake:
    name: str
    why: str
    verdict: str  # the verdict it gets (a known-wrong variant), "" for a mutant
    files: list[FileDiff]

    @property
    def title(self) -> str:
        return self.name.replace("-", " ").capitalize()

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label if self.verdict in Verdict.values else ""

    @property
    def diff(self) -> str:
        return "".join(f.unified for f in self.files)


@dataclass(frozen=True)
class Review:
    slug: str
    writes_tests: bool
    reference: list[SourceFile]  # the reference solution (or tests), file by file
    look_for: list[str]
    mistakes: list[Mistake]

    @property
    def reference_code(self) -> str:
        """As the editor shows code: the file, or `-- name.go --` sections (problems/code_files.py)."""
        return join_files({f.name: f.source for f in self.reference})

    @property
    def multi_file(self) -> bool:
        return len(self.reference) > 1


def file_diffs(old: dict, new: dict, *, old_dir: str, new_dir: str) -> list[FileDiff]:
    """Per file of either side, the lines that changed (files that did not change are left out)."""
    diffs = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name, ""), new.get(name, "")
        rows = code_diff(before, after)
        if rows:
            unified = "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                                   fromfile=f"{old_dir}/{name}", tofile=f"{new_dir}/{name}"))
            diffs.append(FileDiff(name, rows, unified if unified.endswith("\n") else unified + "\n"))
    return diffs


def build_review(problem: Problem) -> Review:
    if problem.writes_tests:
        # The user wrote tests: the bugs those tests had to catch, each against the correct code.
        base, base_dir = problem.impl_files, "impl"
        variants = [(m["name"], m.get("why", ""), "", m["files"], f"mutants/{m['name']}") for m in problem.mutants]
    else:
        base, base_dir = problem.reference_files, "reference"
        variants = [(w["name"], w.get("why", ""), w["verdict"], w["files"], f"wrong/{w['name']}")
                    for w in problem.wrong_variants]
    mistakes = [Mistake(name, why, verdict, file_diffs(base, files, old_dir=base_dir, new_dir=folder))
                for name, why, verdict, files, folder in variants]
    return Review(slug=problem.slug, writes_tests=problem.writes_tests,
                  reference=[SourceFile(name, source, highlight_go(source))
                             for name, source in sorted(problem.reference_files.items())],
                  look_for=list(problem.look_for), mistakes=mistakes)


_reviews: dict[str, tuple[str, Review]] = {}


def review_for(problem: Problem) -> Review:
    """The problem's review, built once per process and catalog version of the problem. `problem`
    may lack the review's fields (the page's cached row): they are read only to build it."""
    cached = _reviews.get(problem.slug)
    if cached is not None and cached[0] == problem.content_hash:
        return cached[1]
    full = Problem.objects.only(*REVIEW_FIELDS).get(pk=problem.pk)
    review = build_review(full)
    _reviews[problem.slug] = (full.content_hash, review)
    return review
