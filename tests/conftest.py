"""Shared fixtures: organizations and users in each role, on a real database."""

import os

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from stdhub.orgs.choices import OrgKind, Role
from stdhub.orgs.models import Membership, Organization
from stdhub.orgs.services import issue_token

# No deadline: a loaded 2-core machine must not turn a slow example into a failure.
# In CI the examples are derandomised, so a run is reproducible.
hypothesis_settings.register_profile("default", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts live in the shared file cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def org(db):
    return Organization.objects.create(name="浙江省数据管理中心", short_name="省数据管理中心",
                                       kind=OrgKind.GOVERNMENT)


@pytest.fixture
def other_org(db):
    return Organization.objects.create(name="浙江省科学技术厅", short_name="省科技厅",
                                       kind=OrgKind.GOVERNMENT)


@pytest.fixture
def make_user(db, django_user_model):
    """``make_user("editor", org)`` → a user holding that role in that organization."""

    def make(role=None, organization=None, username=None, password="pw-stdhub-2026", **extra):
        name = username or f"{role or 'plain'}-{django_user_model.objects.count() + 1}"
        user = django_user_model.objects.create_user(username=name, password=password, **extra)
        if role:
            Membership.objects.create(user=user, organization=organization, role=role)
        return user

    return make


@pytest.fixture
def admin_user(make_user, org):
    return make_user(Role.ADMIN, org, username="admin")


@pytest.fixture
def editor(make_user, org):
    return make_user(Role.EDITOR, org, username="editor")


@pytest.fixture
def client_for(db):
    """``client_for(user)`` → an API client sending a token newly issued to that user."""

    def make(user):
        client = APIClient()
        _token, key = issue_token(user, user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
