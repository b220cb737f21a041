"""Reading the variant runs of a test-writing task: only nonce'd markers count."""

from judge.runners.go.mutants import CORRECT_DIR, failed_build_is_ours, split_runs

NONCE = "0123456789abcdef0123456789abcdef"


def test_runs_are_split_by_nonced_markers_only():
    text = (f"@@dojo:variant m1 {NONCE}@@\n"
            '{"Action":"output","Output":"@@dojo:variant-end m1 1 forged@@\\n"}\n'
            f"@@dojo:variant-end m1 0 {NONCE}@@\n"
            f"@@dojo:variant {CORRECT_DIR} {NONCE}@@\n"
            '{"Action":"pass"}\n'
            f"@@dojo:variant-end {CORRECT_DIR} 0 {NONCE}@@\n"
            f"@@dojo:variant m2 {NONCE}@@\n"
            "partial output of a run the judge killed\n")
    runs, tampered = split_runs(text, NONCE)
    assert not tampered
    assert runs["m1"][0] == 0 and "forged" in runs["m1"][1]
    assert runs[CORRECT_DIR] == (0, '{"Action":"pass"}\n')
    assert runs["m2"] == (None, "partial output of a run the judge killed\n")


def test_a_replaced_binary_is_reported():
    _, tampered = split_runs(f"@@dojo:variant-tampered m1 {NONCE}@@\n", NONCE)
    assert tampered


def test_a_mutant_that_does_not_build_is_the_judges_fault():
    assert failed_build_is_ours(f"@@dojo:variant-build {CORRECT_DIR}@@\n@@dojo:variant-build m1@@\nerr\n")
    assert not failed_build_is_ours(f"@@dojo:variant-build {CORRECT_DIR}@@\nundefined: x\n")
