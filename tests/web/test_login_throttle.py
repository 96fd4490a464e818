"""Password guessing: five failures for one username from one address lock that pair out."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from stdhub.orgs.models import ApiToken

PASSWORD = "pw-stdhub-2026"
LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
LOCKED = 429

pytestmark = pytest.mark.django_db


def web_login(client, password, **headers):
    return client.post(LOGIN, {"username": "editor", "password": password}, **headers)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_sixth_wrong_web_login_is_refused_and_then_even_the_right_password(client, editor,
                                                                            settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        wrong = web_login(client, "guess")
        assert wrong.status_code == 200 and wrong.context["form"].errors
    locked = [web_login(client, "guess") for _ in range(2)]  # the 5th failure locks
    assert [r.status_code for r in locked] == [LOCKED, LOCKED]
    assert "15" in locked[-1].content.decode() and locked[-1]["Retry-After"] == "900"
    right = web_login(client, PASSWORD)
    assert right.status_code == LOCKED and not logged_in(client)


def test_forging_x_forwarded_for_does_not_reset_the_count(client, editor):
    for n in range(6):
        response = web_login(client, "guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert response.status_code == LOCKED
    assert web_login(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == LOCKED


def test_the_lock_is_per_username_and_address(client, editor):
    for _ in range(5):
        web_login(client, "guess")
    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    assert web_login(elsewhere, PASSWORD).status_code == 302 and logged_in(elsewhere)


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        web_login(client, "guess")
    assert web_login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert web_login(client, "guess").status_code == 200
    assert web_login(client, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        web_login(client, "guess", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert web_login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == LOCKED
    other = web_login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302


def test_token_endpoint_locks_out_too_and_answers_json(editor):
    api = APIClient()
    for _ in range(4):
        assert api.post(TOKEN, {"username": "editor", "password": "guess"},
                        format="json").status_code == 400
    for password in ("guess", "guess", PASSWORD):
        response = api.post(TOKEN, {"username": "editor", "password": password}, format="json",
                            HTTP_X_FORWARDED_FOR="198.51.100.1")
        assert response.status_code == LOCKED, password
        assert "too many failed logins" in response.json()["detail"]
        assert int(response["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_web_and_api_failures_count_together(client, editor):
    api = APIClient()
    for _ in range(3):
        web_login(client, "guess")
    for _ in range(2):
        api.post(TOKEN, {"username": "editor", "password": "guess"}, format="json")
    assert web_login(client, PASSWORD).status_code == LOCKED
    assert api.post(TOKEN, {"username": "editor", "password": PASSWORD},
                    format="json").status_code == LOCKED
