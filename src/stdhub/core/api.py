"""REST framework glue shared by every app's api.py.

- :class:`CanPermission` asks the one permission check, ``can()``, for reads and writes.
- :func:`exception_handler` turns every service error into its HTTP answer.
- :class:`PagePagination` pages querysets and searches that page themselves.
- :class:`EventSerializer` shows an object's audit history (``events.events_of``);
  :class:`StaffOnlyFieldsMixin` keeps who did what from anonymous readers.

Nothing here may import ``rest_framework.views`` (or ``decorators``): DRF imports this
module while loading its views, for ``DEFAULT_PERMISSION_CLASSES``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, pagination, permissions, serializers
from rest_framework.settings import api_settings

from . import kinds
from .errors import Busy, Conflict
from .models import Event
from .pagination import KeysFirstPaginator
from .parsers import unstorable
from .permissions import UnknownAction, can


class CanPermission(permissions.BasePermission):
    """Reads and writes both ask ``can()``; a refusal says what was refused.

    Listing asks ``can(user, "view", Model)``, so a model is listable only where
    its policy says so; views without a model (the API root) are read-only.
    """

    _actions = {"GET": "view", "HEAD": "view", "OPTIONS": "view",
                "POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view):
        if not hasattr(view, request.method.lower()):
            return True  # the view answers 405 Method Not Allowed
        model = _model_of(view)
        if model is None:
            return request.method in permissions.SAFE_METHODS
        if request.method not in permissions.SAFE_METHODS and not request.user.is_authenticated:
            return False
        if request.method in ("PUT", "PATCH", "DELETE"):
            return True  # decided per object below
        return self._check(request, model)

    def has_object_permission(self, request, view, obj):
        return self._check(request, obj)

    def _check(self, request, target) -> bool:
        verb = self._actions.get(request.method, "change")
        allowed = can(request.user, verb, target)
        if not allowed:
            name = target._meta.verbose_name if isinstance(target, type) else str(target)
            self.message = _("无权执行此操作 not allowed: {action} {target}").format(
                action=verb, target=name)
        return allowed


class ServicesDecideWrites(permissions.BasePermission):
    """Reads for whoever may see the object (lists are narrowed by ``scope()``); writes need
    a signed-in person, and the services then decide each action (a move, an upload, a
    vote…), which a single add/change check per HTTP method cannot express."""

    public_reads = True  # core.schema documents the reads as public

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        # A new object from someone who may add none is refused before its body is read.
        model = _model_of(view)
        return getattr(view, "action", None) != "create" or model is None or can(
            request.user, "add", model)

    def has_object_permission(self, request, view, obj):
        return can(request.user, "view", obj)


def _model_of(view):
    queryset = getattr(view, "queryset", None)
    if queryset is None and hasattr(view, "get_queryset"):
        queryset = view.get_queryset()
    return None if queryset is None else queryset.model


def error_detail(exc: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's ``{field: [messages]}`` body."""
    if hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY if k == NON_FIELD_ERRORS else k: v
                for k, v in exc.message_dict.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


class ConflictError(exceptions.APIException):
    status_code = 409
    default_detail = _("对象已被他人修改 the object changed since you read it")
    default_code = "conflict"


def validated(serializer_class, data) -> dict:
    """``data`` checked by an input serializer (400 with every field's errors), as a dict."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class BusyError(exceptions.APIException):
    status_code = 503
    default_detail = _("数据库繁忙，请稍后重试 the database is busy; try again shortly")
    default_code = "busy"

    def __init__(self, detail=None, wait: int = 5):
        super().__init__(detail)
        self.wait = wait  # DRF's handler sends it as Retry-After


def query_text(request, name: str) -> str:
    """The text query parameter ``name``, stripped (``""`` when absent).

    NUL or an unpaired surrogate answers 400: neither can be stored or matched.
    """
    value = request.query_params.get(name, "")
    if unstorable(value):
        raise exceptions.ValidationError({name: [_(
            "含空字符或孤立代理项 contains NUL or an unpaired surrogate")]})
    return value.strip()


def _authenticate_hint() -> str:
    return str(_(
        "写操作需要认证 authentication required: send the header "
        "'Authorization: Token <key>'; get a key with POST {url} (username, password)"
    ).format(url=reverse("api-token")))


def _as_api_exception(exc: Exception, request) -> Exception:
    """The DRF exception that answers a service's (or Django's) exception ``exc``."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return exceptions.NotAuthenticated(_authenticate_hint())
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(error_detail(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound(str(exc) or None)
    if isinstance(exc, Conflict):
        return ConflictError(str(exc))
    if isinstance(exc, Busy):
        return BusyError(str(exc), wait=exc.retry_after)
    if isinstance(exc, UnknownAction):  # e.g. DELETE on a model that declares no delete
        return exceptions.MethodNotAllowed(request.method if request else "")
    # Input no handler above foresaw: a number past the database's integer range,
    # nesting past Python's recursion limit. Both are the request's fault, not ours.
    if isinstance(exc, OverflowError):
        return exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: [_("数值超出范围 number out of range")]})
    if isinstance(exc, RecursionError):
        return exceptions.ParseError(_("输入嵌套过深 input nested too deeply"))
    return exc


def exception_handler(exc, context):
    """The API's one exception handler (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``).

    Services raise Django's ``ValidationError`` (400 by field) and ``PermissionDenied``
    (403), ``core.errors.Conflict`` (409) and ``Busy`` (503 + Retry-After); views need
    no wrapping around their calls. Anything not mapped here stays a 500 (and is logged).
    """
    from rest_framework.views import exception_handler as drf_handler  # see module doc

    response = drf_handler(_as_api_exception(exc, context.get("request")), context)
    if response is not None:
        if isinstance(response.data, list):  # ValidationError("...") on the whole body
            response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
        if isinstance(exc, Conflict):
            response.data["current_version"] = exc.current_version
    return response


class _Found(NamedTuple):
    total: int
    results: Sequence


class PagePagination(pagination.PageNumberPagination):
    """Page numbers (``?page=2&page_size=100``, at most 200 a page); a search that pages
    itself, or a list already in memory, fits in too."""

    django_paginator_class = KeysFirstPaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_search(self, request, search) -> list:
        """Page ``search(limit=, offset=)``, a search returning ``.total`` and ``.results``.

        The search is asked for exactly one page, so its total is computed once.
        """
        self.request = request
        size = self.get_page_size(request)
        try:
            number = int(request.query_params.get(self.page_query_param, 1))
        except ValueError:
            number = 0
        if number < 1:
            raise exceptions.NotFound(_("无效页码 invalid page: pages are numbered from 1"))
        found = search(limit=size, offset=(number - 1) * size)
        paginator = Paginator(range(found.total), size)
        try:
            paginator.validate_number(number)
        except InvalidPage as exc:
            raise exceptions.NotFound(_("无效页码 invalid page: {reason}").format(
                reason=exc)) from exc
        self.page = Page(list(found.results), number, paginator)
        return list(self.page)

    def paginate_list(self, request, items: Sequence) -> list:
        """One page of ``items``, a list already in memory (e.g. a code list's entries)."""
        return self.paginate_search(
            request, lambda limit, offset: _Found(len(items), items[offset:offset + limit]))

    def page_links(self) -> dict:
        """``count``, ``next`` and ``previous`` of the page just paginated."""
        return {"count": self.page.paginator.count, "next": self.get_next_link(),
                "previous": self.get_previous_link()}


@extend_schema_field(OpenApiTypes.URI)
class PageURLField(serializers.ReadOnlyField):
    """The absolute address of the object's web page (its ``get_absolute_url()``)."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


class StaffOnlyFieldsMixin:
    """A serializer whose ``staff_only_fields`` only signed-in readers see.

    Anonymous readers get what the public portal shows; the schema documents the
    staff-only fields as optional (see ``core.schema``).
    """

    staff_only_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not getattr(getattr(request, "user", None), "is_authenticated", False):
            for name in self.staff_only_fields:
                data.pop(name, None)
        return data


class EventSerializer(StaffOnlyFieldsMixin, serializers.ModelSerializer):
    """One entry of an object's history, as the portal's public history shows it (time,
    kind, message, names of the changed fields); signed-in readers also see who acted,
    each change as before → after, the request id and the entry's place in the chain."""

    kind_label = serializers.SerializerMethodField(help_text=_("事项 kind, readable"))
    changed_fields = serializers.SerializerMethodField(help_text=_("变更字段 changed fields"))
    actor = serializers.CharField(source="actor_name", help_text=_("操作人 actor"))

    staff_only_fields = ("seq", "actor", "diff", "request_id", "hash")

    class Meta:
        model = Event
        fields = ["created_at", "kind", "kind_label", "message", "changed_fields",
                  "seq", "actor", "diff", "request_id", "hash"]

    def get_kind_label(self, event) -> str:
        return str(kinds.label(event.kind))

    def get_changed_fields(self, event) -> list[str]:
        if event.kind == "created":
            return []  # the initial values, which the public history does not list
        return sorted(event.diff or {})

