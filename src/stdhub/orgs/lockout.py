"""What a locked-out login attempt gets (django-axes calls this): 429, with when to retry.

The API answers JSON with ``Retry-After``; the login page shows why and for how long.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED = 429


def retry_after(request) -> int:
    """Seconds until the lock ends (the whole cool-off: it restarts with each attempt)."""
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 0


def message(request) -> str:
    minutes = max(1, retry_after(request) // 60)
    return _("登录失败次数过多，请 {minutes} 分钟后再试 too many failed logins: "
             "try again in {minutes} minutes").format(minutes=minutes)


def lockout_response(request, original_response=None, credentials=None):
    if original_response is not None and original_response.status_code == LOCKED:
        return original_response  # the API view has answered already
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": message(request)}, status=LOCKED)
    else:
        response = render(request, "registration/locked_out.html",
                          {"message": message(request)}, status=LOCKED)
    response["Retry-After"] = str(retry_after(request))
    return response
