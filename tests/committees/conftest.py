"""People and a committee, for the committee services, pages and API."""

import datetime as dt

import pytest

from stdhub.committees import services
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(make_user, org, admin_user, db):
    elsewhere = Organization.objects.create(name="浙江省标准化研究院")
    return {"admin": admin_user,
            "secretary": make_user(Role.SECRETARIAT, org, username="secretary"),
            "outsider": make_user(Role.SECRETARIAT, elsewhere, username="outsider")}


@pytest.fixture
def committee(people, org):
    return services.establish(people["admin"], {
        "code": "zj/tc 12", "name": "浙江省数字化转型标准化技术委员会", "scope": "数字化转型",
        "secretariat": org, "established_on": dt.date(2019, 3, 1)})
