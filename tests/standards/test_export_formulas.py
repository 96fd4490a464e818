"""Exports never carry live formulas (CSV/formula injection), and still import back unchanged."""

import csv
import datetime as dt
import io

import pytest
from django.http import QueryDict
from openpyxl import load_workbook

from stdhub.core.permissions import SYSTEM
from stdhub.standards.io.exporter import records_of, selected_standards, write
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard

from .io_helpers import run_import

pytestmark = pytest.mark.django_db
TITLES = {  # code → title typed by someone
    "DB33/T 3001-2021": '=HYPERLINK("http://evil.example","点击")',
    "DB33/T 3002-2021": "+1+2 数据",
    "DB33/T 3003-2021": "-2+3 规范",
    "DB33/T 3004-2021": "@SUM(A1:A9)",
    "DB33/T 3005-2021": "普通标题",
}


@pytest.fixture
def risky(admin_user, org):
    for code, title in TITLES.items():
        create_standard(admin_user, {"code": code, "title_zh": title, "responsible_org": org,
                                     "issued_on": dt.date(2021, 3, 1), "scope": "=1+1"})
    return admin_user


def _export(fmt: str) -> bytes:
    out = io.BytesIO()
    write(records_of(selected_standards(SYSTEM, QueryDict()), SYSTEM), fmt, out)
    return out.getvalue()


def _by_code(rows: list) -> dict:
    headings = list(rows[0])
    return {row[1]: dict(zip(headings, row, strict=True)) for row in rows[1:]}


def test_xlsx_cells_are_text_not_formulas_and_dates_stay_dates(risky):
    book = load_workbook(io.BytesIO(_export("xlsx")))  # not read-only: cell types are real
    sheet = book["标准明细表"]
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    rows = _by_code(list(sheet.iter_rows(values_only=True)))
    for code, title in TITLES.items():
        expected = title if title == "普通标题" else "'" + title
        assert rows[code]["标准名称"] == expected
        assert rows[code]["适用范围"] == "'=1+1"
        assert rows[code]["发布日期"] == dt.datetime(2021, 3, 1)  # a real date cell
        assert isinstance(rows[code]["序号"], int)


def test_csv_cells_are_neutralised(risky):
    rows = _by_code(list(csv.reader(io.StringIO(_export("csv").decode("utf-8-sig")))))
    assert rows["DB33/T 3001-2021"]["标准名称"] == "'" + TITLES["DB33/T 3001-2021"]
    assert rows["DB33/T 3004-2021"]["标准名称"] == "'@SUM(A1:A9)"
    assert rows["DB33/T 3005-2021"]["标准名称"] == "普通标题"
    assert rows["DB33/T 3005-2021"]["发布日期"] == "2021-03-01"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(risky, tmp_path, fmt):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(_export(fmt))
    result = run_import(risky, path, dry_run=True)
    assert result.ok and result.updated == 0 and result.created == 0
    assert Standard.objects.get(code="DB33/T 3001-2021").title_zh == TITLES["DB33/T 3001-2021"]
