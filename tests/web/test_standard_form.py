"""Create and edit through the form: field errors, permissions, history, no-op edits."""

import pytest
from django.urls import reverse

from stdhub.core.events import events_of
from stdhub.core.models import Event
from stdhub.standards.models import Standard
from stdhub.standards.services import editable_values

ADD = reverse("workspace:standard-add")


def form_data(std: Standard, **changes) -> dict:
    """What the edit page posts when nothing is touched, plus ``changes``."""
    values = editable_values(std)
    data = {k: ("; ".join(v) if k in ("ics", "ccs", "replaces") else v) for k, v in values.items()}
    data["responsible_org"] = std.responsible_org_id or ""
    data["drafting_orgs"] = [o.pk for o in values["drafting_orgs"]]
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["version"] = std.version  # the hidden field: the version the edit is based on
    data.update(changes)
    return data


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_create_shows_field_errors_and_keeps_input(signed_in, org, classes):
    response = signed_in.post(ADD, {
        "code": "XYZ 12", "title_zh": "", "effective_on": "2021年13月1日", "ics": "99.999",
        "responsible_org": org.pk, "scope": "保留我输入的范围",
    })
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"code", "title_zh"}
    html = response.content.decode()
    assert html.count('class="errorlist"') >= 2
    assert "保留我输入的范围" in html
    assert not Standard.objects.exists()


def test_service_errors_land_on_their_fields(signed_in, org, classes):
    response = signed_in.post(ADD, {"code": "DB33/T 3000-2021", "title_zh": "测试标准",
                                    "effective_on": "2021年13月1日", "ics": "99.999",
                                    "responsible_org": org.pk})
    form = response.context["form"]
    assert "effective_on" in form.errors
    assert "ics" in form.errors and "99.999" in form.errors["ics"][0]


def test_create_records_one_event_and_redirects(signed_in, org, classes):
    response = signed_in.post(ADD, {"code": "db33/t 3001—2021", "title_zh": "数据共享指南",
                                    "effective_on": "2021-06-01", "ics": "35.240.01",
                                    "ccs": "L70", "responsible_org": org.pk})
    std = Standard.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:standard", args=[std.pk])
    assert std.code == "DB33/T 3001-2021"
    assert [e.kind for e in events_of(std)] == ["created"]


def test_duplicate_code_is_a_field_error(signed_in, registry, org):
    response = signed_in.post(ADD, {"code": registry[0].code, "title_zh": "重复",
                                    "responsible_org": org.pk})
    assert response.status_code == 200
    assert "already registered" in response.context["form"].errors["code"][0]


def test_editor_cannot_file_under_another_organization(signed_in, other_org, classes):
    response = signed_in.post(ADD, {"code": "DB33/T 3002-2021", "title_zh": "他人标准",
                                    "responsible_org": other_org.pk})
    assert "responsible_org" in response.context["form"].errors
    assert not Standard.objects.exists()


def test_user_without_role_may_not_add(client, make_user, db):
    client.force_login(make_user())
    assert client.get(ADD).status_code == 403


def test_edit_own_standard_records_the_change(signed_in, registry):
    std = registry[10]  # responsible: the editor's organization
    old_title = std.title_zh
    url = reverse("workspace:standard-edit", args=[std.pk])
    response = signed_in.post(url, form_data(std, title_zh="一网通办服务规范（修订）",
                                             message="按意见修改名称"))
    assert response.status_code == 302
    std.refresh_from_db()
    assert std.title_zh == "一网通办服务规范（修订）"
    event = events_of(std).first()
    assert event.kind == "changed" and event.message == "按意见修改名称"
    assert list(event.diff) == ["title_zh"]
    detail = signed_in.get(reverse("workspace:standard", args=[std.pk])).content.decode()
    assert "一网通办服务规范（修订）" in detail
    assert "按意见修改名称" in detail and "editor" in detail
    assert f'class="before">{old_title}</td>' in detail


def test_no_op_edit_records_no_event(signed_in, registry):
    std = registry[12]
    before = Event.objects.count()
    response = signed_in.post(reverse("workspace:standard-edit", args=[std.pk]), form_data(std),
                              follow=True)
    assert Event.objects.count() == before
    assert "没有修改" in response.content.decode()


def test_edit_of_another_organizations_standard_is_refused(signed_in, registry):
    std = registry[11]  # responsible: the other organization
    url = reverse("workspace:standard-edit", args=[std.pk])
    assert signed_in.get(url).status_code == 403
    assert signed_in.post(url, form_data(std, title_zh="越权修改")).status_code == 403
    std.refresh_from_db()
    assert std.title_zh != "越权修改"


def test_edit_button_only_when_allowed(signed_in, registry):
    own, foreign = registry[10], registry[11]
    own_page = signed_in.get(reverse("workspace:standard", args=[own.pk])).content.decode()
    foreign_page = signed_in.get(reverse("workspace:standard", args=[foreign.pk])).content.decode()
    assert reverse("workspace:standard-edit", args=[own.pk]) in own_page
    assert reverse("workspace:standard-edit", args=[foreign.pk]) not in foreign_page


def test_edit_form_is_filled_with_current_values(signed_in, registry):
    std = registry[24]
    html = signed_in.get(reverse("workspace:standard-edit", args=[std.pk])).content.decode()
    assert f'value="{std.code}"' in html
    assert f'value="{registry[4].code}"' in html  # replaces
    assert 'value="03.080"' in html


def test_second_of_two_editors_gets_the_form_back_with_what_differs(signed_in, registry):
    """Both open the form at the same version; the second save must not revert the first."""
    std = registry[10]
    url = reverse("workspace:standard-edit", args=[std.pk])
    opened = signed_in.get(url).content.decode()
    assert f'name="version" value="{std.version}"' in opened
    first = form_data(std, title_zh="第一位编辑的标题")
    second = form_data(std, scope="第二位编辑的范围")  # still carries the old title
    assert signed_in.post(url, first).status_code == 302

    refused = signed_in.post(url, second)
    assert refused.status_code == 409
    std.refresh_from_db()
    assert (std.title_zh, std.scope) == ("第一位编辑的标题", "")  # nothing overwritten
    form = refused.context["form"]
    rows = {d.label: (d.stored, d.yours) for d in form.conflicts}
    assert rows[str(form.fields["title_zh"].label)] == ("第一位编辑的标题", second["title_zh"])
    assert rows[str(form.fields["scope"].label)] == ("—", "第二位编辑的范围")
    html = refused.content.decode()
    assert "已被他人修改" in html and "第一位编辑的标题" in html
    assert "第二位编辑的范围" in html  # the second editor's input is kept
    assert f'name="version" value="{std.version}"' in html  # now based on the current version

    # Having looked, the second editor saves again: now it is a deliberate change.
    again = signed_in.post(url, {**second, "version": std.version})
    assert again.status_code == 302
    std.refresh_from_db()
    assert (std.title_zh, std.scope) == (second["title_zh"], "第二位编辑的范围")
    assert [e.kind for e in events_of(std)][:2] == ["changed", "changed"]


def test_edit_without_its_version_is_refused(signed_in, registry):
    std = registry[10]
    data = form_data(std, title_zh="无版本")
    del data["version"]
    response = signed_in.post(reverse("workspace:standard-edit", args=[std.pk]), data)
    assert response.status_code == 200 and "version" in response.context["form"].errors
    assert "表单缺少版本号" in response.content.decode()
    std.refresh_from_db()
    assert std.title_zh != "无版本"
