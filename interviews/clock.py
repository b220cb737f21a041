"""The one place interviews read the time from. Services take `now=`; views and the judge's
interview check call `clock.now()`, so tests move time by patching this function."""

from django.utils import timezone


def now():
    return timezone.now()
