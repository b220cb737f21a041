import time

from django.core.management.base import BaseCommand, CommandError

from judge.validation import validate_problems
from problems.models import Problem


class Command(BaseCommand):
    help = "Judge every problem's reference, starter and known-wrong variants through the real judge."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these problems (default: all)")
        parser.add_argument("--parallel", type=int, default=2, help="containers at once (default 2)")

    def handle(self, *args, slugs, parallel, **options):
        problems = Problem.objects.all()
        if slugs:
            problems = problems.filter(slug__in=slugs)
            missing = set(slugs) - set(problems.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"unknown problems: {', '.join(sorted(missing))} (run load_problems?)")
        started = time.monotonic()
        checks = validate_problems(list(problems), parallel=parallel)
        for c in checks:
            mark = "ok  " if c.ok else "FAIL"
            secs = f"{c.seconds:5.2f}s" if c.seconds is not None else "  -   "
            line = f"{mark} {c.problem:28} {c.candidate:24} {c.mode:6} want {c.expected:14} got {c.verdict:14} {secs}"
            self.stdout.write(line if c.ok else self.style.ERROR(f"{line}\n       {c.message[:300]}"))
        failed = [c for c in checks if not c.ok]
        self.stdout.write(f"{len(checks)} checks on {len({c.problem for c in checks})} problems, "
                          f"{len(failed)} failed, in {time.monotonic() - started:.1f}s")
        if failed:
            # Name them in the error too: CI logs keep the tail of the output.
            names = "; ".join(f"{c.problem} {c.candidate} {c.mode}: want {c.expected}, got {c.verdict}"
                              for c in failed)
            raise CommandError(f"{len(failed)} validation checks failed: {names}")
