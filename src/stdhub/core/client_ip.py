"""The address a request came from, as far as it can be trusted (login throttling keys on it).

By default that is the socket's peer (``REMOTE_ADDR``): an ``X-Forwarded-For`` header is
written by the client and proves nothing. Behind N proxies that each append the address
they received from (``STDHUB_TRUSTED_PROXIES=N``), the Nth entry from the right of
``X-Forwarded-For`` is the one the outermost trusted proxy saw.
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    request = getattr(request, "_request", request)  # a REST framework request wraps Django's
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
