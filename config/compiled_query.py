"""A queryset whose SQL is compiled once per process, then run with new parameters.

Why: Django's SQL compiler runs for every query, and on this machine that is 0.3-0.5 ms of
Python each time, more than PostgreSQL takes to answer. The few reads every signed-in request
makes (its user, its API token, the submission it polls) paid it on every request. A
CompiledQuery builds the queryset once with placeholder values, keeps the SQL and the compiler
(which knows how to turn rows into model instances: converters, deferred fields,
select_related), and afterwards only executes. The objects are the ones the ORM would give for
the same queryset (tests/unit/test_compiled_query.py compares them).

Only for querysets whose shape never changes: the same filters, only the values differ. The
values go to the database as given, without the field's conversion the ORM would apply: pass
plain ints and strings (as_bigint() checks an id first, as the ORM's lookup would have), and
aware datetimes for the parameters named in `datetimes`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models.query import get_related_populators

# Placeholder values the queryset is built with, one per parameter name, found again among the
# compiled parameters to learn where each value goes. Negative and huge: never a real value.
_PLACEHOLDER_BASE = -(2**62)

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1


def as_bigint(value) -> int | None:
    """`value` as a PostgreSQL bigint, or None when it is not one (where the ORM would find
    nothing, the database would raise on it)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if BIGINT_MIN <= number <= BIGINT_MAX else None


@dataclass(frozen=True)
class _Compiled:
    db: str
    sql: str
    params: list  # per compiled parameter: (argument name, None) or (None, constant)
    compiler: object
    model: type
    start: int
    end: int
    init_list: list
    populators: list
    annotations: dict


class CompiledQuery:
    def __init__(self, build, *names, datetimes=()):
        """`build(**{name: placeholder})` returns the queryset; `names` are its parameters, those
        in `datetimes` compared with a datetime field (their placeholder is an aware datetime).
        Compiled at the first call (models are not ready when modules are imported)."""
        self._build, self._names, self._datetimes = build, names, set(datetimes)
        self._compiled = None

    def _placeholder(self, i, name):
        if name in self._datetimes:  # the year 1, told apart by its microsecond
            return datetime(1, 1, 2, microsecond=i, tzinfo=UTC)
        return _PLACEHOLDER_BASE - i

    def _compile(self) -> _Compiled:
        placeholders = {name: self._placeholder(i, name) for i, name in enumerate(self._names)}
        queryset = self._build(**placeholders)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, compiled_params = compiler.as_sql()
        by_value = {}
        for name, value in placeholders.items():
            by_value[value] = by_value[str(value)] = name
        params = [(by_value[p], None) if _hashable(p) and p in by_value else (None, p) for p in compiled_params]
        missing = set(self._names) - {name for name, _ in params if name}
        if missing:
            raise ValueError(f"parameters not in the compiled query: {sorted(missing)}")
        info = compiler.klass_info  # None for values() and values_list(): rows only
        start, end = (info["select_fields"][0], info["select_fields"][-1] + 1) if info else (0, 0)
        return _Compiled(
            db=queryset.db, sql=sql, params=params, compiler=compiler, model=info and info["model"], start=start,
            end=end, init_list=[col[0].target.attname for col in compiler.select[start:end]],
            populators=get_related_populators(info, compiler.select, queryset.db) if info else [],
            annotations=compiler.annotation_col_map or {},
        )

    def _run(self, values):
        # Two threads may both compile at first; each assigns a whole, equal result.
        q = self._compiled or self._compile()
        self._compiled = q
        params = [values[name] if name else constant for name, constant in q.params]
        with connections[q.db].cursor() as cursor:
            cursor.execute(q.sql, params)
            rows = cursor.fetchall()
        return q, q.compiler.results_iter([rows])

    def rows(self, **values) -> list[tuple]:
        """The selected columns of each row, converted as the ORM converts them (values_list)."""
        return [tuple(row) for row in self._run(values)[1]]

    def all(self, **values) -> list:
        """Model instances, as iterating the queryset gives them."""
        q, rows = self._run(values)
        objects = []
        for row in rows:
            obj = q.model.from_db(q.db, q.init_list, row[q.start:q.end])
            for populator in q.populators:
                populator.populate(row, obj)
            for attr, position in q.annotations.items():
                setattr(obj, attr, row[position])
            objects.append(obj)
        return objects

    def first(self, **values):
        found = self.all(**values)
        return found[0] if found else None


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
