"""The one search over the standard registry and the projects, used by the portal, the
workspace, the API and the CLI.

``search_standards(query)`` returns the standards whose title or code contains
the query (after folding full-width forms, case, dashes and spaces: see
``tokenizer.fold``), exact and prefix code matches first, then shorter titles
first; ``total`` is exact. Pass ``queryset`` to search within filtered
standards (the list page's filters). ``search_projects`` does the same over
projects (title and plan number); ``search(kind, …)`` over any registered kind. Callers
showing results to someone pass ``core.permissions.scope(user, "view", ...)``, so hits
never include what they may not see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from django.db.models import Model, QuerySet

from . import documents
from .backends import backend
from .plan import plan_query


@dataclass(frozen=True)
class SearchResult:
    total: int
    results: list[Model] = field(default_factory=list)  # rank order


def search(kind: str, query: str, *, queryset: QuerySet | None = None, limit: int = 20,
           offset: int = 0) -> SearchResult:
    """Records of ``kind`` matching ``query``, ranked; ``limit=0`` only counts them.

    A query that folds to nothing (blank) matches every record of ``queryset``
    in its own order.
    """
    k = documents.kind(kind)
    base = k.model.objects.all() if queryset is None else queryset
    limit, offset = max(limit, 0), max(offset, 0)
    if base.query.is_empty():  # e.g. scope() left nothing to see
        return SearchResult(0)
    plan = plan_query(query or "")
    if plan is None:
        return SearchResult(base.count(), list(base[offset:offset + limit]) if limit else [])
    restrict = base if base.query.has_filters() else None
    index = backend(k.tables)
    if not limit:
        return SearchResult(index.count(plan, restrict))
    total, ids = index.ranked(plan, restrict, offset + limit)
    page = ids[offset:offset + limit]
    found = base.in_bulk(page)
    return SearchResult(total, [found[pk] for pk in page if pk in found])


def matching_ids(kind: str, query: str, queryset: QuerySet | None = None) -> QuerySet:
    """``pk`` of every record of ``queryset`` matching ``query``, unranked, as a subquery.

    For filtering and grouping: ``Standard.objects.filter(pk__in=matching_ids_queryset(q))``,
    or facet counts with ``.values("level").annotate(n=Count("pk"))`` on that.
    """
    k = documents.kind(kind)
    base = k.model.objects.all() if queryset is None else queryset
    plan = plan_query(query or "")
    if plan is not None:
        base = base.filter(pk__in=backend(k.tables).matching(plan))
    return base.order_by().values("pk")


search_standards = partial(search, "standards")
search_projects = partial(search, "projects")
matching_ids_queryset = partial(matching_ids, "standards")
