"""Text search over the registry, as the standards app's own code reaches it.

The search index (``stdhub.search``) sits a layer above standards: its table is a
side table of standards and its planner parses standard codes, so standards may
not import it. The registry's services, pages, API and exports call these
functions instead; the search app provides them when Django starts
(``SearchConfig.ready``). The signatures are those of ``search.indexing`` and
``search.queries``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Provider:
    index_standards: Callable  # (standards) -> None, inside the writer's transaction
    search_standards: Callable  # (query, *, queryset, limit, offset) -> SearchResult
    matching_ids_queryset: Callable  # (query, queryset=None) -> QuerySet of pk


_provider: Provider | None = None


def provide(provider: Provider) -> None:
    global _provider
    _provider = provider


def _get() -> Provider:
    if _provider is None:
        raise ImproperlyConfigured("stdhub.search is not in INSTALLED_APPS")
    return _provider


def index_standards(standards) -> None:
    _get().index_standards(standards)


def search_standards(query: str, **options):
    return _get().search_standards(query, **options)


def matching_ids_queryset(query: str, queryset=None):
    return _get().matching_ids_queryset(query, queryset)
