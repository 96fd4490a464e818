"""API fixtures: token clients per user, classifications, and standards made by the services."""

import pytest
from rest_framework.test import APIClient

from stdhub.core.permissions import SYSTEM
from stdhub.standards.models import CCSClass, ICSClass
from stdhub.standards.services import create_standard


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def classes(db):
    """A slice of ICS (35 IT) and CCS (L computers) with parents."""
    ics35 = ICSClass.objects.create(code="35", name_zh="信息技术", name_en="Information technology")
    ics240 = ICSClass.objects.create(code="35.240", name_zh="信息技术应用", parent=ics35,
                                     name_en="Applications of information technology")
    ICSClass.objects.create(code="35.240.01", name_zh="信息技术应用综合", parent=ics240,
                            name_en="Application of IT in general")
    ICSClass.objects.create(code="01.040", name_zh="词汇", name_en="Vocabularies")
    ccs_l = CCSClass.objects.create(code="L", name_zh="电子元器件与信息技术")
    CCSClass.objects.create(code="L70", name_zh="信息处理技术综合", parent=ccs_l)
    CCSClass.objects.create(code="A24", name_zh="行政区划")


@pytest.fixture
def make_standard(classes):
    """``make_standard(code, title, **values)`` through the registry service."""

    def make(code, title_zh, **values):
        return create_standard(SYSTEM, {"code": code, "title_zh": title_zh, **values})

    return make
