"""Request rate limits per client address, counted in the shared cache.

The cache is the data folder's file cache (``settings.CACHES``), so every gunicorn
worker counts the same requests; a per-process memory cache would let each worker
grant the full rate. The client is ``REMOTE_ADDR``: ``X-Forwarded-For`` is believed
only for the number of proxies ``STDHUB_TRUSTED_PROXIES`` says stand in front
(DRF's ``NUM_PROXIES``), so a caller cannot reset its count by inventing the header.
Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` at request time.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Every request from one client address, whoever it claims to be."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PasswordGuessThrottle(ClientRateThrottle):
    """Slows down password guessing against the token endpoint."""

    scope = "token"


class AnonymousReadThrottle(ClientRateThrottle):
    """Anonymous reads that cost the server real work (searches, large code lists);
    signed-in callers are not limited."""

    scope = "anonymous_read"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
