"""Filter, search, facet and page the registry: one path for portal search and workspace list."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet

from stdhub.core.pagination import KeysFirstPaginator
from stdhub.core.permissions import scope

from .choices import Level, Status
from .filters import StandardFilter
from .models import Standard
from .text_search import matching_ids_queryset, search_standards

PER_PAGE = 20
FACETS = {"level": Level, "status": Status}


def registry(user) -> QuerySet[Standard]:
    """The standards ``user`` may see, with what a result row shows (the responsible org)."""
    return scope(user, "view", Standard.objects.select_related("responsible_org"))


def template_for(request, page: str, partial: str) -> str:
    """The results fragment for HTMX swaps; the whole page otherwise (also on history restore)."""
    htmx = request.htmx
    return partial if htmx and not htmx.history_restore_request else page


def with_relations(user) -> QuerySet[Standard]:
    """A standard with everything its detail page shows, in a fixed number of queries;
    standards it replaces or is replaced by show only where ``user`` may see them."""
    related = scope(user, "view", Standard.objects.only("pk", "code", "title_zh", "status"))
    return registry(user).prefetch_related(
        "ics", "ccs", "drafting_orgs",
        Prefetch("replaces", queryset=related), Prefetch("replaced_by", queryset=related))


class SearchResults:
    """Search hits as a sequence Django's Paginator can count and slice."""

    def __init__(self, query: str, queryset: QuerySet[Standard]):
        self.query, self.queryset, self._total = query, queryset, None

    def count(self) -> int:
        if self._total is None:
            self._total = search_standards(self.query, queryset=self.queryset, limit=0,
                                           offset=0).total
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Standard]:
        found = search_standards(self.query, queryset=self.queryset,
                                 limit=item.stop - item.start, offset=item.start)
        self._total = found.total
        return list(found.results)


def page_of(queryset: QuerySet[Standard], query: str, page_number, *, ranked: bool = True,
            per_page: int = PER_PAGE) -> Page:
    """A page of ``queryset`` (already filtered and sorted) narrowed to ``query``'s matches.

    ``ranked`` puts the best matches first; otherwise the queryset's own order
    holds (someone sorting the list by date wants dates in order).
    """
    if not query:
        items = queryset
    elif ranked:
        items = SearchResults(query, queryset)
    else:
        items = queryset.filter(pk__in=matching_ids_queryset(query))
    paginator_class = Paginator if isinstance(items, SearchResults) else KeysFirstPaginator
    page = paginator_class(items, per_page).get_page(page_number)
    # Templates cannot call with arguments: the page links (1 2 … 7 8 9 … 20) go on the page.
    page.elided_range = list(page.paginator.get_elided_page_range(page.number, on_each_side=2,
                                                                   on_ends=1))
    return page


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    link: str  # query string that selects this value, or clears it when selected


def facets(query: str, params, base: QuerySet[Standard]) -> dict[str, list[FacetValue]]:
    """Counts by level and by status for the query and every filter except the facet's own.

    Leaving out the facet's own filter keeps its other values visible with
    their counts, so people can switch from one level to another.
    """
    out = {}
    for name, choices in FACETS.items():
        others = params.copy()
        others.pop(name, None)
        others.pop("ordering", None)
        queryset = StandardFilter(others, queryset=base).qs
        counts = _counts(query, queryset, name)
        chosen = set(params.getlist(name))
        out[name] = [FacetValue(v, str(label), counts.get(v, 0), v in chosen,
                                _toggled(params, name, v, v in chosen))
                     for v, label in choices.choices]
    return out


def _toggled(params, name: str, value: str, selected: bool) -> str:
    out = params.copy()
    out.pop("page", None)
    if selected:
        out.pop(name, None)
    else:
        out.setlist(name, [value])
    return "?" + out.urlencode()


def _counts(query: str, queryset: QuerySet[Standard], field: str) -> dict[str, int]:
    """``{value: count}`` of ``field`` over the standards of ``queryset`` matching ``query``."""
    matches = Standard.objects.filter(pk__in=matching_ids_queryset(query, queryset))
    rows = matches.order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows}
