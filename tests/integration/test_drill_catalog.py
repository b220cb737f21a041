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


# Outcomes a data race decides: whether this run's interleaving let the examples, or the hidden
# suite, see the race. On a race-judged problem a move between these is reported, not failed:
# validation's RACE_ROUNDS rounds are the proof; a single spot check that moved proves nothing
# about the judge, and failing on it would make the suite fail at random (a sample of 6 drills).
RACE_DECIDED = {"", EXAMPLES_CATCH_IT, "the hidden suite does not catch it as a test"}


def agrees(was, now, problem) -> bool:
    """Whether the finding judged now agrees with the recorded one: the same outcome, except that
    on a race-judged problem an outcome the interleaving decides may move to another such outcome
    (see RACE_DECIDED; printed by the caller). Everything else must stay: whether it is an
    allocations drill, the size of the hidden suite, any other reason it is left out."""
    if problem.race and reason(was.left_out) in RACE_DECIDED and reason(now.left_out) in RACE_DECIDED:
        return now.benchmark == was.benchmark and now.hidden_total == was.hidden_total
    return what_counts(now, problem) == what_counts(was, problem)


def test_a_race_may_move_between_the_outcomes_a_race_decides_and_nothing_else_may_move():
    race, plain = SimpleNamespace(race=True), SimpleNamespace(race=False)
    offered = DrillFinding("safe-counter", "lost-update", True, "", 3, 9)
    caught_by_examples = replace(offered, offered=False, left_out=EXAMPLES_CATCH_IT, hidden_failed=2)
    missed = replace(offered, offered=False, left_out="the hidden suite does not catch it as a test (declared data_race)")
    wrong_test = replace(offered, offered=False, left_out="the hidden suite as a test gets wrong_answer: ...")
    for a, b in [(caught_by_examples, offered), (offered, caught_by_examples), (offered, missed),
                 (offered, replace(offered, hidden_failed=1))]:
        assert agrees(a, b, race), (a, b)
        assert not agrees(a, b, plain), (a, b)  # deterministic: it moved
    assert not agrees(offered, wrong_test, race)  # the reference failing is no interleaving's doing
    assert not agrees(offered, replace(offered, benchmark=True), race)
    assert not agrees(offered, replace(offered, hidden_total=10), race)


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
        elif what_counts(now, problems[entry["problem"]]) != what_counts(was, problems[entry["problem"]]):
            print(f"a race moved {entry['problem']} {entry['variant']}: recorded {reason(was.left_out) or 'offered'}, "
                  f"judged now {reason(now.left_out) or 'offered'} (validation's rounds decide; not a failure)")
    assert not disagree, (f"DRILL_SPOT_SEED={seed}: the judge no longer agrees with problems/catalog/drills.json "
                          "(a judge change moved a verdict, or the finding is flaky):\n  " + "\n  ".join(disagree))
