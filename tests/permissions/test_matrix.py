"""The permission matrix: every registered model × declared action × subject, asked of
``can()``, then carried out through the model's service, its pages and its API endpoints,
each answering exactly as the expectation table (``expected.py``) says.

The API part walks the routers, so a new endpoint is covered as soon as it is registered.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from stdhub import api_urls
from stdhub.conformance import api_urls as conformance_api_urls
from stdhub.conformance import services as conformance
from stdhub.core.permissions import SYSTEM, can, registered
from stdhub.orgs import services as orgs
from stdhub.orgs.choices import Role
from stdhub.standards.services import create_standard, editable_values, update_standard
from tests.conformance_web.conftest import SCHEMA

from .conftest import ANONYMOUS, SUBJECTS, dataset
from .expected import ON_MODEL, ON_OBJECT
from .test_registry import label

MODELS = {label(model): model for model in registered()}


def _table(expected: dict) -> list[tuple[str, str]]:
    return [(name, action) for name, actions in expected.items() for action in actions]


def _allowed(world, check) -> set[str]:
    return {subject for subject in SUBJECTS if check(world.users[subject])}


# ---------------------------------------------------------------- can()


@pytest.mark.parametrize(("name", "action"), _table(ON_OBJECT))
def test_can_on_an_object(world, name, action):
    sample = world.samples[name]
    assert _allowed(world, lambda user: can(user, action, sample)) == ON_OBJECT[name][action]


@pytest.mark.parametrize(("name", "action"), _table(ON_MODEL))
def test_can_on_the_model(world, name, action):
    model = MODELS[name]
    assert _allowed(world, lambda user: can(user, action, model)) == ON_MODEL[name][action]


# ---------------------------------------------------------------- services


def _fresh_user(w):
    return get_user_model().objects.create_user(username=f"fresh-{w.n()}")


# (model, action) → the service call doing it to an object of the organization.
SERVICES = {
    ("orgs.Organization", "add"): lambda a, w: orgs.create_organization(a, name=f"新单位{w.n()}"),
    ("orgs.Organization", "change"): lambda a, w: orgs.update_organization(
        a, w.org, short_name=f"简称{w.n()}"),
    ("orgs.Membership", "add"): lambda a, w: orgs.add_membership(
        a, _fresh_user(w), w.org, Role.VIEWER),
    ("auth.User", "add"): lambda a, w: orgs.create_user(a, f"new-{w.n()}", "pw-stdhub-2026"),
    ("standards.Standard", "add"): lambda a, w: create_standard(a, {
        "code": f"DB33/T {5000 + w.n()}-2024", "title_zh": "新标准", "responsible_org": w.org}),
    ("standards.Standard", "change"): lambda a, w: update_standard(a, w.samples[
        "standards.Standard"], {**editable_values(w.samples["standards.Standard"]),
                                "title_zh": f"修订标题{w.n()}"}),
    ("conformance.DataStandard", "add"): lambda a, w: conformance.publish_data_standard(
        a, identifier=f"zj/new-{w.n()}", title="新数据标准", organization=w.org, schema=SCHEMA,
        version_label="1.0"),
    ("conformance.DataStandard", "publish"): lambda a, w: conformance.publish_version(
        a, w.samples["conformance.DataStandard"], schema=SCHEMA, version_label=f"2.{w.n()}"),
    ("conformance.CodeList", "add"): lambda a, w: conformance.import_code_list(
        a, identifier=f"ZJ/new-{w.n()}", version_label="1", path=w.code_list_file(),
        title="新代码表", organization=w.org),
    ("conformance.CodeList", "change"): lambda a, w: conformance.import_code_list(
        a, identifier=w.samples["conformance.CodeList"].identifier, version_label=f"v{w.n()}",
        path=w.code_list_file()),
    ("conformance.ConformanceRun", "add"): lambda a, w: conformance.start_run(
        a, version=w.samples["conformance.DataStandardVersion"], organization=w.org,
        upload=dataset()),
}


def test_every_service_is_in_the_table():
    assert set(SERVICES) <= set(_table(ON_OBJECT))


@pytest.mark.parametrize(("name", "action"), sorted(SERVICES))
def test_service(world, name, action):
    def done(user) -> bool:
        try:
            SERVICES[name, action](user, world)
        except PermissionDenied:
            return False
        return True

    assert _allowed(world, done) == ON_OBJECT[name][action]


# ---------------------------------------------------------------- pages


def _pk(name):
    return lambda w: [w.samples[name].pk]


# (model, action, asked of "object" or "model", URL name, its arguments, signed-in only)
PAGES = [
    ("standards.Standard", "view", "object", "portal:standard", _pk("standards.Standard"), False),
    ("standards.Standard", "view", "object", "workspace:standard", _pk("standards.Standard"),
     True),
    ("standards.Standard", "change", "object", "workspace:standard-edit",
     _pk("standards.Standard"), True),
    ("standards.Standard", "add", "model", "workspace:standard-add", None, True),
    ("conformance.DataStandard", "view", "object", "conformance:standard",
     _pk("conformance.DataStandard"), False),
    ("conformance.DataStandard", "publish", "object", "conformance:version-add",
     _pk("conformance.DataStandard"), True),
    ("conformance.DataStandard", "add", "model", "conformance:standard-add", None, True),
    ("conformance.DataStandardVersion", "view", "object", "conformance:version",
     _pk("conformance.DataStandardVersion"), False),
    ("conformance.DataStandardVersion", "view", "object", "conformance:version-schema",
     _pk("conformance.DataStandardVersion"), False),
    ("conformance.CodeList", "view", "object", "conformance:code-list",
     lambda w: [w.samples["conformance.CodeList"].identifier], False),
    ("conformance.CodeList", "add", "model", "conformance:code-list-import", None, True),
    ("conformance.ConformanceRun", "view", "object", "conformance:run",
     _pk("conformance.ConformanceRun"), True),
    ("conformance.ConformanceRun", "view", "object", "conformance:run-progress",
     _pk("conformance.ConformanceRun"), True),
    ("conformance.ConformanceRun", "view", "object", "conformance:run-report-xlsx",
     _pk("conformance.ConformanceRun"), True),
    ("conformance.ConformanceRun", "view", "model", "conformance:runs", None, True),
    ("conformance.ConformanceRun", "add", "model", "conformance:run-add",
     _pk("conformance.DataStandard"), True),
]


def _page_answer(response) -> bool:
    """True if the page was shown; False if refused (403, 404, or sent to log in)."""
    if response.status_code == 200:
        return True
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login")), response["Location"]
        return False
    assert response.status_code in (403, 404), response.status_code
    return False


@pytest.mark.parametrize(("name", "action", "level", "url_name", "args", "signed_in"), PAGES,
                         ids=[f"{p[3]}-{p[1]}" for p in PAGES])
def test_page(world, name, action, level, url_name, args, signed_in):
    url = reverse(url_name, args=args(world) if args else None)
    shown = set()
    for subject in SUBJECTS:
        client = Client()
        if subject != ANONYMOUS:
            client.force_login(world.users[subject])
        if _page_answer(client.get(url)):
            shown.add(subject)
    expected = (ON_OBJECT if level == "object" else ON_MODEL)[name][action]
    if signed_in:
        expected = expected - {ANONYMOUS}
    assert shown == expected


# ---------------------------------------------------------------- API

ROUTERS = [api_urls.router, conformance_api_urls.router]
# Viewsets not built on a queryset: the model they serve and the field their URLs look up.
NOT_A_QUERYSET = {"api-conformance-code-list": ("conformance.CodeList", "identifier")}


def _model_of(viewset) -> tuple[str | None, str]:
    """The registered model a viewset serves (asked of its own get_queryset) and its lookup."""
    if not hasattr(viewset, "get_queryset"):
        return None, ""
    view = viewset(action="list", kwargs={}, format_kwarg=None)
    view.request = Request(APIRequestFactory().get("/"))
    view.request.user = SYSTEM
    model = view.get_queryset().model
    return label(model), (view.lookup_field if view.lookup_field != "pk" else "pk")


def _endpoints():
    for router in ROUTERS:
        for _prefix, viewset, basename in router.registry:
            name, lookup = NOT_A_QUERYSET.get(basename) or _model_of(viewset)
            yield pytest.param(viewset, basename, name, lookup, id=basename)


def test_every_endpoint_serves_a_registered_model():
    for param in _endpoints():
        _viewset, basename, name, _lookup = param.values
        assert name in MODELS, f"{basename} serves {name}, which has no policy"


def _client(world, subject) -> APIClient:
    client = APIClient()
    if subject != ANONYMOUS:
        client.force_authenticate(world.users[subject])
    return client


def _api_allowed(response, ok: tuple[int, ...]) -> bool:
    assert response.status_code in (*ok, 401, 403, 404), (response.status_code,
                                                          response.content[:300])
    return response.status_code in ok


@pytest.mark.parametrize(("viewset", "basename", "name", "lookup"), list(_endpoints()))
def test_api(world, viewset, basename, name, lookup):
    sample = world.samples[name]
    detail = reverse(f"{basename}-detail", args=[getattr(sample, lookup)])
    # call → (method, URL, expectation, answers that mean "done or validated")
    calls = {"retrieve": ("get", detail, ON_OBJECT[name]["view"], (200,))}
    if hasattr(viewset, "list") or hasattr(viewset, "create"):
        listing = reverse(f"{basename}-list")
    if hasattr(viewset, "list"):
        calls["list"] = ("get", listing, ON_MODEL[name]["view"], (200,))
    if hasattr(viewset, "partial_update"):
        calls["partial_update"] = ("patch", detail, ON_OBJECT[name]["change"], (200, 400))
    if hasattr(viewset, "create"):
        calls["create"] = ("post", listing, ON_MODEL[name]["add"], (400,))
    for call, (method, url, expected, ok) in calls.items():
        allowed = {subject for subject in SUBJECTS
                   if _api_allowed(getattr(_client(world, subject), method)(url, {},
                                                                          format="json"), ok)}
        assert allowed == expected, f"{call} {url}"
