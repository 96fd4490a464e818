"""Every kind of page works under the Content Security Policy (the page fixture fails the
test on any violation the browser reports)."""

import re

import pytest
from playwright.sync_api import expect

from stdhub.orgs.services import issue_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-stdhub-2026"


def test_a_blocked_inline_script_is_reported(live_server, page):
    # The check itself works: an inline script the page writes is refused and reported.
    page.goto(live_server.url + "/")
    page.evaluate("""() => { const s = document.createElement('script');
                              s.textContent = 'window.ran = 1'; document.body.append(s); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.ran") is None
    assert any("script-src" in v for v in page.csp_violations), page.csp_violations
    page.csp_violations.clear()  # expected here; any other test fails on one


@pytest.fixture
def admin_with_token(admin_user):
    # Data first: once Playwright runs, this thread has an event loop and Django refuses ORM calls.
    issue_token(admin_user, admin_user, name="ci")
    return admin_user


def test_pages_api_docs_and_tokens_work_without_inline_code(admin_with_token, live_server, page):
    admin_user = admin_with_token
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(admin_user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()

    # HTMX filtering of the workspace list (a request swapped into the page).
    page.goto(live_server.url + "/workspace/standards/")
    page.get_by_label("现行 Current").check()
    expect(page).to_have_url(re.compile(r"status=current"))

    page.goto(live_server.url + "/workspace/tokens/")
    expect(page.locator("#token-list")).to_contain_text("ci")
    page.get_by_label("令牌名称").fill("浏览器")
    page.get_by_role("button", name="新建令牌").click()
    expect(page.locator("#new-token")).to_be_visible()
    page.get_by_role("button", name="撤销").first.click()
    expect(page.locator(".messages")).to_contain_text("已撤销")

    page.goto(live_server.url + "/data-standards/")
    page.goto(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/orgs/apitoken/")

    # Swagger UI starts from its script file and renders the operations.
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.get_by_text("/api/v1/auth/tokens/").first).to_be_visible()
