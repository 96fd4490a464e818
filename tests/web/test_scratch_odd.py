import pytest
from django.test import Client

URLS = ["/search/", "/workspace/standards/", "/workspace/standards/export/", "/data-standards/",
        "/data-standards/code-lists/", "/data-standards/runs/"]
VALUES = ["\U0010FFFF", "99999999999999999999999", "a\x00b", "x" * 10000, "\u202e", "'\"<>%_"]
PARAMS = ["ccs", "ics", "q", "parent", "organization", "year", "year_min", "page", "ordering",
          "review_due_before", "level", "format", "version"]

@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_odd(url, registry, admin_user):
    c = Client(raise_request_exception=False)
    c.force_login(admin_user)
    bad = []
    for p in PARAMS:
        for v in VALUES:
            r = c.get(url, {p: v})
            if r.status_code >= 500:
                bad.append((p, v[:10], r.status_code))
    assert not bad
