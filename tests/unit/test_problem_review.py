"""What a solved problem teaches (practice/review.py), for every problem of the catalog: what
interviewers look for, and each common mistake with its why and its lines against the reference."""

import shutil

import pytest

from practice.review import build_review
from problems.loader import CATALOG_DIR, ProblemFormatError, load_catalog, load_problem
from problems.models import Problem

CATALOG = load_catalog()
MODEL_FIELDS = {f.name for f in Problem._meta.concrete_fields}


def as_problem(source) -> Problem:
    """The row problems_sync would write, in memory."""
    fields = {name: getattr(source, name) for name in vars(source) if name in MODEL_FIELDS}
    return Problem(**fields, content_hash=source.content_hash())


@pytest.mark.parametrize("source", CATALOG, ids=lambda s: s.slug)
def test_every_problem_says_what_interviewers_look_for(source):
    assert 3 <= len(source.look_for) <= 5, f"{source.slug}: give 3-5 look_for points in problem.toml"
    for point in source.look_for:
        assert 15 <= len(point) <= 160, f"{source.slug}: a short point, one line: {point!r}"
    assert len(set(source.look_for)) == len(source.look_for)


@pytest.mark.parametrize("source", CATALOG, ids=lambda s: s.slug)
def test_every_common_mistake_has_its_why_and_its_changed_lines(source):
    review = build_review(as_problem(source))
    variants = source.mutants if source.kind == "tests" else source.wrong_variants
    assert [m.name for m in review.mistakes] == [v["name"] for v in variants] and review.mistakes
    for mistake in review.mistakes:
        assert mistake.why.strip(), f"{source.slug}/{mistake.name}: no why"
        assert mistake.files, f"{source.slug}/{mistake.name}: the same code as the reference"
        changed = [row for f in mistake.files for row in f.rows if row.kind in ("added", "removed")]
        assert changed
        # The API's unified diff says the same: a --- +++ header per file, then the hunks.
        assert mistake.diff.count("\n--- ") + mistake.diff.startswith("--- ") == len(mistake.files)
        assert "\n@@ " in mistake.diff
    assert review.reference and all(f.html for f in review.reference)
    assert review.look_for == source.look_for


def test_a_test_writing_task_shows_its_mutants_against_the_correct_code():
    source = next(s for s in CATALOG if s.slug == "palindrome-table-tests")
    review = build_review(as_problem(source))
    assert review.writes_tests and [f.name for f in review.reference] == ["solution_test.go"]
    case_sensitive = next(m for m in review.mistakes if m.name == "case-sensitive")
    assert case_sensitive.verdict == "" and case_sensitive.why.startswith("compares runes without lower-casing them")
    assert case_sensitive.diff.startswith("--- impl/solution.go\n+++ mutants/case-sensitive/solution.go\n")


def test_a_multi_file_problem_diffs_only_the_files_that_differ():
    source = next(s for s in CATALOG if s.slug == "tinystore-service")
    review = build_review(as_problem(source))
    assert review.multi_file and review.reference_code.startswith("-- config.go --\n")
    global_ready = next(m for m in review.mistakes if m.name == "global-ready")
    assert [f.name for f in global_ready.files] == ["router.go"]
    removed = [row.text for row in global_ready.files[0].rows if row.kind == "removed"]
    assert any("rt.ready.Load()" in line for line in removed)
    assert global_ready.verdict_label == "Wrong answer"


@pytest.mark.parametrize("look_for", ['"one point"', '["fine", ""]', '["two\\nlines"]', "[1, 2]"])
def test_a_malformed_look_for_is_refused(tmp_path, look_for):
    folder = shutil.copytree(CATALOG_DIR / "unicode-palindrome", tmp_path / "unicode-palindrome")
    toml = (folder / "problem.toml").read_text()
    start = toml.index("look_for = [")
    end = toml.index("]\n", start) + 2
    (folder / "problem.toml").write_text(toml[:start] + f"look_for = {look_for}\n" + toml[end:])
    with pytest.raises(ProblemFormatError, match="look_for"):
        load_problem(folder)
