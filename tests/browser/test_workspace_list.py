"""The workspace list refreshes in place when a filter is ticked; the page switches to English."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stdhub.standards.services import create_standard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registry(admin_user, org):
    for i in range(25):
        create_standard(admin_user, {
            "code": f"DB33/T {3000 + i}-2020", "title_zh": f"数字政府建设规范 第{i + 1}部分",
            "effective_on": dt.date(2020, 1, 1) if i % 5 else dt.date(2099, 1, 1),
            "responsible_org": org})


def test_filter_sort_page_and_switch_language(live_server, registry, editor, page, shoot):
    # Data first: once Playwright runs, this thread has an event loop and Django refuses ORM calls.
    page.goto(live_server.url + "/accounts/login/?next=/workspace/standards/")
    page.get_by_label("用户名").fill(editor.username)
    page.get_by_label("密码").fill("pw-stdhub-2026")
    page.get_by_role("button", name="登录").click()
    meta = page.locator(".result-meta")
    expect(meta).to_contain_text("共 25 项标准")
    expect(page.locator(".pagination")).to_contain_text("第 1 / 2 页")
    shoot("07-workspace-list")

    page.get_by_label("即将实施 Upcoming").check()  # HTMX: the list refreshes, the address follows
    expect(page).to_have_url(re.compile(r"status=upcoming"))
    expect(meta).to_contain_text("共 5 项标准")

    page.get_by_role("link", name="标准号").click()  # already by code: now descending
    expect(page).to_have_url(re.compile(r"ordering=-code"))
    expect(page.locator("table.list tbody tr").first).to_contain_text("DB33/T 3020-2020")
    page.get_by_label("现行 Current").check()  # the sort survives a filter change
    expect(page).to_have_url(re.compile(r"ordering=-code"))
    expect(page.locator("table.list tbody tr").first).to_contain_text("DB33/T 3024-2020")
    shoot("08-workspace-filtered")

    page.get_by_label("语言").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Standards")
    expect(page).to_have_url(re.compile(r"ordering=-code"))
    shoot("09-workspace-english")
