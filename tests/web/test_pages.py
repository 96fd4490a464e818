"""Every page answers: the portal without an account, the workspace only after login."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["portal:home", "portal:search"])
def test_portal_pages_answer_anonymous(client, registry, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "标准" in response.content.decode()


def test_portal_detail_answers_anonymous(client, registry):
    std = registry[0]
    response = client.get(std.get_absolute_url())
    assert response.status_code == 200
    assert std.code in response.content.decode()


def test_unknown_standard_is_404(client, db):
    assert client.get(reverse("portal:standard", args=[999999])).status_code == 404


def test_portal_is_chinese_by_default(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="zh-CN">' in html
    assert "标准信息公开查询" in html


@pytest.mark.parametrize("path", [
    "/workspace/", "/workspace/standards/", "/workspace/standards/new/",
    "/workspace/standards/1/", "/workspace/standards/1/edit/", "/workspace/standards/export/",
])
def test_workspace_redirects_anonymous_to_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_login_page_and_login(client, editor):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "editor", "password": "pw-stdhub-2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")


def test_login_with_a_wrong_password_says_so(client, editor):
    response = client.post(reverse("login"), {"username": "editor", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="errorlist nonfield"' in response.content.decode()


def test_workspace_pages_answer_signed_in(client, editor, registry):
    client.force_login(editor)
    std = registry[0]  # responsible: the editor's organization
    for url in [reverse("workspace:home"), reverse("workspace:standards"),
                reverse("workspace:standard", args=[std.pk]),
                reverse("workspace:standard-edit", args=[std.pk]),
                reverse("workspace:standard-add")]:
        assert client.get(url).status_code == 200, url


def test_logout_returns_to_portal(client, editor):
    client.force_login(editor)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_static_assets_are_local(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    assert "/static/stdhub/vendor/htmx.min.js" in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_assets_are_served_by_the_app_itself(client, db):
    for path in ["stdhub/vendor/htmx.min.js", "stdhub/vendor/htmx.LICENSE.txt",
                 "stdhub/css/stdhub.css", "stdhub/js/stdhub.js"]:
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content)
