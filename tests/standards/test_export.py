"""Export: CSV with BOM, the xlsx 标准明细表, JSON; filters; round trips; the list page's export."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.http import QueryDict
from openpyxl import load_workbook

from stdhub.core.models import Event
from stdhub.core.permissions import SYSTEM
from stdhub.standards.io.exporter import HEADINGS, records_of, selected_standards, write
from stdhub.standards.models import Standard

from .io_helpers import load_classes, run_import

pytestmark = pytest.mark.django_db
CUSTOMARY = ["序号", "标准号", "标准名称", "英文名称", "层级", "性质", "状态", "发布日期",
             "实施日期", "ICS", "CCS", "归口单位", "代替标准", "复审到期"]


@pytest.fixture
def registry(admin_user):
    load_classes()
    for name in ("standards_zh.csv", "standards_gbk.csv", "standards_en.xlsx"):
        assert run_import(admin_user, name).ok
    return admin_user


def exported(fmt: str, **params) -> bytes:
    """The file the list page would export for ``params`` (as its query string holds them)."""
    query = QueryDict(mutable=True)
    query.update(params)
    out = io.BytesIO()
    write(records_of(selected_standards(SYSTEM, query), SYSTEM), fmt, out)
    return out.getvalue()


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_the_customary_columns_first(registry):
    rows = csv_rows(exported("csv"))
    assert rows[0][:len(CUSTOMARY)] == CUSTOMARY
    assert len(rows) == 1 + Standard.objects.count()
    row = dict(zip(rows[0], next(r for r in rows if r[1] == "DB33/T 2350-2021"), strict=True))
    assert (row["层级"], row["性质"], row["状态"]) == ("地方标准", "推荐性", "现行")
    assert (row["实施日期"], row["复审到期"]) == ("2021-07-28", "2026-07-28")
    assert row["代替标准"] == "DB33/T 2350-2019"
    assert row["起草单位"] == "浙江省数据管理中心、浙江省标准化研究院"
    assert [r[0] for r in rows[1:4]] == ["1", "2", "3"]


def test_xlsx_is_a_detail_table_with_date_cells(registry):
    book = load_workbook(io.BytesIO(exported("xlsx")), read_only=True)
    sheet = book["标准明细表"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    iso = dict(zip(HEADINGS, next(r for r in rows if r[1] == "GB/T 22080-2016"), strict=True))
    assert iso["发布日期"].date().isoformat() == "2016-08-29"
    assert (iso["ICS"], iso["采用国际标准"], iso["采用程度"]) == (
        "03.100.70; 35.030", "ISO/IEC 27001:2013", "IDT")


def test_json_of_a_filtered_selection(registry):
    records = json.loads(exported("json", level="local", status="current"))
    codes = sorted(r["code"] for r in records)
    assert codes == ["DB33/T 1500-2020", "DB33/T 2350-2021", "DB3301/T 0001-2019"]
    first = next(r for r in records if r["code"] == "DB33/T 2350-2021")
    assert first["replaces"] == ["DB33/T 2350-2019"] and first["ics"] == ["35.240.01"]
    assert first["effective_on"] == "2021-07-28" and first["status"] == "current"


def test_search_and_ordering_narrow_the_selection(registry):
    rows = csv_rows(exported("csv", q="信息安全", ordering="-issued"))
    assert [r[1] for r in rows[1:]] == ["ISO/IEC 27001:2022", "GB/T 35273-2020", "GB/T 22239-2019",
                                        "GB/T 35273-2017", "GB/T 22080-2016"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_files_import_back_unchanged(registry, tmp_path, fmt):
    path = tmp_path / f"registry.{fmt}"
    path.write_bytes(exported(fmt))
    events_before = Event.objects.count()
    result = run_import(registry, path)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, Standard.objects.count())
    assert Event.objects.count() == events_before


def test_export_command_writes_a_filtered_file(registry, tmp_path):
    path = tmp_path / "local.json"
    call_command("export", "standards", "--format", "json", "--output", str(path),
                 "--filter", "level=local", "--filter", "status=superseded", stderr=io.StringIO())
    codes = sorted(r["code"] for r in json.loads(path.read_text(encoding="utf-8")))
    assert codes == ["DB33/T 1500-2016", "DB33/T 2350-2019"]


@pytest.mark.urls("tests.standards.export_urls")
def test_export_page_requires_login(client, registry):
    response = client.get("/workspace/standards/export/?format=csv")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.urls("tests.standards.export_urls")
def test_export_page_applies_the_list_filters(client, registry, editor):
    client.force_login(editor)
    response = client.get("/workspace/standards/export/",
                          {"format": "csv", "level": "national", "status": "current",
                           "q": "信息"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(b"".join(response.streaming_content))
    assert sorted(r[1] for r in rows[1:]) == ["GB/T 22080-2016", "GB/T 22239-2019",
                                              "GB/T 35273-2020"]

    xlsx = client.get("/workspace/standards/export/", {"format": "xlsx", "level": "group"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["T/ZZB 0001-2018"]


@pytest.mark.urls("tests.standards.export_urls")
def test_export_page_refuses_bad_parameters(client, registry, editor):
    client.force_login(editor)
    assert client.get("/workspace/standards/export/", {"format": "pdf"}).status_code == 400
    assert client.get("/workspace/standards/export/",
                      {"format": "csv", "level": "planetary"}).status_code == 400
