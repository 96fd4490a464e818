"""Who may open which page: public reading, editors publish for their own organization."""

import pytest
from django.urls import reverse

from stdhub.conformance.models import DataStandard


@pytest.mark.parametrize("name", ["conformance:standards", "conformance:code-lists"])
def test_reading_is_public(client, data_standard, name):
    assert client.get(reverse(name)).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, data_standard):
    for url in (reverse("conformance:standard-add"), reverse("conformance:runs"),
                reverse("conformance:run-add", args=[data_standard.pk]),
                reverse("conformance:code-list-import")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_viewer_may_test_but_not_publish(client, viewer, data_standard):
    client.force_login(viewer)
    assert client.get(reverse("conformance:standard-add")).status_code == 403
    assert client.get(reverse("conformance:version-add", args=[data_standard.pk])).status_code \
        == 403
    assert client.get(reverse("conformance:code-list-import")).status_code == 403
    page = client.get(data_standard.get_absolute_url())
    assert page.context["can_run"] and not page.context["can_publish"]
    form = client.get(reverse("conformance:run-add", args=[data_standard.pk])).context["form"]
    assert [o.name for o in form.fields["organization"].queryset] == ["浙江省数据管理中心"]


def test_editor_of_another_organization_cannot_publish_a_version(client, outsider, data_standard):
    client.force_login(outsider)
    url = reverse("conformance:version-add", args=[data_standard.pk])
    assert client.post(url, {"version_label": "9", "schema": "{}"}).status_code == 403
    assert data_standard.versions.count() == 1


def test_editor_may_only_choose_own_organizations(client, editor, other_org):
    client.force_login(editor)
    response = client.post(reverse("conformance:standard-add"), {
        "identifier": "x", "title": "x", "organization": other_org.pk, "version_label": "1",
        "schema": '{"fields": [{"name": "a"}]}'})
    assert "organization" in response.context["form"].errors
    assert not DataStandard.objects.exists()


def test_user_without_membership_cannot_run(client, make_user, data_standard):
    client.force_login(make_user(username="nobody"))
    assert client.get(reverse("conformance:run-add", args=[data_standard.pk])).status_code == 403
    assert client.get(reverse("conformance:runs")).status_code == 403
