from django.core.management.base import BaseCommand, CommandError

from problems.loader import ProblemFormatError
from problems.services import drills_load_recorded, problems_sync


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
        drills = drills_load_recorded()
        self.stdout.write(f"drills: {drills['offered']} offered of {drills['current']} current findings in "
                          f"problems/catalog/drills.json ({drills['written']} rows written)")
        if drills["unproven"]:
            self.stdout.write(self.style.WARNING(
                f"  {drills['unproven']} variants have no finding for their problem's current version: not "
                "offered until `manage.py validate_problems --drills only` judges them"))
