"""Conformance runs end to end: upload, background task (run at once), stored report, downloads."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from stdhub.conformance import services
from stdhub.conformance.choices import RunStatus
from stdhub.conformance.engine import parse_spec, validate
from stdhub.conformance.models import ConformanceRun
from stdhub.conformance.tasks import estimated_rows
from stdhub.core.models import Event

from .conftest import BAD_ROWS, GOOD_ROWS, HEADER, SCHEMA, csv_bytes, upload, write_rows


def _run(user, version, org, rows, name="data.csv", **extra):
    return services.start_run(user, version=version, organization=org,
                              upload=upload(name, csv_bytes(HEADER, rows)), **extra)


def test_conforming_dataset_passes(editor, version, org):
    run = _run(editor, version, org, GOOD_ROWS)
    assert run.status == RunStatus.PASSED
    assert run.report["valid"] is True and run.report["rows"] == 3
    assert (run.rows_done, run.rows_total, run.percent) == (3, 3, 100)
    assert run.started_at <= run.finished_at and run.task_id
    assert run.dataset.name.endswith(".csv") and run.dataset_name == "data.csv"
    kinds = list(Event.objects.filter(object_id=str(run.pk), content_type__model="conformancerun")
                 .order_by("seq").values_list("kind", flat=True))
    assert kinds == ["created", "started", "passed"]


def test_failing_dataset_report_equals_the_engines_direct_result(viewer, version, org, tmp_path):
    run = _run(viewer, version, org, BAD_ROWS)  # any member may run a test
    direct = validate(parse_spec(SCHEMA), write_rows(tmp_path / "same.csv", HEADER, BAD_ROWS))
    assert run.status == RunStatus.FAILED
    assert run.report == direct.to_dict()
    counts = {r["id"]: r["count"] for r in run.report["rules"] if r["count"]}
    assert counts == {"uscc:checksum": 1, "name:required": 1, "division:codeList": 1,
                      "founded:type": 1, "staff:minimum": 1}
    assert run.run_by == viewer and run.organization == org and run.version == version


def test_errors_file_lists_every_failing_cell(editor, version, org):
    run = _run(editor, version, org, BAD_ROWS)
    with run.errors_file.open("rb") as fh:
        lines = fh.read().decode().splitlines()
    assert lines[0] == "row,field,rule,value"
    assert "4,division,division:codeList,999999" in lines and len(lines) == 1 + 5


def test_run_keeps_its_exact_version(editor, data_standard, version, org):
    run = _run(editor, version, org, GOOD_ROWS)
    newer_schema = {**SCHEMA, "fields": SCHEMA["fields"] + [
        {"name": "phone", "type": "string", "constraints": {"required": True}}]}
    services.publish_version(editor, data_standard, schema=newer_schema, version_label="2.0")
    run.refresh_from_db()
    assert run.version.label == "1.0" and run.status == RunStatus.PASSED
    again = _run(editor, data_standard.latest_version, org, GOOD_ROWS)
    assert again.status == RunStatus.FAILED
    assert again.report["structure"][0]["type"] == "missing-column"


def test_unreadable_dataset_ends_in_error_with_reason(editor, version, org):
    # A zip that looks like a workbook from outside passes the upload check, and fails to open.
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("xl/workbook.xml", "not a workbook")
    run = services.start_run(editor, version=version, organization=org,
                             upload=upload("data.xlsx", content.getvalue()))
    assert run.status == RunStatus.ERROR and "as an .xlsx workbook" in run.message
    assert run.report is None


def test_dataset_whose_content_is_not_its_type_is_refused(editor, version, org):
    with pytest.raises(ValidationError) as caught:
        services.start_run(editor, version=version, organization=org,
                           upload=upload("data.xlsx", b"not a workbook"))
    assert "content is CSV text" in caught.value.message_dict["dataset"][0]
    assert not ConformanceRun.objects.exists()


def test_gbk_csv_with_declared_encoding(editor, version, org):
    rows = [[*GOOD_ROWS[0][:1], "浙江省标准化研究院", *GOOD_ROWS[0][2:]]]
    run = services.start_run(editor, version=version, organization=org, encoding="GBK",
                             upload=upload("gbk.csv", csv_bytes(HEADER, rows, "gbk")))
    assert run.status == RunStatus.PASSED and run.encoding == "gbk"


def test_bad_file_type_and_encoding_are_refused_before_saving(editor, version, org):
    with pytest.raises(ValidationError) as caught:
        services.start_run(editor, version=version, organization=org, encoding="klingon",
                           upload=upload("data.pdf", b"%PDF"))
    assert set(caught.value.message_dict) == {"dataset", "encoding"}
    assert not ConformanceRun.objects.exists()


def test_run_for_an_organization_one_is_not_member_of_is_refused(editor, version, other_org):
    with pytest.raises(PermissionDenied):
        _run(editor, version, other_org, GOOD_ROWS)
    assert not ConformanceRun.objects.exists()


def test_row_estimate_for_progress(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"a,b\n1,2\n3,4")  # last line without a line break
    assert estimated_rows(path, "utf-8") == 2
    assert estimated_rows(path, "utf-16") is None


# ---------------------------------------------------------------- pages


def test_run_page_uploads_and_shows_the_report(client, viewer, data_standard, org):
    client.force_login(viewer)
    response = client.post(reverse("conformance:run-add", args=[data_standard.pk]), {
        "version": data_standard.latest_version.pk, "organization": org.pk, "encoding": "",
        "dataset": upload("企业名录.csv", csv_bytes(HEADER, BAD_ROWS)),
    })
    run = ConformanceRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    page = client.get(run.get_absolute_url())
    html = page.content.decode()
    assert "不符合数据标准" in html and "企业名录.csv" in html
    assert 'hx-trigger="every 1s"' not in html  # finished: no more polling
    assert "<meter" in html and "division:codeList" in html and "999999" in html
    fields = {f.identifier: f for f in page.context["report"]["fields"]}
    assert fields["uscc"].percent == 75.0 and fields["uscc"].name == "统一社会信用代码"


def test_queued_run_page_polls_its_progress(client, editor, version, org, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run = _run(editor, version, org, GOOD_ROWS)  # the dummy backend never runs it
    client.force_login(editor)
    html = client.get(run.get_absolute_url()).content.decode()
    progress_url = reverse("conformance:run-progress", args=[run.pk])
    assert f'hx-get="{progress_url}"' in html and 'hx-trigger="every 1s"' in html
    services.mark_running(run, rows_total=4)
    services.record_progress(run, 1, 4)
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert '<progress max="100" value="25"' in fragment and "<html" not in fragment


def test_report_xlsx_and_errors_downloads(client, editor, version, org):
    run = _run(editor, version, org, BAD_ROWS)
    client.force_login(editor)
    response = client.get(reverse("conformance:run-report-xlsx", args=[run.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Summary 概要", "Rules 规则"]
    errors = client.get(reverse("conformance:run-errors", args=[run.pk]))
    assert b"division:codeList" in b"".join(errors.streaming_content)


def test_runs_are_visible_to_the_organizations_members_only(client, editor, viewer, outsider,
                                                            admin_user, version, org):
    run = _run(editor, version, org, GOOD_ROWS)
    # Another organization's run does not exist for the outsider: 404, as in the API.
    for user, status in [(viewer, 200), (admin_user, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(run.get_absolute_url()).status_code == status
        assert client.get(reverse("conformance:run-report-xlsx", args=[run.pk])).status_code \
            == status
    client.force_login(outsider)
    assert list(client.get(reverse("conformance:runs")).context["page"].object_list) == []
    client.logout()
    assert client.get(run.get_absolute_url()).status_code == 302  # to the login page
