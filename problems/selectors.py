import hashlib
import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.shortcuts import get_object_or_404

from config.compiled_query import CompiledQuery
from problems.models import Problem

log = logging.getLogger(__name__)

_LIST_FIELDS = ("slug", "title", "step", "difficulty", "tags", "language")


def problem_list():
    return Problem.objects.only(*_LIST_FIELDS).order_by("step", "slug")


def problem_list_rows() -> list[tuple]:
    """(slug, title, step, difficulty, tags) of every problem in list order: plain values,
    cheap to read and to compare with the rows a page was last rendered from."""
    return _list_rows.rows()


# Read on every problem list, signed in or not: compiled once (config/compiled_query.py).
_list_rows = CompiledQuery(lambda: Problem.objects.order_by("step", "slug").values_list("slug", "title", "step",
                                                                                         "difficulty", "tags"))


def problem_titles() -> list[tuple[str, str]]:
    """(slug, title) of every problem, in list order: what a problem filter offers."""
    return list(Problem.objects.order_by("step", "slug").values_list("slug", "title"))


def problem_get(slug: str) -> Problem:
    return get_object_or_404(Problem, slug=slug)


# The problem page is the busiest page there is, and its problem changes only when the catalog
# is loaded again. Its row comes from the cache (one Redis round trip, no SQL) while the catalog
# version it was stored under is current; any save or delete of a problem bumps the version.
# Each process also keeps what it read for LOCAL_SECONDS, so a busy page costs no round trip at
# all: another process sees a change that much later (the process that made it, at once).
LOCAL_SECONDS = 2.0
_local: dict[str, tuple[float, Problem]] = {}
CATALOG_VERSION_KEY = "problems:catalog-version"
_PAGE_ONLY_FIELDS = ("reference_files", "hidden_test_files", "hidden_test_names", "wrong_variants",
                     "bench_test_files", "benchmark_names", "benchmark_config", "impl_files", "statement",
                     "forbidden", "look_for")
PAGE_CACHE_SECONDS = 3600
# A deploy that changes the model's columns must not unpickle rows stored by the old code.
_SCHEMA = hashlib.sha256(",".join(f.attname for f in Problem._meta.concrete_fields).encode()).hexdigest()[:12]


def problem_get_for_page(slug: str) -> Problem:
    """problem_get for pages: the fields a page shows (the rest load on access), cached."""
    recent = _local.get(slug)
    if recent is not None and recent[0] > time.monotonic():
        return recent[1]
    problem = _problem_from_cache(slug)
    _local[slug] = (time.monotonic() + LOCAL_SECONDS, problem)
    return problem


def _problem_from_cache(slug: str) -> Problem:
    key = f"problems:page:{_SCHEMA}:{slug}"
    try:
        cached = cache.get_many([CATALOG_VERSION_KEY, key])
    except Exception:  # Redis down: the database still answers
        log.warning("problem page cache unavailable", exc_info=True)
        return get_object_or_404(Problem.objects.defer(*_PAGE_ONLY_FIELDS), slug=slug)
    version, entry = cached.get(CATALOG_VERSION_KEY), cached.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    problem = get_object_or_404(Problem.objects.defer(*_PAGE_ONLY_FIELDS), slug=slug)
    try:
        if version is None:  # first use, or Redis lost it: start a version (a racing one wins)
            cache.add(CATALOG_VERSION_KEY, uuid.uuid4().hex, None)
        else:
            cache.set(key, (version, problem), PAGE_CACHE_SECONDS)
    except Exception:
        log.warning("problem page cache unavailable", exc_info=True)
    return problem


def catalog_changed(**kwargs) -> None:
    """post_save/post_delete of a Problem: pages read it afresh, once the change is committed
    (before, a page could store the old row under the new version)."""
    _local.clear()

    def bump():
        _local.clear()
        try:
            cache.set(CATALOG_VERSION_KEY, uuid.uuid4().hex, None)
        except Exception:
            log.exception("could not bump the catalog version; problem pages may be stale for an hour")
    transaction.on_commit(bump)
