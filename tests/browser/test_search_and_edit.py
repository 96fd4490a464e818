"""A visitor finds a standard by a two-character Chinese term; its editor fixes its title."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stdhub.standards.models import CCSClass, ICSClass
from stdhub.standards.services import create_standard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-stdhub-2026"


@pytest.fixture
def registry(admin_user, org, other_org):
    ICSClass.objects.create(code="35.240.01", name_zh="信息技术应用综合")
    CCSClass.objects.create(code="L70", name_zh="计算机综合")
    common = {"ics": ["35.240.01"], "ccs": ["L70"], "drafting_orgs": [org, other_org]}
    old = create_standard(admin_user, {
        **common, "code": "DB33/T 2100-2016", "title_zh": "电子证照 通用技术要求",
        "effective_on": dt.date(2016, 5, 1), "responsible_org": org})
    new = create_standard(admin_user, {
        **common, "code": "DB33/T 2100-2022", "title_zh": "电子证照 数据规范",
        "title_en": "Electronic licences - Data specification", "issued_on": dt.date(2022, 3, 1),
        "effective_on": dt.date(2022, 4, 1), "responsible_org": org, "replaces": [old.code]})
    create_standard(admin_user, {
        **common, "code": "DB33/T 2200-2021", "title_zh": "一网通办服务规范",
        "effective_on": dt.date(2021, 1, 1), "responsible_org": other_org})
    return new


def test_search_open_log_in_edit_and_see_history(live_server, registry, editor, page, shoot):
    # Data first: once Playwright runs, this thread has an event loop and Django refuses ORM calls.
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="标准信息公开查询")).to_be_visible()
    shoot("01-home")

    page.get_by_role("searchbox").fill("证照")
    page.get_by_role("button", name="检索").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=%E8%AF%81%E7%85%A7"))
    expect(page.locator(".result-meta")).to_contain_text("共找到 2 项标准")
    shoot("02-search")

    # A facet narrows the results in place (HTMX) and the address follows.
    page.locator(".facet").get_by_role("link", name=re.compile("现行")).click()
    expect(page).to_have_url(re.compile(r"status=current"))
    expect(page.locator(".result-meta")).to_contain_text("共找到 1 项标准")
    shoot("03-search-facet")

    page.get_by_role("link", name="DB33/T 2100-2022").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("电子证照 数据规范")
    expect(page.locator("table.fields")).to_contain_text("DB33/T 2100-2016")  # replaces
    shoot("04-standard")

    page.get_by_role("link", name="登录").click()
    page.get_by_label("用户名").fill(editor.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="在工作台中查看").click()
    page.get_by_role("link", name="编辑", exact=True).click()
    title = page.get_by_label("标准名称", exact=True)
    expect(title).to_have_value("电子证照 数据规范")
    shoot("05-edit-form")

    title.fill("电子证照 数据元规范")
    page.get_by_label("修改说明").fill("按审查意见修改标准名称")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存修改")
    history = page.locator("#history")
    expect(history).to_contain_text("按审查意见修改标准名称")
    expect(history.locator("td.before").first).to_have_text("电子证照 数据规范")
    expect(history.locator("td.after").first).to_have_text("电子证照 数据元规范")
    expect(history).to_contain_text(editor.username)
    shoot("06-history")
