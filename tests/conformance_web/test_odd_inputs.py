"""Odd input to the data-standards pages and services: refused with a reason, never a 500.
Reports and errors files carry uploaded values without live formulas."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.http import content_disposition_header, parse_header_parameters
from openpyxl import load_workbook

from stdhub.conformance import services
from stdhub.conformance.choices import RunStatus
from stdhub.conformance.models import ConformanceRun, DataStandard, DataStandardVersion

from .conftest import GOOD_ROWS, GOOD_USCC, HEADER, SCHEMA, csv_bytes, upload

FORMULA_ROWS = [  # a name and a division that would run in Excel
    [GOOD_USCC[0], '=HYPERLINK("http://evil.example","x")', "330106", "2019-03-01", "25"],
    [GOOD_USCC[1], "浙江标准服务中心", "@SUM(A1)", "2015-07-15", "-5"],
]


def _run(user, version, org, content: bytes, name="data.csv", **extra) -> ConformanceRun:
    return services.start_run(user, version=version, organization=org,
                              upload=upload(name, content), **extra)


def test_report_xlsx_and_errors_csv_have_no_live_formulas(client, editor, version, org):
    run = _run(editor, version, org, csv_bytes(HEADER, FORMULA_ROWS))
    assert run.status == RunStatus.FAILED
    client.force_login(editor)
    report = client.get(reverse("conformance:run-report-xlsx", args=[run.pk]))
    book = load_workbook(io.BytesIO(report.content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    samples = [row for row in book["Samples 样例"].iter_rows(values_only=True)][1:]
    assert ("division:codeList", 3, "'@SUM(A1)") in samples
    assert all(isinstance(row[1], int) for row in samples)  # row numbers stay numbers

    errors = client.get(reverse("conformance:run-errors", args=[run.pk]))
    rows = list(csv.DictReader(io.StringIO(b"".join(errors.streaming_content).decode())))
    values = {(r["field"], r["value"]) for r in rows}
    assert ("division", "'@SUM(A1)") in values
    assert ("staff", "-5") in values  # a plain negative number stays a number


@pytest.mark.parametrize("encoding", ["rot13", "zlib", "hex", "base64", "klingon"])
def test_only_text_encodings_are_accepted_for_runs(editor, version, org, encoding):
    with pytest.raises(ValidationError) as caught:
        _run(editor, version, org, csv_bytes(HEADER, GOOD_ROWS), encoding=encoding)
    assert "unsupported encoding" in caught.value.message_dict["encoding"][0]
    assert not ConformanceRun.objects.exists()


def test_run_form_refuses_an_unlisted_encoding(client, editor, data_standard, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:run-add", args=[data_standard.pk]), {
        "version": data_standard.latest_version.pk, "organization": org.pk,
        "encoding": "rot13", "dataset": upload("data.csv", csv_bytes(HEADER, GOOD_ROWS))})
    assert response.status_code == 200 and response.context["form"].errors["encoding"]


def test_long_chinese_file_name_is_stored_under_a_generated_name(editor, version, org,
                                                                  media_and_tasks):
    name = "浙江省法人单位基础信息" * 8 + "数据集样例.csv"  # 95 characters, 285 bytes
    run = _run(editor, version, org, csv_bytes(HEADER, GOOD_ROWS), name=name)
    assert run.status == RunStatus.PASSED and run.dataset_name == name
    stored = media_and_tasks / run.dataset.name
    assert stored.is_file() and len(stored.name.encode()) < 60
    # No folder per upload, so nothing empty is left behind.
    assert [p for p in stored.parent.iterdir() if p.is_dir()] == []


def test_a_file_name_longer_than_the_column_is_shortened(editor, version, org):
    run = _run(editor, version, org, csv_bytes(HEADER, GOOD_ROWS), name="数" * 300 + ".csv")
    assert len(run.dataset_name) <= 255 and run.dataset_name.endswith(".csv")
    assert services.display_name("数" * 300 + ".csv").endswith("数….csv")


def test_upload_over_the_size_limit_is_refused(editor, version, org, settings):
    settings.STDHUB_UPLOAD_LIMITS_MB = {**settings.STDHUB_UPLOAD_LIMITS_MB, "datasets": 1}
    with pytest.raises(ValidationError) as caught:
        _run(editor, version, org, b"uscc\n" + b"x" * (1 << 20) + b"\n")
    assert "file too large" in caught.value.message_dict["dataset"][0]
    assert not ConformanceRun.objects.exists()


def test_workbook_that_inflates_too_far_is_refused_at_upload(editor, version, org, settings):
    settings.STDHUB_MAX_XLSX_INFLATED_MB = 2
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", "A" * (5 << 20))
    with pytest.raises(ValidationError) as caught:
        _run(editor, version, org, content.getvalue(), name="bomb.xlsx")
    assert "unpacks to 5 MB" in caught.value.message_dict["dataset"][0]


def test_code_list_page_refuses_a_workbook_that_is_text(client, editor, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:code-list-import"), {
        "identifier": "zj/x", "title": "x", "organization": org.pk, "version_label": "1",
        "file": upload("codes.xlsx", b"code,name\n1,a\n")})
    assert response.status_code == 200
    assert "content is CSV text" in str(response.context["form"].errors["file"])


@pytest.mark.parametrize("label", ['1.0"; filename*=utf-8\'\'evil.exe', "2.0\r\nX-Evil: 1"])
def test_schema_download_header_survives_any_stored_label(client, data_standard, label):
    # Stored directly: such labels are refused today, but may be in the database already.
    version = DataStandardVersion.objects.create(data_standard=data_standard, label=label,
                                                 schema_text=json.dumps(SCHEMA))
    response = client.get(reverse("conformance:version-schema", args=[version.pk]))
    assert response.status_code == 200 and "X-Evil" not in response.headers
    header = response["Content-Disposition"]
    name = f"zj_legal-entity-{label}.json"
    assert header == content_disposition_header(True, name)  # quoted or encoded, never raw
    assert "\r" not in header and "\n" not in header
    assert parse_header_parameters(header) == ("attachment", {"filename": name})


def test_label_with_a_line_break_is_refused(editor, data_standard):
    with pytest.raises(ValidationError) as caught:
        services.publish_version(editor, data_standard, schema=SCHEMA,
                                 version_label="2\r\nX-Evil: 1")
    assert "control characters" in caught.value.message_dict["version_label"][0]


def test_spec_field_name_with_a_lone_surrogate_is_refused(editor, org):
    schema = {"fields": [{"name": "bad\ud800", "type": "string"}]}
    with pytest.raises(ValidationError) as caught:
        services.publish_data_standard(editor, identifier="zj/s", title="s", organization=org,
                                       schema=schema, version_label="1")
    assert "lone surrogate" in caught.value.message_dict["schema"][0]
    # The same as JSON text (the page's textarea, an uploaded file) with an escape.
    text = '{"fields": [{"name": "bad\\ud800", "type": "string"}]}'
    with pytest.raises(ValidationError):
        services.publish_data_standard(editor, identifier="zj/s", title="s", organization=org,
                                       schema=text, version_label="1")
    assert not DataStandard.objects.exists()


def test_title_with_a_lone_surrogate_or_nul_is_refused(editor, org):
    with pytest.raises(ValidationError) as caught:
        services.publish_data_standard(editor, identifier="zj/\x00", title="t\udfff",
                                       organization=org, schema=SCHEMA, version_label="1")
    assert set(caught.value.message_dict) == {"identifier", "title"}


def test_a_stored_surrogate_never_breaks_its_page(data_standard, version):
    # Stored as JSON escapes ("\\ud800"), as published before the check existed.
    broken = {"fields": [{"name": "bad\ud800", "title": "名\udc00", "type": "string"}]}
    DataStandardVersion.objects.filter(pk=version.pk).update(schema_text=json.dumps(broken))
    client = Client()
    for name in ("conformance:standard", "conformance:version"):
        pk = data_standard.pk if name == "conformance:standard" else version.pk
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 200 and "bad\ufffd" in response.content.decode()
    response = client.get(reverse("conformance:version-schema", args=[version.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(("schema", "message"), [
    ('{"fields": [{"name": "n", "type": "number", "constraints": {"minimum": NaN}}]}',
     "must be a finite number"),
    ('{"fields": [{"name": "n", "type": "number", "constraints": {"maximum": Infinity}}]}',
     "must be a finite number"),
    ('{"fields": [{"name": "n", "type": "number", "constraints": {"enum": [1, -Infinity]}}]}',
     "must be a finite number"),
    ('{"fields": [{"name": "d", "type": "date", "format": "%Q"}]}', "unknown directive '%Q'"),
    ('{"fields": [{"name": "d", "type": "datetime", "format": "%Y-%m-%d %"}]}',
     "unknown directive"),
    ("[" * 100_000 + "]" * 100_000, "nested deeper than 32 levels"),
    ('{"fields": [{"name": "a", "title": ' + "[" * 40 + "]" * 40 + "}]}",
     "nested deeper than 32 levels"),
])
def test_lenient_specs_are_refused_with_a_reason(editor, org, schema, message):
    with pytest.raises(ValidationError) as caught:
        services.publish_data_standard(editor, identifier="zj/s", title="s", organization=org,
                                       schema=schema, version_label="1")
    assert message in caught.value.message_dict["schema"][0]


def test_valid_date_formats_still_load(editor, org):
    schema = {"fields": [{"name": "d", "type": "date", "format": "%Y年%m月%d日"},
                         {"name": "t", "type": "datetime", "format": "%Y-%m-%d %H:%M:%S%.f"}]}
    services.publish_data_standard(editor, identifier="zj/s", title="s", organization=org,
                                   schema=schema, version_label="1")


@pytest.mark.parametrize(("content", "message"), [
    (b"code,name,parent\nA,a,B\nB,b,C\nC,c,A\nD,d,\n",
     "row 2: parents form a loop: A → B → C → A"),
    (b"code,name,parent\nA,a,\nB\x00,b,A\n", "row 3: contains a NUL character"),
    (b"code,name,parent\nA,a,\nB,b\x00,A\n", "row 3: contains a NUL character"),
])
def test_code_list_loops_and_nul_characters_are_refused(editor, org, tmp_path, content,
                                                       message):
    path = tmp_path / "codes.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        services.import_code_list(editor, identifier="zj/list", version_label="1", path=path,
                                  title="list", organization=org)
    assert message in " ".join(caught.value.message_dict["file"])


def test_schema_file_over_its_limit_is_a_field_error(client, editor, org, settings):
    settings.STDHUB_UPLOAD_LIMITS_MB = {**settings.STDHUB_UPLOAD_LIMITS_MB, "schemas": 1}
    client.force_login(editor)
    big = json.dumps({**SCHEMA, "description": "说明" * (1 << 19)}).encode()
    response = client.post(reverse("conformance:standard-add"), {
        "identifier": "zj/big", "title": "t", "organization": org.pk, "version_label": "1",
        "schema_file": upload("schema.json", big)})
    assert response.status_code == 200
    assert "file too large" in str(response.context["form"].errors["schema_file"])
    assert not DataStandard.objects.exists()
