"""REST framework glue shared by every app's api.py.

- :class:`CanPermission` asks the one permission check, ``can()``, for reads and writes.
- :class:`ServiceViewMixin` answers refusals with their reason and turns a service's
  Django errors into 400 (by field) and 403 answers.
- :class:`PagePagination` pages querysets and searches that page themselves.
- :class:`EventSerializer` shows an object's audit history (``events.events_of``).

Nothing here may import ``rest_framework.views`` (or ``decorators``): DRF imports this
module while loading its views, for ``DEFAULT_PERMISSION_CLASSES``.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage, Page, Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, permissions, serializers
from rest_framework.settings import api_settings

from .models import Event
from .pagination import KeysFirstPaginator
from .permissions import can


class CanPermission(permissions.BasePermission):
    """Reads and writes both ask ``can()``; a refusal says what was refused.

    Listing asks ``can(user, "view", Model)``, so a model is listable only where
    its policy says so; views without a model (the API root) are read-only.
    """

    _actions = {"GET": "view", "HEAD": "view", "OPTIONS": "view",
                "POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view):
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


@contextmanager
def service_errors():
    """Run a service call; its ValidationError answers 400 by field, PermissionDenied 403."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(error_detail(exc)) from exc
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from exc


def validated(serializer_class, data) -> dict:
    """``data`` checked by an input serializer (400 with every field's errors), as a dict."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ServiceViewMixin:
    """API views whose writes go through services; anonymous writes learn how to authenticate."""

    def permission_denied(self, request, message=None, code=None):
        if request.authenticators and not request.successful_authenticator:
            raise exceptions.NotAuthenticated(_(
                "写操作需要认证 authentication required for writes: send the header "
                "'Authorization: Token <key>'; get a key with POST {url} (username, password)"
            ).format(url=reverse("api-token")))
        super().permission_denied(request, message, code)


class PagePagination(pagination.PageNumberPagination):
    """Page numbers (``?page=2&page_size=100``); a search that pages itself fits in too."""

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


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name", help_text=_("操作人 actor"))

    class Meta:
        model = Event
        fields = ["seq", "created_at", "kind", "actor", "message", "diff", "request_id", "hash"]
