"""In Chromium: a project from 立项 to 出版, with a public comment, its disposition and a vote.

A drafter starts drafting, uploads the drafts and opens the comment period; an
anonymous visitor comments; the drafter closes the period, accepts the comment and
submits for review; the secretariat calls a review, three experts vote and the
secretariat records it as passed; the drafter submits for approval and the authority
(administrator) publishes, which puts the standard into the registry with its history.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stdhub.projects import services
from tests.browser.conftest import page, shoot  # noqa: F401  (fixtures)

from .conftest import add_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-stdhub-2026"
CODE = "DB33/T 9001-2026"


@pytest.fixture
def approved(project, people):
    """Data first: once Playwright runs, Django refuses ORM calls from this thread."""
    add_document(people["drafter"], project, "proposal", "项目建议书.pdf")
    services.move(people["admin"], project, "approve", plan_number="2026-ZJ-042")
    project.refresh_from_db()
    return project


def file(name: str) -> dict:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 draft"}


def test_project_from_proposal_to_publication(live_server, approved, people, page,  # noqa: F811
                                              shoot):  # noqa: F811
    url = live_server.url
    detail = f"{url}/workspace/projects/{approved.pk}/"
    today = timezone.localdate().isoformat()

    def sign_in(username):
        page.context.clear_cookies()
        page.goto(f"{url}/accounts/login/?next=/workspace/projects/{approved.pk}/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(detail)

    def do(move_label, **fields):
        form = page.locator(".move form", has=page.get_by_role("button", name=move_label))
        for label, value in fields.items():
            form.get_by_label(label).fill(value)
        form.get_by_role("button", name=move_label).click()
        expect(page.locator(".messages")).to_contain_text(f"已完成：{move_label}")

    def upload(kind, name):
        page.locator("select[name=kind]").select_option(label=kind)
        page.locator("input[name=file]").set_input_files(file(name))
        page.get_by_role("button", name="上传").click()
        expect(page.locator(".messages")).to_contain_text(f"已上传{kind}")

    sign_in("drafter")
    expect(page.locator("#stage-label")).to_contain_text("10 立项")
    do("开始起草 Start drafting")
    missing = page.locator('[data-move="open-comments"] .missing')
    expect(missing).to_contain_text("征求意见稿 Draft for comment")
    expect(missing).to_contain_text("编制说明 Explanatory notes")
    shoot("projects-01-missing-before-comment")
    upload("征求意见稿 Draft for comment", "征求意见稿.docx")
    upload("编制说明 Explanatory notes", "编制说明.docx")
    do("发布征求意见稿 Open the comment period", 征求意见截止日期=today)
    expect(page.locator("#stage-label")).to_contain_text("意见征求中")

    # An anonymous visitor finds the open period on the portal and comments.
    page.context.clear_cookies()
    page.goto(f"{url}/comments/")
    page.get_by_role("link", name=approved.title).click()
    page.get_by_label("姓名").fill("钱七")
    page.get_by_label("单位", exact=True).fill("杭州某数据公司")
    page.get_by_label("联系方式").fill("qian@example.com")
    page.get_by_label("章条编号").fill("5.3")
    page.get_by_label("意见内容").fill("完整性指标的计算口径不明确")
    page.get_by_label("修改建议").fill("给出计算公式与示例")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator(".messages")).to_contain_text("意见已提交（编号 #1）")
    shoot("projects-02-public-comment")

    sign_in("drafter")
    do("结束征求意见 Close the comment period")
    expect(page.locator('[data-move="submit-review"] .missing')).to_contain_text(
        "所有意见均已处理")
    row = page.locator("#comment-1")
    expect(row).to_contain_text("杭州某数据公司")
    row.locator("select[name=disposition]").select_option("accepted")
    row.get_by_placeholder("理由").fill("已补充公式")
    row.get_by_role("button", name="保存").click()
    expect(page.locator("#comment-1")).to_contain_text("采纳 Accepted")
    upload("送审稿 Draft for review", "送审稿.docx")
    do("提交审查 Submit for review")
    shoot("projects-03-submitted-for-review")

    sign_in("secretary")
    review = page.locator("#review-form")
    for expert in ("expert1", "expert2", "expert3"):
        review.get_by_label(expert).check()
    review.get_by_role("button", name="组织审查").click()
    expect(page.locator(".messages")).to_contain_text("已组织审查")

    for expert in ("expert1", "expert2", "expert3"):
        sign_in(expert)
        page.get_by_label("赞成 In favour").check()
        page.get_by_role("button", name="提交表决").click()
        expect(page.locator(".messages")).to_contain_text("已记录您的表决")

    sign_in("secretary")
    expect(page.locator("#review")).to_contain_text("赞成 3")
    do("审查通过 Record the review as passed", 审查结论="同意报批")
    shoot("projects-04-review-passed")

    sign_in("drafter")
    upload("报批稿 Draft for approval", "报批稿.docx")
    do("报批 Submit for approval")

    sign_in("admin")
    do("批准发布 Approve and publish", 标准号=CODE, 发布日期=today, 实施日期=today)
    expect(page.locator("#stage-label")).to_contain_text("60 出版")
    expect(page.locator("#history")).to_contain_text("批准发布")
    expect(page.locator("#history")).to_contain_text("报批稿 Draft for approval v1")
    shoot("projects-05-published")

    # The standard is in the registry, with its history.
    page.get_by_role("link", name=re.compile("形成标准")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CODE)
    expect(page.locator("#history")).to_contain_text("创建")
    page.goto(f"{url}/search/?q=9001")
    expect(page.locator("body")).to_contain_text(CODE)
    shoot("projects-06-in-the-registry")
