import re
import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
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


class RefuseOversizedMiddleware:
    """Answer 413 before reading a body larger than any upload may be.

    The per-kind limits (``STDHUB_UPLOAD_LIMITS_MB``) are checked with the file in
    hand; this turns away a body that could pass none of them without receiving it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        largest = (max(settings.STDHUB_UPLOAD_LIMITS_MB.values()) + 1) << 20  # + form fields
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > largest:
            return _refusal(request, 413, (
                f"the request is {length / (1 << 20):.0f} MB; uploads may be at most "
                f"{max(settings.STDHUB_UPLOAD_LIMITS_MB.values())} MB"))
        return self.get_response(request)


class RefuseNulMiddleware:
    """Answer 400 to a NUL character in any query parameter or form field.

    Nobody types one on purpose; PostgreSQL cannot store or compare it, so further in it
    would be a 500 wherever a value reaches a query. Checked once here, for every page
    and endpoint, present and future. (Lone surrogates cannot arrive this way: Django
    decodes the query string and form bodies as UTF-8 with replacement.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            names = _nul_fields(request)
        except MultiPartParserError as error:
            return _refusal(request, 400, f"malformed form data: {error}")
        if names:
            if request.path.startswith("/api/"):  # the API's field-error body
                return JsonResponse({name: ["NUL characters (\\x00) are not allowed"]
                                     for name in sorted(names)}, status=400)
            return _refusal(request, 400, "NUL characters (\\x00) are not allowed: "
                                          + ", ".join(sorted(names)))
        return self.get_response(request)


def _refusal(request, status: int, message: str):
    """A refusal before any view ran: JSON for the API (its error body), plain text else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _nul_fields(request) -> set[str]:
    sources = [request.GET]
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        sources.append(request.POST)
    return {(name.replace("\x00", "\\x00"))
            for source in sources for name, values in source.lists()
            if "\x00" in name or any("\x00" in v for v in values)}


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
