import time
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from judge.validation import validate_drills, validate_problems
from problems.drill_findings import FINDINGS_FILE, findings_merge, findings_read, findings_write
from problems.drills import drills_record
from problems.loader import load_catalog
from problems.models import Problem


class Command(BaseCommand):
    help = ("Judge every problem's reference, starter and known-wrong variants through the real judge, "
            "and decide which variants are offered as code-review drills.")

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these problems (default: all)")
        parser.add_argument("--parallel", type=int, default=2, help="containers at once (default 2)")
        parser.add_argument("--drills", choices=["with", "without", "only"], default="with",
                            help="the drill checks too (default), not at all, or only them")
        parser.add_argument("--fresh", action="store_true",
                            help="judge every drill again, even those the findings file proved for this version")
        parser.add_argument("--findings", type=Path, default=FINDINGS_FILE,
                            help="the drill findings file read and written (default: problems/catalog/drills.json)")

    def handle(self, *args, slugs, parallel, drills="with", fresh=False, findings=FINDINGS_FILE, **options):
        problems = Problem.objects.all()
        if slugs:
            problems = problems.filter(slug__in=slugs)
            missing = set(slugs) - set(problems.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"unknown problems: {', '.join(sorted(missing))} (run load_problems?)")
        started = time.monotonic()
        checks = validate_problems(list(problems), parallel=parallel) if drills != "only" else []
        for c in checks:
            mark = "ok  " if c.ok else "FAIL"
            secs = f"{c.seconds:5.2f}s" if c.seconds is not None else "  -   "
            line = f"{mark} {c.problem:28} {c.candidate:24} {c.mode:6} want {c.expected:14} got {c.verdict:14} {secs}"
            self.stdout.write(line if c.ok else self.style.ERROR(f"{line}\n       {c.message[:300]}"))
        failed = [c for c in checks if not c.ok]
        judge_failed = self._drills(list(problems), parallel, fresh, findings) if drills != "without" else []
        self.stdout.write(f"{len(checks)} checks on {len({c.problem for c in checks})} problems, "
                          f"{len(failed)} failed, in {time.monotonic() - started:.1f}s")
        if failed:
            # Name them in the error too: CI logs keep the tail of the output.
            names = "; ".join(f"{c.problem} {c.candidate} {c.mode}: want {c.expected}, got {c.verdict}"
                              for c in failed)
            raise CommandError(f"{len(failed)} validation checks failed: {names}")
        if judge_failed:
            raise CommandError(f"the judge failed on {len(judge_failed)} drill checks: "
                               + "; ".join(f"{f.problem} {f.variant}" for f in judge_failed))

    def _drills(self, problems, parallel, fresh, path):
        """Every known-wrong variant of a problem solved in code, proven a fair drill or left out:
        reused from the findings file where proven on this problem version, else judged; the
        file is written back with what was judged."""
        started = time.monotonic()
        on_disk = load_catalog()
        self._warn_if_not_loaded(problems, on_disk)
        recorded = findings_read(path)
        findings = validate_drills(problems, parallel=parallel, recorded={} if fresh else recorded)
        drills_record(findings)
        known = {(s.slug, w["name"]) for s in on_disk if s.kind != "tests" for w in s.wrong_variants}
        findings_write(findings_merge(recorded, findings, {p.slug: p.content_hash for p in problems}, known), path)
        for f in findings:
            mark = "drill" if f.offered else "left "
            when = f"{f.seconds:5.2f}s" if f.seconds is not None else ("reused" if f.recorded_on else "  -   ")
            detail = f"fails {f.hidden_failed} of {f.hidden_total} hidden tests" if f.offered else f.left_out[:200]
            if f.rounds > 1:
                detail = f"{f.rounds} rounds: {detail}"
            self.stdout.write(f"{mark} {f.problem:28} {f.variant:28} {when} {detail}")
        left = [f for f in findings if not f.offered]
        reused = sum(1 for f in findings if f.recorded_on)
        reasons = Counter(f.left_out.split(":")[0].split(" (")[0] for f in left)
        self.stdout.write(f"drills: {len(findings) - len(left)} offered, {len(left)} left out, "
                          f"in {time.monotonic() - started:.1f}s; {reused} reused from {path.name} "
                          f"(proven on the same problem version), {len(findings) - reused} judged")
        for reason, count in reasons.most_common():
            self.stdout.write(f"  left out {count}: {reason}")
        return [f for f in findings if f.judge_failed]

    def _warn_if_not_loaded(self, problems, on_disk):
        """Findings are keyed by the database's problem version: one older than the folder on disk
        would record findings the catalog test calls stale."""
        hashes = {s.slug: s.content_hash() for s in on_disk}
        for p in problems:
            if hashes.get(p.slug) != p.content_hash:
                self.stdout.write(self.style.WARNING(
                    f"{p.slug} in the database is not the version in problems/catalog: run load_problems first"))
