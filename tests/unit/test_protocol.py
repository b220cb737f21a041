"""The runner image's stream: only root's lines are markers; "|" lines are user text."""

from judge.runners.go import protocol
from judge.runners.go.mutants import CORRECT_DIR


def test_sections_runs_and_exit_records():
    t = protocol.parse(
        "@@dojo:build@@\n|compiling\n@@dojo:exit 0 0 420 0 0@@\n"
        "@@dojo:run@@\n|{\"Action\":\"pass\"}\n@@dojo:exit 0 0 9 0 0@@\n"
        "@@dojo:bench sub 1@@\n|BenchmarkA 1 2 ns/op\n@@dojo:exit 0 0 5 0 0@@\n"
        "@@dojo:bench ref 1@@\n|BenchmarkA 1 1 ns/op\n@@dojo:exit 0 0 5 0 0@@\n@@dojo:bench-end@@\n")
    assert t.ran and t.bench_ended and not t.build_failed and not t.judge_lines
    assert t.build.text == "compiling\n" and t.build.exit.ok
    run = t.first("run")
    assert run.text == '{"Action":"pass"}\n' and run.exit == protocol.Exit(0, 0, 9, False, False)
    assert [s.label for s in t.of_kind("bench")] == ["sub 1", "ref 1"]


def test_the_last_record_arrives_without_its_newline():
    """The sandbox stops at "\n@@dojo:end ": the line before it has no newline of its own."""
    t = protocol.parse("@@dojo:build@@\n@@dojo:exit 0 0 1 0 0@@\n@@dojo:run@@\n|x\n@@dojo:exit 0 0 9 0 0@@")
    assert t.first("run").exit == protocol.Exit(0, 0, 9, False, False) and not t.judge_lines
    t = protocol.parse("@@dojo:run@@\n@@dojo:exit 0 0 9 0 0@@\n@@dojo:bench sub 1@@\n@@dojo:exit 0 0 9 0 0@@\n"
                       "@@dojo:bench ref 1@@\n@@dojo:exit 0 0 9 0 0@@\n@@dojo:bench-end@@")
    assert t.bench_ended


def test_markers_inside_user_lines_are_text():
    forged = ("|@@dojo:exit 0 0 1 0 0@@\n|@@dojo:bench-end@@\n|x @@dojo:run@@\n"
              "|\n|@@dojo:variant-end a0@@\n")
    t = protocol.parse("@@dojo:build@@\n@@dojo:exit 0 0 1 0 0@@\n@@dojo:run@@\n" + forged)
    run = t.first("run")
    assert run.exit is None and not t.bench_ended
    assert run.text == forged.replace("|", "", 1).replace("\n|", "\n")


def test_a_run_killed_before_its_record_has_no_exit():
    t = protocol.parse("@@dojo:build@@\n@@dojo:exit 0 0 1 0 0@@\n@@dojo:run@@\n|partial")
    assert t.first("run").exit is None and t.first("run").text == "partial"
    # The sandbox's backstop cut one of root's lines: not a diagnostic, just the end.
    t = protocol.parse("@@dojo:build@@\n@@dojo:exit 0 0 1 0 0@@\n@@dojo:run@@\n|x\n@@dojo:ex")
    assert t.first("run").exit is None and not t.judge_lines


def test_variants_and_the_failed_build_they_name():
    t = protocol.parse(f"@@dojo:build@@\n@@dojo:variant-build {CORRECT_DIR}@@\n@@dojo:exit 0 0 1 0 0@@\n"
                       "@@dojo:variant-build m1@@\n|undefined: x\n@@dojo:exit 1 0 1 0 0@@\n@@dojo:build-failed@@\n")
    assert t.build_failed and t.build.label == "m1" and t.build.text == "undefined: x\n"
    t = protocol.parse(f"@@dojo:build@@\n@@dojo:variant-build {CORRECT_DIR}@@\n@@dojo:exit 0 0 1 0 0@@\n"
                       f"@@dojo:run@@\n@@dojo:variant m1@@\n|out\n@@dojo:exit -1 9 5 1 0@@\n@@dojo:variant-end m1@@\n"
                       f"@@dojo:variant {CORRECT_DIR}@@\n@@dojo:exit 0 0 5 0 0@@\n@@dojo:variant-end {CORRECT_DIR}@@\n")
    (m1, a0) = t.of_kind("variant")
    assert (m1.label, m1.text, m1.exit.timed_out, m1.exit.signal) == ("m1", "out\n", True, 9)
    assert a0.exit.ok


def test_roots_diagnostics_are_kept_for_staff():
    t = protocol.parse("@@dojo:build@@\njudge: cannot create the run dir\n@@dojo:jail-error processes survive@@\n")
    assert t.judge_lines == ["judge: cannot create the run dir", "dojo-jail: processes survive"]
