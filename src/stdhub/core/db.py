"""Database upkeep shared by bulk writers."""

from django.db import connection


def refresh_statistics() -> None:
    """Let the query planner see freshly bulk-loaded data.

    Without statistics both SQLite and PostgreSQL pick poor plans for the
    filtered list: page 1 of status=current at 300,000 standards took 112 ms
    before ANALYZE and 1.6 ms after.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
