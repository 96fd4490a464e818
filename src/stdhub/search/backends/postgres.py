"""The index on PostgreSQL: ``SearchEntry`` keys, a GIN index over their tokens, token counts.

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

from ..models import CODE_MARK, SearchEntry, TokenCount, tokens_expression
from ..plan import CODE, EXACT, PREFIX, Clause, Keys, Match, Plan
from ..tokenizer import bigrams, query_tokens
from . import SMALL, batched

BATCH = 5000  # entries per statement: each statement updates the token counts once
_TABLE = SearchEntry._meta.db_table
GIN_INDEX, INSERT_TRIGGER = "search_entry_tokens", "search_entry_inserted"  # migration 0001
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
_bound_cache: tuple[float, int] | None = None
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


def _entries(restrict: QuerySet | None) -> QuerySet:
    entries = SearchEntry.objects.annotate(tokens=tokens_expression())
    if restrict is not None:
        entries = entries.filter(standard__in=restrict.order_by().values("pk"))
    return entries


class PostgresBackend:
    # --- writing (TokenCount follows by trigger, or set-wise in a bulk load) ---

    def index(self, entries: Iterable[Keys], progress: Callable[[int], None] | None = None) -> None:
        written = 0
        with connection.cursor() as cursor:
            bulk = _bulk(cursor, entries)
            with _bulk_load(cursor) if bulk else nullcontext() as counts:
                for chunk in batched(entries, BATCH):
                    latest = {e.standard_id: e for e in chunk}
                    cursor.execute(f"SELECT standard_id, {', '.join(_KEY_FIELDS)} FROM {_TABLE} "
                                   "WHERE standard_id = ANY(%s)", (list(latest),))
                    stored = {Keys(*row) for row in cursor.fetchall()}
                    known = {e.standard_id for e in stored}
                    _copy(cursor, [e for i, e in latest.items() if i not in known], counts)
                    changed = [e for i, e in latest.items() if i in known and e not in stored]
                    SearchEntry.objects.bulk_create(
                        [SearchEntry(standard_id=e.standard_id, title_len=len(e.title_key),
                                     **{name: getattr(e, name) for name in _KEY_FIELDS})
                         for e in changed],
                        update_conflicts=True, unique_fields=["standard"],
                        update_fields=[*_KEY_FIELDS, "title_len"])
                    written += len(latest) - len(stored) + len(changed)
                    if progress:
                        progress(len(chunk))
            if written >= ANALYZE_AFTER:  # plans for the GIN expression need its statistics
                cursor.execute(f"ANALYZE {_TABLE}")

    def remove(self, ids: list[int]) -> None:
        SearchEntry.objects.filter(standard_id__in=list(ids)).delete()

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {SearchEntry._meta.db_table}, {TokenCount._meta.db_table}")

    def compact(self) -> None:
        """Nothing to do: a GIN index needs no merging, and ``index`` refreshed statistics."""

    # --- reading -------------------------------------------------------------

    def matching(self, plan: Plan) -> QuerySet:
        return _entries(None).filter(_matching(plan.matches)).values("standard_id")

    def count(self, plan: Plan, restrict: QuerySet | None) -> int:
        if restrict is None and _single_token(plan):
            return _Counts(plan).exact_total()
        return _entries(restrict).filter(_matching(plan.matches)).count()

    def ranked(self, plan: Plan, restrict: QuerySet | None, need: int) -> tuple[int, list[int]]:
        counts = _Counts(plan)
        matching = _entries(restrict).filter(_matching(plan.matches))
        if restrict is None and _single_token(plan):
            total = counts.exact_total()
            few = total <= SMALL
        else:  # bounded by its rarest tokens, or else read no rows past SMALL to tell
            total = None
            few = (counts.at_most(plan.matches) <= ONE_PASS_MAX
                   or matching[:SMALL + 1].count() <= SMALL)
        if few:
            return _one_pass(plan, restrict, need)
        ids: list[int] = []
        for number, clause in enumerate(plan.tiers):
            if len(ids) >= need:
                break
            at_most = counts.at_most([clause])
            if not at_most:
                continue
            limit = need - len(ids)
            tier = _entries(restrict).filter(_tier(plan, number))
            page, rest = [], tier
            if at_most > WALK_FROM and all(m.how != EXACT for m in clause):
                bound = _short_bound()
                page = _first_ids(tier.filter(title_len__lte=bound), limit, walk=True)
                rest = tier.filter(title_len__gt=bound)
            if len(page) < limit:
                if total is None:  # one pass ranks every tier and counts the matches too
                    return _one_pass(plan, restrict, need)
                page += _first_ids(rest, limit - len(page), walk=False)
            ids += page
        return (matching.count() if total is None else total), ids


def _copy(cursor, entries: list[Keys], counts: Counter | None) -> None:
    """Insert new entries with one COPY; add their tokens to ``counts`` if given (the count
    trigger is then off), else the trigger counts them, once for the whole COPY."""
    if not entries:
        return
    columns = ", ".join(["standard_id", *_KEY_FIELDS, "title_len"])
    with cursor.cursor.copy(f"COPY {_TABLE} ({columns}) FROM STDIN") as copy:
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


def _bulk(cursor, entries: Iterable[Keys]) -> bool:
    """Whether ``entries`` are many against the entries already there (always, into none)."""
    cursor.execute(f"SELECT count(*) FROM {_TABLE}")
    there = cursor.fetchone()[0]
    return not there or (isinstance(entries, Sized) and len(entries) >= BULK_SHARE * there)


@contextmanager
def _bulk_load(cursor) -> Iterator[Counter]:
    """A bulk write: the table to itself, GIN index and insert trigger off, counts set-wise.

    Building the GIN index afresh from sorted tokens is cheaper than inserting every
    entry's tokens into it, and adding up the new entries' tokens in Python once is
    cheaper than the trigger recomputing them in SQL. Dropping the index locks the table
    until the transaction ends (searches wait, briefly, for the end of the import).
    Updates of existing entries still go through the update trigger.
    """
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext('stdhub.search.token_count'))")
    cursor.execute(f"SELECT pg_get_indexdef('{GIN_INDEX}'::regclass)")
    definition = cursor.fetchone()[0]
    cursor.execute(f"DROP INDEX {GIN_INDEX}")
    cursor.execute(f"ALTER TABLE {_TABLE} DISABLE TRIGGER {INSERT_TRIGGER}")
    counts = Counter()
    yield counts
    cursor.execute(f"ALTER TABLE {_TABLE} ENABLE TRIGGER {INSERT_TRIGGER}")
    tokens = sorted(counts)  # in token order, as the trigger locks them
    cursor.execute(
        f"INSERT INTO {TokenCount._meta.db_table} AS c (token, documents) "
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

    def __init__(self, plan: Plan):
        self.plan = plan
        self.tokens = {m: _marked_tokens(m) for clause in plan.tiers for m in clause}
        wanted = {t for tokens in self.tokens.values() for t in tokens}
        self.documents = dict(TokenCount.objects.filter(token__in=wanted)
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
        both = (_entries(None).filter(tokens__contains=[key, CODE_MARK + key]).count()
                if in_title and in_code else 0)
        return in_title + in_code - both


def _one_pass(plan: Plan, restrict: QuerySet | None, need: int) -> tuple[int, list[int]]:
    """Every candidate the GIN index finds, ranked with a tier CASE and counted with a
    window in the same pass: the exact total and the first ``need`` ids."""
    tier = Case(*(When(_all(c, _holds), then=Value(n)) for n, c in enumerate(plan.tiers)),
                default=Value(len(plan.tiers)), output_field=IntegerField())
    rows = list(_entries(restrict).filter(_matching(plan.matches))
                .annotate(tier=tier, total=Window(Count("pk")))
                .order_by("tier", "title_len", "standard_id")
                .values_list("standard_id", "total")[:need])
    return (rows[0][1] if rows else 0), [row[0] for row in rows]


def _first_ids(tier: QuerySet, limit: int, walk: bool) -> list[int]:
    """The tier's first ``limit`` ids in rank order.

    ``walk``: PostgreSQL may walk the rank index, checking the cheap key
    conditions row by row (for a common term among the shortest titles).
    Otherwise the order is an expression, so that it sorts what the GIN index
    found instead of walking through rows it must then discard.
    """
    order = "title_len" if walk else ExpressionWrapper(F("title_len") + 0,
                                                       output_field=IntegerField())
    return list(tier.order_by(order, "standard_id").values_list("standard_id", flat=True)
                [:limit])


def _short_bound() -> int:
    """The title length reached after ``SHORT_ROWS`` entries in rank order.

    Kept for ten minutes: it moves only as the registry's make-up does, and any
    value gives the same results (it only decides where the search looks first).
    """
    global _bound_cache
    now = time.monotonic()
    if _bound_cache is None or now - _bound_cache[0] > _BOUND_SECONDS:
        lengths = (SearchEntry.objects.order_by("title_len", "standard_id")
                   .values_list("title_len", flat=True)[SHORT_ROWS - 1:SHORT_ROWS])
        _bound_cache = (now, next(iter(lengths), 1 << 30))
    return _bound_cache[1]
