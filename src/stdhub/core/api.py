"""REST framework glue shared by every app's api.py."""

from rest_framework import permissions

from .permissions import can


class CanPermission(permissions.BasePermission):
    """Reads are public where the policy says so; writes need ``can()`` (token or session)."""

    _actions = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if request.method == "POST":
            return can(request.user, "add", view.get_queryset().model)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return can(request.user, "view", obj)
        return can(request.user, self._actions[request.method], obj)
