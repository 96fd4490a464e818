"""Housekeeping of runs whose worker stopped, on the database task queue (no worker runs
here: the task rows are moved by hand to what a dead worker leaves behind)."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from stdhub.conformance import services
from stdhub.conformance.choices import RunStatus
from stdhub.conformance.models import ConformanceRun
from stdhub.core.leases import LeaseLost, run_housekeeping
from stdhub.core.models import Event

from .conftest import GOOD_ROWS, HEADER, csv_bytes, upload

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run(settings, editor, version, org):
    settings.TASKS = DATABASE_QUEUE
    return services.start_run(editor, version=version, organization=org,
                              upload=upload("data.csv", csv_bytes(HEADER, GOOD_ROWS)))


def kinds(run) -> list[str]:
    return list(Event.objects.filter(object_id=str(run.pk), object_repr__startswith="#")
                .order_by("seq").values_list("kind", flat=True))


def expire(run) -> None:
    ConformanceRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1))


def test_live_runs_and_queued_runs_are_left_alone(run):
    services.mark_running(run)
    run_housekeeping("test")
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.lease_expires_at > timezone.now()
    assert services.recover_abandoned_runs() == []


def test_expired_lease_is_retried_once_then_given_up(run):
    first_task = run.task_id
    services.mark_running(run)
    expire(run)
    run_housekeeping("test")
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.QUEUED, 1) and run.task_id != first_task
    assert DBTaskResult.objects.get(id=run.task_id).status == TaskResultStatus.READY

    services.mark_running(run)
    assert run.attempts == 2
    expire(run)
    assert [r.pk for r in services.recover_abandoned_runs()] == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.message) == (RunStatus.ERROR, services.WORKER_STOPPED)
    assert run.is_finished and run.lease_expires_at is None
    assert kinds(run) == ["created", "started", "requeued", "started", "error"]


def test_task_lost_before_the_run_started_counts_as_an_attempt(run):
    DBTaskResult.objects.filter(id=run.task_id).update(status=TaskResultStatus.FAILED)
    services.recover_abandoned_runs()
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.QUEUED, 1)
    DBTaskResult.objects.filter(id=run.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - dt.timedelta(hours=1))
    services.recover_abandoned_runs()
    run.refresh_from_db()
    assert run.status == RunStatus.ERROR and kinds(run) == ["created", "requeued", "error"]


def test_an_attempt_that_lost_its_run_writes_nothing(run):
    services.mark_running(run)
    stale = ConformanceRun.objects.get(pk=run.pk)  # what the old worker holds
    expire(run)
    services.recover_abandoned_runs()
    services.mark_running(ConformanceRun.objects.get(pk=run.pk))  # the new attempt
    with pytest.raises(LeaseLost):
        services.record_progress(stale, 10, 20)
    with pytest.raises(LeaseLost):
        services.renew_lease(stale)
    with pytest.raises(LeaseLost):
        services.fail_run(stale, "late")
    run.refresh_from_db()
    assert (run.status, run.attempts, run.rows_done, run.message) == \
        (RunStatus.RUNNING, 2, 0, "")
    assert kinds(run)[-1] == "started"
