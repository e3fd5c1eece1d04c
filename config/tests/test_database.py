import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="timeouts are PostgreSQL settings (DATABASE_URL)"
)


@postgresql_only
def test_connections_have_a_connect_timeout_and_keep_the_planner_options():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT
    assert "-c jit=off -c cursor_tuple_fraction=1" in options["options"]


@postgresql_only
@pytest.mark.django_db
def test_a_statement_that_runs_past_the_statement_timeout_is_cancelled():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DATABASE_STATEMENT_TIMEOUT}s"
        with pytest.raises(OperationalError, match="statement timeout"), transaction.atomic():
            cursor.execute("SET LOCAL statement_timeout = 100")
            cursor.execute("SELECT pg_sleep(2)")
