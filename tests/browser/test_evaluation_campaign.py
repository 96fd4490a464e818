"""An administrator runs an evaluation campaign, an expert scores by the indicator tree, the
administrator decides (withdraw) and publishes, and the public page shows the result."""

import pytest
from playwright.sync_api import expect

from stdhub.core.permissions import SYSTEM
from stdhub.evaluation.services import load_builtin_schemes
from stdhub.orgs.choices import Role
from stdhub.standards.services import create_standard
from tests.evaluation.conftest import SCORES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-stdhub-2026"
CODE = "DB33/T 2350-2021"


@pytest.fixture
def setting(admin_user, org, make_user, other_org):
    load_builtin_schemes(SYSTEM)
    create_standard(admin_user, {"code": CODE, "title_zh": "公共数据目录编制规范",
                                 "effective_on": "2021-08-01", "responsible_org": org})
    return make_user(Role.EXPERT, other_org, username="expert")


def log_in(page, url, username):
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


# ``setting`` before ``page``: once Playwright runs, this thread refuses ORM calls.
def test_campaign_scoring_decision_and_disclosure(live_server, setting, page, shoot):
    url = live_server.url
    log_in(page, url, "admin")
    page.goto(url + "/evaluation/campaigns/")
    page.get_by_label("年度 year").fill("2026")
    page.get_by_label("名称 title").fill("重点标准实施绩效评价")
    page.get_by_label("指标体系 scheme").select_option(label="标准实施效果评价 Standard "
                                                          "implementation effect")
    page.get_by_label("评分截止 deadline").fill("2026-12-31")
    page.locator("#create-campaign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026 重点标准实施绩效评价")
    page.get_by_label("标准号 standard code").fill(CODE)
    page.get_by_role("button", name="加入").click()
    expect(page.locator("#subjects")).to_contain_text(CODE)
    page.locator("#subjects summary").click()
    page.locator("#subjects select[name=evaluator]").select_option(label="expert")
    page.get_by_role("button", name="指派", exact=True).click()
    expect(page.locator("#subjects")).to_contain_text("expert · 草稿")
    shoot("evaluation-01-campaign")

    log_in(page, url, "expert")
    page.goto(url + "/workspace/")
    page.locator("#my-assignments").click()
    page.get_by_role("link", name=CODE).click()
    expect(page.locator("#score-form")).to_contain_text("生态效益 Ecological benefit")
    for indicator, value in SCORES.items():
        field = page.locator(f'[name="{indicator}"]')
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    page.get_by_label("评价意见 comment").fill("宣贯较好，生态效益数据不足")
    page.locator("#save-draft").click()
    expect(page.locator("#assessment-total")).to_have_text("74.50")
    shoot("evaluation-02-scoring")
    page.locator("#submit-scores").click()
    expect(page.locator("#assignments")).to_contain_text("已提交")

    log_in(page, url, "admin")
    page.goto(url + "/evaluation/campaigns/")
    page.get_by_role("link", name="重点标准实施绩效评价").click()
    row = page.locator("#subjects tbody tr").first
    expect(row).to_contain_text("74.50")
    expect(row).to_contain_text("合格")
    row.locator("select[name=outcome]").select_option("withdraw")
    row.locator("[name=note]").fill("已被国家标准覆盖，建议废止")
    row.get_by_role("button", name="作出结论").click()
    expect(row).to_contain_text("废止 Withdraw")
    row.get_by_role("button", name="公开结果 Publish").click()
    expect(row.get_by_role("button", name="取消公开")).to_be_visible()
    shoot("evaluation-03-decided")

    page.context.clear_cookies()
    page.goto(url + "/evaluation/")
    results = page.locator("table.public-results")
    expect(results).to_contain_text(CODE)
    expect(results).to_contain_text("74.50")
    expect(results).to_contain_text("废止 Withdraw")
    shoot("evaluation-04-public")
