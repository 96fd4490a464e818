"""People and an application for a pilot project, for the pilot services, pages and API."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.pilots import services

TODAY = dt.date(2019, 6, 1)

# The document each forward move needs, and who makes the move.
FORWARD = [("approve", "application", "admin"), ("start-building", "plan", "undertaker"),
           ("mid-term", "mid-term-report", "supervisor"),
           ("pass", "acceptance-report", "admin")]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(make_user, org, other_org, admin_user, db):
    elsewhere = Organization.objects.create(name="宁波市市场监督管理局")
    return {
        "admin": admin_user,
        "undertaker": make_user(Role.EDITOR, org, username="undertaker"),
        "supervisor": make_user(Role.EDITOR, other_org, username="supervisor"),
        "outsider": make_user(Role.EDITOR, elsewhere, username="outsider"),
    }


@pytest.fixture
def pilot(people, org, other_org):
    return services.apply(people["undertaker"], {
        "name": "公共数据开放标准化试点", "level": "provincial", "field": "数字政府",
        "undertaker": org, "supervisor": other_org,
        "starts_on": dt.date(2019, 1, 1), "ends_on": dt.date(2020, 12, 31)})


def upload(name="report.pdf", content=b"%PDF-1.7 report"):
    return SimpleUploadedFile(name, content)


def add_document(user, pilot, kind, name="report.pdf"):
    return services.upload_document(user, pilot, kind, upload(name))


@pytest.fixture
def advance(people):
    """``advance(pilot, "mid-term")`` walks a pilot forward through the services."""

    def to(pilot, move, today=TODAY):
        for name, kind, who in FORWARD:
            pilot.refresh_from_db()
            add_document(people["undertaker"], pilot, kind)
            services.move(people[who], pilot, name, today=today)
            if name == move:
                break
        pilot.refresh_from_db()
        return pilot

    return to
