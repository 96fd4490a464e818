"""The index on PostgreSQL: entry keys, a GIN index over their tokens, token counts.

One such set of tables per kind of record (``documents.Tables``: standards' ``SearchEntry``
and ``TokenCount``, projects' ``ProjectEntry`` and ``ProjectTokenCount``).

A match is ``tokens @> <the query's tokens>``; for queries longer than two
characters the bigrams can all be present without the substring, so
``title_key LIKE '%…%'`` rechecks the candidates and the result is exact.

Ranking takes the cheapest road the token counts show: a query with few
candidates is ranked and counted in one pass; a one- or two-character query is a
single token whose count is stored, so only its first page is looked for; a
common tier is looked for among the shortest titles first, along the
``(title_len, standard)`` index, where a term half the registry contains fills
the page after a few dozen rows.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager, nullcontext
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)

from ..documents import Tables
from ..models import CODE_MARK, tokens_expression
from ..plan import CODE, EXACT, PREFIX, Clause, Keys, Match, Plan
from ..tokenizer import bigrams, query_tokens
from . import SMALL, batched

BATCH = 5000  # entries per statement: each statement updates the token counts once
BULK_SHARE = 0.5  # a call writing this share of the entries there is a bulk load
GIN_BUILD_MEMORY = "256MB"
ANALYZE_AFTER = 1000  # entries written by one call, after which statistics are refreshed
# Up to this many candidates (bounded by the rarest token) one pass ranks and counts
# them all more cheaply than counting and then paging tier by tier.
ONE_PASS_MAX = 10_000
# A tier with more candidates than this is looked for among short titles first (an
# exact code match never: the key indexes find it at once). With n candidates of N
# entries a walk meets ``limit`` of them after about limit·N/n rows, which beats
# sorting all n once n exceeds about sqrt(limit·N): ≈ 2,500 for 20 of 300,000.
WALK_FROM = 2_500
SHORT_ROWS = 5_000  # how many entries (shortest titles first) a walk may cover
_BOUND_SECONDS = 600
_bound_cache: dict[str, tuple[float, int]] = {}  # per entry table
_KEY_FIELDS = ["title_key", "code_key", "base_key", "number_key", "number_base"]
_EXACT_FIELDS = _KEY_FIELDS[1:]


def _marked_tokens(m: Match) -> list[str]:
    """The tokens an entry must hold for ``m`` to hold (code ones marked)."""
    tokens = list(dict.fromkeys(query_tokens(m.key)))
    return [CODE_MARK + t for t in tokens] if m.field == CODE else tokens


def _tokens(m: Match) -> Q:
    """What the GIN index can find: every token of ``m``'s key (necessary, not sufficient)."""
    return Q(tokens__contains=_marked_tokens(m))


def _holds(m: Match) -> Q:
    """``m`` checked on one row's keys, as ``Match.holds`` (cheap: no tokens computed)."""
    if m.how == EXACT:
        return reduce(or_, (Q(**{name: m.key}) for name in _EXACT_FIELDS))
    if m.how == PREFIX:
        return Q(code_key__startswith=m.key) | Q(number_key__startswith=m.key)
    return Q(**{f"{m.field}_key__contains": m.key})


def _all(clause: Clause, each) -> Q:
    return reduce(and_, (each(m) for m in clause))


def _any(clauses, each) -> Q:
    return reduce(or_, (_all(c, each) for c in clauses))


def _matching(clauses) -> Q:
    """Rows satisfying any clause. Written as (any clause's tokens) AND (any clause holds):
    the same rows, since a clause that holds has its tokens, but PostgreSQL then takes the
    tokens from the index and checks only the cheap key conditions row by row."""
    return _any(clauses, _tokens) & _any(clauses, _holds)


def _tier(plan: Plan, number: int) -> Q:
    """Tier ``number``'s matches that no earlier tier holds."""
    q = _matching(plan.tiers[number:number + 1])
    return q & ~_any(plan.tiers[:number], _holds) if number else q


def _entries(t: Tables, restrict: QuerySet | None) -> QuerySet:
    entries = t.entry.objects.annotate(tokens=tokens_expression())
    if restrict is not None:
        entries = entries.filter(**{f"{t.id_column}__in": restrict.order_by().values("pk")})
    return entries


class PostgresBackend:
    def __init__(self, tables: Tables):
        self.t = tables

    # --- writing (TokenCount follows by trigger, or set-wise in a bulk load) ---

    def index(self, entries: Iterable[Keys], progress: Callable[[int], None] | None = None) -> None:
        t, written = self.t, 0
        table = t.entry._meta.db_table
        with connection.cursor() as cursor:
            bulk = _bulk(cursor, t, entries)
            with _bulk_load(cursor, t) if bulk else nullcontext() as counts:
                for chunk in batched(entries, BATCH):
                    latest = {e.standard_id: e for e in chunk}
                    cursor.execute(f"SELECT {t.id_column}, {', '.join(_KEY_FIELDS)} "
                                   f"FROM {table} WHERE {t.id_column} = ANY(%s)",
                                   (list(latest),))
                    stored = {Keys(*row) for row in cursor.fetchall()}
                    known = {e.standard_id for e in stored}
                    _copy(cursor, t, [e for i, e in latest.items() if i not in known], counts)
                    changed = [e for i, e in latest.items() if i in known and e not in stored]
                    t.entry.objects.bulk_create(
                        [t.entry(**{t.id_column: e.standard_id}, title_len=len(e.title_key),
                                 **{name: getattr(e, name) for name in _KEY_FIELDS})
                         for e in changed],
                        update_conflicts=True, unique_fields=[t.id_column],
                        update_fields=[*_KEY_FIELDS, "title_len"])
                    written += len(latest) - len(stored) + len(changed)
                    if progress:
                        progress(len(chunk))
            if written >= ANALYZE_AFTER:  # plans for the GIN expression need its statistics
                cursor.execute(f"ANALYZE {table}")

    def remove(self, ids: list[int]) -> None:
        self.t.entry.objects.filter(**{f"{self.t.id_column}__in": list(ids)}).delete()

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {self.t.entry._meta.db_table}, "
                           f"{self.t.counts._meta.db_table}")

    def compact(self) -> None:
        """Nothing to do: a GIN index needs no merging, and ``index`` refreshed statistics."""

    # --- reading -------------------------------------------------------------

    def matching(self, plan: Plan) -> QuerySet:
        return _entries(self.t, None).filter(_matching(plan.matches)).values(self.t.id_column)

    def count(self, plan: Plan, restrict: QuerySet | None) -> int:
        if restrict is None and _single_token(plan):
            return _Counts(self.t, plan).exact_total()
        return _entries(self.t, restrict).filter(_matching(plan.matches)).count()

    def ranked(self, plan: Plan, restrict: QuerySet | None, need: int) -> tuple[int, list[int]]:
        t = self.t
        counts = _Counts(t, plan)
        matching = _entries(t, restrict).filter(_matching(plan.matches))
        if restrict is None and _single_token(plan):
            total = counts.exact_total()
            few = total <= SMALL
        else:  # bounded by its rarest tokens, or else read no rows past SMALL to tell
            total = None
            few = (counts.at_most(plan.matches) <= ONE_PASS_MAX
                   or matching[:SMALL + 1].count() <= SMALL)
        if few:
            return _one_pass(t, plan, restrict, need)
        ids: list[int] = []
        for number, clause in enumerate(plan.tiers):
            if len(ids) >= need:
                break
            at_most = counts.at_most([clause])
            if not at_most:
                continue
            limit = need - len(ids)
            tier = _entries(t, restrict).filter(_tier(plan, number))
            page, rest = [], tier
            if at_most > WALK_FROM and all(m.how != EXACT for m in clause):
                bound = _short_bound(t)
                page = _first_ids(t, tier.filter(title_len__lte=bound), limit, walk=True)
                rest = tier.filter(title_len__gt=bound)
            if len(page) < limit:
                if total is None:  # one pass ranks every tier and counts the matches too
                    return _one_pass(t, plan, restrict, need)
                page += _first_ids(t, rest, limit - len(page), walk=False)
            ids += page
        return (matching.count() if total is None else total), ids


def _copy(cursor, t: Tables, entries: list[Keys], counts: Counter | None) -> None:
    """Insert new entries with one COPY; add their tokens to ``counts`` if given (the count
    trigger is then off), else the trigger counts them, once for the whole COPY."""
    if not entries:
        return
    columns = ", ".join([t.id_column, *_KEY_FIELDS, "title_len"])
    with cursor.cursor.copy(f"COPY {t.entry._meta.db_table} ({columns}) FROM STDIN") as copy:
        for e in entries:
            copy.write_row((e.standard_id, *(getattr(e, name) for name in _KEY_FIELDS),
                            len(e.title_key)))
    if counts is not None:
        for e in entries:
            counts.update(_entry_tokens(e))


def _entry_tokens(e: Keys) -> set[str]:
    """The distinct tokens ``stdhub_search_tokens(title_key, code_key)`` gives an entry."""
    code = {*e.code_key, *bigrams(e.code_key)}
    return {*e.title_key, *bigrams(e.title_key), *(CODE_MARK + t for t in code)}


def _bulk(cursor, t: Tables, entries: Iterable[Keys]) -> bool:
    """Whether ``entries`` are many against the entries already there (always, into none)."""
    cursor.execute(f"SELECT count(*) FROM {t.entry._meta.db_table}")
    there = cursor.fetchone()[0]
    return not there or (isinstance(entries, Sized) and len(entries) >= BULK_SHARE * there)


@contextmanager
def _bulk_load(cursor, t: Tables) -> Iterator[Counter]:
    """A bulk write: the table to itself, GIN index and insert trigger off, counts set-wise.

    Building the GIN index afresh from sorted tokens is cheaper than inserting every
    entry's tokens into it, and adding up the new entries' tokens in Python once is
    cheaper than the trigger recomputing them in SQL. Dropping the index locks the table
    until the transaction ends (searches wait, briefly, for the end of the import).
    Updates of existing entries still go through the update trigger.
    """
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext('stdhub.search.token_count'))")
    table = t.entry._meta.db_table
    cursor.execute(f"SELECT pg_get_indexdef('{t.gin_index}'::regclass)")
    definition = cursor.fetchone()[0]
    cursor.execute(f"DROP INDEX {t.gin_index}")
    cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {t.insert_trigger}")
    counts = Counter()
    yield counts
    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {t.insert_trigger}")
    tokens = sorted(counts)  # in token order, as the trigger locks them
    cursor.execute(
        f"INSERT INTO {t.counts._meta.db_table} AS c (token, documents) "
        "SELECT * FROM unnest(%s::text[], %s::bigint[]) "
        "ON CONFLICT (token) DO UPDATE SET documents = c.documents + excluded.documents",
        (tokens, [counts[t] for t in tokens]))
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{GIN_BUILD_MEMORY}'")
    cursor.execute(definition)


def _single_token(plan: Plan) -> bool:
    """A plain query of one or two characters: one token, whose count is stored."""
    return not plan.mixed and len(plan.key) <= 2


class _Counts:
    """How many entries hold each token of a plan (one query), and bounds drawn from them."""

    def __init__(self, t: Tables, plan: Plan):
        self.t, self.plan = t, plan
        self.tokens = {m: _marked_tokens(m) for clause in plan.tiers for m in clause}
        wanted = {t for tokens in self.tokens.values() for t in tokens}
        self.documents = dict(t.counts.objects.filter(token__in=wanted)
                              .values_list("token", "documents"))

    def at_most(self, clauses) -> int:
        """An upper bound on the entries satisfying any of ``clauses``: per clause, the
        count of its rarest token."""
        return sum(min(self.documents.get(t, 0) for m in clause for t in self.tokens[m])
                   for clause in clauses)

    def exact_total(self) -> int:
        """For a single-token plan: entries holding the token in the title or the code."""
        key = self.plan.key
        in_title = self.documents.get(key, 0)
        in_code = self.documents.get(CODE_MARK + key, 0)
        both = (_entries(self.t, None).filter(tokens__contains=[key, CODE_MARK + key]).count()
                if in_title and in_code else 0)
        return in_title + in_code - both


def _one_pass(t: Tables, plan: Plan, restrict: QuerySet | None, need: int) -> tuple[int, list[int]]:
    """Every candidate the GIN index finds, ranked with a tier CASE and counted with a
    window in the same pass: the exact total and the first ``need`` ids."""
    tier = Case(*(When(_all(c, _holds), then=Value(n)) for n, c in enumerate(plan.tiers)),
                default=Value(len(plan.tiers)), output_field=IntegerField())
    rows = list(_entries(t, restrict).filter(_matching(plan.matches))
                .annotate(tier=tier, total=Window(Count("pk")))
                .order_by("tier", "title_len", t.id_column)
                .values_list(t.id_column, "total")[:need])
    return (rows[0][1] if rows else 0), [row[0] for row in rows]


def _first_ids(t: Tables, tier: QuerySet, limit: int, walk: bool) -> list[int]:
    """The tier's first ``limit`` ids in rank order.

    ``walk``: PostgreSQL may walk the rank index, checking the cheap key
    conditions row by row (for a common term among the shortest titles).
    Otherwise the order is an expression, so that it sorts what the GIN index
    found instead of walking through rows it must then discard.
    """
    order = "title_len" if walk else ExpressionWrapper(F("title_len") + 0,
                                                       output_field=IntegerField())
    return list(tier.order_by(order, t.id_column).values_list(t.id_column, flat=True)
                [:limit])


def _short_bound(t: Tables) -> int:
    """The title length reached after ``SHORT_ROWS`` entries in rank order.

    Kept for ten minutes: it moves only as the registry's make-up does, and any
    value gives the same results (it only decides where the search looks first).
    """
    now = time.monotonic()
    cached = _bound_cache.get(t.entry._meta.db_table)
    if cached is None or now - cached[0] > _BOUND_SECONDS:
        lengths = (t.entry.objects.order_by("title_len", t.id_column)
                   .values_list("title_len", flat=True)[SHORT_ROWS - 1:SHORT_ROWS])
        cached = _bound_cache[t.entry._meta.db_table] = (now, next(iter(lengths), 1 << 30))
    return cached[1]
