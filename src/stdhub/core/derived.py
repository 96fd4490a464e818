"""Derived figures (counts, coverage, dashboards) kept until the next write.

Every write appends to the event chain, so the chain head's hash names the state of the
whole database: a value kept under it is fresh until anything changes (and never mixes
timelines, as a sequence number could after a restore), at the cost of one single-row read
per request. Values are kept in this process (no serialisation: they may be large lists),
the least recently used dropped first; each web worker fills its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from .models import ChainHead

KEEP = 64  # values per process

_values: OrderedDict[tuple[str, str], object] = OrderedDict()
_lock = threading.Lock()


def history_version() -> str:
    return ChainHead.objects.filter(pk=1).values_list("hash", flat=True).first() or "empty"


def cached(key: str, compute: Callable[[], object]):
    """``compute()``, reused until the next write."""
    full_key = (key, history_version())
    with _lock:
        if full_key in _values:
            _values.move_to_end(full_key)
            return _values[full_key]
    value = compute()
    with _lock:
        _values[full_key] = value
        while len(_values) > KEEP:
            _values.popitem(last=False)
    return value
