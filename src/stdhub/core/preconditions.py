"""No lost updates through the API: ``ETag`` on reads, ``If-Match`` and ``version`` on writes.

A versioned object's detail carries ``version`` in its body and ``ETag: "<version>"``.
A PUT or PATCH may state what it was based on:

- ``If-Match: "<version>"`` (``*`` for any; a weak ``W/"<version>"``, as a compressing
  proxy rewrites the tag, names the same version): another or a malformed tag → 412;
- a ``version`` field in the body: another version → 409 with ``current_version``.

The write runs in one transaction holding the row's lock, so the check and the
write cannot be separated by someone else's edit. (Imported by apps' api.py only;
``core.api`` must not import DRF's views, this module does not either.)
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers, status

from . import versions
from .errors import Conflict

_TAG = re.compile(r'^(?:W/)?"(\d{1,18})"$')
WRITE_METHODS = ("PUT", "PATCH")


def etag(version: int) -> str:
    return f'"{version}"'


def if_match(header: str, version: int) -> bool:
    """Whether the ``If-Match`` header names ``version`` (or is ``*``)."""
    for tag in (t.strip() for t in header.split(",")):
        if tag == "*":
            return True
        found = _TAG.match(tag)
        if found and int(found.group(1)) == version:
            return True
    return False


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class VersionConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _refusal(cls, message, current: int | None):
    refusal = cls(message)
    refusal.detail = {"detail": refusal.detail, "current_version": current}  # an int, not text
    return refusal


def version_field():
    """The optional ``version`` of an input serializer (documents the body precondition)."""
    return serializers.IntegerField(required=False, min_value=1, help_text=_(
        "版本 the version this edit is based on (from GET); another one answers 409"))


def _body_version(request) -> int | None:
    data = request.data
    raw = data.get("version") if hasattr(data, "get") else None
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not str(raw).strip().isdigit():
        raise serializers.ValidationError(
            {"version": [_("版本须为整数 version must be a whole number")]})
    return int(str(raw).strip())


class VersionedViewMixin:
    """For viewsets of a versioned model: ETag on answers, preconditions on PUT/PATCH.

    A PUT or PATCH runs in one transaction; ``get_object`` locks the row and checks
    the preconditions against its stored version, and the view's write passes
    ``self.expected_version`` to its service. (Only methods a viewset does not
    define itself are overridden here, so a view's own ``update`` is covered.)
    """

    expected_version: int | None = None

    def dispatch(self, request, *args, **kwargs):
        if request.method not in WRITE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():  # DRF's error answers roll it back (set_rollback)
            return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc):
        # A service's Conflict as 409 with the current version; kept local until the
        # shared API exception handler maps Conflict itself.
        if isinstance(exc, Conflict):
            exc = _refusal(VersionConflict, exc, exc.current_version)
        return super().handle_exception(exc)

    def get_object(self):
        obj = super().get_object()
        if self.request.method in WRITE_METHODS:
            current = versions.lock(obj)  # refreshed if someone wrote since it was read
            self.expected_version = self._precondition(current)
        return obj

    def _precondition(self, current: int) -> int | None:
        header = self.request.headers.get("If-Match")
        if header is not None and not if_match(header, current):
            raise _refusal(PreconditionFailed, _(
                "If-Match 不符 precondition failed: this object is at version {current}; "
                "GET it again and resend").format(current=current), current)
        body = _body_version(self.request)
        if body is not None and body != current:
            raise _refusal(VersionConflict, _(
                "已被他人修改 changed by someone else since version {body} (now version "
                "{current}); GET it again and resend").format(body=body, current=current),
                current)
        return current if header is not None or body is not None else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if isinstance(data, dict):
            version = data.get("version", data.get("current_version"))
            if isinstance(version, int) and not isinstance(version, bool):
                response["ETag"] = etag(version)
        return response


# ---------------------------------------------------------------- schema

IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER,
    description=_('The ETag of the version this edit is based on, e.g. "3" (or *). '
                  "If the object has changed since, the write is refused with 412."))
ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
    description=_('The object\'s version as an entity tag, e.g. "3"; send it back in If-Match.'))
# The 409 and 412 answers (with current_version) are documented for every write by
# core.schema, with the one Error body.
