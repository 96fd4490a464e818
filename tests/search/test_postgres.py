"""PostgreSQL: the SQL tokenizer matches Python's; token counts follow every write."""

import pytest
from django.db import connection

from stdhub.search.indexing import index_standards, remove_standards
from stdhub.search.queries import search_standards
from stdhub.search.tokenizer import bigrams, fold
from stdhub.standards.models import Standard

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="token counts exist on PostgreSQL only")


def drift() -> list:
    """Tokens whose stored count differs from a recount over the entries."""
    with connection.cursor() as cursor:
        cursor.execute("""
            WITH recount AS (
                SELECT token, count(DISTINCT standard_id) AS n
                FROM search_searchentry, unnest(stdhub_search_tokens(title_key, code_key)) token
                GROUP BY token)
            SELECT coalesce(r.token, c.token), r.n, c.documents
            FROM recount r FULL JOIN search_tokencount c ON c.token = r.token
            WHERE coalesce(r.n, 0) <> coalesce(c.documents, 0)""")
        return cursor.fetchall()


def test_counts_follow_inserts_updates_and_deletes(registry):
    assert drift() == []
    Standard.objects.filter(pk__in=[s.pk for s in registry[:300]]).update(title_zh="全新标题")
    index_standards(Standard.objects.filter(pk__in=[s.pk for s in registry[:300]]))
    assert drift() == []
    remove_standards([s.pk for s in registry[300:400]])
    Standard.objects.filter(pk__in=[s.pk for s in registry[400:500]]).delete()
    assert drift() == []


def test_sql_tokens_are_the_unigrams_and_bigrams_python_queries_with(registry):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title_key, code_key, stdhub_search_tokens(title_key, code_key) "
                       "FROM search_searchentry")
        rows = cursor.fetchall()
    assert len(rows) == len(registry)
    for title_key, code_key, tokens in rows:
        expected = {*title_key, *bigrams(title_key), *(f"c:{t}" for t in {*code_key,
                                                                        *bigrams(code_key)})}
        assert set(tokens) == expected
    assert {fold(s.title_zh) for s in registry} == {row[0] for row in rows}


def test_a_bulk_load_over_existing_entries_keeps_counts_and_the_gin_index(registry,
                                                                          make_standards):
    """Writing as many entries as there are (new and changed ones) takes the bulk road:
    GIN index rebuilt, insert trigger bypassed, counts added set-wise."""
    changed = registry[:1000]
    Standard.objects.filter(pk__in=[s.pk for s in changed]).update(title_zh="批量新标题数据")
    new = make_standards([(f"T/ZJBULK {i + 1}-2024", f"批量新增标准{i}") for i in range(2000)])
    index_standards(Standard.objects.filter(pk__in=[s.pk for s in [*changed, *new]]))
    assert drift() == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'search_entry_tokens'")
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'search_entry_inserted'")
        assert cursor.fetchone()[0] == "O"
    assert search_standards("批量新标题", limit=5).total == 1000
    assert search_standards("批量新增", limit=5).total == 2000
