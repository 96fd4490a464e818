"""In Chromium: an undertaking organization applies for a pilot and uploads its 申报书; the
authority sees what is missing turn into the move form and approves it; the public sees the
approved pilot and a committee's page. No Content Security Policy violation anywhere."""

import pytest
from playwright.sync_api import expect

from stdhub.committees import services as committees
from tests.browser.conftest import page, shoot  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-stdhub-2026"


@pytest.fixture
def committee(people, org):
    """Data first: once Playwright runs, Django refuses ORM calls from this thread."""
    return committees.establish(people["admin"], {
        "code": "ZJ/TC 12", "name": "浙江省数字化转型标准化技术委员会", "secretariat": org,
        "established_on": "2019-03-01"})


def login(browser_page, url, username):
    browser_page.goto(url + "/accounts/login/")
    browser_page.get_by_label("用户名").fill(username)
    browser_page.get_by_label("密码").fill(PASSWORD)
    browser_page.get_by_role("button", name="登录").click()


def test_apply_upload_approve(live_server, people, org, committee, page, shoot):  # noqa: F811
    login(page, live_server.url, "undertaker")
    page.goto(live_server.url + "/pilots/")
    page.get_by_role("link", name="申报试点示范项目").click()
    page.get_by_label("项目名称").fill("公共数据开放标准化试点")
    page.get_by_label("承担单位").select_option(label=org.name)
    page.get_by_role("button", name="提交申报").click()
    expect(page.locator("#stage-label")).to_have_text("申报 Applied")
    page.get_by_label("文件类型").select_option("application")
    page.get_by_label("文件", exact=True).set_input_files(
        {"name": "申报书.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7"})
    page.get_by_role("button", name="上传").click()
    expect(page.locator(".messages")).to_contain_text("已上传申报书")
    expect(page.locator('[data-move="approve"]')).to_contain_text("需要角色")
    pilot_url = page.url

    page.context.clear_cookies()
    login(page, live_server.url, "admin")
    page.goto(pilot_url)
    page.locator('[data-move="approve"]').get_by_role("button").click()
    expect(page.locator("#stage-label")).to_have_text("立项 Approved")
    expect(page.locator('[data-move="start-building"]')).to_contain_text(
        "缺少：建设方案 Construction plan")
    shoot("pilot-approved")

    page.context.clear_cookies()
    page.goto(pilot_url)  # approved: public, without its documents and moves
    expect(page.locator("#stage-label")).to_have_text("立项 Approved")
    expect(page.locator("#documents")).to_have_count(0)
    page.get_by_role("link", name="技术委员会").click()
    page.get_by_role("link", name="ZJ/TC 12").click()
    expect(page.locator("h1")).to_contain_text("浙江省数字化转型标准化技术委员会")
    shoot("committee")
