"""Keeping the search index in step with the registry and the projects.

The standards services call ``index_standards([std])`` after each create or
update, the importer calls it once with every standard it wrote. Deleting a
standard, however it is done, takes its entry with it (a database trigger);
``remove_standards`` takes entries out without deleting standards. Projects are
indexed the same way through ``index_records("projects", …)`` (the projects
services). ``reindex_all`` rebuilds every kind (``stdhub search --reindex``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache, partial

from django.db import transaction

from . import documents
from .backends import backend, batched
from .plan import Keys
from .tokenizer import fold

REBUILD_CHUNK = 5000


def keys_of(standard_id: int, title: str, code: str, code_base: str, prefix: str) -> Keys:
    """The keys of one standard: folded title and code, and the code's parts."""
    code_key, base_key, prefix_key = fold(code), fold(code_base or code), _prefix_key(prefix)
    if not (prefix_key and code_key.startswith(prefix_key) and base_key.startswith(prefix_key)):
        prefix_key = ""  # no number part to match on its own
    numbers = (code_key[len(prefix_key):], base_key[len(prefix_key):]) if prefix_key else ("", "")
    return Keys(standard_id, fold(title), code_key, base_key, *numbers)


def plain_keys(record_id: int, title: str, code: str) -> Keys:
    """The keys of a record whose code has no parts (a project's plan number)."""
    code_key = fold(code)
    return Keys(record_id, fold(title), code_key, code_key)


@lru_cache(maxsize=4096)
def _prefix_key(prefix: str) -> str:
    """``fold(prefix)``, remembered: a registry has a few hundred prefixes."""
    return fold(prefix)


KEY_FIELDS = ("pk", "title_zh", "code", "code_base", "prefix")


def index_records(kind: str, records: Iterable) -> None:
    """Add or refresh the index entries of ``records`` (of ``kind``): bulk statements, any number.

    The keys are read afresh, a chunk of ids per query: callers such as the importer
    hold instances without every field loaded, and touching a deferred field would
    cost a query per standard (measured: 6.6 s of 8.5 s for 20,000 imported rows).
    """
    ids = [r.pk for r in records]
    if not ids:
        return
    k = documents.kind(kind)
    entries = [k.keys(*row) for chunk in batched(ids, REBUILD_CHUNK)
               for row in k.model.objects.filter(pk__in=chunk).order_by()
               .values_list(*k.fields)]
    with transaction.atomic():
        backend(k.tables).index(entries)


def remove_records(kind: str, ids: Iterable[int]) -> None:
    ids = list(ids)
    if ids:
        with transaction.atomic():
            backend(documents.kind(kind).tables).remove(ids)


index_standards = partial(index_records, "standards")
remove_standards = partial(remove_records, "standards")


def reindex_all(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild every kind's index in one transaction; ``progress(n)`` as chunks are done.

    Returns how many records were indexed.
    """
    with transaction.atomic():
        return sum(reindex(k.name, progress) for k in documents.kinds())


def reindex(kind: str, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild one kind's index (inside the caller's transaction, if any)."""
    k = documents.kind(kind)
    rows = k.model.objects.order_by("pk").values_list(*k.fields)
    done = 0

    def counted(progress_step: int) -> None:
        nonlocal done
        done += progress_step
        if progress:
            progress(progress_step)

    with transaction.atomic():
        index = backend(k.tables)
        index.clear()
        index.index((k.keys(*row) for row in rows.iterator(chunk_size=REBUILD_CHUNK)), counted)
        index.compact()
    return done
