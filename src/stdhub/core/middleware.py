import re
import uuid

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import context
from .busy import as_busy
from .errors import Conflict

_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tag each request with an id (the proxy's ``X-Request-ID`` when sane) for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _SAFE.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = context.request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            context.request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class ServiceErrorMiddleware:
    """A busy database (``Busy``, SQLite's "database is locked") answers 503 with
    ``Retry-After``, a Conflict 409, on pages and in the API alike: never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if busy := as_busy(exception):
            response = _answer(request, 503, _(
                "系统正忙，请 %(seconds)s 秒后重试 busy: the database is taken by other work "
                "(e.g. a large import); try again in %(seconds)s seconds"
            ) % {"seconds": busy.retry_after})
            response["Retry-After"] = str(busy.retry_after)
            return response
        if isinstance(exception, Conflict):
            return _answer(request, 409, str(exception))
        return None


def _answer(request, status: int, message: str):
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "service_error.html", {"message": message, "status": status},
                  status=status)
