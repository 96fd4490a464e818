"""Reads of the registry used by more than one way in (pages, API, other apps)."""

from __future__ import annotations

from django.db.models import QuerySet

from .codes import CodeError, parse_code
from .models import Standard


def canonical_code(text: str) -> str:
    """The registry's spelling of a typed code (``gb/t2260-2007`` → ``GB/T 2260-2007``).

    Text that does not parse as a code is kept as typed (stripped): a registry may hold
    codes the parser does not know.
    """
    try:
        return parse_code(text).canonical
    except CodeError:
        return text.strip()


def standard_by_code(text: str, queryset: QuerySet[Standard] | None = None) -> Standard | None:
    """The standard with the typed code, however it is spelled; None when there is none."""
    queryset = Standard.objects.all() if queryset is None else queryset
    return queryset.filter(code=canonical_code(text)).first()
