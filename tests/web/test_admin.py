"""Django admin shows every model; audited rows cannot be altered there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from stdhub.core.events import events_of
from stdhub.core.models import ChainHead, Event
from stdhub.orgs.models import Membership, Organization
from stdhub.standards.models import Standard


@pytest.fixture
def root_client(client, superuser):
    client.force_login(superuser)
    return client


def test_every_stdhub_model_is_registered():
    from django.apps import apps

    ours = [m for label in ("core", "orgs", "standards", "projects")
            for m in apps.get_app_config(label).get_models()]
    missing = [m.__name__ for m in ours if m not in admin.site._registry]
    assert not missing


@pytest.mark.parametrize("model", [Event, ChainHead, Organization, Membership, Standard])
def test_changelists_answer(root_client, registry, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert root_client.get(url).status_code == 200


def test_standard_and_event_are_read_only(root_client, registry):
    std = registry[0]
    event = events_of(std).first()
    for obj in (std, event):
        meta = obj._meta
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert root_client.get(change).status_code == 200  # viewable
        assert root_client.post(change, {}).status_code == 403
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        assert root_client.get(add).status_code == 403


def test_organization_added_in_admin_is_audited(root_client, db):
    response = root_client.post(reverse("admin:orgs_organization_add"),
                                {"name": "浙江省大数据发展管理局", "kind": "government"})
    assert response.status_code == 302
    org = Organization.objects.get(name="浙江省大数据发展管理局")
    assert [e.kind for e in events_of(org)] == ["created"]
    change = reverse("admin:orgs_organization_change", args=[org.pk])
    root_client.post(change, {"name": org.name, "short_name": "省大数据局", "kind": "government",
                              "version": org.version})
    org.refresh_from_db()
    assert org.short_name == "省大数据局"
    assert [e.kind for e in events_of(org)] == ["changed", "created"]
    assert events_of(org).first().diff == {"short_name": ["", "省大数据局"]}


def test_stale_organization_change_in_admin_is_refused_with_what_differs(root_client, org):
    change = reverse("admin:orgs_organization_change", args=[org.pk])
    assert 'name="version" value="1"' in root_client.get(change).content.decode()
    base = {"name": org.name, "kind": org.kind, "version": 1}
    assert root_client.post(change, {**base, "short_name": "第一"}).status_code == 302
    refused = root_client.post(change, {**base, "website": "https://example.org"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "已被他人修改" in html and 'name="version" value="2"' in html
    conflicts = {d.yours for d in refused.context["adminform"].form.conflicts}
    assert "https://example.org" in conflicts
    org.refresh_from_db()
    assert (org.short_name, org.website, org.version) == ("第一", "", 2)


def test_membership_added_in_admin_is_audited(root_client, org, make_user):
    user = make_user()
    response = root_client.post(reverse("admin:orgs_membership_add"),
                                {"user": user.pk, "organization": org.pk, "role": "editor"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, organization=org, role="editor").exists()
    assert events_of(org).first().kind == "member-added"
