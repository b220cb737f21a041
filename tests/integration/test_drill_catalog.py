"""The drill catalog: every known-wrong variant of a problem solved in code has a finding in
problems/catalog/drills.json proven on the problem's current version (the file validation writes
and load_problems offers drills from); and a sample of those findings, judged again through the
real drill path, still gets what was recorded: the file's key is the problem version, not the
judge, so this is what catches a judge change (a runner image, a build path) that moves a verdict.
The sample is seeded and printed; replay one: DRILL_SPOT_SEED=<seed> pytest -m drill_catalog.
Marked `drill_catalog` so its duration shows apart (about a minute: 6 variants judged)."""

import os
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from types import SimpleNamespace

import pytest

from judge.validation import check_drill
from problems.drill_findings import (
    FINDINGS_FILE,
    REFRESH_COMMAND,
    entry_finding,
    findings_read,
    findings_write,
    stale_entries,
)
from problems.drills import DrillFinding
from problems.loader import load_catalog

pytestmark = [pytest.mark.drill_catalog]
SAMPLE = 6


def test_every_variant_has_a_finding_for_its_problems_current_version(tmp_path):
    entries = findings_read(FINDINGS_FILE)
    sources = load_catalog()
    stale = stale_entries(entries, sources)
    assert not stale, (f"{len(stale)} drill findings are missing or stale: run `{REFRESH_COMMAND}` (it judges "
                       "only these) and commit problems/catalog/drills.json:\n  " + "\n  ".join(stale))
    known = {(s.slug, w["name"]) for s in sources if s.kind != "tests" for w in s.wrong_variants}
    assert set(entries) == known, f"findings for variants not in the catalog: {sorted(set(entries) - known)}"
    assert all(e["offered"] == (e["left_out"] == "") for e in entries.values())
    findings_write(entries, tmp_path / "drills.json")  # as validation writes it: not edited by hand
    assert (tmp_path / "drills.json").read_text() == FINDINGS_FILE.read_text()


def reason(left_out: str) -> str:
    """Why a variant is left out, without the judge's output that follows (as validation counts it)."""
    return left_out.split(":")[0].split(" (")[0]


def spot_sample(entries: list, rng: random.Random) -> list:
    """An offered drill, an allocations drill and a left-out variant (its reason drawn first, so the
    rare reasons come up too), then others at random: SAMPLE in all, each once."""
    offered = [e for e in entries if e["offered"] and not e["benchmark"]]
    benchmark = [e for e in entries if e["benchmark"]]
    reasons = sorted({reason(e["left_out"]) for e in entries if not e["offered"]})
    left_reason = rng.choice(reasons)
    left = [e for e in entries if not e["offered"] and reason(e["left_out"]) == left_reason]
    sample = [rng.choice(offered), rng.choice(benchmark), rng.choice(left)]
    rest = [e for e in entries if e not in sample]
    return sample + rng.sample(rest, SAMPLE - len(sample))


EXAMPLES_CATCH_IT = "the visible examples alone catch it"


def what_counts(finding, problem) -> tuple:
    """What must not move when the same variant is judged again: offered or left out and why,
    and for an offered drill how many hidden tests fail on it (its difficulty), except where a
    count moved between full runs (README): a left-out variant's (top-k-frequent-words'
    heap-freq-only: 5, then 6 of 7), and a race-judged problem's, where which tests see a race
    depends on the interleaving; the least of RACE_ROUNDS rounds still moves."""
    failed = finding.hidden_failed if finding.offered and not problem.race else None
    return finding.offered, finding.benchmark, reason(finding.left_out), finding.hidden_total, failed


def agrees(was, now, problem) -> bool:
    """Whether the finding judged now agrees with the recorded one. A race-judged check is judged
    in RACE_ROUNDS rounds and offered only if each offers it, so the two ways it can move are not
    alike. Recorded left out because the visible examples catch it, judged offered now: the record
    proved they can catch the race, and rounds that happen to miss it do not disprove that.
    Recorded offered, judged left out now: the examples (or a round where the hidden suite missed
    the bug) showed what three rounds did not, so the drill should not be offered: a disagreement."""
    if problem.race and reason(was.left_out) == EXAMPLES_CATCH_IT and now.offered:
        return now.benchmark == was.benchmark and now.hidden_total == was.hidden_total
    return what_counts(now, problem) == what_counts(was, problem)


def test_a_race_the_examples_caught_may_be_judged_offered_again_not_the_other_way_round():
    race, plain = SimpleNamespace(race=True), SimpleNamespace(race=False)
    offered = DrillFinding("safe-counter", "lost-update", True, "", 3, 9)
    caught_by_examples = replace(offered, offered=False, left_out=EXAMPLES_CATCH_IT, hidden_failed=2)
    assert agrees(caught_by_examples, offered, race)  # rounds that missed the race disprove nothing
    assert not agrees(offered, caught_by_examples, race)  # the examples can catch it: not a fair drill
    assert not agrees(caught_by_examples, offered, plain)  # deterministic: it moved
    assert agrees(offered, replace(offered, hidden_failed=1), race)  # which tests see a race varies
    assert not agrees(offered, replace(offered, hidden_failed=1), plain)
    missed = replace(offered, offered=False, left_out="the hidden suite does not catch it as a test (declared data_race)")
    assert not agrees(offered, missed, race) and not agrees(caught_by_examples, missed, race)


@pytest.mark.docker
@pytest.mark.django_db(transaction=True)
def test_a_sample_of_the_findings_judged_again_agrees_with_the_file(problems):
    seed = int(os.environ.get("DRILL_SPOT_SEED") or random.SystemRandom().randrange(1_000_000))
    entries = [e for _, e in sorted(findings_read(FINDINGS_FILE).items())]
    sample = spot_sample(entries, random.Random(seed))  # noqa: S311 (a replayable sample, not a secret)
    print(f"drill spot check, DRILL_SPOT_SEED={seed}: " + ", ".join(f"{e['problem']} {e['variant']}" for e in sample))

    def judged(e):
        wrong = next(w for w in problems[e["problem"]].wrong_variants if w["name"] == e["variant"])
        return check_drill(problems[e["problem"]], wrong)

    with ThreadPoolExecutor(max_workers=2) as pool:
        findings = list(pool.map(judged, sample))
    disagree = []
    for entry, now in zip(sample, findings, strict=True):
        was = entry_finding(entry)
        if not agrees(was, now, problems[entry["problem"]]):
            disagree.append(f"{entry['problem']} {entry['variant']}: recorded {was}, judged now {now}")
    assert not disagree, (f"DRILL_SPOT_SEED={seed}: the judge no longer agrees with problems/catalog/drills.json "
                          "(a judge change moved a verdict, or the finding is flaky):\n  " + "\n  ".join(disagree))
