"""Busy and Conflict as HTTP answers, and PostgreSQL's lock timeout recognised as Busy."""

import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.test import RequestFactory

from stdhub.core.busy import as_busy
from stdhub.core.errors import Busy, Conflict
from stdhub.core.middleware import ServiceErrorMiddleware
from stdhub.orgs.models import Organization


def answer(path, exc, **headers):
    request = RequestFactory().get(path, **headers)
    return ServiceErrorMiddleware(lambda r: None).process_exception(request, exc)


@pytest.mark.django_db
def test_busy_and_conflict_answers_for_the_api_and_pages():
    busy = answer("/api/v1/standards/", Busy(retry_after=7))
    assert busy.status_code == 503 and busy["Retry-After"] == "7"
    assert "7" in busy.content.decode() and busy["Content-Type"] == "application/json"
    stale = answer("/api/v1/standards/1/", Conflict("changed meanwhile", current_version=3))
    assert stale.status_code == 409 and b"changed meanwhile" in stale.content
    page = answer("/workspace/standards/1/edit/", Busy())
    assert page.status_code == 503 and int(page["Retry-After"]) > 0
    assert "系统正忙" in page.content.decode() and page["Content-Type"].startswith("text/html")


def test_other_errors_are_left_alone():
    assert as_busy(OperationalError("no such table: x")) is None
    assert as_busy(ValueError("database is locked")) is None
    assert answer("/", ValueError("boom")) is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lock_timeout")
def test_a_postgresql_lock_timeout_is_busy():
    org = Organization.objects.create(name="锁定测试单位")
    held, done = threading.Event(), threading.Event()

    def holder():
        with transaction.atomic():
            Organization.objects.select_for_update().get(pk=org.pk)
            held.set()
            done.wait(10)
        connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(OperationalError) as raised, transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '200ms'")
            Organization.objects.select_for_update().get(pk=org.pk)
    finally:
        done.set()
        thread.join()
    busy = as_busy(raised.value)
    assert isinstance(busy, Busy) and busy.retry_after > 0
