"""Evaluation fixtures: the built-in schemes, a standard of ``org``, a campaign, evaluators."""

import datetime as dt

import pytest

from stdhub.core.permissions import SYSTEM
from stdhub.evaluation import services
from stdhub.evaluation.models import Scheme
from stdhub.orgs.choices import OrgKind, Role
from stdhub.orgs.models import Organization
from stdhub.standards.services import create_standard

DEADLINE = dt.date(2026, 12, 31)


@pytest.fixture
def schemes(db):
    services.load_builtin_schemes(SYSTEM)
    return {s.key: s for s in Scheme.objects.all()}


@pytest.fixture
def standard(admin_user, org):
    return create_standard(admin_user, {
        "code": "DB33/T 2350-2021", "title_zh": "数字化改革 公共数据目录编制规范",
        "effective_on": "2021-08-01", "responsible_org": org})


@pytest.fixture
def campaign(admin_user, schemes):
    return services.create_campaign(admin_user, year=2026, title="重点标准实施评价",
                                    scheme=schemes["standard-implementation-effect"],
                                    deadline=DEADLINE)


@pytest.fixture
def subject(admin_user, campaign, standard):
    return services.add_subject(admin_user, campaign, standard.pk)


@pytest.fixture
def expert(make_user, other_org):
    return make_user(Role.EXPERT, other_org, username="expert")


@pytest.fixture
def second_expert(make_user, other_org):
    return make_user(Role.EXPERT, other_org, username="expert2")


@pytest.fixture
def evaluator_org(db):
    return Organization.objects.create(name="浙江标准化评估有限公司", kind=OrgKind.EVALUATOR)


# One complete set of scores for the standard scheme, and its hand-computed total:
# status    30 × (较好 80×0.30 + 60×0.40 + 是 100×0.30 = 24 + 24 + 30 = 78)        → 23.4
# economic  30 × (70×0.50 + 80×0.30 + 明显 75×0.20 = 35 + 24 + 15 = 74)           → 22.2
# social    25 × (90×0.40 + 80×0.40 + 70×0.20 = 36 + 32 + 14 = 82)                → 20.5
# ecological 15 × (60×0.60 + 50×0.40 = 36 + 20 = 56)                              → 8.4
# total 23.4 + 22.2 + 20.5 + 8.4 = 74.5 → 合格
SCORES = {"status.publicity": "较好", "status.adoption": "60", "status.cited": "是",
          "economic.cost": "70", "economic.quality": "80", "economic.market": "明显",
          "social.safety": "90", "social.service": "80", "social.satisfaction": "70",
          "ecological.resources": "60", "ecological.emissions": "50"}
SCORES_TOTAL = 74.5
