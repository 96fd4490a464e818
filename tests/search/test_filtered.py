"""Search within a filtered queryset (the list page's filters), counts and pages."""

from django.http import QueryDict

from stdhub.search.queries import matching_ids_queryset, search_standards
from stdhub.standards.choices import Level, Status
from stdhub.standards.filters import StandardFilter
from stdhub.standards.models import Standard

from .test_recall import rank, scan


def test_filters_and_search_combine(registry):
    Standard.objects.filter(pk__in=[s.pk for s in registry[::3]]).update(status=Status.WITHDRAWN)
    params = QueryDict("level=national&status=current")
    filtered = StandardFilter(params, queryset=Standard.objects.all()).qs
    allowed = {s.pk for s in filtered}
    assert 0 < len(allowed) < len(registry)
    for query in ["数", "数据", "规范管", "gb/t", "2"]:
        expected = sorted((s for s in scan(registry, query) if s.pk in allowed),
                          key=lambda s: rank(s, query))
        found = search_standards(query, queryset=filtered, limit=40)
        assert found.total == len(expected), query
        assert [s.pk for s in found.results] == [s.pk for s in expected[:40]], query
        assert all(s.level == Level.NATIONAL for s in found.results)
        assert search_standards(query, queryset=filtered, limit=0).total == len(expected)
        assert (set(matching_ids_queryset(query, filtered).values_list("pk", flat=True))
                == {s.pk for s in expected})


def test_pages_join_up_to_the_whole_result(registry):
    query = "数"
    whole = search_standards(query, limit=3000)
    pages = [s.pk for offset in range(0, 300, 50)
             for s in search_standards(query, limit=50, offset=offset).results]
    assert pages == [s.pk for s in whole.results[:300]]
    beyond = search_standards(query, limit=20, offset=whole.total)
    assert beyond.total == whole.total and beyond.results == []


def test_blank_query_returns_the_queryset_itself(registry):
    nationals = Standard.objects.filter(level=Level.NATIONAL).order_by("code")
    found = search_standards("  ", queryset=nationals, limit=5)
    assert found.total == nationals.count()
    assert found.results == list(nationals[:5])
    assert matching_ids_queryset("", nationals).count() == nationals.count()


def test_facet_counts_in_one_grouped_query(registry):
    from django.db.models import Count

    query = "数据"
    rows = (Standard.objects.filter(pk__in=matching_ids_queryset(query))
            .values("level").annotate(n=Count("pk")))
    counts = {row["level"]: row["n"] for row in rows}
    expected = {}
    for s in scan(registry, query):
        expected[s.level] = expected.get(s.level, 0) + 1
    assert counts == expected
