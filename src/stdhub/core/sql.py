"""Plain INSERT and UPDATE statements for bulk writes (imports, the audit chain).

``bulk_create`` builds a model instance and compiles every value of every row;
for a 300,000-row import that is most of the time. Here rows are tuples given
to the DB-API's ``executemany`` (one prepared statement), or to ``COPY`` on
PostgreSQL, with dates and datetimes adapted the way Django's backend adapts them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from django.db import connections, models, router

BATCH = 5000


def _adapter(field, ops):
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


class _Statement:
    def __init__(self, model: type[models.Model], fields: list[str]):
        self.connection = connections[router.db_for_write(model)]
        self.ops = self.connection.ops
        self.table = self.ops.quote_name(model._meta.db_table)
        columns = [model._meta.get_field(name) for name in fields]
        self.columns = [self.ops.quote_name(f.column) for f in columns]
        self.adapters = [(i, a) for i, a in enumerate(_adapter(f, self.ops) for f in columns)
                         if a]

    def batches(self, rows: Iterable[tuple]):
        """Adapted rows, BATCH at a time. Each batch is built before it is sent: making a
        row may query (a content type, ``str(obj)``), which a connection refuses while a
        COPY is open."""
        rows = iter(rows)
        while batch := list(itertools.islice(rows, BATCH)):
            if self.adapters:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, adapt in self.adapters:
                        row[i] = adapt(row[i])
            yield batch

    def run(self, sql: str, rows: Iterable[tuple]) -> int:
        """Execute ``sql`` for every row; the number of rows it changed."""
        count = 0
        with self.connection.cursor() as cursor:
            for batch in self.batches(rows):
                cursor.executemany(sql, batch)
                count += cursor.rowcount
        return count


def insert_rows(model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> None:
    """INSERT ``rows``: tuples of plain values in the order of ``fields`` (names or attnames)."""
    st = _Statement(model, fields)
    if st.connection.vendor == "postgresql":
        # COPY streams rows with no statement per row: several times faster than INSERTs.
        for batch in st.batches(rows):
            with st.connection.cursor() as cursor, cursor.copy(
                    f"COPY {st.table} ({', '.join(st.columns)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        return
    st.run(f"INSERT INTO {st.table} ({', '.join(st.columns)}) "
           f"VALUES ({', '.join(['%s'] * len(st.columns))})", rows)


def update_rows(model: type[models.Model], fields: list[str], rows: Iterable[tuple],
                *, match: Sequence[str] = ()) -> int:
    """UPDATE ``fields`` of each row whose primary key follows them in its tuple.

    ``match``: further columns whose values, last in the tuple, the row must still
    hold (e.g. its version); returns how many rows were updated.
    """
    st = _Statement(model, fields)
    assignments = ", ".join(f"{c} = %s" for c in st.columns)
    where = [model._meta.pk.column, *(model._meta.get_field(name).column for name in match)]
    condition = " AND ".join(f"{st.ops.quote_name(c)} = %s" for c in where)
    return st.run(f"UPDATE {st.table} SET {assignments} WHERE {condition}", rows)



def analyze(*tables: type[models.Model]) -> None:
    """Let the query planner see freshly bulk-loaded data (all tables when none is named).

    Until autovacuum gets to it PostgreSQL takes the tables for nearly empty and scans
    them whole (re-reading 300,000 just-imported standards: 54 s before ANALYZE, 14 s
    after); without statistics both databases pick poor plans for the filtered list
    (page 1 of status=current at 300,000 standards: 112 ms before, 1.6 ms after).
    """
    connection = connections[router.db_for_write(tables[0])] if tables else connections["default"]
    with connection.cursor() as cursor:
        if not tables:
            cursor.execute("ANALYZE")
        for table in tables:  # SQLite's ANALYZE takes one name at a time
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table._meta.db_table)}")
