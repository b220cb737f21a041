"""A race-judged problem's drill check is judged in rounds (judge/validation.py, RACE_ROUNDS): a
data race shows in some runs only, so a drill is offered only if every round offers it. The rule
on made-up rounds, so no flaky race is needed to show it."""

from judge.validation import RACE_ROUNDS, drill_rounds, rounds_combined
from problems.drills import DrillFinding

EXAMPLES = "the visible examples alone catch it"


def offered(failed, *, benchmark=False, seconds=1.0):
    return DrillFinding("safe-counter", "no-lock", True, "", failed, 9, seconds, benchmark=benchmark)


def left_out(why, failed, *, judge_failed=False, seconds=1.0):
    return DrillFinding("safe-counter", "no-lock", False, why, failed, 9, seconds, judge_failed=judge_failed)


def test_offered_only_if_every_round_offers_it_at_the_least_count_any_round_saw():
    finding = rounds_combined([offered(3), offered(0), offered(2)])
    assert finding.offered and finding.left_out == ""
    assert finding.hidden_failed == 0  # the fewest: a drill's difficulty errs towards harder
    assert finding.rounds == 3 and finding.seconds == 3.0 and not finding.judge_failed


def test_one_round_that_does_not_offer_it_leaves_it_out_for_that_rounds_reason():
    finding = rounds_combined([offered(2), left_out(EXAMPLES, 3), offered(1),
                               left_out("the hidden suite as a test gets time_limit", 0)])
    assert not finding.offered and finding.left_out == EXAMPLES  # the first round that left it out
    assert finding.hidden_failed == 0 and finding.rounds == 4 and not finding.judge_failed


def test_an_internal_error_in_any_round_is_a_judge_failure():
    error = "the hidden suite as a test gets internal_error: no container"
    assert rounds_combined([offered(2), left_out(error, 0, judge_failed=True)]).judge_failed
    finding = rounds_combined([left_out(EXAMPLES, 2), left_out(error, 0, judge_failed=True)])
    assert finding.judge_failed and finding.left_out == EXAMPLES  # nothing learnt: validation keeps the old entry


def test_an_allocations_drill_if_any_round_needed_the_budgets():
    finding = rounds_combined([offered(1), offered(0, benchmark=True), offered(2)])
    assert finding.offered and finding.benchmark and finding.hidden_failed == 0
    assert not rounds_combined([offered(1), left_out(EXAMPLES, 1)]).benchmark


def test_rounds_stop_at_the_first_that_does_not_offer_it():
    judged = iter([offered(2), left_out(EXAMPLES, 3), offered(1)])
    calls = []

    def judge_round():
        calls.append(1)
        return next(judged)

    finding = drill_rounds(judge_round, RACE_ROUNDS)
    assert len(calls) == 2 and finding.rounds == 2  # the third could not offer it again: not judged
    assert not finding.offered and finding.left_out == EXAMPLES and finding.hidden_failed == 2


def test_every_round_is_judged_when_each_offers_it_and_one_round_is_one_check():
    judged = iter([offered(3), offered(2), offered(3)])
    finding = drill_rounds(lambda: next(judged), RACE_ROUNDS)
    assert finding.offered and finding.rounds == 3 and finding.hidden_failed == 2
    single = drill_rounds(lambda: offered(4, seconds=0.5), 1)
    assert single == offered(4, seconds=0.5)  # a problem not race-judged: exactly what its one round found
