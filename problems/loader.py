"""Reads the on-disk problem format (docs/problem-format.md) into plain dicts.

It knows nothing of the database: `services.problems_sync` decides what to write.
"""

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent / "catalog"
EXPORT_FILE = "export_test.go"
_TEST_FUNC = re.compile(r"^func (Test\w*)\(\w+ \*testing\.T\)", re.MULTILINE)
_BENCH_FUNC = re.compile(r"^func (Benchmark\w*)\(\w+ \*testing\.B\)", re.MULTILINE)
BENCHMARK_DEFAULTS = {"time_ratio": 2.0, "rounds": 5, "benchtime": "100ms", "allocs": {}}
VERDICTS_FOR_WRONG = {"wrong_answer", "compile_error", "runtime_error", "time_limit", "memory_limit",
                      "output_limit", "data_race", "too_slow", "forbidden"}


class ProblemFormatError(Exception):
    pass


@dataclass
class ProblemSource:
    slug: str
    title: str
    step: int
    difficulty: str
    tags: list
    package: str
    statement: str
    time_limit_seconds: int
    race: bool
    forbidden: list
    starter_files: dict
    reference_files: dict
    example_test_files: dict
    hidden_test_files: dict
    wrong_variants: list = field(default_factory=list)
    kind: str = "solution"
    impl_files: dict = field(default_factory=dict)
    mutants: list = field(default_factory=list)
    tests_task: dict = field(default_factory=dict)
    bench_test_files: dict = field(default_factory=dict)
    benchmark_config: dict = field(default_factory=dict)
    allowed: dict = field(default_factory=dict)  # {baseline package: why this problem allows it}
    look_for: list = field(default_factory=list)  # what interviewers look for: short points

    @property
    def benchmark_names(self):
        return [name for source in self.bench_test_files.values() for name in _BENCH_FUNC.findall(source)]

    @property
    def example_test_names(self):
        return test_names(self.example_test_files)

    @property
    def hidden_test_names(self):
        return test_names(self.hidden_test_files)

    def content_hash(self):
        digest = hashlib.sha256()
        for part in (self.slug, self.title, str(self.step), self.difficulty, ",".join(self.tags),
                     self.package, self.statement, str(self.time_limit_seconds), str(self.race), repr(self.forbidden),
                     repr(sorted(self.starter_files.items())), repr(sorted(self.reference_files.items())),
                     repr(sorted(self.example_test_files.items())), repr(sorted(self.hidden_test_files.items())),
                     repr(self.wrong_variants), repr(sorted(self.bench_test_files.items())),
                     repr(sorted(self.benchmark_config.items())), self.kind,
                     repr(sorted(self.impl_files.items())), repr(self.mutants),
                     repr(sorted(self.tests_task.items())), repr(sorted(self.allowed.items())),
                     repr(self.look_for)):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()


def test_names(files: dict) -> list:
    return [name for source in files.values() for name in _TEST_FUNC.findall(source)]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemFormatError(f"{path}: {exc}") from exc


def _statement_body(text: str) -> str:
    """The page shows the title from problem.toml; a leading `# Title` line would repeat it."""
    first, _, rest = text.lstrip().partition("\n")
    return rest.lstrip("\n") if first.startswith("# ") else text


def _read_go_files(folder: Path) -> dict:
    if not folder.is_dir():
        raise ProblemFormatError(f"missing folder {folder}")
    files = {p.name: _read(p) for p in sorted(folder.glob("*.go"))}
    if not files:
        raise ProblemFormatError(f"no .go files in {folder}")
    return files


def _wrong_variants(folder: Path, meta: dict) -> list:
    wrong = []
    for entry in meta.get("wrong", []):
        if entry.get("verdict") not in VERDICTS_FOR_WRONG:
            raise ProblemFormatError(f"{folder.name}: wrong variant {entry.get('name')}: bad verdict")
        wrong.append({"name": entry["name"], "verdict": entry["verdict"], "why": entry.get("why", ""),
                      "files": _read_go_files(folder / "wrong" / entry["name"])})
    return wrong


def _allowed(folder: Path, meta: dict) -> dict:
    """[allow] maps a baseline package to the reason this problem needs it."""
    allowed = meta.get("allow", {})
    if not isinstance(allowed, dict) or not all(isinstance(v, str) and v.strip() for v in allowed.values()):
        raise ProblemFormatError(f"{folder.name}: [allow] maps each package to the reason it is allowed")
    return dict(allowed)


def _look_for(folder: Path, meta: dict) -> list:
    """look_for = ["...", ...]: what interviewers look for, each point a short line of text."""
    points = meta.get("look_for", [])
    if not isinstance(points, list) or not all(isinstance(p, str) and p.strip() and "\n" not in p for p in points):
        raise ProblemFormatError(f"{folder.name}: look_for is a list of short one-line points")
    return [p.strip() for p in points]


def _common_fields(folder: Path, meta: dict) -> dict:
    return {
        "slug": meta["slug"],
        "title": meta["title"],
        "step": int(meta["step"]),
        "difficulty": meta["difficulty"],
        "tags": list(meta.get("tags", [])),
        "package": meta["package"],
        "statement": _statement_body(_read(folder / "statement.md")),
        "time_limit_seconds": int(meta.get("time_limit_seconds", 10)),
        "race": bool(meta.get("race", False)),
        "forbidden": [str(rule) for rule in meta.get("forbidden", [])],
        "allowed": _allowed(folder, meta),
        "look_for": _look_for(folder, meta),
        "starter_files": _read_go_files(folder / "starter"),
        "reference_files": _read_go_files(folder / "reference"),
        "wrong_variants": _wrong_variants(folder, meta),
    }


def _load_tests_task(folder: Path, meta: dict) -> ProblemSource:
    """A test-writing task: the user's _test.go runs against impl/ and each mutants/<name>/."""
    task = dict(meta.get("tests_task", {}))
    task.setdefault("require", "Test")
    if task["require"] not in ("Test", "Fuzz", "Benchmark"):
        raise ProblemFormatError(f"{folder.name}: tests_task.require must be Test, Fuzz or Benchmark")
    mutants = [{"name": m["name"], "why": m.get("why", ""), "files": _read_go_files(folder / "mutants" / m["name"])}
               for m in meta.get("mutant", [])]
    if not mutants:
        raise ProblemFormatError(f"{folder.name}: a test-writing task needs [[mutant]] entries")
    source = ProblemSource(**_common_fields(folder, meta), example_test_files={}, hidden_test_files={},
                           kind="tests", impl_files=_read_go_files(folder / "impl"), mutants=mutants,
                           tests_task=task)
    for group in [source.starter_files, source.reference_files] + [w["files"] for w in source.wrong_variants]:
        if not all(name.endswith("_test.go") for name in group):
            raise ProblemFormatError(f"{folder.name}: starter, reference and wrong files of a test-writing "
                                     "task are _test.go files")
    return source


def load_problem(folder: Path) -> ProblemSource:
    try:
        meta = tomllib.loads(_read(folder / "problem.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise ProblemFormatError(f"{folder.name}: problem.toml: {exc}") from exc
    missing = [key for key in ("slug", "title", "step", "difficulty", "package") if key not in meta]
    if missing:
        raise ProblemFormatError(f"{folder.name}: problem.toml lacks {', '.join(missing)}")
    if meta["difficulty"] not in ("easy", "medium", "hard"):
        raise ProblemFormatError(f"{folder.name}: difficulty must be easy, medium or hard")
    if meta.get("slug") != folder.name:
        raise ProblemFormatError(f"{folder.name}: slug in problem.toml must equal the folder name")
    if meta.get("kind", "solution") == "tests":
        return _load_tests_task(folder, meta)
    tests = folder / "tests"
    source = ProblemSource(
        **_common_fields(folder, meta),
        example_test_files={"examples_test.go": _read(tests / "examples_test.go")},
        hidden_test_files={"hidden_test.go": _read(tests / "hidden_test.go"),
                           # Compiled inside the package, so the external hidden suite can reach
                           # the statement's unexported names (docs/problem-format.md).
                           **({EXPORT_FILE: _read(tests / EXPORT_FILE)} if (tests / EXPORT_FILE).is_file() else {})},
    )
    bench_file = tests / "bench_test.go"
    if bench_file.is_file():
        source.bench_test_files = {"bench_test.go": _read(bench_file)}
        config = {**BENCHMARK_DEFAULTS, **meta.get("benchmarks", {})}
        unknown = set(config["allocs"]) - set(source.benchmark_names)
        if not source.benchmark_names or unknown:
            raise ProblemFormatError(f"{folder.name}: bench_test.go declares no benchmarks, or [benchmarks.allocs] "
                                     f"names unknown ones: {', '.join(sorted(unknown))}")
        source.benchmark_config = config
    elif "benchmarks" in meta:
        raise ProblemFormatError(f"{folder.name}: [benchmarks] without tests/bench_test.go")
    if not source.hidden_test_names:
        raise ProblemFormatError(f"{folder.name}: tests/hidden_test.go declares no Test functions")
    return source


def load_catalog(root: Path = CATALOG_DIR, slugs=None) -> list:
    """Every problem on disk, or only `slugs` (so one broken folder does not block others)."""
    folders = [p for p in sorted(root.iterdir()) if (p / "problem.toml").is_file()]
    if slugs:
        unknown = set(slugs) - {p.name for p in folders}
        if unknown:
            raise ProblemFormatError(f"no such problem folders: {', '.join(sorted(unknown))}")
        folders = [p for p in folders if p.name in slugs]
    return [load_problem(p) for p in folders]
