"""API tokens: stored hashed, expiring, revocable, and ended by new passwords."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from stdhub.core.events import verify
from stdhub.core.models import Event
from stdhub.orgs.models import ApiToken
from stdhub.orgs.services import issue_token

TOKEN = "/api/v1/auth/token/"
MINE = "/api/v1/auth/tokens/"
PASSWORD = "pw-stdhub-2026"


def authed(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def works(key) -> bool:
    """Does ``key`` authenticate? (listing one's tokens needs authentication)"""
    status = authed(key).get(MINE).status_code
    assert status in (200, 401), status
    return status == 200


@pytest.mark.django_db
def test_token_is_stored_hashed_and_expires_after_the_configured_days(anon, editor, settings):
    settings.API_TOKEN_DAYS = 7
    body = anon.post(TOKEN, {"username": "editor", "password": PASSWORD, "name": "nightly sync"},
                     format="json").json()
    key = body["token"]
    token = ApiToken.objects.get(pk=body["id"])
    assert token.user == editor and token.name == "nightly sync"
    assert key not in (token.digest, token.password_check) and len(token.digest) == 64
    assert not ApiToken.objects.filter(digest=key).exists()
    lifetime = token.expires_at - token.created_at
    assert dt.timedelta(days=7) - dt.timedelta(seconds=5) < lifetime <= dt.timedelta(days=7)
    event = Event.objects.get(kind="token-issued")
    assert event.actor == editor
    assert key not in f"{event.message} {event.diff} {event.object_repr}"
    assert works(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    # Each request for a token issues a new one; both work.
    second = anon.post(TOKEN, {"username": "editor", "password": PASSWORD}, format="json")
    assert second.json()["token"] != key and works(second.json()["token"]) and works(key)


@pytest.mark.django_db
def test_an_expired_token_is_refused(editor):
    token, key = issue_token(editor, editor)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    response = authed(key).get(MINE)
    assert response.status_code == 401 and "expired" in response.json()["detail"]
    assert not works("not-a-key") and not works(key[:-1])


@pytest.mark.django_db
def test_changing_the_password_ends_every_token(editor):
    _, first = issue_token(editor, editor)
    _, second = issue_token(editor, editor)
    assert works(first) and works(second)
    editor.set_password("a-new-pw-for-2027")
    editor.save()
    assert not works(first) and not works(second)
    _, fresh = issue_token(editor, editor)
    assert works(fresh)


@pytest.mark.django_db
def test_a_deactivated_user_s_token_is_refused(editor):
    _, key = issue_token(editor, editor)
    editor.is_active = False
    editor.save()
    assert not works(key)


@pytest.mark.django_db
def test_list_shows_only_one_s_own_tokens_and_never_a_key(editor, admin_user):
    mine, key = issue_token(editor, editor, name="mine")
    issue_token(admin_user, admin_user, name="the administrator's")
    body = authed(key).get(MINE).json()
    assert [t["name"] for t in body["results"]] == ["mine"]
    assert body["results"][0]["state"] == "active"
    assert key not in str(body) and "digest" not in body["results"][0]
    assert APIClient().get(MINE).status_code == 401


@pytest.mark.django_db
def test_delete_revokes_one_s_own_token_and_records_it(editor):
    token, key = issue_token(editor, editor, name="laptop")
    _, other_key = issue_token(editor, editor, name="server")
    client = authed(other_key)
    assert client.delete(f"{MINE}{token.pk}/").status_code == 204
    assert not works(key) and works(other_key)
    listed = {t["name"]: t["state"] for t in client.get(MINE).json()["results"]}
    assert listed == {"laptop": "revoked", "server": "active"}
    event = Event.objects.get(kind="token-revoked")
    assert event.actor == editor and event.object_id == str(token.pk)
    assert verify().ok


@pytest.mark.django_db
def test_nobody_revokes_another_user_s_token(editor, make_user):
    _, key = issue_token(editor, editor)
    intruder = make_user(username="intruder")
    _, intruder_key = issue_token(intruder, intruder)
    victim_token = ApiToken.objects.get(user=editor)
    assert authed(intruder_key).delete(f"{MINE}{victim_token.pk}/").status_code == 404
    assert APIClient().delete(f"{MINE}{victim_token.pk}/").status_code == 401
    assert works(key)
    assert not Event.objects.filter(kind="token-revoked").exists()


@pytest.mark.django_db
def test_wrong_or_malformed_credentials_answer_400(anon, editor):
    for body in ({"username": "editor", "password": "wrong"},
                 {"username": "nobody", "password": PASSWORD}, {"username": "editor"}, {}):
        response = anon.post(TOKEN, body, format="json")
        assert response.status_code == 400, body
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_workspace_page_issues_lists_and_revokes_tokens(client, editor, make_user):
    other = make_user(username="other")
    foreign, _ = issue_token(other, other, name="other's")
    client.force_login(editor)
    page = client.post("/workspace/tokens/", {"name": "报表脚本"})
    assert page.status_code == 200
    html = page.content.decode()
    token = ApiToken.objects.get(user=editor)
    key = page.context["new_key"]
    assert key in html and "报表脚本" in html and "other's" not in html
    assert works(key)
    # The key is shown once: the page does not show it again.
    assert key not in client.get("/workspace/tokens/").content.decode()
    revoked = client.post(f"/workspace/tokens/{token.pk}/revoke/", follow=True)
    assert revoked.status_code == 200 and not works(key)
    assert client.post(f"/workspace/tokens/{foreign.pk}/revoke/").status_code == 404
    assert client.get(f"/workspace/tokens/{foreign.pk}/revoke/").status_code == 405
    assert ApiToken.objects.get(pk=foreign.pk).revoked_at is None
