"""The importer refuses what it used to take silently: an unclosed quote, a workbook that
inflates too far, a file whose content is not its type. Nothing is written."""

import zipfile

import pytest
from openpyxl import Workbook

from stdhub.standards.models import Standard

from .io_helpers import FIXTURES, errors_of, load_classes, run_import

pytestmark = pytest.mark.django_db
HEADING = "标准号,标准名称,发布日期,实施日期\n"


@pytest.fixture(autouse=True)
def classes(db):
    load_classes()


def _csv(tmp_path, body: str):
    path = tmp_path / "standards.csv"
    path.write_text(HEADING + body, encoding="utf-8")
    return path


def test_unclosed_quote_that_swallows_the_next_row_is_reported_by_row(admin_user, tmp_path):
    # Row 3's quote closes at the end of row 4: Python's csv would make one title of both.
    path = _csv(tmp_path, "DB33/T 1-2020,第一,2020-01-01,2020-02-01\n"
                          'DB33/T 2-2020,"第二,2020-01-01,2020-02-01\n'
                          'DB33/T 3-2020,第三,2020-01-01,2020-02-01"\n'
                          "DB33/T 4-2020,第四,2020-01-01,2020-02-01\n")
    result = run_import(admin_user, path)
    assert [m for _, _, m in errors_of(result)] == [
        'line 3: a quote (") opened in this row is not closed before the next row; '
        "close or remove it"]
    assert not Standard.objects.exists()


def test_quote_never_closed_is_reported_by_row(admin_user, tmp_path):
    path = _csv(tmp_path, "DB33/T 1-2020,第一,2020-01-01,2020-02-01\n"
                          'DB33/T 2-2020,"第二,2020-01-01,2020-02-01\n'
                          "DB33/T 3-2020,第三,2020-01-01,2020-02-01\n")
    (message,) = [m for _, _, m in errors_of(run_import(admin_user, path))]
    assert message.startswith("line 3: unexpected end of data") and "quote" in message
    assert not Standard.objects.exists()


def test_a_cell_with_line_breaks_is_still_fine(admin_user, tmp_path):
    path = _csv(tmp_path, 'DB33/T 1-2020,"第一行\n第二行, 还是标题",2020-01-01,2020-02-01\n')
    result = run_import(admin_user, path)
    assert result.ok, errors_of(result)
    assert Standard.objects.get().title_zh == "第一行\n第二行, 还是标题"


def test_workbook_that_inflates_past_the_setting_is_not_read(admin_user, tmp_path, settings):
    settings.STDHUB_MAX_XLSX_INFLATED_MB = 1
    path = tmp_path / "big.xlsx"
    book = Workbook()
    book.active.append(["标准号", "标准名称"])
    for n in range(2000):
        book.active.append([f"DB33/T {n}-2020", "数据" * 300])  # inline: ~1.2 MB of XML
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 1 << 20
    (message,) = [m for _, _, m in errors_of(run_import(admin_user, path))]
    assert "unpacks to" in message and "more than the 1 MB allowed" in message


def test_file_whose_content_is_not_its_name_is_refused(admin_user, tmp_path):
    path = tmp_path / "standards.csv"
    path.write_bytes((FIXTURES / "standards_en.xlsx").read_bytes())
    (message,) = [m for _, _, m in errors_of(run_import(admin_user, path))]
    assert message == ("standards.csv: the file is named .csv but its content is an Excel "
                       ".xlsx workbook")
