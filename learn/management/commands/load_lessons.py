from django.core.management.base import BaseCommand, CommandError

from learn.loader import LessonFormatError
from learn.services import lessons_sync


class Command(BaseCommand):
    help = "Load learn/lessons/ (notes and quizzes) into the database (idempotent)."

    def handle(self, *args, **options):
        try:
            report = lessons_sync()
        except LessonFormatError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"lessons: {len(report['created'])} created, {len(report['updated'])} updated, "
                          f"{len(report['unchanged'])} unchanged")
