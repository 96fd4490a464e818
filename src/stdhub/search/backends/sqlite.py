"""The index on SQLite: a contentless FTS5 table of hex-encoded unigrams and bigrams.

Columns ``title_uni``/``title_bi``, ``code_uni``/``code_bi`` and
``number_uni``/``number_bi`` (the code after its prefix) hold the tokens of each
key in order, so a query is a phrase of bigrams (or one unigram) and FTS5's
phrase match is exactly a substring match: no recheck is needed, and a count of
matches is a count over the index. ``code_exact`` holds the whole keys a code
matches exactly (``plan.Keys.exact_keys``); ``^`` (first token of a column)
gives prefixes of the code and of its number.

The FTS5 rowid is ``title length << 40 | standard id``: FTS5 returns rows in
rowid order, so ``ORDER BY rowid LIMIT 20`` streams the shortest matching titles
first and stops, even when half the registry matches.

SQLite 3.40 has no ``contentless_delete``: removing a row takes its original
tokens, so ``search_fts_row`` keeps each standard's keys (and rowid), from which
the tokens are computed again. A trigger does that when a standard is deleted
however it is deleted, with SQL functions registered on every connection
(``apps.SearchConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from ..documents import Tables
from ..plan import CODE, EXACT, PREFIX, Clause, Keys, Match, Plan
from ..tokenizer import EXACT_MARK, hex_bigrams, hex_exact, hex_grams, hex_token, hex_unigrams
from . import SMALL, batched

ID_BITS = 40
ID_MASK = (1 << ID_BITS) - 1
MAX_TITLE_LEN = (1 << 22) - 1
CHUNK = 500

# The trigger in migration 0001 calls these; apps.py registers them on each connection.
SQL_FUNCTIONS = {
    "stdhub_search_hex_unigrams": (2, hex_unigrams),
    "stdhub_search_hex_bigrams": (2, hex_bigrams),
    "stdhub_search_hex_exact": (4, hex_exact),
}

# Token marks per column kind (the trigger in migration 0001 uses the same letters).
CODE_MARK, NUMBER_MARK = "k", "n"
_FTS_COLUMNS = "title_uni, title_bi, code_uni, code_bi, number_uni, number_bi, code_exact"
_KEY_COLUMNS = "title_key, code_key, base_key, number_key, number_base"


def fts_rowid(keys: Keys) -> int:
    return (min(len(keys.title_key), MAX_TITLE_LEN) << ID_BITS) | keys.standard_id


def _stored_row(keys: Keys) -> tuple:
    """A ``search_fts_row`` row: standard id, FTS rowid, then the keys."""
    return (keys.standard_id, fts_rowid(keys), keys.title_key, keys.code_key, keys.base_key,
            keys.number_key, keys.number_base)


def _fts_row(stored: tuple) -> tuple:
    """The FTS5 row (rowid first) made from a ``search_fts_row`` row."""
    _, rowid, title, code, base, number, number_base = stored
    return (rowid, *hex_grams(title), *hex_grams(code, CODE_MARK),
            *hex_grams(number, NUMBER_MARK), hex_exact(code, base, number, number_base))


# --- queries as FTS5 expressions ---------------------------------------------

def _match(m: Match) -> str:
    if m.how == EXACT:
        return f'code_exact : "{hex_token(m.key, EXACT_MARK)}"'
    kind, tokens = ("uni", hex_unigrams) if len(m.key) == 1 else ("bi", hex_bigrams)
    if m.how == PREFIX:  # the start of the code or of its number
        return (f'(code_{kind} : ^"{tokens(m.key, CODE_MARK)}") OR '
                f'(number_{kind} : ^"{tokens(m.key, NUMBER_MARK)}")')
    mark = CODE_MARK if m.field == CODE else ""
    return f'{m.field}_{kind} : "{tokens(m.key, mark)}"'


def _all(clause: Clause) -> str:
    return " AND ".join(f"({_match(m)})" for m in clause)


def _any(clauses) -> str:
    return " OR ".join(f"({_all(c)})" for c in clauses)


def _tier(plan: Plan, number: int) -> str:
    """Matches of tier ``number`` that no earlier tier holds."""
    expr = f"({_all(plan.tiers[number])})"
    return f"{expr} NOT ({_any(plan.tiers[:number])})" if number else expr


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def _restricted(restrict: QuerySet | None) -> tuple[str, tuple]:
    """The ``AND rowid…`` condition keeping only standards of a filtered queryset."""
    if restrict is None:
        return "", ()
    sql, params = restrict.order_by().values("pk").query.sql_with_params()
    return f" AND (rowid & {ID_MASK}) IN ({sql})", tuple(params)


class SQLiteBackend:
    def __init__(self, tables: Tables):
        self.t = tables

    # --- writing -------------------------------------------------------------

    def index(self, entries: Iterable[Keys], progress: Callable[[int], None] | None = None) -> None:
        t = self.t
        with connection.cursor() as cursor:
            for chunk in batched(entries, CHUNK):
                latest = {e.standard_id: _stored_row(e) for e in chunk}
                stored = {row[0]: row for row in self._stored(cursor, list(latest))}
                changed = [row for i, row in latest.items() if stored.get(i) != row]
                self._delete(cursor, [stored[row[0]] for row in changed if row[0] in stored])
                cursor.executemany(
                    f"INSERT INTO {t.fts} (rowid, {_FTS_COLUMNS}) VALUES ({_marks(8)})",
                    [_fts_row(row) for row in changed])
                cursor.executemany(
                    f"INSERT INTO {t.fts_row} ({t.id_column}, fts_rowid, {_KEY_COLUMNS}) "
                    f"VALUES ({_marks(7)})", changed)
                if progress:
                    progress(len(chunk))

    def remove(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in batched(dict.fromkeys(ids), CHUNK):
                self._delete(cursor, self._stored(cursor, chunk))

    def clear(self) -> None:
        t = self.t
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {t.fts} ({t.fts}) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {t.fts_row}")

    def compact(self) -> None:
        t = self.t
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {t.fts} ({t.fts}) VALUES ('optimize')")

    def _stored(self, cursor, ids: list[int]) -> list[tuple]:
        t = self.t
        if not ids:
            return []
        cursor.execute(f"SELECT {t.id_column}, fts_rowid, {_KEY_COLUMNS} FROM {t.fts_row} "
                       f"WHERE {t.id_column} IN ({_marks(len(ids))})", ids)
        return cursor.fetchall()

    def _delete(self, cursor, stored: list[tuple]) -> None:
        """Take rows out of the FTS table (by their original tokens) and the key table."""
        t = self.t
        if not stored:
            return
        cursor.executemany(
            f"INSERT INTO {t.fts} ({t.fts}, rowid, {_FTS_COLUMNS}) "
            f"VALUES ('delete', {_marks(8)})", [_fts_row(row) for row in stored])
        cursor.executemany(f"DELETE FROM {t.fts_row} WHERE {t.id_column} = %s",
                           [(row[0],) for row in stored])

    # --- reading -------------------------------------------------------------

    def matching(self, plan: Plan) -> RawSQL:
        t = self.t
        return RawSQL(f"SELECT rowid & {ID_MASK} FROM {t.fts} WHERE {t.fts} MATCH %s",
                      (_any(plan.matches),))

    def count(self, plan: Plan, restrict: QuerySet | None) -> int:
        t = self.t
        if restrict is not None:
            # Driven by the matches: each is looked up by primary key and filtered.
            return restrict.filter(pk__in=self.matching(plan)).count()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {t.fts} WHERE {t.fts} MATCH %s",
                           (_any(plan.matches),))
            return cursor.fetchone()[0]

    def ranked(self, plan: Plan, restrict: QuerySet | None, need: int) -> tuple[int, list[int]]:
        found = self._candidates(plan, restrict, SMALL + 1)
        if len(found) <= SMALL:
            return len(found), plan.order(found)[:need]
        ids: list[int] = []
        for number in range(len(plan.tiers)):
            if len(ids) >= need:
                break
            ids += self._tier_ids(plan, number, restrict, need - len(ids))
        return self.count(plan, restrict), ids

    def _candidates(self, plan: Plan, restrict: QuerySet | None, limit: int) -> list[Keys]:
        t = self.t
        where, params = _restricted(restrict)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {t.id_column}, {_KEY_COLUMNS} FROM {t.fts_row} WHERE {t.id_column} IN "
                f"(SELECT rowid & {ID_MASK} FROM {t.fts} "
                f"WHERE {t.fts} MATCH %s{where} LIMIT %s)",
                (_any(plan.matches), *params, limit))
            return [Keys(*row) for row in cursor.fetchall()]

    def _tier_ids(self, plan: Plan, number: int, restrict: QuerySet | None,
                  limit: int) -> list[int]:
        t = self.t
        where, params = _restricted(restrict)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid & {ID_MASK} FROM {t.fts} WHERE {t.fts} MATCH %s{where} "
                "ORDER BY rowid LIMIT %s", (_tier(plan, number), *params, limit))
            return [row[0] for row in cursor.fetchall()]
