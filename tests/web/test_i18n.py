"""Chinese by default; the language switch turns the interface to English."""

from django.urls import reverse


def test_switch_to_english_and_back(client, registry):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/search/"})
    assert response.status_code == 302 and response["Location"] == "/search/"
    html = client.get(reverse("portal:search")).content.decode()
    assert '<html lang="en">' in html
    assert "Search standards" in html and "Sign in" in html
    assert "标准检索" not in html
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "标准检索" in client.get(reverse("portal:home")).content.decode()


def test_english_workspace(client, editor, registry):
    client.force_login(editor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("workspace:standards")).content.decode()
    assert "Standards" in html and "Review due" in html


def test_browser_language_english_is_honoured(client, db):
    html = client.get(reverse("portal:home"), headers={"accept-language": "en"}).content.decode()
    assert "Public standards search" in html
