"""Rate limits count per real client address, in a cache every worker process shares."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "token": "3/min", "anonymous_read": "4/min"}}


def test_token_limit_ignores_forged_forwarded_for(anon, editor, rates):
    wrong = {"username": "editor", "password": "wrong"}
    for n in range(3):
        response = anon.post(TOKEN, wrong, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        assert response.status_code == 400
    refused = anon.post(TOKEN, {"username": "editor", "password": "pw-stdhub-2026"},
                        HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    # Another client address has its own count.
    other = anon.post(TOKEN, wrong, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 400


def test_forwarded_for_is_believed_for_the_configured_proxies(anon, editor, rates, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    wrong = {"username": "editor", "password": "wrong"}
    for _ in range(3):
        assert anon.post(TOKEN, wrong, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 400
    # The proxy appends the real client last; what the client wrote before it is ignored.
    forged = anon.post(TOKEN, wrong, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert forged.status_code == 429
    assert anon.post(TOKEN, wrong, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 400


def test_anonymous_searches_are_limited_signed_in_ones_are_not(anon, client_for, editor,
                                                                classes, rates):
    for _ in range(4):
        assert anon.get("/api/v1/standards/", {"q": "数据"}).status_code == 200
    limited = anon.get("/api/v1/standards/", {"q": "数据"})
    assert limited.status_code == 429 and "Retry-After" in limited
    assert anon.get("/api/v1/conformance/code-lists/GB%2FT%202260/").status_code == 429
    signed_in = client_for(editor)
    for _ in range(6):
        assert signed_in.get("/api/v1/standards/", {"q": "数据"}).status_code == 200


def test_the_cache_is_shared_by_worker_processes(rates):
    """Requests counted in another process (as another gunicorn worker would) count here."""
    assert "filebased" in django_settings.CACHES["default"]["BACKEND"]
    script = textwrap.dedent("""
        import django
        django.setup()
        from rest_framework.request import Request
        from rest_framework.test import APIRequestFactory
        from stdhub.core.throttling import PasswordGuessThrottle
        for _ in range(3):
            request = Request(APIRequestFactory().post("/api/v1/auth/token/"))
            assert PasswordGuessThrottle().allow_request(request, None)
    """)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stdhub.settings",
           "STDHUB_TOKEN_RATE": "3/min"}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from stdhub.core.throttling import PasswordGuessThrottle

    request = Request(APIRequestFactory().post(TOKEN))
    assert not PasswordGuessThrottle().allow_request(request, None)
    cache.clear()
    assert PasswordGuessThrottle().allow_request(request, None)
