"""The committed drill findings (problems/catalog/drills.json): what `validate_problems --drills`
found for each known-wrong variant, kept with the problem's content hash it was proven on, like a
lockfile. Validation reuses an entry whose hash matches instead of judging again; load_problems
offers drills from it (problems.drills.drills_load_recorded). An entry proves one thing: on that
date, with the judge of that day, the drill check gave this finding for exactly that version of
the problem (reference, variants, examples, hidden and benchmark tests, limits: all of
ProblemSource.content_hash). A problem that changed makes its entries stale: not reused, not
offered, until validation runs again. The judge itself is not in the key: the drill_catalog test
re-judges a sample of entries on every run to catch it disagreeing."""

import json
from datetime import UTC, datetime
from pathlib import Path

from problems.drills import DrillFinding
from problems.loader import CATALOG_DIR

FINDINGS_FILE = CATALOG_DIR / "drills.json"
REFRESH_COMMAND = "manage.py validate_problems --drills only"
LEFT_OUT_MAX = 300  # as problems.models.Drill.left_out keeps it
_ABOUT = ("Written by `manage.py validate_problems --drills only|with` (README, code-review drills): one "
          "finding per known-wrong variant, proven on the problem version in content_hash. Do not edit by hand.")


def findings_read(path: Path = FINDINGS_FILE) -> dict:
    """{(problem slug, variant): entry}; an absent file holds nothing."""
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))["drills"]
    return {(e["problem"], e["variant"]): e for e in entries}


def findings_write(entries: dict, path: Path = FINDINGS_FILE) -> None:
    """Sorted by problem and variant, one entry a line, fields in one order: a rerun that finds
    the same writes the same bytes, and a diff shows each finding that changed on its own line."""
    lines = [json.dumps(entries[key], ensure_ascii=False) for key in sorted(entries)]
    text = '{"about": ' + json.dumps(_ABOUT) + ',\n "drills": [\n  ' + ",\n  ".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def finding_entry(finding: DrillFinding, content_hash: str, today: str) -> dict:
    return {"problem": finding.problem, "variant": finding.variant, "content_hash": content_hash,
            "checked_on": finding.recorded_on or today, "offered": finding.offered,
            "left_out": finding.left_out[:LEFT_OUT_MAX], "hidden_failed": finding.hidden_failed,
            "hidden_total": finding.hidden_total, "benchmark": finding.benchmark}


def entry_finding(entry: dict) -> DrillFinding:
    """The finding an entry recorded, as validation would have returned it (reused, not judged)."""
    return DrillFinding(entry["problem"], entry["variant"], entry["offered"], entry["left_out"],
                        entry["hidden_failed"], entry["hidden_total"], benchmark=entry["benchmark"],
                        recorded_on=entry["checked_on"])


def current_finding(entries: dict, problem, variant: str) -> DrillFinding | None:
    """The recorded finding for this variant of this very problem version, or None (missing or stale)."""
    entry = entries.get((problem.slug, variant))
    if entry is None or entry["content_hash"] != problem.content_hash:
        return None
    return entry_finding(entry)


def findings_merge(entries: dict, findings, hashes: dict, known: set) -> dict:
    """`entries` with validation's `findings` in (each under its problem's hash in `hashes`), and
    without entries for variants no longer in the catalog (`known`: {(slug, variant)}). A finding
    where the judge failed taught nothing: the entry it would replace stays."""
    today = datetime.now(UTC).date().isoformat()
    merged = {key: entry for key, entry in entries.items() if key in known}
    for f in findings:
        if not f.judge_failed:
            merged[(f.problem, f.variant)] = finding_entry(f, hashes[f.problem], today)
    return merged


def stale_entries(entries: dict, sources) -> list:
    """Each variant of a problem solved in code (`sources`: ProblemSource, as on disk) without a
    current entry: "slug variant (missing)" or "slug variant (stale: the problem changed)"."""
    stale = []
    for source in sources:
        if source.kind == "tests":
            continue
        digest = source.content_hash()
        for wrong in source.wrong_variants:
            entry = entries.get((source.slug, wrong["name"]))
            if entry is None:
                stale.append(f"{source.slug} {wrong['name']} (missing)")
            elif entry["content_hash"] != digest:
                stale.append(f"{source.slug} {wrong['name']} (stale: the problem changed)")
    return stale

