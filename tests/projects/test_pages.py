"""Project pages through Django's test client: scoped lists, moves, comments, files and feeds."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document

from stdhub.core.models import Event
from stdhub.projects import services
from stdhub.projects.models import Comment, Project

from .conftest import TODAY, add_document, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def login(client, user):
    client.force_login(user)
    return client


def texts(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_list_is_scoped_and_flags_overdue(client, project, people):
    Project.objects.filter(pk=project.pk).update(stage="20", due_on=dt.date(2020, 1, 1))
    page = login(client, people["drafter"]).get(reverse("workspace:projects"))
    assert project.title in page.content.decode() and "已逾期" in page.content.decode()
    page = login(client, people["outsider"]).get(reverse("workspace:projects"))
    assert project.title not in page.content.decode()
    page = login(client, people["drafter"]).get(reverse("workspace:projects"),
                                               {"deadline": "overdue", "stage": "20"})
    assert page.context["page"].paginator.count == 1


def test_propose_through_the_form(client, people, lead_org, department):
    login(client, people["drafter"])
    response = client.post(reverse("workspace:project-add"), {
        "title": "数字政府 电子证照 共享规范", "kind": "make", "level": "local",
        "nature": "recommended", "lead_org": lead_org.pk, "responsible_org": department.pk})
    project = Project.objects.get()
    assert response.url == reverse("workspace:project", args=[project.pk])
    response = client.post(reverse("workspace:project-add"), {
        "title": "修订", "kind": "revise", "revises": "DB33/T 1-2000", "level": "local",
        "nature": "recommended", "lead_org": lead_org.pk, "responsible_org": department.pk})
    assert "revises" in response.context["form"].errors


def test_detail_says_what_is_missing_and_moves(client, project, people):
    login(client, people["admin"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert "缺少：项目建议书 Project proposal" in page
    assert 'aria-current="step">00' in page
    add_document(people["drafter"], project, "proposal")
    response = client.post(reverse("workspace:project-move", args=[project.pk]), {
        "move": "approve", "plan_number": "2026-ZJ-009", "expected_version": 1}, follow=True)
    assert "已完成：立项 Approve the proposal" in texts(response)
    project.refresh_from_db()
    assert (project.stage, project.plan_number) == ("10", "2026-ZJ-009")
    page = client.get(project.get_absolute_url()).content.decode()
    assert "现行文件 documents" in page and "项目建议书 Project proposal v1" in page
    # A stale form (version 1 again) is refused as a conflict, and nothing moves.
    response = client.post(reverse("workspace:project-move", args=[project.pk]), {
        "move": "start-drafting", "expected_version": 1}, follow=True)
    assert any("已被他人修改" in t for t in texts(response))


def test_refused_move_shows_every_reason(client, project, people):
    login(client, people["drafter"])
    response = client.post(reverse("workspace:project-move", args=[project.pk]),
                           {"move": "approve"}, follow=True)
    assert any("需要角色" in t for t in texts(response))
    assert Project.objects.get().stage == "00"


def test_upload_and_download_respect_visibility(client, project, people, advance):
    login(client, people["drafter"])
    response = client.post(reverse("workspace:project-upload", args=[project.pk]), {
        "kind": "proposal", "file": upload("建议书.pdf", b"%PDF-1.7 proposal")}, follow=True)
    assert "已上传项目建议书 Project proposal。" in texts(response)
    doc = project.documents.get()
    response = client.get(reverse("projects:document", args=[doc.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7 proposal"
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''%E5%BB%BA" in response["Content-Disposition"]
    client.logout()
    assert client.get(reverse("projects:document", args=[doc.pk])).status_code == 404
    project = advance(project, "30-open")
    draft = project.documents.get(kind="comment-draft")
    assert client.get(reverse("projects:document", args=[draft.pk])).status_code == 200
    assert client.get(reverse("projects:document", args=[doc.pk])).status_code == 404


def test_anonymous_comment_honeypot_and_rate_limit(client, project, advance, settings):
    settings.STDHUB_PROJECTS = {"COMMENT_RATE_LIMIT": (2, 3600)}
    url = reverse("projects:public", args=[project.pk])
    assert client.get(url).status_code == 404  # not public before the comment stage
    project = advance(project, "30-open")
    listing = client.get(reverse("projects:comment-periods")).content.decode()
    assert project.title in listing
    data = {"commenter_name": "赵六", "commenter_org": "杭州某科技公司",
            "commenter_contact": "zhao@example.com", "clause": "4.1",
            "text": "术语定义与 GB/T 5271 不一致", "proposed_change": "引用 GB/T 5271"}
    response = client.post(url, data, follow=True)
    assert "意见已提交（编号 #1），感谢参与。" in texts(response)
    client.post(url, {**data, "website": "http://spam"})  # honeypot: silently dropped
    assert Comment.objects.count() == 1
    client.post(url, {**data, "text": "第二条"})
    response = client.post(url, {**data, "text": "第三条"})
    assert "提交过于频繁，请稍后再试。" in texts(response)
    assert Comment.objects.count() == 2
    response = client.post(url, {"commenter_name": "", "text": ""})
    assert Comment.objects.count() == 2


def test_member_comments_as_the_organization(client, project, advance, people):
    project = advance(project, "30-open")
    login(client, people["outsider"])
    response = client.get(project.get_absolute_url())  # not an insider: the public page
    assert response.url == reverse("projects:public", args=[project.pk])
    client.post(reverse("projects:public", args=[project.pk]), {"text": "建议补充示例"})
    comment = Comment.objects.get()
    assert comment.organization.name == "浙江省标准化研究院" and comment.commenter_name == ""


def test_disposition_page_and_tables(client, project, advance, people):
    project = advance(project, "30-open")
    for i, org in enumerate(["甲公司", "乙研究院", "丙协会"]):
        services.submit_comment(people["outsider"], project, {
            "commenter_name": "x", "text": f"意见{i}", "clause": f"5.{i}"}, organization=None)
        Comment.objects.filter(number=i + 1).update(commenter_org=org)
    login(client, people["drafter"])
    url = reverse("workspace:project-dispose", args=[project.pk, 1])
    client.post(url, {"disposition": "accepted"})
    response = client.post(reverse("workspace:project-dispose", args=[project.pk, 2]),
                           {"disposition": "rejected"}, follow=True)
    assert any("give a reason" in t for t in texts(response))
    client.post(reverse("workspace:project-dispose", args=[project.pk, 2]),
                {"disposition": "rejected", "disposition_reason": "与上位标准冲突"})
    xlsx = client.get(reverse("workspace:project-comments", args=[project.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[2] == ["序号", "章条编号", "意见内容", "提出单位", "处理意见及理由", "备注"]
    assert values[3][:5] == [1, "5.0", "意见0", "甲公司", "采纳"]
    assert values[4][4] == "不采纳：与上位标准冲突"
    assert values[-1][0] == ("共收到意见 3 条，其中采纳 1 条，部分采纳 0 条，"
                             "不采纳 1 条，未处理 1 条。")
    docx = client.get(reverse("workspace:project-comments", args=[project.pk, "docx"]))
    document = Document(io.BytesIO(docx.content))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "章条编号", "意见内容", "提出单位",
                                                     "处理意见及理由", "备注"]
    assert len(table.rows) == 4
    assert "attachment" in docx["Content-Disposition"]
    template = client.get(reverse("workspace:project-explanation", args=[project.pk]))
    headings = [p.text for p in Document(io.BytesIO(template.content)).paragraphs]
    assert "一、工作简况（任务来源、起草单位、主要起草人及其所做的工作）" in headings
    login(client, people["outsider"])
    assert client.get(reverse("workspace:project-comments",
                              args=[project.pk, "xlsx"])).status_code == 404


def test_review_and_votes_through_pages(client, project, advance, people):
    project = advance(project, "40")
    login(client, people["secretariat"])
    client.post(reverse("workspace:project-review", args=[project.pk]), {
        "mode": "meeting", "experts": [e.pk for e in people["experts"][:2]]})
    assert project.reviews.get().experts.count() == 2
    expert = people["experts"][0]
    login(client, expert)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="vote-form"' in page
    client.post(reverse("workspace:project-vote", args=[project.pk]), {"position": "yes"})
    assert Event.objects.filter(kind="voted", actor=expert).exists()


def test_workspace_home_waiting_and_overdue(client, project, people):
    add_document(people["drafter"], project, "proposal")
    services.move(people["admin"], project, "approve", plan_number="P-1",
                  today=dt.date(2020, 1, 1))
    login(client, people["drafter"])
    page = client.get(reverse("workspace:home")).content.decode()
    assert "开始起草 Start drafting" in page  # waiting on the drafter
    assert 'id="overdue"' in page and "2021-01-01" in page  # due 12 months after 立项


def test_feeds(client, project, advance):
    project = advance(project, "30-open")
    feed = client.get(reverse("projects:feed-comment-periods"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert project.title in feed.content.decode()
    project = advance(project, "60")
    feed = client.get(reverse("projects:feed-standards")).content.decode()
    assert "DB33/T 9001-2026" in feed


def test_public_history_and_dates(client, project, advance):
    project = advance(project, "30-open")
    page = client.get(reverse("projects:public", args=[project.pk])).content.decode()
    assert TODAY.isoformat() in page and "提交意见" in page


def test_home_and_list_queries_do_not_grow_with_projects(client, people, lead_org, department,
                                                         django_assert_max_num_queries):
    def make(n):
        for i in range(n):
            services.propose(people["drafter"], {
                "title": f"项目 {i}", "level": "local", "lead_org": lead_org,
                "responsible_org": department})

    login(client, people["drafter"])
    make(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("workspace:home"))
        client.get(reverse("workspace:projects"))
    make(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("workspace:home"))
        client.get(reverse("workspace:projects"))
