"""No side door: what a policy refuses stays refused through relations, names and imports.

Superseding changes the old standard, so it needs ``change`` on it; naming an unknown
organization registers one, so it needs ``add`` on organizations. The API, the form,
the service and the importer all hold to that, and a blank status never revives a
superseded standard.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from stdhub.core import events as core_events
from stdhub.orgs.models import Organization
from stdhub.orgs.services import organization_by_name
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard
from tests.standards.io_helpers import errors_of, run_import

LIST = "/api/v1/standards/"


@pytest.fixture
def own(make_standard, org):
    return make_standard("DB33/T 1000-2020", "公共数据 目录编制规范", effective_on="2020-03-01",
                         responsible_org=org)


@pytest.fixture
def foreign(make_standard, other_org):
    return make_standard("DB33/T 2000-2020", "科技成果 登记规范", effective_on="2020-03-01",
                         responsible_org=other_org)


def events_of(std):
    """Kinds of the standard's own events, oldest first."""
    return list(core_events.events_of(std).order_by("seq").values_list("kind", flat=True))


# ---------------------------------------------------------------- superseding


def test_editor_cannot_supersede_another_organizations_standard(client_for, editor, own,
                                                                foreign):
    response = client_for(editor).patch(f"{LIST}{own.pk}/", {"replaces": [foreign.code]},
                                        format="json")
    assert response.status_code == 400, response.content
    assert "DB33/T 2000-2020" in response.json()["replaces"][0]
    foreign.refresh_from_db()
    assert foreign.status == Status.CURRENT
    assert events_of(foreign) == ["created"]
    assert not own.replaces.exists() and events_of(own) == ["created"]


def test_editor_supersedes_own_organizations_standard(client_for, editor, own, make_standard,
                                                      org):
    old = make_standard("DB33/T 999-2010", "旧标准", effective_on="2010-03-01",
                        responsible_org=org)
    response = client_for(editor).patch(f"{LIST}{own.pk}/", {"replaces": [old.code]},
                                        format="json")
    assert response.status_code == 200, response.content
    old.refresh_from_db()
    assert old.status == Status.SUPERSEDED


def test_a_standard_cannot_replace_itself(client_for, editor, own):
    response = client_for(editor).patch(f"{LIST}{own.pk}/", {"replaces": ["db33/t1000-2020"]},
                                        format="json")
    assert response.status_code == 400
    assert response.json()["replaces"] == ["DB33/T 1000-2020 cannot replace itself"]
    assert not own.replaces.exists()


def test_form_reports_the_refused_supersede_on_its_field(client, editor, own, foreign):
    client.force_login(editor)
    url = reverse("workspace:standard-edit", args=[own.pk])
    form = client.get(url).context["form"]
    values = {name: value for name in form.fields if (value := form[name].value())}
    response = client.post(url, {**values, "replaces": foreign.code})
    assert response.status_code == 200
    assert "DB33/T 2000-2020" in " ".join(response.context["form"].errors["replaces"])
    foreign.refresh_from_db()
    assert foreign.status == Status.CURRENT


def test_importer_refuses_superseding_another_organizations_standard(editor, foreign,
                                                                    tmp_path):
    path = tmp_path / "replace.csv"
    path.write_text("标准号,标准名称,归口单位,代替标准\n"
                    "DB33/T 3000-2024,新标准,省数据管理中心,DB33/T 2000-2020\n", encoding="utf-8")
    result = run_import(editor, path)
    assert [(r, c) for r, c, _ in errors_of(result)] == [(2, "代替标准")]
    assert "not allowed to supersede DB33/T 2000-2020" in result.errors[0].message
    assert not Standard.objects.filter(code="DB33/T 3000-2024").exists()
    foreign.refresh_from_db()
    assert foreign.status == Status.CURRENT


# ---------------------------------------------------------------- status rule


def test_put_without_status_keeps_a_superseded_standard_superseded(client_for, admin_user,
                                                                   own, make_standard, org):
    make_standard("DB33/T 1000-2024", "公共数据 目录编制规范", effective_on="2024-03-01",
                  responsible_org=org, replaces=[own.code])
    own.refresh_from_db()
    assert own.status == Status.SUPERSEDED
    response = client_for(admin_user).put(f"{LIST}{own.pk}/", {
        "code": own.code, "title_zh": "公共数据 目录编制规范（修订说明）",
        "effective_on": "2020-03-01", "responsible_org": org.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.SUPERSEDED


# ---------------------------------------------------------------- organizations by name


def test_editor_cannot_register_organizations_through_a_standard(client_for, editor, org,
                                                                 classes):
    before = Organization.objects.count()
    response = client_for(editor).post(LIST, {
        "code": "DB33/T 3000-2024", "title_zh": "新标准", "responsible_org": org.pk,
        "drafting_orgs": [org.pk, "浙江省不存在的研究院"]}, format="json")
    assert response.status_code == 400, response.content
    assert "浙江省不存在的研究院" in response.json()["drafting_orgs"][0]
    assert Organization.objects.count() == before
    assert not Standard.objects.exists()


def test_administrator_registers_organizations_through_a_standard(client_for, admin_user, org,
                                                                  classes):
    response = client_for(admin_user).post(LIST, {
        "code": "DB33/T 3000-2024", "title_zh": "新标准", "responsible_org": "浙江省新单位",
        "drafting_orgs": ["浙江省不存在的研究院"]}, format="json")
    assert response.status_code == 201, response.content
    names = ["浙江省新单位", "浙江省不存在的研究院"]
    assert Organization.objects.filter(name__in=names).count() == 2


def test_editor_cannot_register_organizations_through_an_import(editor, org, tmp_path):
    before = Organization.objects.count()
    path = tmp_path / "orgs.csv"
    path.write_text("标准号,标准名称,归口单位,起草单位\n"
                    "DB33/T 3000-2024,新标准,省数据管理中心,省数据管理中心；浙江省新研究院\n",
                    encoding="utf-8")
    result = run_import(editor, path)
    assert errors_of(result) == [(2, "起草单位", "no organization named '浙江省新研究院' is "
                                  "registered (only programme administrators register "
                                  "organizations)")]
    assert Organization.objects.count() == before and not Standard.objects.exists()


def test_organization_by_name_registers_only_for_those_who_may_add(editor, admin_user):
    with pytest.raises(PermissionDenied):
        organization_by_name(editor, "浙江省新研究院", create_missing=True)
    assert organization_by_name(admin_user, "浙江省新研究院", create_missing=True).pk
