from django.core.management.base import BaseCommand, CommandError

from problems.loader import ProblemFormatError
from problems.services import problems_sync


class Command(BaseCommand):
    help = "Load problems/catalog/ into the database (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these problems (default: the whole catalog)")

    def handle(self, *args, slugs, **options):
        try:
            report = problems_sync(slugs=slugs or None)
        except ProblemFormatError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "problems: {c} created, {u} updated, {n} unchanged".format(
                c=len(report["created"]), u=len(report["updated"]), n=len(report["unchanged"])
            )
        )
        for slug in report["created"] + report["updated"]:
            self.stdout.write(f"  loaded {slug}")
        for slug in report["missing_on_disk"]:
            self.stdout.write(self.style.WARNING(f"  {slug} is in the database but no longer on disk"))
