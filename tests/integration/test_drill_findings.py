"""The committed drill findings (problems/catalog/drills.json, problems/drill_findings.py):
validation reuses an entry proven on the same problem version and judges only the missing or
stale ones; load_problems offers the drills proven for the versions it loads, and no others."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from practice.drill_selectors import drills_offered
from problems.drill_findings import FINDINGS_FILE, findings_read, findings_write
from problems.models import Drill
from problems.services import drills_load_recorded
from tests.conftest import make_user, signed_in

pytestmark = [pytest.mark.django_db(transaction=True)]
SLUG = "unicode-palindrome"  # 4 variants; simple-fold is a fair drill (test_drills_judging.py)


def entry(slug, variant, content_hash, *, offered=False, left_out="recorded here, never judged"):
    return {"problem": slug, "variant": variant, "content_hash": content_hash, "checked_on": "2026-01-02",
            "offered": offered, "left_out": "" if offered else left_out, "hidden_failed": 1, "hidden_total": 7,
            "benchmark": False}


@pytest.mark.docker
def test_validation_reuses_current_findings_and_judges_only_the_stale_ones(problems, tmp_path, capsys):
    problem = problems[SLUG]
    path = tmp_path / "drills.json"
    recorded = {(SLUG, w["name"]): entry(SLUG, w["name"], problem.content_hash) for w in problem.wrong_variants}
    recorded[(SLUG, "simple-fold")]["content_hash"] = "0" * 64  # proven on another version: stale
    recorded[(SLUG, "renamed-away")] = entry(SLUG, "renamed-away", problem.content_hash)  # no such variant now
    other = entry("limit-reader", "drops-error", "1" * 64, offered=True)  # not validated this time: kept as is
    recorded[("limit-reader", "drops-error")] = other
    findings_write(recorded, path)

    call_command("validate_problems", SLUG, "--drills", "only", "--findings", path)
    out = capsys.readouterr().out
    assert "3 reused from drills.json (proven on the same problem version), 1 judged" in out, out

    drills = {d.variant: d for d in Drill.objects.filter(problem=problem)}
    assert len(drills) == 4
    for name in ("bytewise", "no-filter", "keeps-marks"):  # as recorded: no judge would say this
        assert drills[name].left_out == "recorded here, never judged" and not drills[name].offered
    judged = drills["simple-fold"]
    assert judged.offered and 0 < judged.hidden_failed < judged.hidden_total == 7
    assert judged.content_hash == problem.content_hash

    after = findings_read(path)
    assert set(after) == {(SLUG, w["name"]) for w in problem.wrong_variants} | {("limit-reader", "drops-error")}
    assert after[("limit-reader", "drops-error")] == other
    assert all(after[(SLUG, name)] == recorded[(SLUG, name)] for name in ("bytewise", "no-filter", "keeps-marks"))
    fresh = after[(SLUG, "simple-fold")]
    assert fresh["content_hash"] == problem.content_hash and fresh["offered"] and fresh["left_out"] == ""
    assert fresh["checked_on"] == datetime.now(UTC).date().isoformat()

    # Nothing left to judge, and nothing changed: the same bytes (a rerun makes no diff).
    written = path.read_bytes()
    call_command("validate_problems", SLUG, "--drills", "only", "--findings", path)
    assert "4 reused from drills.json (proven on the same problem version), 0 judged" in capsys.readouterr().out
    assert path.read_bytes() == written


def test_a_fresh_database_offers_the_drills_the_committed_findings_prove(transactional_db, capsys):
    call_command("load_problems")
    out = capsys.readouterr().out
    entries = findings_read(FINDINGS_FILE)
    offered = {(e["problem"], e["variant"]) for e in entries.values() if e["offered"]}
    assert len(offered) > 100, "problems/catalog/drills.json holds the catalog's findings"
    assert {(d.problem.slug, d.variant) for d in drills_offered().select_related("problem")} == offered
    assert f"drills: {len(offered)} offered of {len(entries)} current findings" in out
    page = signed_in(make_user("alice")).get("/review/").content.decode()
    assert "Unicode-aware palindrome: bug 1" in page and "Review it unsolved" in page


def test_stale_findings_are_not_offered(problems, tmp_path):
    problem = problems[SLUG]
    path = tmp_path / "drills.json"
    findings_write({(SLUG, "simple-fold"): entry(SLUG, "simple-fold", problem.content_hash, offered=True),
                    (SLUG, "keeps-marks"): entry(SLUG, "keeps-marks", "0" * 64, offered=True)}, path)
    variants = sum(len(p.wrong_variants) for p in problems.values() if not p.writes_tests)
    assert drills_load_recorded(path) == {"current": 1, "offered": 1, "unproven": variants - 1, "written": 1}
    assert [d.variant for d in drills_offered()] == ["simple-fold"]
    assert drills_load_recorded(path)["written"] == 0  # loading again rewrites nothing
