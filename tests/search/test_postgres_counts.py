"""PostgreSQL: token counts kept by triggers equal a recount, whatever the writes."""

import pytest
from django.db import connection

from stdhub.search.indexing import index_standards, remove_standards
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
