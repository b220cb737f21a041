from django.db import transaction

from problems.drill_findings import FINDINGS_FILE, current_finding, findings_read
from problems.drills import drills_record
from problems.loader import load_catalog
from problems.markdown import render_markdown
from problems.models import Kind, Problem


@transaction.atomic
def problems_sync(*, sources=None, slugs=None) -> dict:
    """Make the database match the catalog on disk. Unchanged problems are not touched.

    Problems that vanished from disk are kept (submissions point at them) and reported.
    """
    sources = load_catalog(slugs=slugs) if sources is None else sources
    report = {"created": [], "updated": [], "unchanged": [], "missing_on_disk": []}
    existing = {p.slug: p for p in Problem.objects.all()}
    if slugs:
        existing = {slug: p for slug, p in existing.items() if slug in slugs}
    for src in sources:
        digest = src.content_hash()
        problem = existing.pop(src.slug, None)
        if problem is not None and problem.content_hash == digest:
            report["unchanged"].append(src.slug)
            continue
        fields = {
            "title": src.title, "step": src.step, "difficulty": src.difficulty, "tags": src.tags,
            "package": src.package, "statement": src.statement,
            "statement_html": render_markdown(src.statement),
            "starter_files": src.starter_files, "reference_files": src.reference_files,
            "example_test_files": src.example_test_files, "hidden_test_files": src.hidden_test_files,
            "example_test_names": src.example_test_names, "hidden_test_names": src.hidden_test_names,
            "wrong_variants": src.wrong_variants, "time_limit_seconds": src.time_limit_seconds,
            "race": src.race, "forbidden": src.forbidden, "allowed": src.allowed, "content_hash": digest,
            "bench_test_files": src.bench_test_files, "benchmark_names": src.benchmark_names,
            "benchmark_config": src.benchmark_config, "kind": src.kind, "impl_files": src.impl_files,
            "mutants": src.mutants, "tests_task": src.tests_task, "look_for": src.look_for,
        }
        Problem.objects.update_or_create(slug=src.slug, defaults=fields)
        report["updated" if problem else "created"].append(src.slug)
    report["missing_on_disk"] = sorted(existing)
    return report


def drills_load_recorded(path=FINDINGS_FILE) -> dict:
    """Drill rows from the committed findings, for each variant whose entry was proven on the
    problem version now loaded, so a fresh database offers the proven drills without judging.
    A variant without one (missing, or stale: proven on another version) is not recorded."""
    entries = findings_read(path)
    current, unproven = [], 0
    for problem in Problem.objects.filter(kind=Kind.SOLUTION).only("id", "slug", "content_hash", "wrong_variants"):
        for wrong in problem.wrong_variants:
            finding = current_finding(entries, problem, wrong["name"])
            if finding is None:
                unproven += 1
            else:
                current.append(finding)
    written = drills_record(current)
    return {"current": len(current), "offered": sum(f.offered for f in current), "unproven": unproven,
            "written": written}
