"""Go: builds the sandbox job for a submission and turns the sandbox's result into verdicts.

The image's protocol is in docs/judge-protocol.md.
"""

import io
import tarfile

from django.conf import settings

from judge import feedback
from judge.runners.base import Outcome, custom_tests_kept
from judge.runners.go import direct_build, drill, hidden, mutants, progress, protocol, results
from judge.runners.go.benchmarks import BenchmarkTampering, compare
from judge.runners.go.forbidden import SOLUTION_BASELINE, TESTS_BASELINE, violations
from judge.runners.go.protocol import CUSTOM_TESTS_FILE, EXPORT_FILE, HIDDEN_FILES, Kind
from judge.runners.go.results import trim
from judge.runners.go.source_checks import package_clause
from judge.runners.go.test2json import parse_events
from judge.sandbox.job import Job, Limits
from judge.verdicts import Mode, Verdict, most_severe
from problems.code_files import CodeFilesError, split_files
from problems.loader import test_names

EXIT_BUILD_FAILED = 100
JUDGE_COMMAND = ["/opt/dojo/bin/judge", "--args-from-stdin"]
# The modules baked into the runner image (platform/runner/build-image.sh), required by
# every build so problems may import them; the image supplies their go.sum lines.
IMAGE_MODULES = {"github.com/mattn/go-sqlite3": "v1.14.16", "golang.org/x/sync": "v0.1.0",
                 "gopkg.in/yaml.v3": "v3.0.1"}
GO_MOD = ("module dojo.local/solution\n\ngo 1.27\n\nrequire (\n"
          + "".join(f"\t{path} {version}\n" for path, version in IMAGE_MODULES.items()) + ")\n")
_MAX_MESSAGE = 4000


def _tar(files: dict) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, text in sorted(files.items()):
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class GoRunner:
    language = "go"
    custom_tests_file = CUSTOM_TESTS_FILE

    def precheck(self, problem, code: str, custom_tests: str = "", mode: str = "submit") -> Outcome | None:
        """A verdict without a container where the source alone decides it. A drill's code is
        the user's tests, held to the rules of a test-writing task."""
        writes_tests = problem.writes_tests or mode == Mode.DRILL
        try:
            files = split_files(code, tests=writes_tests)
        except CodeFilesError as exc:
            return Outcome(verdict=Verdict.COMPILE_ERROR, message=str(exc), compile_output=str(exc))
        # The user's own test file must be in the package too; forbidden rules apply to solutions only.
        custom_tests = custom_tests_kept(problem, Mode.RUN, custom_tests)  # the caller passes them for Run only
        checked = {**files, CUSTOM_TESTS_FILE: custom_tests} if custom_tests else files
        for name, source in checked.items():
            declared = package_clause(source)
            if declared != problem.package:
                found = f"package {declared}" if declared else "no package clause"
                msg = f"{name}: expected `package {problem.package}`, found {found}."
                return Outcome(verdict=Verdict.COMPILE_ERROR, message=msg, compile_output=msg)
        allowed = set(problem.allowed or {})
        baseline = TESTS_BASELINE if writes_tests else SOLUTION_BASELINE
        # A problem's own forbidden list is about solutions; a drill's tests may use anything.
        forbidden = [] if mode == Mode.DRILL else problem.forbidden
        found = [v for name, source in files.items()
                 for v in violations(source, forbidden, name, baseline=baseline, allowed=allowed)]
        if checked is not files:
            found += violations(custom_tests, [], CUSTOM_TESTS_FILE, baseline=TESTS_BASELINE, allowed=allowed)
        if found:
            return Outcome(verdict=Verdict.FORBIDDEN, message=found[0], compile_output="\n".join(found))
        return None

    def test_files(self, problem, mode: str) -> tuple[dict, list]:
        if mode == Mode.RUN:
            return problem.example_test_files, problem.example_test_names
        return problem.hidden_test_files, problem.hidden_test_names

    def sandbox_test_files(self, problem, mode: str) -> dict:
        """The test files as the sandbox compiles them: hidden ones as the external test
        package, which the submission's package cannot name (docs/judge-protocol.md)."""
        files, _ = self.test_files(problem, mode)
        if mode == Mode.RUN:
            return dict(files)
        return {name: source if name == EXPORT_FILE else hidden.as_external(source) for name, source in files.items()}

    def output_progress(self, problem, mode: str, custom_tests: str, publish):
        """The sandbox's output callback reporting live progress to `publish` (display only)."""
        return progress.output_progress(problem, mode, custom_tests, publish)

    def benchmarks_apply(self, problem, mode: str) -> bool:
        return mode != Mode.RUN and bool(problem.benchmark_names)

    def _limits(self, wall_seconds: float, output_bytes: int) -> Limits:
        cfg = settings.JUDGE
        return Limits(
            wall_seconds=wall_seconds,
            memory_bytes=cfg["MEMORY_BYTES"],
            nano_cpus=cfg["NANO_CPUS"],
            pids=cfg["PIDS_LIMIT"],
            tmpfs_bytes=cfg["TMPFS_BYTES"],
            output_bytes=output_bytes,
        )

    def _job(self, options: list, files: dict, wall_seconds: float, runs: int, name_hint: str,
             context=None) -> Job:
        # Options travel on stdin's first line: the same command fits every job, so the
        # sandbox can start a container before the job exists (docs/judge-protocol.md).
        cap = settings.JUDGE["OUTPUT_LIMIT_BYTES"]
        options = options + ["--max-output", str(cap)]
        stdin = (" ".join(options) + "\n").encode() + _tar(files)
        # dojo-jail caps each run at `cap`; the sandbox's cap is only the backstop for them all.
        limits = self._limits(wall_seconds, output_bytes=cap * (runs + 2))
        # The judge prints "@@dojo:build@@" once it has unpacked the job, before compiling.
        return Job(image=settings.JUDGE["IMAGE"], command=JUDGE_COMMAND, stdin=stdin, limits=limits,
                   name_hint=name_hint, end_marker=protocol.END_LINE, context=context or {},
                   first_output_seconds=settings.JUDGE["FIRST_OUTPUT_SECONDS"])

    def _tests_task_job(self, problem, *, code: str, mode: str, name_hint: str) -> Job:
        dirs = mutants.variant_dirs(problem, mode)
        user_files = split_files(code, tests=True)
        files = mutants.variant_files(problem, user_files, dirs, GO_MOD)
        options = ["--timeout", str(problem.time_limit_seconds), "--variants", mutants.run_order(dirs)]
        if problem.tests_task.get("require") == "Benchmark":
            options.append("--variant-bench")
        options += self._variants_direct(files, dirs, mutants.implementations(problem, dirs), user_files)
        wall = (settings.JUDGE["BUILD_SECONDS"] + 2 * len(dirs)) + problem.time_limit_seconds * len(dirs) + 5
        return self._job(options, files, wall, len(dirs), name_hint, {"dirs": dirs})

    @staticmethod
    def _variants_direct(files: dict, dirs: dict, implementations: list, user_files: dict) -> list:
        """The judge's options for building every variant dir directly (adding the test main to
        each dir's files), or none: the go command builds them as before."""
        plan = direct_build.variants_plan(hidden.SOLUTION_MODULE, implementations, user_files)
        if plan is None:
            return []
        options, extra = plan
        files.update({f"v/{d}/{name}": source for d in dirs for name, source in extra.items()})
        return options

    def _drill_job(self, problem, *, code: str, variant: str, name_hint: str) -> Job:
        dirs = drill.drill_dirs()
        user_files = split_files(code, tests=True)
        files = drill.drill_files(problem, variant, user_files, dirs, GO_MOD)
        options = ["--timeout", str(problem.time_limit_seconds), "--variants", mutants.run_order(dirs)]
        if problem.race:
            options.append("--race")
        impls = [problem.reference_files, drill.variant_files(problem, variant)]
        options += self._variants_direct(files, dirs, impls, user_files)
        wall = (settings.JUDGE["BUILD_SECONDS"] + 2 * len(dirs)) + (problem.time_limit_seconds + 3) * len(dirs) + 5
        return self._job(options, files, wall, len(dirs), name_hint, {"dirs": dirs, "user_files": sorted(user_files)})

    def build_job(self, problem, *, code: str, mode: str, name_hint: str = "", custom_tests: str = "",
                  variant: str = "") -> Job:
        if mode == Mode.DRILL:
            return self._drill_job(problem, code=code, variant=variant, name_hint=name_hint)
        if problem.writes_tests:
            return self._tests_task_job(problem, code=code, mode=mode, name_hint=name_hint)
        cfg = settings.JUDGE
        own = split_files(code)
        files = {"go.mod": GO_MOD, **own, **self.sandbox_test_files(problem, mode)}
        # The submitter's own function names: the only identifiers a hidden run's race message names.
        context = {"own_functions": sorted(hidden.own_function_names(own)),
                   "own_names": sorted(hidden.api_names(own))}
        custom_tests = custom_tests_kept(problem, mode, custom_tests)
        if custom_tests:
            # The user's own cases run next to the visible examples, and are expected too.
            files[CUSTOM_TESTS_FILE] = custom_tests
            context["extra_tests"] = test_names({CUSTOM_TESTS_FILE: custom_tests})
        options = ["--timeout", str(problem.time_limit_seconds)]
        if problem.race:
            options.append("--race")
        if not custom_tests and not self.benchmarks_apply(problem, mode):
            # The judge's own test files only: a user's test file goes through the go command.
            tests = self.sandbox_test_files(problem, mode)
            external = set() if mode == Mode.RUN else set(tests) - {EXPORT_FILE}
            plan = direct_build.plan(hidden.SOLUTION_MODULE, own, tests, external)
            if plan:
                options += plan[0]
                files.update(plan[1])
        runs = 1
        if self.benchmarks_apply(problem, mode):
            bench = problem.benchmark_config
            # The reference is built next to the submission and benchmarked in turn with it.
            files.update({name: hidden.as_external(source) for name, source in problem.bench_test_files.items()})
            files.update({f"reference/{name}": source for name, source in problem.reference_files.items()})
            files.update({f"reference/{name}": hidden.as_external(source, "dojo.local/reference")
                          for name, source in problem.bench_test_files.items()})
            files["reference/go.mod"] = GO_MOD.replace("dojo.local/solution", "dojo.local/reference")
            options += ["--bench", "^(" + "|".join(problem.benchmark_names) + ")$",
                        "--bench-rounds", str(bench["rounds"]), "--benchtime", bench["benchtime"]]
            runs += 2 * bench["rounds"]
        # Each run of a binary is capped by -test.timeout and dojo-jail inside; this is the backstop.
        wall = cfg["BUILD_SECONDS"] + (problem.time_limit_seconds + 3) * runs + 5
        return self._job(options, files, wall, runs, name_hint, context)

    def interpret(self, problem, mode: str, result, job: Job | None = None) -> Outcome:
        """The verdict, from evidence user code cannot produce (docs/judge-protocol.md): root's
        markers and dojo-jail's exit records. What the test binary printed only explains it."""
        transcript = protocol.parse(result.output.decode("utf-8", errors="replace"))
        if transcript.judge_lines:  # root's own diagnostics: the judge, not the code, failed
            return self._judge_failed(transcript, result, "while running your code" if transcript.ran
                                      else "before running your code")
        if not transcript.ran:
            return self._before_run(problem, mode, result, transcript, job)
        if mode == Mode.DRILL:
            return drill.interpret_drill(problem, result, transcript, job.context["dirs"])
        if problem.writes_tests:
            return mutants.interpret_variants(problem, mode, result, transcript, job.context["dirs"])
        run = transcript.first(Kind.RUN)
        if run.exit is None:
            return self._killed(problem, result, transcript)
        if run.exit.output_capped:
            return Outcome(Verdict.OUTPUT_LIMIT, "The program printed more than "
                           f"{settings.JUDGE['OUTPUT_LIMIT_BYTES'] // 1024} KiB; it was stopped.")
        if result.oom_killed and not run.exit.ok:
            return self._out_of_memory()
        if run.exit.timed_out:
            return Outcome(Verdict.TIME_LIMIT, f"The tests did not finish within {problem.time_limit_seconds} s "
                           f"(stopped after {run.exit.elapsed_ms / 1000:.1f} s).")
        extra = job.context.get("extra_tests", []) if job else []
        outcome = self._after_run(problem, mode, run, parse_events(run.text), extra, job)
        rounds = problem.benchmark_config.get("rounds", 0) if self.benchmarks_apply(problem, mode) else 0
        if outcome.verdict == Verdict.ACCEPTED and rounds:
            return self._judge_benchmarks(problem, outcome, transcript, rounds, result)
        return outcome

    def _judge_failed(self, transcript, result, when: str) -> Outcome:
        return Outcome(Verdict.INTERNAL_ERROR, f"The judge failed {when}. It is not your fault; it will be retried.",
                       judge_log=trim("\n".join(transcript.judge_lines) +
                                       f"\nexit={result.exit_code}\n" + result.output.decode(errors="replace"), 20000))

    def _out_of_memory(self) -> Outcome:
        return Outcome(Verdict.MEMORY_LIMIT, "The program ran out of memory "
                       f"(limit {settings.JUDGE['MEMORY_BYTES'] // (1024 * 1024)} MiB).")

    def _killed(self, problem, result, transcript) -> Outcome:
        """The sandbox ended before dojo-jail reported: the container's own limits hit."""
        if result.oom_killed:
            return self._out_of_memory()
        if result.output_truncated:
            return Outcome(Verdict.OUTPUT_LIMIT, "The program printed more than "
                           f"{settings.JUDGE['OUTPUT_LIMIT_BYTES'] // 1024} KiB; it was stopped.")
        if result.timed_out:
            return Outcome(Verdict.TIME_LIMIT, f"The run was stopped after {result.wall_seconds:.1f} s.")
        return self._judge_failed(transcript, result, "while running your code")

    def _judge_benchmarks(self, problem, outcome, transcript, rounds, result) -> Outcome:
        sections = transcript.of_kind(Kind.BENCH)
        if not transcript.bench_ended or len(sections) != 2 * rounds:
            return self._killed(problem, result, transcript) if result.timed_out or result.oom_killed else \
                self._judge_failed(transcript, result, "while benchmarking")
        for section in sections:
            if section.exit is None or section.exit.output_capped or section.exit.timed_out:
                return Outcome(Verdict.TIME_LIMIT if section.exit and section.exit.timed_out else Verdict.OUTPUT_LIMIT,
                               f"A benchmark run did not finish cleanly ({section.label}).", tests=outcome.tests)
        segments = {(s.label.split()[0], int(s.label.split()[1])): s.text for s in sections}
        if any(not s.exit.ok for s in sections if s.label.startswith("ref")):
            return self._judge_failed(transcript, result, "running the reference's benchmarks")
        if any(not s.exit.ok for s in sections if s.label.startswith("sub")):
            return Outcome(Verdict.RUNTIME_ERROR, "Your code failed while being benchmarked.", tests=outcome.tests)
        config = problem.benchmark_config
        try:
            comparisons, problem_message = compare(
                segments, names=problem.benchmark_names, rounds=rounds,
                max_time_ratio=config["time_ratio"], allocs_budget=config.get("allocs", {}))
        except BenchmarkTampering:
            return Outcome(Verdict.WRONG_ANSWER, "The benchmark output was tampered with; it is not trusted.",
                           tests=outcome.tests)
        if problem_message:
            return Outcome(Verdict.RUNTIME_ERROR, problem_message, tests=outcome.tests)
        failing = [c for c in comparisons if not c.passed]
        if failing:
            return Outcome(Verdict.TOO_SLOW, failing[0].failure(), tests=outcome.tests, benchmarks=comparisons)
        slowest = max(comparisons, key=lambda c: c.time_ratio)
        message = f"{outcome.message} Benchmarks within budget (slowest: {slowest.time_ratio:.2f}× the reference)."
        return Outcome(Verdict.ACCEPTED, message, tests=outcome.tests, benchmarks=comparisons)

    def _before_run(self, problem, mode, result, transcript, job=None) -> Outcome:
        build = transcript.build
        if transcript.build_failed and build is not None and mode == Mode.DRILL:
            return drill.build_failed(build, job.context.get("user_files", []) if job else [])
        if transcript.build_failed and build is not None:
            if problem.writes_tests and build.label != mutants.CORRECT_DIR:
                return Outcome(Verdict.INTERNAL_ERROR, "The judge failed to build a known bug against your tests; "
                               "it will be retried.", judge_log=trim(build.text, 20000))
            if build.exit is not None and build.exit.timed_out:
                return Outcome(Verdict.COMPILE_ERROR, "Compilation took too long and was stopped.")
            # The judge's test files: errors there are API mismatches, reported as such. The
            # examples are visible, so Run quotes them too; hidden files never are.
            examples = set(problem.example_test_files) if mode == Mode.RUN and not problem.writes_tests else set()
            judge_files = examples if mode == Mode.RUN else HIDDEN_FILES | set(problem.hidden_test_files)
            own_names = set(job.context.get("own_names", [])) if job else set()
            output = hidden.scrub_build_output(build.text, judge_files, hidden.api_names(problem.reference_files),
                                               visible_files=examples, own_names=own_names)
            first = next((line for line in output.splitlines() if line.strip()), "build failed")
            return Outcome(Verdict.COMPILE_ERROR, first, compile_output=trim(output, 20000))
        # Only a build that started can have taken too long or run out of memory: before it,
        # the judge only unpacks the job, and a sandbox that never got that far failed itself.
        if build is not None:
            if result.timed_out:
                return Outcome(Verdict.COMPILE_ERROR, "Compilation took too long and was stopped.")
            if result.oom_killed:
                return Outcome(Verdict.COMPILE_ERROR, "Compilation ran out of memory.")
        return self._judge_failed(transcript, result, "before running your code")

    def _after_run(self, problem, mode, run, events, extra_tests=(), job=None) -> Outcome:
        """Accepted needs the trusted exit record to say the test binary exited 0 (the
        testing package's own verdict: user code has no other way to exit 0) and every
        expected test to have reported one pass. The events only explain a failure."""
        hidden_run = mode != Mode.RUN
        _, expected = self.test_files(problem, mode)
        expected = list(expected) + [name for name in extra_tests if name not in expected]
        exit_ = run.exit
        verdicts = set()
        messages = []
        may_show = results.name_filter(problem, expected, hidden_run)

        where = results.where(events.panic_test, may_show)
        if events.timed_out and exit_.code != 0:
            verdicts.add(Verdict.TIME_LIMIT)
            messages.append(f"Time limit of {problem.time_limit_seconds} s exceeded{where}.")
        elif events.panic and exit_.code != 0:
            verdicts.add(Verdict.RUNTIME_ERROR)
            if hidden_run:
                messages.append(f"{hidden.safe_panic(events.panic)}{where}.")
            else:
                messages.append(f"{events.panic}{where}")
        if events.race_reports and exit_.code != 0:
            verdicts.add(Verdict.DATA_RACE)
            report = "".join(events.race_reports[0])
            own = set(job.context.get("own_functions", [])) if job else set()
            messages.append(hidden.safe_race(report, own) if hidden_run
                            else "The race detector found a data race:\n" + trim(report, 3000))

        failed = [name for name in expected if events.fails[name]]
        duplicated = [name for name in expected if events.passes[name] > 1]
        missing = [name for name in expected if not events.passes[name] and not events.fails[name]]
        if duplicated:
            verdicts.add(Verdict.WRONG_ANSWER)
            messages.append(f"{duplicated[0]} reported more than once; output that imitates the test runner is not trusted.")
        tests = results.test_rows(events, expected, hidden_run, may_show)
        counts = feedback.summary(tests)
        if failed:
            verdicts.add(Verdict.WRONG_ANSWER)
            first = results.first_failing_leaf(events, failed[0], may_show)
            messages.append(f"{counts} First failure: {first}.")
            if hidden_run:
                results.reveal_first_failure(problem, events, failed[0], tests)
        if exit_.code != 0 or exit_.signal:
            if not verdicts:
                verdicts.add(Verdict.RUNTIME_ERROR)
                how = f"was killed by signal {exit_.signal}" if exit_.signal else f"exited with status {exit_.code}"
                messages.append(f"The test binary {how} before its tests passed.")
        elif missing and not verdicts:
            # Exit 0 without every test's pass: the report was cut short or imitated.
            verdicts.add(Verdict.RUNTIME_ERROR)
            messages.append("The test binary exited 0 but its report is incomplete; it is not trusted.")

        verdict = most_severe(verdicts)
        message = messages[0] if messages else counts
        return Outcome(verdict, trim(message, _MAX_MESSAGE), tests=tests)
