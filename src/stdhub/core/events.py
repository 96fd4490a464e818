"""Appending to and verifying the audit chain.

Services call :func:`record` inside their transaction. The chain head row is
locked (``select_for_update`` on PostgreSQL; SQLite's IMMEDIATE transactions
already hold the single write lock), so concurrent writers append one after
another and the chain never forks.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import QuerySet
from django.utils import timezone

from . import context, kinds
from .models import ChainHead, Event
from .sql import insert_rows

GENESIS = "0" * 64


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


# The one JSON form that is hashed: sorted keys, no spaces, Chinese as is.
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                              default=_json_default).encode


def to_plain(value):
    """Round-trip through JSON so stored and recomputed hashes see the same values."""
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def event_hash(*, prev_hash, seq, content_type, object_id, actor_id, created_at, kind,
               message, diff, request_id) -> str:
    payload = _canonical(
        [prev_hash, seq, content_type, str(object_id), actor_id, created_at.isoformat(),
         kind, message, diff, request_id],
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def diff_of(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for the fields whose plain values differ."""
    before, after = to_plain(before), to_plain(after)
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


# A key as JSON writes an int, float, bool or None key. Matches in string values
# (``\"1\":``) only send a diff the slow way; no such key goes unmatched.
_CONVERTED_KEY = re.compile(r'"(?:-?[0-9][^"]*|true|false|null|NaN|-?Infinity)":')


def _diff_json(diff) -> str:
    """``diff`` in canonical JSON, serialised once: it is both hashed and stored.

    Reading it back and serialising again gives the same text, so ``verify()``
    recomputes the same hash. That holds unless a dict has non-text keys: JSON
    turns them into text, which sorts differently, so such diffs (or genuine
    keys that look alike) take the round trip through :func:`to_plain` first.
    """
    if not diff:
        return "{}"
    try:
        text = _canonical(diff)
    except TypeError:  # keys of mixed types cannot be sorted
        return _canonical(to_plain(diff))
    return _canonical(to_plain(diff)) if _CONVERTED_KEY.search(text) else text


# Row layout of the bulk insert, in Event's column names.
_COLUMNS = ("seq", "content_type_id", "object_id", "object_repr", "actor_id", "actor_name",
            "created_at", "kind", "message", "diff", "request_id", "prev_hash", "hash")


class _Chain:
    """Hashes events one after another from the head, as rows ready to insert.

    Builds the hash input by joining parts already in canonical JSON: the same
    text :func:`event_hash` produces, without serialising any value twice.
    """

    def __init__(self, head: ChainHead, actor, connection):
        self.connection = connection
        self.seq, self.hash = head.seq, head.hash
        self.actor_id = getattr(actor, "pk", None)
        self.actor_name = (getattr(actor, "username", "") or "system"
                           if getattr(actor, "is_authenticated", True) else "public")
        self.request_id = context.request_id.get()
        # Microsecond precision in UTC survives every database backend unchanged.
        self.created_at = timezone.now().astimezone(dt.UTC)
        self._middle = f"{_canonical(self.actor_id)},{_canonical(self.created_at.isoformat())}"
        self._tail = _canonical(self.request_id)
        self._types = {}

    def _content_type(self, model) -> tuple[int, str]:
        if model not in self._types:
            ct = ContentType.objects.get_for_model(model)
            self._types[model] = (ct.pk, _canonical(f"{ct.app_label}.{ct.model}"))
        return self._types[model]

    def row(self, obj, kind: str, message: str = "", diff: dict | None = None) -> tuple:
        kinds.check(kind)
        ct_id, ct_json = self._content_type(type(obj))
        prev, seq, object_id, diff_json = self.hash, self.seq + 1, str(obj.pk), _diff_json(diff)
        payload = (f'["{prev}",{seq},{ct_json},{_canonical(object_id)},{self._middle},'
                   f"{_canonical(kind)},{_canonical(message)},{diff_json},{self._tail}]")
        self.seq, self.hash = seq, hashlib.sha256(payload.encode()).hexdigest()
        return (seq, ct_id, object_id, str(obj)[:300], self.actor_id, self.actor_name,
                self.created_at, kind, message, diff_json, self.request_id, prev,
                self.hash)


@contextmanager
def _appending(actor):
    """Lock the chain head, yield a :class:`_Chain` from it, then move the head."""
    connection = connections[router.db_for_write(Event)]
    if not connection.in_atomic_block:
        raise RuntimeError("events must be recorded inside transaction.atomic()")
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    chain = _Chain(head, actor, connection)
    yield chain
    head.seq, head.hash = chain.seq, chain.hash
    head.save(update_fields=["seq", "hash"])


def events_of(obj) -> QuerySet[Event]:
    """The history of ``obj``, newest first: one indexed query (content type, object id, seq).

    The one read of an object's events, for history pages, the API and the CLI.
    """
    return Event.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                object_id=str(obj.pk)).order_by("-seq")


def record(actor, obj, kind: str, message: str = "", diff: dict | None = None) -> Event:
    """Append one event about ``obj``; must run inside the caller's transaction."""
    with _appending(actor) as chain:
        fields = dict(zip(_COLUMNS, chain.row(obj, kind, message, diff), strict=True))
        event = Event(**fields | {"created_at": chain.created_at,
                                  "diff": json.loads(fields["diff"])})
        event.save(force_insert=True)
    return event


def record_many(actor, items) -> range:
    """Append events for ``(obj, kind, message, diff)`` items in one go (bulk imports).

    The head is locked once, the hashes are chained in memory and the rows go
    to the database as plain tuples, so a 300,000-row import costs one lock and
    one streamed insert. Returns the sequence numbers appended; no model
    instances are built (``Event.objects.filter(seq__in=...)`` fetches them).
    """
    with _appending(actor) as chain:
        first = chain.seq + 1
        insert_rows(Event, list(_COLUMNS), (chain.row(*item) for item in items))
    return range(first, chain.seq + 1)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(batch_size: int = 5000) -> VerifyResult:
    """Recompute the chain in order; report the first event that does not fit."""
    prev, expected_seq, checked = GENESIS, 1, 0
    rows = (
        Event.objects.order_by("seq")
        .select_related("content_type")
        .iterator(chunk_size=batch_size)
    )
    for e in rows:
        if e.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq,
                                f"event #{expected_seq} is missing (next found is #{e.seq})")
        if e.prev_hash != prev:
            return VerifyResult(False, checked, e.seq,
                                f"event #{e.seq} does not follow the hash of #{e.seq - 1}")
        digest = event_hash(
            prev_hash=e.prev_hash, seq=e.seq,
            content_type=f"{e.content_type.app_label}.{e.content_type.model}",
            object_id=e.object_id, actor_id=e.actor_id,
            created_at=e.created_at.astimezone(dt.UTC), kind=e.kind, message=e.message,
            diff=e.diff, request_id=e.request_id,
        )
        if digest != e.hash:
            return VerifyResult(False, checked, e.seq, f"event #{e.seq} was altered")
        prev, expected_seq, checked = e.hash, expected_seq + 1, checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.seq != checked or head.hash != prev):
        return VerifyResult(False, checked, checked + 1,
                            f"events after #{checked} are missing (head is at #{head.seq})")
    return VerifyResult(True, checked)
