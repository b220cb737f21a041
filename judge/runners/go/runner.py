"""Go: builds the sandbox job for a submission and turns the sandbox's result into verdicts.

The image's protocol is in docs/judge-protocol.md.
"""

import io
import re
import secrets
import tarfile

from django.conf import settings

from judge.runners.base import Outcome, TestOutcome
from judge.runners.go import mutants
from judge.runners.go.benchmarks import BenchmarkTampering, compare, split_segments
from judge.runners.go.forbidden import violations
from judge.runners.go.source_checks import package_clause
from judge.runners.go.test2json import parse_events
from judge.sandbox.job import Job, Limits
from problems.loader import test_names
from problems.code_files import CodeFilesError, split_files
from judge.verdicts import Verdict, most_severe

BUILD_MARK = "@@dojo:build@@\n"
BUILD_FAILED_MARK = "@@dojo:build-failed@@"
RUN_MARK = "@@dojo:run@@\n"
EXIT_BUILD_FAILED = 100
EXIT_JUDGE_FAILED = 3
JUDGE_COMMAND = ["/opt/dojo/bin/judge", "--args-from-stdin"]
CUSTOM_TESTS_FILE = "my_cases_test.go"  # the user's own cases, judged by Run (after the examples: files run in name order)
# The modules baked into the runner image (platform/runner/build-image.sh), required by
# every build so problems may import them; the image supplies their go.sum lines.
IMAGE_MODULES = {"github.com/mattn/go-sqlite3": "v1.14.16", "golang.org/x/sync": "v0.1.0",
                 "gopkg.in/yaml.v3": "v3.0.1"}
GO_MOD = ("module dojo.local/solution\n\ngo 1.27\n\nrequire (\n"
          + "".join(f"\t{path} {version}\n" for path, version in IMAGE_MODULES.items()) + ")\n")
_BUILD_HEADER = re.compile(r"^# dojo\.local/solution.*\n", re.MULTILINE)
_MAX_MESSAGE = 4000
_MAX_TEST_OUTPUT = 8000


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


def _trim(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "\n… (trimmed)"


class GoRunner:
    language = "go"

    def precheck(self, problem, code: str, custom_tests: str = "") -> Outcome | None:
        """A verdict without a container where the source alone decides it."""
        try:
            files = split_files(code, tests=problem.writes_tests)
        except CodeFilesError as exc:
            return Outcome(verdict=Verdict.COMPILE_ERROR, message=str(exc), compile_output=str(exc))
        # The user's own test file must be in the package too; forbidden rules apply to solutions only.
        checked = {**files, CUSTOM_TESTS_FILE: custom_tests} if custom_tests.strip() and not problem.writes_tests \
            else files
        for name, source in checked.items():
            declared = package_clause(source)
            if declared != problem.package:
                found = f"package {declared}" if declared else "no package clause"
                msg = f"{name}: expected `package {problem.package}`, found {found}."
                return Outcome(verdict=Verdict.COMPILE_ERROR, message=msg, compile_output=msg)
        found = [v for name, source in files.items() for v in violations(source, problem.forbidden, name)]
        if found:
            return Outcome(verdict=Verdict.FORBIDDEN, message=found[0], compile_output="\n".join(found))
        return None

    def test_files(self, problem, mode: str) -> tuple[dict, list]:
        if mode == "run":
            return problem.example_test_files, problem.example_test_names
        return problem.hidden_test_files, problem.hidden_test_names

    def benchmarks_apply(self, problem, mode: str) -> bool:
        return mode != "run" and bool(problem.benchmark_names)

    def _limits(self, wall_seconds: float) -> Limits:
        cfg = settings.JUDGE
        return Limits(
            wall_seconds=wall_seconds,
            memory_bytes=cfg["MEMORY_BYTES"],
            nano_cpus=cfg["NANO_CPUS"],
            pids=cfg["PIDS_LIMIT"],
            tmpfs_bytes=cfg["TMPFS_BYTES"],
            output_bytes=cfg["OUTPUT_LIMIT_BYTES"],
        )

    def _job(self, options: list, files: dict, limits: Limits, name_hint: str, context=None) -> Job:
        # Options travel on stdin's first line: the same command fits every job, so the
        # sandbox can start a container before the job exists (docs/judge-protocol.md).
        nonce = secrets.token_hex(16)
        options = options + ["--end-marker", nonce]
        stdin = (" ".join(options) + "\n").encode() + _tar(files)
        return Job(image=settings.JUDGE["IMAGE"], command=JUDGE_COMMAND, stdin=stdin, limits=limits,
                   name_hint=name_hint, end_marker=f"@@dojo:end {nonce} ".encode(),
                   context={**(context or {}), "nonce": nonce})

    def _tests_task_job(self, problem, *, code: str, mode: str, name_hint: str) -> Job:
        dirs = mutants.variant_dirs(problem, mode)
        files = mutants.variant_files(problem, split_files(code, tests=True), dirs, GO_MOD)
        options = ["--timeout", str(problem.time_limit_seconds), "--variants", mutants.run_order(dirs)]
        if problem.tests_task.get("require") == "Benchmark":
            options.append("--variant-bench")
        wall = (settings.JUDGE["BUILD_SECONDS"] + 2 * len(dirs)) + problem.time_limit_seconds * len(dirs) + 5
        return self._job(options, files, self._limits(wall), name_hint, {"dirs": dirs})

    def build_job(self, problem, *, code: str, mode: str, name_hint: str = "", custom_tests: str = "") -> Job:
        if problem.writes_tests:
            return self._tests_task_job(problem, code=code, mode=mode, name_hint=name_hint)
        cfg = settings.JUDGE
        test_files, _ = self.test_files(problem, mode)
        files = {"go.mod": GO_MOD, **split_files(code), **test_files}
        context = {}
        if mode == "run" and custom_tests.strip():
            # The user's own cases run next to the visible examples, and are expected too.
            files[CUSTOM_TESTS_FILE] = custom_tests
            context["extra_tests"] = test_names({CUSTOM_TESTS_FILE: custom_tests})
        options = ["--timeout", str(problem.time_limit_seconds)]
        if problem.race:
            options.append("--race")
        runs = 1
        if self.benchmarks_apply(problem, mode):
            bench = problem.benchmark_config
            # The reference is built next to the submission and benchmarked in turn with it.
            files.update(problem.bench_test_files)
            files.update({f"reference/{name}": source for name, source in problem.reference_files.items()})
            files.update({f"reference/{name}": source for name, source in problem.bench_test_files.items()})
            files["reference/go.mod"] = GO_MOD.replace("dojo.local/solution", "dojo.local/reference")
            options += ["--bench", "^(" + "|".join(problem.benchmark_names) + ")$",
                        "--bench-rounds", str(bench["rounds"]), "--benchtime", bench["benchtime"]]
            runs += 2 * bench["rounds"]
        # Each run of a binary is capped by -test.timeout inside; this is the backstop.
        limits = self._limits(cfg["BUILD_SECONDS"] + problem.time_limit_seconds * runs + 5)
        return self._job(options, files, limits, name_hint, context)

    def interpret(self, problem, mode: str, result, job: Job | None = None) -> Outcome:
        text = result.output.decode("utf-8", errors="replace")
        trusted, ran, untrusted = text.partition(RUN_MARK)
        build_output = _BUILD_HEADER.sub("", trusted.replace(BUILD_MARK, "", 1).replace(BUILD_FAILED_MARK, ""))
        build_output = mutants.VARIANT_BUILD.sub("", build_output).strip()

        if not ran:
            if problem.writes_tests and BUILD_FAILED_MARK in trusted and mutants.failed_build_is_ours(trusted):
                return Outcome(Verdict.INTERNAL_ERROR, "The judge failed to build a known bug against your tests; "
                               "it will be retried.", judge_log=_trim(trusted, 20000))
            return self._before_run(problem, result, trusted, build_output)
        if problem.writes_tests:
            runs, tampered = mutants.split_runs(untrusted, job.context["nonce"])
            if tampered:
                return Outcome(Verdict.WRONG_ANSWER, "Your tests changed the judge's files; the run is not trusted.")
            return mutants.interpret_variants(problem, mode, result, runs, job.context["dirs"])
        if result.oom_killed:
            return Outcome(Verdict.MEMORY_LIMIT, "The program ran out of memory "
                           f"(limit {settings.JUDGE['MEMORY_BYTES'] // (1024 * 1024)} MiB).")
        if result.timed_out:
            return Outcome(Verdict.TIME_LIMIT, f"The run was stopped after {problem.time_limit_seconds} s.")
        if result.output_truncated:
            return Outcome(Verdict.OUTPUT_LIMIT, "The program printed more than "
                           f"{settings.JUDGE['OUTPUT_LIMIT_BYTES'] // 1024} KiB; it was stopped.")
        if result.exit_code == EXIT_JUDGE_FAILED:
            return Outcome(Verdict.INTERNAL_ERROR, "The judge failed after running your code; it will be retried.",
                           judge_log=f"exit={result.exit_code} output tail:\n{untrusted[-4000:]}")
        rounds = problem.benchmark_config.get("rounds", 0) if self.benchmarks_apply(problem, mode) else 0
        try:
            tests_text, segments = split_segments(untrusted, rounds)
        except BenchmarkTampering:
            return Outcome(Verdict.WRONG_ANSWER, "The output imitates the judge's own markers; it is not trusted.")
        extra = job.context.get("extra_tests", []) if job else []
        outcome = self._after_run(problem, mode, result, parse_events(tests_text), extra)
        if outcome.verdict == Verdict.ACCEPTED and rounds:
            return self._judge_benchmarks(problem, outcome, segments, rounds)
        return outcome

    def _judge_benchmarks(self, problem, outcome, segments, rounds) -> Outcome:
        if not segments:
            return Outcome(Verdict.INTERNAL_ERROR, "The judge did not run the benchmarks; it will be retried.",
                           judge_log="tests passed but no benchmark phase was printed")
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

    def _before_run(self, problem, result, trusted, build_output) -> Outcome:
        if result.exit_code == EXIT_BUILD_FAILED and BUILD_FAILED_MARK in trusted:
            first = next((line for line in build_output.splitlines() if line.strip()), "build failed")
            return Outcome(Verdict.COMPILE_ERROR, first, compile_output=_trim(build_output, 20000))
        if result.timed_out:
            return Outcome(Verdict.COMPILE_ERROR, "Compilation took too long and was stopped.")
        if result.oom_killed:
            return Outcome(Verdict.COMPILE_ERROR, "Compilation ran out of memory.")
        return Outcome(
            Verdict.INTERNAL_ERROR,
            "The judge failed before running your code. It is not your fault; it will be retried.",
            judge_log=f"exit={result.exit_code} output:\n{_trim(trusted, 20000)}",
        )

    def _after_run(self, problem, mode, result, run, extra_tests=()) -> Outcome:
        hidden = mode != "run"
        _, expected = self.test_files(problem, mode)
        expected = list(expected) + [name for name in extra_tests if name not in expected]
        verdicts = set()
        messages = []

        if run.timed_out:
            verdicts.add(Verdict.TIME_LIMIT)
            where = f" in {run.panic_test}" if run.panic_test else ""
            messages.append(f"Time limit of {problem.time_limit_seconds} s exceeded{where}.")
        elif run.panic:
            verdicts.add(Verdict.RUNTIME_ERROR)
            where = f" in {run.panic_test}" if run.panic_test else ""
            messages.append(f"{run.panic}{where}")
        if run.race_reports:
            verdicts.add(Verdict.DATA_RACE)
            messages.append("The race detector found a data race:\n" + _trim("".join(run.race_reports[0]), 3000))

        failed = [name for name in expected if run.fails[name]]
        duplicated = [name for name in expected if run.passes[name] > 1]
        missing = [name for name in expected if not run.passes[name] and not run.fails[name]]
        if duplicated:
            verdicts.add(Verdict.WRONG_ANSWER)
            messages.append(f"{duplicated[0]} reported more than once; output that imitates the test runner is not trusted.")
        if failed:
            verdicts.add(Verdict.WRONG_ANSWER)
            first = _first_failing_leaf(run, failed[0])
            messages.append(f"{first} failed." if len(failed) == 1 else f"{len(failed)} tests failed, first {first}.")
        if missing and not verdicts:
            verdicts.add(Verdict.RUNTIME_ERROR)
            messages.append("The test binary exited before every test had run "
                            f"(exit status {result.exit_code}); does your code call os.Exit?")
        if result.exit_code != 0 and not verdicts:
            verdicts.add(Verdict.RUNTIME_ERROR)
            messages.append(f"The test binary exited with status {result.exit_code}.")

        tests = self._test_rows(run, expected, hidden)
        verdict = most_severe(verdicts)
        message = messages[0] if messages else f"All {len(expected)} tests passed."
        return Outcome(verdict, _trim(message, _MAX_MESSAGE), tests=tests)

    def _test_rows(self, run, expected, hidden) -> list:
        rows = []
        seen = set()
        for record in run.tests.values():
            top = record.name.split("/", 1)[0]
            if top not in expected:
                continue  # only the judge's tests are listed; printed fakes are not
            seen.add(record.name)
            message = "" if hidden else _trim("".join(
                line for line in record.output if not _is_frame(line)), _MAX_TEST_OUTPUT)
            rows.append(TestOutcome(record.name, record.status, int(record.elapsed * 1000), message))
        rows.extend(TestOutcome(name, "not_run") for name in expected if name not in seen)
        return rows


def _first_failing_leaf(run, top: str) -> str:
    """The first failing sub-test under a failing test tells the user more than its parent."""
    leaves = [name for name, rec in run.tests.items() if name.startswith(top + "/") and rec.status == "fail"]
    return leaves[0] if leaves else top


def _is_frame(line: str) -> bool:
    return line.startswith(("=== RUN", "=== PAUSE", "=== CONT", "--- PASS", "--- FAIL", "--- SKIP"))
