"""scope(): every list shows exactly the rows the reader may see.

First generically: for every API endpoint, the list and the detail answers for another
organization's editor and an anonymous visitor are exactly ``scope(user, "view", ...)``.
Then a project's workings (documents, comments, votes) through its API and public page.
Then by giving the standard registry and data standards a private row (a ``visible``
rule, as a policy would declare it) and reading through every list there is: pages,
HTMX fragments, facets, exports, the API, search and the CLI.
"""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from stdhub.conformance.models import ConformanceRun, DataStandard
from stdhub.core import permissions
from stdhub.core.permissions import scope
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard

from .conftest import ANONYMOUS, OTHER, SUBJECTS
from .expected import PROJECT_INSIDERS
from .test_matrix import MODELS, _endpoints


def _key(model, lookup: str) -> str:
    return model._meta.pk.name if lookup == "pk" else lookup


def _api_visible(viewset, user, model):
    """``scope(user, "view", ...)``, narrowed to the caller's own rows where the viewset
    serves those only (``owner_field``)."""
    rows = scope(user, "view", model.objects.all())
    if owner := getattr(viewset, "owner_field", None):
        rows = rows.filter(**{f"{owner}_id": getattr(user, "pk", None)})
    return rows


# One test per endpoint, every subject in turn: the world is built once per endpoint.
@pytest.mark.parametrize(("viewset", "basename", "name", "lookup"), list(_endpoints()))
def test_api_shows_exactly_the_visible_rows(world, viewset, basename, name, lookup):
    model = MODELS[name]
    key = _key(model, lookup)
    every = {str(getattr(o, key)) for o in model.objects.all()}
    assert every, f"the world has no {name}"
    for subject in (OTHER, ANONYMOUS, "viewer"):
        user = world.users[subject]
        visible = {str(getattr(o, key)) for o in _api_visible(viewset, user, model)}
        client = APIClient()
        if subject != ANONYMOUS:
            client.force_authenticate(user)
        if hasattr(viewset, "list") and visible:
            body = client.get(reverse(f"{basename}-list"), {"page_size": 200}).json()
            rows = body["results"] if isinstance(body, dict) else body
            assert {str(row[key]) for row in rows} & every == visible, subject
        for value in every if hasattr(viewset, "retrieve") else ():  # list-only: no detail
            response = client.get(reverse(f"{basename}-detail", args=[value]))
            assert (response.status_code == 200) == (value in visible), (
                subject, value, response.status_code)


def test_runs_of_another_organization_stay_hidden(world):
    """The one model with private rows today: the run list page, its HTMX-polled status
    and the API agree with scope()."""
    other = world.users[OTHER]
    theirs, ours = world.theirs["conformance.ConformanceRun"], world.samples[
        "conformance.ConformanceRun"]
    assert set(scope(other, "view", ConformanceRun.objects.all())) == {theirs}
    client = Client()
    client.force_login(other)
    page = client.get(reverse("conformance:runs")).context["page"]
    assert list(page.object_list) == [theirs]
    assert client.get(reverse("conformance:run-progress", args=[ours.pk])).status_code == 404
    detail = client.get(world.samples["conformance.DataStandard"].get_absolute_url())
    assert detail.context["runs"] == []


# ---------------------------------------------------------------- a private standard

PRIVATE = "DB33/T 1001-2020"


@pytest.fixture
def private_standard(world, monkeypatch):
    """A registry in which one standard is visible to programme administrators only."""
    admin = world.users["admin"]
    values = {"effective_on": "2020-03-01", "responsible_org": world.org}
    private = create_standard(admin, {"code": PRIVATE, "title_zh": "公共数据 保密草案", **values})
    create_standard(admin, {"code": "DB33/T 1002-2024", "title_zh": "公共数据 替代标准",
                            "replaces": [PRIVATE], **values})
    rules = permissions.rules_for(Standard)

    def check(user, action, obj):
        if action == "view" and obj is not None and obj.code == PRIVATE:
            return False
        return rules.check(user, action, obj)

    def visible(user, action, queryset):
        return queryset.exclude(code=PRIVATE)

    monkeypatch.setitem(permissions._rules, Standard,
                        dataclasses.replace(rules, check=check, visible=visible))
    return private


def _pages(client, private):
    """Every page and fragment that lists standards, and the private one's own pages."""
    search = reverse("portal:search")
    workspace = reverse("workspace:standards")
    export = reverse("workspace:standards-export")
    return {
        "home": client.get(reverse("portal:home")),
        "search": client.get(search),
        "search q": client.get(search, {"q": "公共数据"}),
        "search fragment": client.get(search, {"q": "公共数据"}, HTTP_HX_REQUEST="true"),
        "workspace home": client.get(reverse("workspace:home")),
        "workspace list": client.get(workspace),
        "workspace list q": client.get(workspace, {"q": "公共数据", "ordering": "code"}),
        "workspace fragment": client.get(workspace, {"q": "公共数据"}, HTTP_HX_REQUEST="true"),
        "export csv": client.get(export, {"format": "csv"}),
        "export json q": client.get(export, {"format": "json", "q": "公共数据"}),
    }


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def test_a_private_standard_appears_in_no_page_or_export(world, private_standard):
    client = Client()
    client.force_login(world.users["editor"])
    for name, response in _pages(client, private_standard).items():
        assert response.status_code == 200, name
        text = _text(response)
        assert PRIVATE not in text and "保密草案" not in text, name
        if name not in ("home", "workspace home"):
            assert "DB33/T 1002-2024" in text, name
    for url_name in ("portal:standard", "workspace:standard", "workspace:standard-edit"):
        assert client.get(reverse(url_name, args=[private_standard.pk])).status_code == 404
    replacing = Standard.objects.get(code="DB33/T 1002-2024")
    assert PRIVATE not in _text(client.get(reverse("portal:standard", args=[replacing.pk])))
    home = client.get(reverse("portal:home")).context
    assert home["total"] == Standard.objects.count() - 1

    client.force_login(world.users["admin"])  # administrators see everything
    assert PRIVATE in _text(client.get(reverse("workspace:standards"), {"q": "公共数据"}))


def test_a_private_standard_appears_in_no_api_answer(world, private_standard):
    client = APIClient()
    client.force_authenticate(world.users["editor"])
    api = "/api/v1/standards/"
    for params in ({}, {"q": "公共数据"}, {"q": PRIVATE}, {"status": "superseded"}):
        body = client.get(api, params).json()
        assert PRIVATE not in [row["code"] for row in body["results"]], params
        assert body["count"] == (0 if params.get("q") == PRIVATE
                                 else len(body["results"])), params
    for url in (f"{api}{private_standard.pk}/", f"{api}{private_standard.pk}/events/"):
        assert client.get(url).status_code == 404
    assert client.get(f"{api}by-code/", {"code": PRIVATE}).status_code == 404
    replacing = Standard.objects.get(code="DB33/T 1002-2024")
    assert client.get(f"{api}{replacing.pk}/").json()["replaces"] == []


def _command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_private_standard_appears_in_no_command_output_for_that_user(
        world, private_standard):
    found = json.loads(_command("search", "公共数据", "--json", "--user", "u-editor"))
    assert PRIVATE not in [row["code"] for row in found["results"]]
    assert found["total"] == len(found["results"])
    path = world.tmp_path / "export.json"
    _command("export", "standards", "--format", "json", "--output", str(path),
             "--user", "u-editor")
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert PRIVATE not in [row["code"] for row in exported] and exported
    # The operator (no --user) reads everything.
    assert PRIVATE in _command("search", PRIVATE, "--json")


# ---------------------------------------------------------------- a private data standard


@pytest.fixture
def private_data_standard(world, monkeypatch):
    """The organization's data standard becomes visible to its own members only."""
    hidden = world.samples["conformance.DataStandard"]
    rules = permissions.rules_for(DataStandard)

    def check(user, action, obj):
        if action == "view" and obj is not None:
            return obj.organization_id in permissions.member_orgs(user)
        return rules.check(user, action, obj)

    def visible(user, action, queryset):
        return queryset.filter(organization__in=permissions.member_orgs(user))

    monkeypatch.setitem(permissions._rules, DataStandard,
                        dataclasses.replace(rules, check=check, visible=visible))
    return hidden


def test_a_private_data_standard_and_its_versions_stay_hidden(world, private_data_standard):
    version = world.samples["conformance.DataStandardVersion"]
    theirs = world.theirs["conformance.DataStandard"]
    for subject in (OTHER, ANONYMOUS):
        client, api = Client(), APIClient()
        if subject != ANONYMOUS:
            client.force_login(world.users[subject])
            api.force_authenticate(world.users[subject])
        listed = client.get(reverse("conformance:standards")).context["page"].object_list
        assert list(listed) == ([theirs] if subject == OTHER else [])
        rows = api.get("/api/v1/conformance/data-standards/").json()["results"]
        assert [row["id"] for row in rows] == [theirs.pk for _ in listed]
        for url in (private_data_standard.get_absolute_url(), version.get_absolute_url(),
                    reverse("conformance:version-schema", args=[version.pk]),
                    f"/api/v1/conformance/data-standards/{private_data_standard.pk}/",
                    f"/api/v1/conformance/versions/{version.pk}/"):
            assert (client if url.startswith("/data") else api).get(url).status_code == 404
    client = Client()
    client.force_login(world.users["viewer"])  # a member of the owning organization
    assert client.get(version.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------- a project's workings


def test_a_projects_workings_stay_with_its_insiders(world):
    """The project under review is public; its review draft, comments (with the
    commenter's contact) and votes are shown through its API and public page exactly as
    scope() allows."""
    project = world.samples["projects.Project"]
    comment = world.samples["projects.Comment"]
    api = f"/api/v1/projects/{project.pk}/"
    for subject in SUBJECTS:
        user = world.users[subject]
        client, page = APIClient(), Client()
        if subject != ANONYMOUS:
            client.force_authenticate(user)
            page.force_login(user)
        documents = {row["id"] for row in client.get(f"{api}documents/").json()}
        assert documents == set(scope(user, "view", project.documents.all())
                                .values_list("pk", flat=True)), subject
        inside = subject in PROJECT_INSIDERS
        comments = client.get(f"{api}comments/").json()
        assert [row["number"] for row in comments] == ([comment.number] if inside else []), \
            subject
        assert len(client.get(f"{api}votes/").json()) == (1 if inside else 0), subject
        public = _text(page.get(reverse("projects:public", args=[project.pk])))
        assert comment.commenter_contact not in public, subject
        shown_draft = reverse("projects:document",
                              args=[world.samples["projects.ProjectDocument"].pk]) in public
        assert not shown_draft or inside, subject


def test_private_applications_and_unpublished_results_stay_hidden_on_pages(world):
    """The other organization's pilot application is not on the organization's list page,
    and an unpublished evaluation result is on no public page."""
    theirs = world.theirs["pilots.Pilot"]
    subject = world.samples["evaluation.Subject"]
    client = Client()
    client.force_login(world.users["editor"])
    listed = client.get(reverse("pilots:list")).content.decode()
    assert world.samples["pilots.Pilot"].name in listed and theirs.name not in listed
    for user in (world.users[OTHER], world.users["viewer"]):
        client.force_login(user)
        page = client.get(reverse("evaluation:public")).content.decode()
        assert subject.label not in page
        assert client.get(reverse("evaluation:campaign", args=[subject.campaign_id])
                          ).status_code in (403, 404)
