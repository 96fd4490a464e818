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
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from . import context
from .models import ChainHead, Event

GENESIS = "0" * 64


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_plain(value):
    """Round-trip through JSON so stored and recomputed hashes see the same values."""
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def event_hash(*, prev_hash, seq, content_type, object_id, actor_id, created_at, kind,
               message, diff, request_id) -> str:
    payload = json.dumps(
        [prev_hash, seq, content_type, str(object_id), actor_id, created_at.isoformat(),
         kind, message, diff, request_id],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
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


def record(actor, obj, kind: str, message: str = "", diff: dict | None = None) -> Event:
    """Append one event about ``obj``; must run inside the caller's transaction."""
    return record_many(actor, [(obj, kind, message, diff)])[0]


def record_many(actor, items) -> list[Event]:
    """Append events for ``(obj, kind, message, diff)`` items in one go (bulk imports).

    The head is locked once and the hashes are chained in memory, so a
    100,000-row import costs one lock and one bulk insert, not 100,000.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events must be recorded inside transaction.atomic()")
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    # Microsecond precision in UTC survives every database backend unchanged.
    created_at = timezone.now().astimezone(dt.UTC)
    actor_id = getattr(actor, "pk", None)
    actor_name = getattr(actor, "username", "") or "system"
    rid = context.request_id.get()
    content_types = {}
    rows = []
    seq, prev = head.seq, head.hash
    for obj, kind, message, diff in items:
        model = type(obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        ct = content_types[model]
        seq += 1
        diff = to_plain(diff or {})
        digest = event_hash(
            prev_hash=prev, seq=seq, content_type=f"{ct.app_label}.{ct.model}",
            object_id=str(obj.pk), actor_id=actor_id, created_at=created_at, kind=kind,
            message=message, diff=diff, request_id=rid,
        )
        rows.append(Event(
            seq=seq, content_type=ct, object_id=str(obj.pk), object_repr=str(obj)[:300],
            actor_id=actor_id, actor_name=actor_name, created_at=created_at, kind=kind,
            message=message, diff=diff, request_id=rid, prev_hash=prev, hash=digest,
        ))
        prev = digest
    Event.objects.bulk_create(rows, batch_size=2000)
    head.seq, head.hash = seq, prev
    head.save(update_fields=["seq", "hash"])
    return rows


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
