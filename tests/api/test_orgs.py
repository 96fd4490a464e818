"""Organizations over the API: public reads, writes by programme administrators only."""

import pytest

from stdhub.core.events import events_of
from stdhub.orgs.choices import OrgKind
from stdhub.orgs.models import Organization

LIST = "/api/v1/organizations/"


@pytest.fixture
def lab(db):
    return Organization.objects.create(name="之江实验室", kind=OrgKind.LAB)


def test_list_filters_by_kind_and_name(anon, org, other_org, lab):
    body = anon.get(LIST, {"kind": "government"}).json()
    assert [o["name"] for o in body["results"]] == ["浙江省数据管理中心", "浙江省科学技术厅"]
    assert [o["name"] for o in anon.get(LIST, {"q": "实验"}).json()["results"]] == ["之江实验室"]
    assert [o["name"] for o in anon.get(LIST, {"q": "省科技厅"}).json()["results"]] == [
        "浙江省科学技术厅"]
    bad = anon.get(LIST, {"kind": "guild"})
    assert bad.status_code == 400 and "kind" in bad.json()
    detail = anon.get(f"{LIST}{lab.pk}/").json()
    assert detail["kind"] == "lab" and detail["url"].endswith(f"{LIST}{lab.pk}/")


def test_admin_registers_and_changes_an_organization(client_for, admin_user, org):
    client = client_for(admin_user)
    created = client.post(LIST, {"name": "杭州市数据资源管理局", "kind": "government",
                                 "parent": org.pk}, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = client.patch(f"{LIST}{pk}/", {"short_name": "杭州市数据局"}, format="json")
    assert changed.status_code == 200 and changed.json()["short_name"] == "杭州市数据局"
    history = [e.kind for e in events_of(Organization.objects.get(pk=pk))]
    assert history == ["changed", "created"]


def test_duplicate_name_answers_400_from_the_service(client_for, admin_user, org):
    response = client_for(admin_user).post(LIST, {"name": org.name}, format="json")
    assert response.status_code == 400 and response.json()["name"]


def test_only_administrators_write(anon, client_for, editor, org):
    assert anon.post(LIST, {"name": "某协会"}, format="json").status_code == 401
    refused = client_for(editor).post(LIST, {"name": "某协会"}, format="json")
    assert refused.status_code == 403 and refused.json()["detail"]
    patched = client_for(editor).patch(f"{LIST}{org.pk}/", {"short_name": "x"}, format="json")
    assert patched.status_code == 403
    assert not Organization.objects.filter(name="某协会").exists()
