"""Project services on a real database: each move allowed and refused, with its side effects."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stdhub.core import events
from stdhub.core.errors import Conflict
from stdhub.core.models import Event
from stdhub.core.permissions import SYSTEM, can, scope
from stdhub.projects import services
from stdhub.projects.models import Comment, Project, ProjectDocument
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard

from .conftest import TODAY, add_document, upload

pytestmark = pytest.mark.django_db


def kinds_of(project):
    return list(Event.objects.filter(object_id=str(project.pk),
                                     content_type__model="project").order_by("seq")
                .values_list("kind", flat=True))


def test_full_life_from_proposal_to_publication(project, advance):
    project = advance(project, "60")
    std = project.standard
    assert (project.stage, project.substate) == ("60", "")
    assert (std.code, std.title_zh, std.status) == (
        "DB33/T 9001-2026", "公共数据开放 数据质量评价规范", Status.CURRENT)
    assert std.review_due_on == dt.date(2031, 6, 1)
    assert std.responsible_org == project.responsible_org
    assert list(std.drafting_orgs.all()) == [project.lead_org]
    assert project.started_on == TODAY and project.due_on == dt.date(2027, 6, 1)
    assert kinds_of(project) == [
        "created", "document-uploaded", "approve", "start-drafting", "document-uploaded",
        "document-uploaded", "open-comments", "close-comments", "document-uploaded",
        "submit-review", "review-opened", "voted", "voted", "voted", "voted", "pass-review",
        "document-uploaded", "submit-approval", "publish"]
    assert events.verify().ok


def test_each_move_names_the_document_versions_current_at_that_moment(project, advance, people):
    project = advance(project, "20")
    add_document(people["drafter"], project, "comment-draft")
    add_document(people["drafter"], project, "comment-draft")  # v2
    add_document(people["drafter"], project, "explanation")
    services.move(people["drafter"], project, "open-comments", today=TODAY)
    event = Event.objects.filter(kind="open-comments").get()
    assert event.diff["document_versions"] == [
        None, ["comment-draft v2", "explanation v1", "proposal v1"]]
    assert event.diff["stage"] == ["20", "30"] and event.diff["substate"] == ["", "open"]
    project.refresh_from_db()
    assert project.comment_start == TODAY
    assert project.comment_end == TODAY + dt.timedelta(days=30)  # the default period


def test_wrong_role_is_refused_with_the_roles_needed(project, people):
    add_document(people["drafter"], project, "proposal")
    with pytest.raises(PermissionDenied, match="需要角色 requires one of: 方案管理员"):
        services.move(people["drafter"], project, "approve", plan_number="X-1")
    with pytest.raises(PermissionDenied):  # no role on this project at all
        services.move(people["outsider"], project, "approve", plan_number="X-1")
    project.refresh_from_db()
    assert project.stage == "00"


def test_missing_documents_are_named(project, advance, people):
    project = advance(project, "20")
    add_document(people["drafter"], project, "comment-draft")
    with pytest.raises(ValidationError) as exc:
        services.move(people["drafter"], project, "open-comments")
    assert exc.value.message_dict["to"] == ["缺少 missing: 编制说明 Explanatory notes"]
    project.refresh_from_db()
    assert project.stage == "20" and "open-comments" not in kinds_of(project)


def test_open_period_and_undisposed_comments_block_review(project, advance, people):
    project = advance(project, "20")
    add_document(people["drafter"], project, "comment-draft")
    add_document(people["drafter"], project, "explanation")
    services.move(people["drafter"], project, "open-comments", comment_end="2026-06-30",
                  today=TODAY)
    project.refresh_from_db()
    comment = services.submit_comment(SYSTEM, project, {
        "commenter_name": "张三", "commenter_org": "某公司", "commenter_contact": "13800000000",
        "clause": "5.2", "text": "指标定义不清", "proposed_change": "补充计算公式"})
    with pytest.raises(ValidationError, match="cannot be made from stage 30"):
        services.move(people["drafter"], project, "submit-review", today=TODAY)
    with pytest.raises(ValidationError, match="comment period has reached its end date"):
        services.move(people["drafter"], project, "close-comments", today=TODAY)
    services.move(people["drafter"], project, "close-comments", today=dt.date(2026, 6, 30))
    add_document(people["drafter"], project, "review-draft")
    with pytest.raises(ValidationError, match="every comment has a disposition"):
        services.move(people["drafter"], project, "submit-review", today=TODAY)
    with pytest.raises(ValidationError, match="give a reason"):
        services.dispose(people["drafter"], comment, "rejected")
    assert services.dispose(people["drafter"], comment, "partly", "已补充公式，不改结构")
    services.move(people["drafter"], project, "40", today=TODAY)  # by stage code
    project.refresh_from_db()
    assert (project.stage, project.substate) == ("40", "")


def test_comment_personal_data_stays_out_of_the_chain_and_can_be_erased(project, advance,
                                                                         people):
    project = advance(project, "30-open")
    comment = services.submit_comment(SYSTEM, project, {
        "commenter_name": "李四", "commenter_contact": "lisi@example.com", "text": "建议增加示例"})
    received = Event.objects.get(kind="comment-received")
    assert "李四" not in str(received.diff) + received.message
    assert "lisi@example.com" not in str(received.diff)
    services.erase_commenter(people["editor"], comment)
    comment.refresh_from_db()
    assert (comment.commenter_name, comment.commenter_contact) == ("", "")
    assert comment.erased_at and Event.objects.filter(kind="personal-data-erased").exists()
    assert events.verify().ok
    with pytest.raises(PermissionDenied):
        services.erase_commenter(people["outsider"], comment)


def test_comments_only_while_the_period_is_open(project, advance):
    with pytest.raises(ValidationError, match="not open"):
        services.submit_comment(SYSTEM, project, {"commenter_name": "王五", "text": "x"})
    project = advance(project, "30-open")
    with pytest.raises(ValidationError) as exc:
        services.submit_comment(SYSTEM, project, {"text": " "})
    assert set(exc.value.message_dict) == {"text", "commenter_name"}
    assert Comment.objects.count() == 0


def test_failed_vote_blocks_approval_and_returns_to_drafting(project, advance, people):
    project = advance(project, "40")
    with pytest.raises(ValidationError, match="review vote passed"):
        services.move(people["secretariat"], project, "pass-review", today=TODAY)
    services.open_review(people["secretariat"], project, experts=people["experts"],
                         mode="correspondence")
    with pytest.raises(PermissionDenied):
        services.cast_vote(people["outsider"], project, "yes")
    for expert, position in zip(people["experts"], ["yes", "yes", "no", "abstain"], strict=True):
        services.cast_vote(expert, project, position)
    with pytest.raises(ValidationError, match="review vote passed"):
        services.move(people["secretariat"], project, "pass-review", today=TODAY)
    with pytest.raises(PermissionDenied):  # drafters do not conclude reviews
        services.move(people["drafter"], project, "fail-review", today=TODAY)
    services.move(people["secretariat"], project, "fail-review", conclusion="需重大修改",
                  today=TODAY)
    project.refresh_from_db()
    assert project.reviews.get().conclusion == "需重大修改"
    services.move(people["drafter"], project, "redraft", today=TODAY)
    project.refresh_from_db()
    assert (project.stage, project.substate) == ("20", "")


def test_a_changed_vote_replaces_the_earlier_one(project, advance, people):
    project = advance(project, "40")
    services.open_review(people["secretariat"], project, experts=people["experts"][:1])
    expert = people["experts"][0]
    services.cast_vote(expert, project, "no")
    services.cast_vote(expert, project, "yes", "修改后同意")
    assert services.tally_of(project.reviews.get()).yes == 1
    last = Event.objects.filter(kind="voted").order_by("seq").last()
    assert last.diff == {"position": ["no", "yes"]}


def test_publication_refuses_a_bad_taken_or_mismatched_code(project, advance, people):
    project = advance(project, "50")
    admin = people["admin"]
    with pytest.raises(ValidationError, match="a valid, unused standard code"):
        services.move(admin, project, "publish", code="DB99/T 1-2026")
    with pytest.raises(ValidationError, match="is a national code"):
        services.move(admin, project, "publish", code="GB/T 99001-2026")
    create_standard(admin, {"code": "DB33/T 9001-2026", "title_zh": "已有标准"})
    with pytest.raises(ValidationError, match="a valid, unused standard code"):
        services.move(admin, project, "publish", code="DB33/T 9001-2026")
    project.refresh_from_db()
    assert project.stage == "50" and project.standard is None
    assert Standard.objects.count() == 1


def test_revision_supersedes_the_revised_standard(people, lead_org, department, advance):
    old = create_standard(people["admin"], {"code": "DB33/T 9001-2020", "title_zh": "旧版",
                                            "effective_on": "2020-05-01",
                                            "responsible_org": department})
    project = services.propose(people["drafter"], {
        "title": "公共数据开放 数据质量评价规范", "level": "local", "revises": old,
        "lead_org": lead_org, "responsible_org": department})
    assert project.kind == "revise"
    project = advance(project, "60")
    old.refresh_from_db()
    assert old.status == Status.SUPERSEDED
    assert list(project.standard.replaces.all()) == [old]


def test_stop_resume_cancel(project, advance, people):
    project = advance(project, "30-open")
    editor = people["editor"]
    with pytest.raises(ValidationError, match="a reason"):
        services.move(editor, project, "stop")
    services.move(editor, project, "stop", "起草单位调整")
    project.refresh_from_db()
    assert (project.substate, project.held_substate) == ("stopped", "open")
    with pytest.raises(ValidationError, match="the comment period is not open"):
        services.submit_comment(SYSTEM, project, {"commenter_name": "a", "text": "b"})
    services.move(editor, project, "resume")
    project.refresh_from_db()
    assert (project.substate, project.held_substate) == ("open", "")
    with pytest.raises(PermissionDenied):
        services.move(editor, project, "cancel", "不再需要")
    services.move(people["admin"], project, "cancel", "不再需要")
    project.refresh_from_db()
    assert project.substate == "cancelled"
    assert services.available_moves(people["admin"], project) == []
    assert Event.objects.filter(kind="cancel").get().message == "不再需要"


def test_periodic_review_confirm_and_withdraw(project, advance, people):
    project = advance(project, "60")
    services.move(people["editor"], project, "start-periodic-review")
    services.move(people["admin"], project, "confirm", today=dt.date(2030, 1, 1))
    project.standard.refresh_from_db()
    assert project.standard.last_reviewed_on == dt.date(2030, 1, 1)
    services.move(people["editor"], project, "90")
    services.move(people["admin"], project, "withdraw", "已被国家标准覆盖")
    project.refresh_from_db()
    project.standard.refresh_from_db()
    assert project.stage == "95" and project.standard.status == Status.WITHDRAWN


def test_stale_version_is_a_conflict(project, people):
    add_document(people["drafter"], project, "proposal")
    with pytest.raises(Conflict):
        services.move(people["admin"], project, "approve", plan_number="P-1", expected_version=7)
    services.move(people["admin"], project, "approve", plan_number="P-1", expected_version=1)
    project.refresh_from_db()
    assert project.version == 2


def test_document_checks(project, people):
    drafter = people["drafter"]
    with pytest.raises(ValidationError, match="not allowed"):
        services.upload_document(drafter, project, "proposal", upload("evil.exe"))
    with pytest.raises(ValidationError, match="empty"):
        services.upload_document(drafter, project, "proposal", upload("a.pdf", b""))
    with pytest.raises(PermissionDenied):
        services.upload_document(people["outsider"], project, "proposal", upload())
    doc = services.upload_document(drafter, project, "proposal", upload("建议书.PDF", b"%PDF-1"))
    assert doc.original_name == "建议书.PDF" and doc.number == 1
    assert doc.file.name.startswith(f"projects/{project.pk}/") and doc.file.name.endswith(".pdf")
    assert "建议书" not in doc.file.name
    assert ProjectDocument.objects.count() == 1


def test_visibility_scope(project, advance, people):
    public, anonymous = scope(people["outsider"], "view", Project.objects.all()), None
    assert list(public) == []
    assert list(scope(people["drafter"], "view", Project.objects.all())) == [project]
    assert list(scope(people["secretariat"], "view", Project.objects.all())) == [project]
    from django.contrib.auth.models import AnonymousUser
    anonymous = AnonymousUser()
    assert not can(anonymous, "view", project)
    project = advance(project, "30-open")
    assert can(anonymous, "view", project) and can(anonymous, "comment", project)
    assert list(scope(anonymous, "view", Project.objects.all())) == [project]
    docs = scope(anonymous, "view", ProjectDocument.objects.all())
    assert sorted(d.kind for d in docs) == ["comment-draft", "explanation"]
    assert scope(people["drafter"], "view", ProjectDocument.objects.all()).count() == 3
    assert scope(anonymous, "view", Comment.objects.all()).count() == 0


def test_anonymous_comments_are_recorded_as_the_public(project, advance):
    from django.contrib.auth.models import AnonymousUser

    project = advance(project, "30-open")
    services.submit_comment(AnonymousUser(), project, {"commenter_name": "甲", "text": "乙"})
    assert Event.objects.get(kind="comment-received").actor_name == "public"


def test_closing_due_periods_is_idempotent(project, advance, people):
    project = advance(project, "30-open")  # ends on TODAY: still open that day
    assert services.close_due_comment_periods(TODAY) == []
    closed = services.close_due_comment_periods(TODAY + dt.timedelta(days=1))
    assert [p.pk for p in closed] == [project.pk]
    assert services.close_due_comment_periods(TODAY + dt.timedelta(days=2)) == []
    event = Event.objects.get(kind="close-comments")
    assert event.actor_name == "system"
