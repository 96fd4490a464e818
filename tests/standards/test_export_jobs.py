"""A large .xlsx export is built by a background task: confirm, queue, progress, download."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from stdhub.core.leases import run_housekeeping
from stdhub.core.models import Event
from stdhub.orgs.choices import Role
from stdhub.standards import exports
from stdhub.standards.models import Standard, StandardExport

from .io_helpers import load_classes, run_import

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EXPORT = "/workspace/standards/export/"


@pytest.fixture
def registry(admin_user, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE  # the task runs as it is queued
    monkeypatch.setattr(exports, "INLINE_ROWS", 1)  # every export here counts as large
    load_classes()
    assert run_import(admin_user, "standards_zh.csv").ok
    return admin_user


def test_large_xlsx_export_runs_in_the_background(client, registry, editor):
    client.force_login(editor)
    confirm = client.get(EXPORT, {"format": "xlsx", "level": "national"})
    total = Standard.objects.filter(level="national").count()
    assert confirm.status_code == 200 and total > 1
    assert "后台生成" in confirm.content.decode() and not StandardExport.objects.exists()

    queued = client.post(f"{EXPORT}?format=xlsx&level=national")
    export = StandardExport.objects.get()
    assert queued.status_code == 302 and queued.url == export.get_absolute_url()
    assert (export.requested_by, export.status, export.rows_total) == (editor, "done", total)
    history = Event.objects.filter(object_id=str(export.pk), object_repr__startswith="export")
    assert [e.kind for e in history.order_by("seq")] == ["created", "exported"]

    page = client.get(export.get_absolute_url()).content.decode()
    download = reverse("workspace:standards-export-download", args=[export.pk])
    assert download in page and 'hx-trigger="every 2s"' not in page  # done: no more polling
    response = client.get(download)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)),
                          read_only=True).active
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == sorted(Standard.objects.filter(level="national")
                                   .values_list("code", flat=True))


def test_unfinished_export_page_polls_its_progress(client, registry, editor, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(editor)
    client.post(f"{EXPORT}?format=xlsx")
    export = StandardExport.objects.get()
    exports.mark_running(export)
    exports.record_progress(export, 2)
    fragment = client.get(export.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
    assert f'value="{2 * 100 // export.rows_total}"' in fragment


def test_exports_are_their_requesters_only(client, registry, editor, make_user, org):
    client.force_login(editor)
    client.post(f"{EXPORT}?format=xlsx")
    export = StandardExport.objects.get()
    client.force_login(make_user(Role.EDITOR, org))
    assert client.get(export.get_absolute_url()).status_code == 404
    assert client.get(reverse("workspace:standards-export-download",
                              args=[export.pk])).status_code == 404
    client.force_login(registry)  # a programme administrator sees every export
    assert client.get(export.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(export.get_absolute_url()).status_code == 302


def test_small_exports_need_no_task_and_bad_selections_are_refused(client, registry, editor):
    client.force_login(editor)
    small = client.get(EXPORT, {"format": "xlsx", "level": "group"})
    assert small["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.post(f"{EXPORT}?format=xlsx&level=planetary").status_code == 400
    assert client.post(f"{EXPORT}?format=csv").status_code == 400
    assert not StandardExport.objects.exists()


def test_export_whose_worker_stopped_is_failed_with_the_reason(client, registry, editor,
                                                               settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(editor)
    client.post(f"{EXPORT}?format=xlsx")
    export = StandardExport.objects.get()
    exports.mark_running(export)
    run_housekeeping("test")  # its lease still runs: left alone
    assert StandardExport.objects.get().status == "running"
    StandardExport.objects.update(lease_expires_at=timezone.now() - dt.timedelta(seconds=1))
    run_housekeeping("test")
    export.refresh_from_db()
    assert (export.status, export.message) == ("export_failed", exports.WORKER_STOPPED)
    page = client.get(export.get_absolute_url()).content.decode()
    assert "后台导出中断" in page and 'hx-trigger="every 2s"' not in page
