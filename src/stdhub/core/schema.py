"""The OpenAPI schema tells the truth about every operation (``DEFAULT_SCHEMA_CLASS``).

- **Who may call it**: a read is documented as public (``security`` includes ``{}``)
  when anonymous callers pass its permission check, i.e. the model's policy lets
  anyone view it; every other operation needs a token.
- **What it can answer**: besides its success, each operation lists the errors the
  API's exception handler (``core.api.exception_handler``) can give it, with one
  error body schema, so a client (or schemathesis) can rely on the status codes.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions, serializers

from .api import CanPermission
from .permissions import can


class ErrorSerializer(serializers.Serializer):
    """An error: ``detail`` says why; a 400 instead names each wrong field with its
    messages (``{"code": ["..."]}``, ``non_field_errors`` for the whole body)."""

    detail = serializers.CharField(required=False, help_text=_("原因 reason"))
    current_version = serializers.IntegerField(
        required=False, allow_null=True,
        help_text=_("409: 当前版本 the version the object has now"))


_DESCRIPTIONS = {
    400: _("请求有误 malformed or invalid input; the body names each wrong field"),
    401: _("需要认证 missing or invalid token"),
    403: _("无权执行 not allowed for this user"),
    404: _("不存在 no such object (or page)"),
    409: _("冲突 the object changed since the version the edit was based on"),
    412: _("前提不成立 If-Match does not match the current version"),
    415: _("不支持的格式 the body's media type is not one this operation reads"),
    429: _("请求过多 too many requests; see Retry-After"),
    503: _("繁忙 the database is busy; retry after Retry-After seconds"),
}

_UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


class StdhubSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        if self._is_public() and {} not in auths:
            auths.append({})
        return auths

    def _is_public(self) -> bool:
        """Would an anonymous caller pass this operation's permission checks?"""
        if self.method not in permissions.SAFE_METHODS:
            return False
        for permission in self.view.get_permissions():
            if isinstance(permission, permissions.AllowAny) or getattr(
                    permission, "public_reads", False):
                continue
            if not isinstance(permission, CanPermission):
                return False
            model = self._model()
            if model is not None and not can(AnonymousUser(), "view", model):
                return False
        return True

    def _model(self):
        queryset = getattr(self.view, "queryset", None)
        if queryset is None and hasattr(self.view, "get_queryset"):
            queryset = self.view.get_queryset()
        return getattr(queryset, "model", None)

    def _error_codes(self) -> list[int]:
        codes = [400]
        authenticated = bool(self.view.get_authenticators())
        if authenticated:
            codes.append(401)  # a wrong or expired token, even on a public read
        if self.view.get_permissions() and not self._is_public():
            codes.append(403)
        if "{" in self.path or self.method == "GET":
            codes.append(404)  # no such object, page or code
        if self.method in _UNSAFE:
            codes.append(503)  # the database stayed locked (e.g. by a large import)
            if authenticated:
                codes.append(409)  # an edit based on an outdated version
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append(415)  # a body in a media type the operation does not read
        if self.method in ("PUT", "PATCH", "DELETE"):
            codes.append(412)
        if self.view.get_throttles():
            codes.append(429)
        return sorted(codes)

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        hidden = getattr(serializer, "staff_only_fields", ())
        if hidden and "required" in schema:  # absent for anonymous readers
            schema["required"] = [n for n in schema["required"] if n not in hidden]
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        for code in self._error_codes():
            responses.setdefault(str(code), {
                "description": str(_DESCRIPTIONS[code]),
                "content": {"application/json": {"schema": error}},
            })
        return responses
