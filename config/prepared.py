"""A statement PostgreSQL plans once per connection (PREPARE), then only executes (EXECUTE).

Why: Django binds parameters on the client and never prepares, so PostgreSQL plans every
statement anew. For the signed-in problem page's one statement (practice.selectors.workspace_get:
three joins, three subqueries, an aggregate) planning took 0.35 ms of PostgreSQL's CPU against
0.07 ms to execute it, on every request, on the same two cores as the web server. Prepared, a
connection plans it once.

It runs through Django's own cursor: errors are Django's (a database that is down is a 503,
config/outage.py), and tests and the query log count it as the one query it is. The pool keeps
its connections, and their prepared statements, from one request to the next; a new connection
(a restart of PostgreSQL, a test database) prepares it again the first time it runs it. A
prepared statement outlives a rolled-back transaction (it belongs to the session), so a
connection that prepared it once always has it, while nothing DEALLOCATEs or DISCARDs: keep
the pool free of a `reset` that does. A migration that changes a column it selects fails it
until the processes restart, as a deploy does.

Parameters are `%s`, as for cursor.execute(); their types come from where they are used.
"""

import re
import weakref

from django.db import connection

_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class PreparedStatement:
    def __init__(self, name: str, sql: str):
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a plain statement name: {name!r}")
        parts = sql.split("%s")
        numbered = "".join(part + (f"${i}" if i < len(parts) else "") for i, part in enumerate(parts, 1))
        self._prepare = f"PREPARE {name} AS {numbered}"
        self._execute = f"EXECUTE {name} ({', '.join(['%s'] * (len(parts) - 1))})" if len(parts) > 1 \
            else f"EXECUTE {name}"
        self._prepared_on = weakref.WeakSet()  # the connections (psycopg's) that have it

    def fetchone(self, params) -> tuple | None:
        with connection.cursor() as cursor:
            raw = connection.connection
            if raw not in self._prepared_on:
                cursor.execute(self._prepare)
                self._prepared_on.add(raw)
            cursor.execute(self._execute, params)
            return cursor.fetchone()
