"""The workspace home lists reviews due for the person's organizations and recent events."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from stdhub.orgs.models import Organization
from stdhub.standards.services import create_standard


def _standard(actor, code, effective_on, responsible, drafting=(), replaces=()):
    return create_standard(actor, {"code": code, "title_zh": f"标准 {code}",
                                   "effective_on": effective_on, "responsible_org": responsible,
                                   "drafting_orgs": list(drafting), "replaces": list(replaces)})


def test_home_lists_reviews_due_of_my_organizations(client, editor, admin_user, org, other_org):
    today = timezone.localdate()
    overdue = _standard(admin_user, "DB33/T 2000-2019", dt.date(2019, 3, 1), org)
    # Took effect 4 years 9 months ago: its review falls due within about three months.
    soon = _standard(admin_user, "DB33/T 2001-2021", today - dt.timedelta(days=4 * 365 + 270),
                     other_org, drafting=[org])
    later = _standard(admin_user, "DB33/T 2002-2024", today - dt.timedelta(days=30), org)
    not_mine = _standard(admin_user, "DB33/T 2003-2019", dt.date(2019, 3, 1), other_org)
    old = _standard(admin_user, "DB33/T 2004-2015", dt.date(2015, 3, 1), org)
    _standard(admin_user, "DB33/T 2004-2020", dt.date(2020, 3, 1), other_org, replaces=[old.code])
    client.force_login(editor)
    page = client.get(reverse("workspace:home")).content.decode()
    html = page.split("最近动态")[0]  # the to-do section only
    assert overdue.code in html and "已逾期" in html
    assert soon.code in html  # drafted by the editor's organization
    assert later.code not in html
    assert not_mine.code not in html
    assert old.code not in html  # replaced: no longer reviewed


def test_home_of_an_unrelated_editor_has_nothing_due(client, make_user, registry):
    stranger_org = Organization.objects.create(name="浙江省体育局")
    client.force_login(make_user("editor", stranger_org))
    html = client.get(reverse("workspace:home")).content.decode()
    assert "暂无待办事项" in html
    assert registry[-1].code not in html


def test_home_shows_recent_events_with_actor(client, editor, registry):
    client.force_login(editor)
    html = client.get(reverse("workspace:home")).content.decode()
    assert registry[-1].code in html
    assert "admin" in html  # the registry was created by the programme administrator


def test_a_long_to_do_list_is_counted_up_to_a_cap(client, admin_user, org, monkeypatch):
    from stdhub import workspace_views

    monkeypatch.setattr(workspace_views, "COUNT_CAP", 2)
    for n in range(3):
        _standard(admin_user, f"DB33/T {3000 + n}-2019", dt.date(2019, 3, 1), org)
    client.force_login(admin_user)
    html = client.get(reverse("workspace:home")).content.decode()
    assert "(2+)" in html and "查看全部" in html
