"""Scheduled work: periods close at their end date, overdue and 复审 notices go out once,
the digest goes to each person, and a period's job runs once however many clocks run."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from stdhub.core import events
from stdhub.core.models import Event
from stdhub.notifications import clock, services
from stdhub.notifications.models import Notice, ScheduledRun
from stdhub.projects.models import Project

from ..projects.conftest import TODAY
from .conftest import notified


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def job(name: str) -> tuple[clock.Job, ...]:
    return tuple(j for j in clock.JOBS if j.name == name)


@pytest.mark.django_db
def test_a_comment_period_closes_after_its_end_date_as_the_service_closes_it(
        project, advance):
    project = advance(project, "30-open")  # the period ends on TODAY
    assert clock.run_due(at(TODAY), job("close-comment-periods"))[0].summary.startswith(
        "closed 0")
    runs = clock.run_due(at(TODAY + dt.timedelta(days=1)), job("close-comment-periods"))
    assert [(r.job, r.period, r.outcome, r.summary) for r in runs] == [
        ("close-comment-periods", "2026-06-02T08", "done", "closed 1 comment period(s)")]
    project.refresh_from_db()
    assert (project.stage, project.substate) == ("30", "closed")
    closing = Event.objects.filter(kind="close-comments").get()
    assert closing.actor_id is None and closing.actor_name == "system"
    assert events.verify().ok


@pytest.mark.django_db
def test_a_period_runs_once_and_the_next_period_runs_again(project, advance):
    advance(project, "30-open")
    now = at(TODAY + dt.timedelta(days=1))
    assert len(clock.run_due(now)) == 4
    assert clock.run_due(now + dt.timedelta(minutes=30)) == []  # same hour, same day
    later = clock.run_due(now + dt.timedelta(hours=1))
    assert sorted(r.job for r in later) == ["close-comment-periods", "overdue-flags"]
    assert ScheduledRun.objects.filter(job="close-comment-periods").count() == 2


@pytest.mark.django_db
def test_the_digest_waits_for_its_hour(people, settings):
    settings.STDHUB_NOTIFICATIONS = {"DIGEST_HOUR": 9}
    assert not clock.run_due(at(TODAY, 8), job("daily-digest"))
    assert clock.run_due(at(TODAY, 9), job("daily-digest"))[0].period == "2026-06-01"


@pytest.mark.django_db
def test_an_overdue_project_raises_one_notice_for_drafters_and_department(
        mailboxes, project, advance):
    project = advance(project, "20")
    after_due = at(project.due_on + dt.timedelta(days=1))
    assert clock.run_due(at(project.due_on), job("overdue-flags"))[0].summary == (
        "0 overdue notice(s)")  # due today is not yet overdue
    clock.run_due(after_due, job("overdue-flags"))
    assert set(notified("project-overdue")) == {"drafter", "dept-editor"}
    clock.run_due(after_due + dt.timedelta(hours=1), job("overdue-flags"))
    clock.run_due(after_due + dt.timedelta(days=3), job("overdue-flags"))
    assert Notice.objects.filter(kind="project-overdue").count() == 2  # raised once
    assert sorted(m.to[0] for m in mail.outbox) == ["dept-editor@example.cn",
                                                    "drafter@example.cn"]


@pytest.mark.django_db
def test_a_standard_due_for_review_tells_its_departments_editors(
        mailboxes, project, advance):
    project = advance(project, "60")
    std = project.standard
    services.follow(mailboxes["outsider"], std)
    long_past = at(std.review_due_on + dt.timedelta(days=10))  # overdue before the clock ran
    assert clock.run_due(long_past, job("review-due"))[0].summary == "0 review-due notice(s)"
    before = std.review_due_on - dt.timedelta(days=31)
    assert clock.run_due(at(before), job("review-due"))[0].summary == "0 review-due notice(s)"
    clock.run_due(at(before + dt.timedelta(days=1)), job("review-due"))
    clock.run_due(at(before + dt.timedelta(days=2)), job("review-due"))
    got = notified("review-due")
    assert set(got) == {"dept-editor", "outsider"}
    assert all(len(texts) == 1 and std.code in texts[0] for texts in got.values())


@pytest.mark.django_db
def test_the_digest_is_one_email_per_person_with_their_own_items(mailboxes, project, advance):
    people = mailboxes
    project = advance(project, "20")
    services.notify("vote-requested", [people["experts"][0]], "请您投票 A", "/a/")
    services.notify("vote-requested", [people["experts"][0]], "请您投票 B", "/b/")
    services.notify("vote-requested", [people["experts"][1]], "请您投票 C", "/c/")
    read = services.notify("vote-requested", [people["experts"][2]], "已读的", "/d/")
    services.mark_read(people["experts"][2], [n.pk for n in read])
    services.set_email(people["experts"][1], False)
    mail.outbox.clear()
    soon = at(project.due_on - dt.timedelta(days=10))
    clock.run_due(soon, job("daily-digest"))
    by_person = {m.to[0]: m.body for m in mail.outbox}
    # the people on the project hear of its due date; the expert with email off, the one
    # with nothing unread, the outsider and the administrator (on no project) get nothing
    assert set(by_person) == {"expert1@example.cn", "drafter@example.cn",
                              "dept-editor@example.cn", "secretary@example.cn"}
    assert "请您投票 A" in by_person["expert1@example.cn"]
    assert "请您投票 B" in by_person["expert1@example.cn"]
    assert "请您投票 C" not in by_person["expert1@example.cn"]
    assert project.title in by_person["drafter@example.cn"]  # due soon
    assert "Projects due soon" in by_person["drafter@example.cn"]
    assert "请您投票" not in by_person["drafter@example.cn"]


@pytest.mark.django_db
def test_clock_once_command(people, capsys):
    call_command("clock", "--once")
    out = capsys.readouterr().out
    assert "close-comment-periods" in out and "done" in out
    call_command("clock", "--once")
    assert "nothing due" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(people, monkeypatch):
    def broken(now):
        raise RuntimeError("mail server down")

    jobs = (clock.Job("broken", clock.hourly, broken), *job("overdue-flags"))
    runs = clock.run_due(at(TODAY), jobs)
    assert [(r.job, r.outcome) for r in runs] == [("broken", "failed"),
                                                  ("overdue-flags", "done")]
    assert "RuntimeError: mail server down" in runs[0].summary
    monkeypatch.setattr(clock, "JOBS", (clock.Job("broken", clock.daily, broken),))
    with pytest.raises(CommandError, match="failed: broken"):
        call_command("clock", "--once")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel clocks need PostgreSQL")
def test_parallel_clocks_run_each_period_once(mailboxes, project, advance):
    project = advance(project, "30-open")
    Project.objects.filter(pk=project.pk).update(due_on=TODAY - dt.timedelta(days=1))
    now = at(TODAY + dt.timedelta(days=1))
    barrier, made, errors = threading.Barrier(4), [], []

    def a_clock():
        try:
            barrier.wait()
            made.extend(clock.run_due(now))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=a_clock) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.job for r in made) == sorted(j.name for j in clock.JOBS)
    assert ScheduledRun.objects.count() == len(clock.JOBS)
    assert Event.objects.filter(kind="close-comments").count() == 1
    assert Notice.objects.filter(kind="project-overdue").count() == 2
    assert events.verify().ok
