"""The committed drill findings as data (problems/drill_findings.py): a problem changed on disk
makes its entries stale, and the file is written the same way every time."""

import json
import shutil

from problems.drill_findings import FINDINGS_FILE, findings_read, findings_write, stale_entries
from problems.loader import CATALOG_DIR, load_problem

SLUG = "unicode-palindrome"


def test_a_problem_changed_on_disk_makes_each_of_its_findings_stale(tmp_path):
    entries = findings_read(FINDINGS_FILE)
    source = load_problem(CATALOG_DIR / SLUG)
    assert stale_entries(entries, [source]) == []
    folder = shutil.copytree(CATALOG_DIR / SLUG, tmp_path / SLUG)
    hidden = folder / "tests" / "hidden_test.go"
    hidden.write_text(hidden.read_text() + "\n// one more line: a changed hidden suite\n")
    stale = stale_entries(entries, [load_problem(folder)])
    assert stale == [f"{SLUG} {w['name']} (stale: the problem changed)" for w in source.wrong_variants]
    del entries[(SLUG, source.wrong_variants[0]["name"])]
    assert stale_entries(entries, [source]) == [f"{SLUG} {source.wrong_variants[0]['name']} (missing)"]


def test_the_file_is_written_sorted_one_entry_a_line(tmp_path):
    entries = findings_read(FINDINGS_FILE)
    shuffled = dict(reversed(list(entries.items())))
    findings_write(shuffled, tmp_path / "drills.json")
    text = (tmp_path / "drills.json").read_text()
    assert text == FINDINGS_FILE.read_text()
    lines = text.splitlines()
    assert len(lines) == len(entries) + 3  # about, the list's opening line, the entries, its close
    keys = [(e["problem"], e["variant"]) for e in json.loads(text)["drills"]]
    assert keys == sorted(keys) == sorted(entries)
