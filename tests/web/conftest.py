"""A small registry built through the services, the way people fill it."""

import datetime as dt

import pytest

from stdhub.standards.models import CCSClass, ICSClass
from stdhub.standards.services import create_standard

TITLES = ["公共数据分类分级指南", "政务服务事项编码规则", "电子证照数据规范",
          "城市大脑数据接口要求", "一网通办服务规范", "数字乡村建设指南"]


@pytest.fixture
def classes(db):
    """Reference ICS/CCS classes (loaded from refdata in production)."""
    ics = ICSClass.objects.create(code="35", name_zh="信息技术、办公机械", name_en="IT")
    ICSClass.objects.create(code="35.240", name_zh="信息技术应用", parent=ics)
    ICSClass.objects.create(code="35.240.01", name_zh="信息技术应用综合",
                            parent_id="35.240")
    ICSClass.objects.create(code="03.080", name_zh="服务")
    ccs = CCSClass.objects.create(code="L", name_zh="电子元器件与信息技术")
    CCSClass.objects.create(code="L70", name_zh="计算机综合", parent=ccs)
    CCSClass.objects.create(code="A10", name_zh="经济管理")


@pytest.fixture
def registry(admin_user, org, other_org, classes):
    """30 local standards with classes, drafters and replacements, half per organization."""
    made = []
    for i in range(30):
        year = 2015 + i % 6
        data = {
            "code": f"DB33/T {1000 + i}-{year}",
            "title_zh": f"{TITLES[i % len(TITLES)]} 第{i + 1}部分",
            "effective_on": dt.date(year, 1 + i % 12, 1),
            "issued_on": dt.date(year - 1, 1 + i % 12, 15),
            "ics": ["35.240.01"] if i % 2 else ["03.080"],
            "ccs": ["L70"] if i % 2 else ["A10"],
            "responsible_org": org if i % 2 == 0 else other_org,
            "drafting_orgs": [org, other_org],
            # Every later standard replaces one made earlier.
            "replaces": [made[i - 20].code] if i >= 20 else [],
        }
        made.append(create_standard(admin_user, data))
    return made


@pytest.fixture
def superuser(make_user):
    return make_user(username="root", is_superuser=True, is_staff=True)
