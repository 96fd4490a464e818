"""The API's one exception handler: each service error has its status and a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.urls import include, path
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from stdhub.core.errors import Busy, Conflict
from stdhub.core.permissions import UnknownAction

RAISED = {
    "conflict": lambda: Conflict("changed by someone else", current_version=7),
    "busy": lambda: Busy(retry_after=9),
    "fields": lambda: ValidationError({"code": ["bad code"], "__all__": ["bad standard"]}),
    "message": lambda: ValidationError("bad as a whole"),
    "refused": lambda: PermissionDenied("not allowed to change DB33/T 1-2020"),
    "missing": lambda: ObjectDoesNotExist("no such thing"),
    "http404": lambda: Http404("no such page"),
    "action": lambda: UnknownAction("'delete' is not an action of Standard"),
    "overflow": lambda: OverflowError("Python int too large to convert to SQLite INTEGER"),
    "recursion": lambda: RecursionError("maximum recursion depth exceeded"),
}


class Raising(APIView):
    """Raises what a service might, as a service would (no wrapping in the view)."""

    permission_classes = [permissions.AllowAny]

    def get(self, request, what):
        raise RAISED[what]()


class Fine(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [path("raise/<str:what>/", Raising.as_view()), path("fine/", Fine.as_view()),
               path("", include("stdhub.urls"))]

pytestmark = pytest.mark.urls(__name__)


@pytest.mark.parametrize(("what", "status", "body"), [
    ("conflict", 409, {"detail": "changed by someone else", "current_version": 7}),
    ("fields", 400, {"code": ["bad code"], "non_field_errors": ["bad standard"]}),
    ("message", 400, {"non_field_errors": ["bad as a whole"]}),
    ("refused", 403, {"detail": "not allowed to change DB33/T 1-2020"}),
    ("missing", 404, {"detail": "no such thing"}),
    ("http404", 404, {"detail": "no such page"}),
    ("action", 405, None),  # DRF's own (translated) "method not allowed"
])
def test_service_errors_answer_their_status_with_the_reason(db, anon, what, status, body):
    response = anon.get(f"/raise/{what}/")
    assert response.status_code == status
    assert response.json() == body if body else "GET" in response.json()["detail"]


def test_busy_answers_503_with_retry_after(db, anon):
    response = anon.get("/raise/busy/")
    assert response.status_code == 503 and response["Retry-After"] == "9"
    assert "busy" in response.json()["detail"]


@pytest.mark.parametrize("what", ["overflow", "recursion"])
def test_input_the_code_did_not_foresee_is_a_400_not_a_500(db, anon, what):
    response = anon.get(f"/raise/{what}/")
    assert response.status_code == 400 and response.json()


def test_methods_a_route_lacks_answer_405_for_administrators_too(admin_user, client_for,
                                                                    make_standard):
    std = make_standard("DB33/T 1001-2020", "公共数据 目录")
    api = client_for(admin_user)
    # DataStandardVersion declares only "view": asking can() for "add" used to raise (500).
    assert api.post("/api/v1/conformance/versions/", {}, format="json").status_code in (404, 405)
    assert api.delete(f"/api/v1/standards/{std.pk}/").status_code == 405
    assert api.post("/api/v1/ics/", {"code": "99"}, format="json").status_code == 405


def test_anonymous_refusals_say_how_to_authenticate(db, anon):
    response = anon.get("/api/v1/conformance/runs/")
    assert response.status_code == 401
    assert "Authorization: Token" in response.json()["detail"]
    assert "/api/v1/auth/token/" in response.json()["detail"]
