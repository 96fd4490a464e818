import pytest

from stdhub.core.permissions import SYSTEM
from stdhub.orgs.choices import OrgKind
from stdhub.orgs.models import Organization
from stdhub.programme.services import load_programme


@pytest.fixture
def org(db):
    """The shared fixture's organization, which the seed programme also registers."""
    return Organization.objects.get_or_create(
        name="浙江省数据管理中心",
        defaults={"short_name": "省数据管理中心", "kind": OrgKind.GOVERNMENT})[0]


@pytest.fixture
def programme(org):
    return load_programme(SYSTEM)[0]
