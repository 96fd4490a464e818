"""One search index per database engine, behind the same small interface.

``queries`` and ``indexing`` never look at the engine: they ask ``backend()``
for the object that writes and reads the index on the current connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Protocol

from django.db import connection
from django.db.models import Expression, QuerySet

from ..documents import Tables
from ..plan import Keys, Plan

# A query matching at most this many standards is ranked from all its matches at
# once; a larger one tier by tier along the index, stopping at the page asked for.
SMALL = 500


class Backend(Protocol):
    def index(self, entries: Iterable[Keys], progress: Callable[[int], None] | None = None) -> None:
        """Add or refresh entries, a chunk at a time; ``progress(n)`` after each chunk."""

    def remove(self, ids: list[int]) -> None: ...

    def clear(self) -> None: ...

    def compact(self) -> None:
        """After a rebuild: merge the index into its most compact form."""

    def matching(self, plan: Plan) -> Expression:
        """Ids of every matching record, as a subquery for ``pk__in``."""

    def count(self, plan: Plan, restrict: QuerySet | None) -> int: ...

    def ranked(self, plan: Plan, restrict: QuerySet | None, need: int) -> tuple[int, list[int]]:
        """The exact number of matches and the ids of the first ``need`` in rank order."""


def backend(tables: Tables) -> Backend:
    """The index of one kind of record (``documents.Tables``) on the current connection."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(tables)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend(tables)
    raise NotImplementedError(f"stdhub search does not support {connection.vendor}")


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last may be shorter); itertools.batched from Python 3.12."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk
