"""A visitor opens the programme dashboard, sees the ten tasks and the numeric targets, and
drills from a target to the standards that count; then opens the standard system."""

import re

import pytest
from playwright.sync_api import expect

from stdhub.core.permissions import SYSTEM
from stdhub.programme.services import load_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(db):
    return load_programme(SYSTEM)[0]


# ``programme`` before ``page``: once Playwright runs, this thread refuses ORM calls.
def test_dashboard_drill_down_and_framework(live_server, programme, page, shoot):
    page.goto(live_server.url + "/programme/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "浙江省数字化转型标准化建设方案(2018—2020年)")
    expect(page.locator("#tasks tbody tr")).to_have_count(10)
    targets = page.locator("#targets tbody tr")
    expect(targets).to_have_count(5)
    for goal in ("≥ 50", "≥ 10", "≥ 3", "≥ 30"):
        expect(page.locator("#targets")).to_contain_text(goal)
    expect(page.locator("#tasks")).to_contain_text("人行杭州中心支行")
    expect(page.locator("figure.chart svg")).to_have_count(2)
    shoot("programme-dashboard")

    page.get_by_role("link", name="制(修)订国际、国家、行业或地方标准").click()
    expect(page).to_have_url(re.compile(r"/targets/standards/$"))
    expect(page.locator("#counted tbody tr")).to_have_count(6)
    expect(page.locator("#counted")).to_contain_text("GB/T 13016-2018")
    page.get_by_role("link", name="GB/T 13016-2018").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("标准体系构建原则和要求")

    page.goto(live_server.url + "/frameworks/zj-dt/")
    expect(page.locator("svg.structure")).to_be_visible()
    expect(page.locator("#tree")).to_contain_text("数据共享")
    shoot("framework-detail")
    page.get_by_role("link", name="明细表与统计表").click()
    expect(page.locator("#detail-table")).to_contain_text("公共数据资源目录编制规范")
    shoot("framework-tables")
