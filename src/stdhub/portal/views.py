"""Public pages: home, search and a standard's detail, open to everyone without an account."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers

from stdhub.core.history import history
from stdhub.core.permissions import scope
from stdhub.standards import listing
from stdhub.standards.choices import Level, Status
from stdhub.standards.filters import StandardFilter
from stdhub.standards.models import Standard

RECENT = 10


def _counts_by(standards, field: str, choices) -> list[tuple[str, str, int]]:
    counts = dict(standards.order_by().values_list(field).annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in choices.choices]


def home(request):
    standards = scope(request.user, "view", Standard.objects.all())
    recent = (standards.filter(issued_on__isnull=False)
              .only("code", "title_zh", "issued_on", "status")
              .order_by("-issued_on", "-pk")[:RECENT])
    return render(request, "portal/home.html", {
        "by_level": _counts_by(standards, "level", Level),
        "by_status": _counts_by(standards, "status", Status),
        "total": standards.count(),
        "recent": recent,
    })


@vary_on_headers("HX-Request")
def search(request):
    query = request.GET.get("q", "").strip()
    base = listing.registry(request.user)
    filtered = StandardFilter(request.GET, queryset=base)
    page = listing.page_of(filtered.qs, query, request.GET.get("page"))
    context = {
        "filter": filtered,
        "query": query,
        "page": page,
        "facets": listing.facets(query, request.GET, base),
        "filtered": any(request.GET.getlist(name) for name in listing.FACETS),
    }
    template = listing.template_for(request, "portal/search.html", "portal/_results.html")
    return render(request, template, context)


def standard(request, pk: int):
    std = get_object_or_404(listing.with_relations(request.user), pk=pk)
    return render(request, "portal/standard.html", {
        "std": std,
        "history": history(std),
        "today": timezone.localdate(),
    })
