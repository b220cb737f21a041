"""config/prepared.py: a statement prepared once per connection gives what the plain statement
gives, counts as one query, and is prepared again on a connection that does not have it."""

import psycopg
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from config.prepared import PreparedStatement

pytestmark = pytest.mark.django_db(transaction=True)

SQL = "SELECT %s::bigint + 1, %s::text || '!', (SELECT count(*) FROM django_content_type WHERE app_label = %s)"


def test_it_answers_as_the_plain_statement_and_is_prepared_once():
    statement = PreparedStatement("test_prepared_once", SQL)
    params = [41, "hi", "auth"]
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        expected = cursor.fetchone()
    with CaptureQueriesContext(connection) as first:
        assert statement.fetchone(params) == expected == (42, "hi!", expected[2])
    with CaptureQueriesContext(connection) as again:
        assert statement.fetchone([1, "x", "nothing"]) == (2, "x!", 0)
    assert [q["sql"].split()[0] for q in first] == ["PREPARE", "EXECUTE"]
    assert [q["sql"].split()[0] for q in again] == ["EXECUTE"]


def test_a_rollback_keeps_it_and_a_new_connection_prepares_it_again():
    statement = PreparedStatement("test_prepared_again", SQL)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert statement.fetchone([1, "a", "auth"])[0] == 2
        raise RuntimeError("rolled back")
    assert statement.fetchone([2, "b", "auth"])[0] == 3  # still prepared on this connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        old_pid = cursor.fetchone()[0]
    connection.close()  # back to the pool; PostgreSQL then ends it, as a restart would
    db = connection.settings_dict
    with psycopg.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
                         port=db["PORT"], autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [old_pid]).fetchone() == (True,)
    with CaptureQueriesContext(connection) as queries:
        assert statement.fetchone([3, "c", "auth"])[0] == 4
    assert [q["sql"].split()[0] for q in queries] == ["PREPARE", "EXECUTE"]
