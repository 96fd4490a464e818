"""Search returns exactly what a plain substring scan returns, in the documented order.

Runs on whichever database the suite runs on (SQLite by default,
PostgreSQL with STDHUB_DATABASE_URL), over 3,000 random titles.
"""

import random

from stdhub.search.queries import matching_ids_queryset, search_standards
from stdhub.search.tokenizer import fold

from .conftest import ALPHABET


def scan(standards, query: str) -> list:
    """The reference: every standard whose folded title or code contains the folded query."""
    key = fold(query)
    return [s for s in standards if key in _folded(s, "title_zh") or key in _folded(s, "code")]


def rank(std, query: str) -> tuple:
    """The documented order: code exact, prefix, contains, then titles; shorter title first.

    Exact and prefix count on the whole code and on its number (the code after
    its prefix): ``2260`` and ``2260-2007`` are exact matches of GB/T 2260-2007.
    """
    key, code, base = fold(query), _folded(std, "code"), _folded(std, "code_base")
    cut = len(_folded(std, "prefix"))
    number, number_base = code[cut:], base[cut:]
    if key in (code, base, number, number_base):
        tier = 0
    elif code.startswith(key) or number.startswith(key):
        tier = 1
    else:
        tier = 2 if key in code else 3
    return tier, len(_folded(std, "title_zh")), std.pk


def _folded(std, name: str) -> str:
    cache = std.__dict__.setdefault("_folded", {})
    if name not in cache:
        cache[name] = fold(getattr(std, name))
    return cache[name]


def queries(registry, seed=11) -> list[str]:
    rng = random.Random(seed)
    keys = [fold(s.title_zh) for s in registry]
    picked = [c for c in dict.fromkeys(ALPHABET) if fold(c)]  # every character, full-width too
    for length, count in ((2, 60), (3, 40), (4, 40)):
        for _ in range(count):
            key = rng.choice([k for k in keys if len(k) >= length])
            start = rng.randrange(len(key) - length + 1)
            picked.append(key[start:start + length])
        picked += ["".join(rng.choices(ALPHABET.replace(" ", ""), k=length)) for _ in range(5)]
    codes = [s.code for s in rng.sample(registry, 10)]
    picked += codes + [c.upper().replace("/", "／") for c in codes[:3]]
    picked += ["gb", "GB/T", "t", "2", "/t1", "33/t", "-20", ":2001", "T/ZZB", "数据 规范", "ＡＢ"]
    return list(dict.fromkeys(picked))


def mismatches(registry) -> tuple[list, set]:
    """Every way search differs from the scan over many queries; and the query lengths."""
    lengths, problems = set(), []
    for query in queries(registry):
        expected = sorted(scan(registry, query), key=lambda s: rank(s, query))
        lengths.add(len(fold(query)))
        first = search_standards(query, limit=60)
        if first.total != len(expected):
            problems.append((query, "total", first.total, len(expected)))
        if [s.pk for s in first.results] != [s.pk for s in expected[:60]]:
            problems.append((query, "first page"))
        if search_standards(query, limit=0).total != len(expected):
            problems.append((query, "count only"))
        if len(expected) > 60:  # a later page, from the index's ranked walk
            later = search_standards(query, limit=25, offset=200)
            if [s.pk for s in later.results] != [s.pk for s in expected[200:225]]:
                problems.append((query, "page at offset 200"))
    return problems, lengths


def test_results_equal_a_substring_scan_for_short_and_long_queries(registry):
    problems, lengths = mismatches(registry)
    assert problems == []
    assert {1, 2, 3, 4} <= lengths


def test_every_strategy_gives_the_same_results(registry, monkeypatch):
    """With tiny thresholds, 3,000 standards take the paths meant for 300,000."""
    from stdhub.search.backends import postgres, sqlite

    for module in (sqlite, postgres):
        monkeypatch.setattr(module, "SMALL", 40)
    monkeypatch.setattr(postgres, "WALK_FROM", 60)
    monkeypatch.setattr(postgres, "ONE_PASS_MAX", 80)
    monkeypatch.setattr(postgres, "SHORT_ROWS", 150)
    monkeypatch.setattr(postgres, "_bound_cache", {})
    assert mismatches(registry)[0] == []


def test_every_match_is_found_whatever_its_rank(registry):
    """The full result set, not only the first pages, equals the scan (large and small)."""
    for query in ["数", "据", "规范", "数据", "安全管", "理技术要", "gb/t", "Ａ", "第1"]:
        expected = {s.pk for s in scan(registry, query)}
        found = search_standards(query, limit=len(expected) + 10)
        assert {s.pk for s in found.results} == expected, query
        assert set(matching_ids_queryset(query).values_list("pk", flat=True)) == expected, query


def test_queries_matching_nothing(registry):
    for query in ["不存在的词", "zzzz", "数据数据数据数据数据"]:
        assert scan(registry, query) == []
        assert search_standards(query).total == 0
        assert search_standards(query).results == []
        assert not matching_ids_queryset(query).exists()
