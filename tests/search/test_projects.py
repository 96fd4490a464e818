"""Projects are searched by the same index as standards, with the same exactness.

Runs on whichever database the suite runs on (SQLite by default, PostgreSQL
with STDHUB_DATABASE_URL): over 2,000 random titles and plan numbers, every
query of one to four characters finds exactly what a substring scan finds, in
the documented order, also within a filtered queryset.
"""

import random

import pytest
from django.core.management import call_command

from stdhub.projects.models import Project
from stdhub.projects.text_index import index_projects
from stdhub.search.indexing import reindex_all, remove_records
from stdhub.search.queries import search_projects
from stdhub.search.tokenizer import fold

from .conftest import ALPHABET, random_specs


@pytest.fixture
def projects(org, other_org):
    rng = random.Random(5)
    made = Project.objects.bulk_create([
        Project(title=title, plan_number=rng.choice(["", f"ZJ-2026-{i:04d}", f"浙标计{i}号"]),
                lead_org=org if i % 3 else other_org, responsible_org=other_org,
                stage=rng.choice(["00", "10", "20"]))
        for i, (_code, title) in enumerate(random_specs(2000, seed=3))])
    index_projects(made)
    return made


def scan(projects, query: str) -> list[int]:
    """The reference order: plan number equal, starting with, containing the query, then
    titles containing it; shorter title first, then the older project."""
    key = fold(query)
    ranked = []
    for p in projects:
        title, code = fold(p.title), fold(p.plan_number)
        if key in code:
            tier = 0 if key == code else 1 if code.startswith(key) else 2
        elif key in title:
            tier = 3
        else:
            continue
        ranked.append((tier, len(title), p.pk))
    return [pk for *_, pk in sorted(ranked)]


def short_queries(projects, seed=13) -> list[str]:
    rng = random.Random(seed)
    keys = [fold(p.title) for p in projects]
    picked = [c for c in dict.fromkeys(ALPHABET) if fold(c)]
    for length in (2, 3, 4):
        for _ in range(25):
            key = rng.choice([k for k in keys if len(k) >= length])
            start = rng.randrange(len(key) - length + 1)
            picked.append(key[start:start + length])
        picked += ["".join(rng.choices(ALPHABET.replace(" ", ""), k=length)) for _ in range(3)]
    return [*dict.fromkeys(picked), "zj-2026-00", "ＺＪ－２０２６", "浙标计1", "0012"]


def test_search_equals_a_substring_scan(projects):
    for query in short_queries(projects):
        expected = scan(projects, query)
        found = search_projects(query, limit=len(projects))
        assert found.total == len(expected), query
        assert [p.pk for p in found.results] == expected, query
        assert search_projects(query, limit=0).total == len(expected), query


def test_search_within_a_queryset(projects, org):
    mine = Project.objects.filter(lead_org=org)
    subset = [p for p in projects if p.lead_org_id == org.pk]
    for query in short_queries(projects, seed=17)[::4]:
        expected = scan(subset, query)
        found = search_projects(query, queryset=mine, limit=15)
        assert found.total == len(expected), query
        assert [p.pk for p in found.results] == expected[:15], query


def test_reindex_rebuilds_projects_and_standards(projects, make_standards, capsys):
    make_standards([("GB/T 2260-2007", "中华人民共和国行政区划代码")])
    expected = scan(projects, "数据")
    remove_records("projects", [p.pk for p in projects[:500]])
    assert search_projects("数据").total < len(expected)
    call_command("search", "--reindex")
    assert "indexed 2000 projects" in capsys.readouterr().err
    assert [p.pk for p in search_projects("数据", limit=len(projects)).results] == expected
    assert reindex_all() == 2001
