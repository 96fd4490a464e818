"""Notices on the moves that matter, for the right people, only after the write commits."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction

from stdhub.core.models import Event
from stdhub.notifications import services
from stdhub.notifications.models import Follow, Notice
from stdhub.projects import services as project_services

from ..projects.conftest import TODAY, add_document
from .conftest import notified

pytestmark = pytest.mark.django_db


def open_comments(people, project, advance, capture):
    project = advance(project, "20")
    add_document(people["drafter"], project, "comment-draft")
    add_document(people["drafter"], project, "explanation")
    with capture(execute=True):
        return project_services.move(people["drafter"], project, "open-comments", today=TODAY)


def test_comment_period_opened_tells_followers_and_secretariat(
        mailboxes, project, advance, django_capture_on_commit_callbacks):
    people = mailboxes
    follower = people["admin"]  # before 30 only insiders and administrators see a project
    assert services.follow(follower, project) is True
    project = open_comments(people, project, advance, django_capture_on_commit_callbacks)
    got = notified("comment-period-opened")
    # the drafter who opened it, the department's editor and the outsider hear nothing
    assert set(got) == {"secretary", follower.username}
    assert "开始征求意见" in got["secretary"][0]
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.cn", "secretary@example.cn"]
    assert f"/workspace/projects/{project.pk}/" in mail.outbox[0].body


def test_comment_received_tells_the_drafters_only(
        mailboxes, project, advance, django_capture_on_commit_callbacks):
    people = mailboxes
    project = open_comments(people, project, advance, django_capture_on_commit_callbacks)
    Notice.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_services.submit_comment(project_services.PUBLIC, project, {
            "commenter_name": "张三", "text": "第5章指标过多。"})
    assert set(notified()) == {"drafter"}
    assert "收到意见 #1" in notified()["drafter"][0]
    assert [m.to for m in mail.outbox] == [["drafter@example.cn"]]
    assert "张三" not in mail.outbox[0].body  # a commenter's name stays out of emails


def test_vote_requested_tells_the_assigned_experts(
        mailboxes, project, advance, django_capture_on_commit_callbacks):
    people = mailboxes
    project = advance(project, "40")
    chosen = people["experts"][:3]
    with django_capture_on_commit_callbacks(execute=True):
        project_services.open_review(people["secretariat"], project, experts=chosen)
    assert set(notified("vote-requested")) == {e.username for e in chosen}
    assert Notice.objects.filter(recipient=people["experts"][3]).count() == 0


def test_a_rolled_back_move_notifies_nobody(
        mailboxes, project, advance, django_capture_on_commit_callbacks):
    people = mailboxes
    project = advance(project, "20")
    add_document(people["drafter"], project, "comment-draft")
    add_document(people["drafter"], project, "explanation")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            project_services.move(people["drafter"], project, "open-comments", today=TODAY)
            raise RuntimeError("something later in the same request fails")
    assert callbacks == []
    assert Notice.objects.count() == 0 and mail.outbox == []
    assert not Event.objects.filter(kind="open-comments").exists()


def test_notices_are_made_after_the_commit_not_before(
        mailboxes, project, advance, django_capture_on_commit_callbacks):
    people = mailboxes
    project = advance(project, "40")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        project_services.open_review(people["secretariat"], project, experts=people["experts"])
        assert Notice.objects.count() == 0  # still inside the write
    for callback in callbacks:
        callback()
    assert Notice.objects.filter(kind="vote-requested").count() == 4


def test_email_can_be_turned_off_and_notices_still_come(
        mailboxes, project, advance, django_capture_on_commit_callbacks):
    people = mailboxes
    services.set_email(people["secretariat"], False)
    open_comments(people, project, advance, django_capture_on_commit_callbacks)
    assert "secretary" in notified()
    assert mail.outbox == []


def test_follow_and_unfollow_record_events(people, project, advance):
    project = advance(project, "30-open")
    user = people["outsider"]  # may see the project once it is public
    assert services.follow(user, project) is True
    assert services.follow(user, project) is False
    assert services.is_following(user, project)
    assert services.unfollow(user, project) is True
    assert services.unfollow(user, project) is False
    assert not Follow.objects.exists()
    kinds = list(Event.objects.filter(object_id=str(project.pk)).order_by("seq")
                 .values_list("kind", "actor_name"))[-2:]
    assert kinds == [("followed", "outsider"), ("unfollowed", "outsider")]


def test_nobody_follows_what_they_may_not_see(people, project):
    with pytest.raises(PermissionDenied):
        services.follow(people["outsider"], project)  # stage 00: insiders only
    assert not Follow.objects.exists()


def test_marking_read_touches_only_ones_own_notices(people):
    drafter, editor = people["drafter"], people["editor"]
    mine = services.notify("project-overdue", [drafter], "逾期", "/x/")[0]
    theirs = services.notify("project-overdue", [editor], "逾期", "/x/")[0]
    assert services.mark_read(drafter, [mine.pk, theirs.pk]) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_keyed_notice_is_made_once(people):
    first = services.notify("project-overdue", [people["drafter"]], "逾期", key="k:1")
    again = services.notify("project-overdue", [people["drafter"]], "逾期", key="k:1")
    assert len(first) == 1 and again == []
