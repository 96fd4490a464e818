"""Import checks: every error at once, with its row and column, and nothing written."""

import pytest
from django.core.exceptions import PermissionDenied

from stdhub.core.models import Event
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.standards.models import Standard

from .io_helpers import errors_of, load_classes, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def classes(db):
    load_classes()


def counts():
    return Standard.objects.count(), Event.objects.count(), Organization.objects.count()


def test_every_error_is_reported_with_row_and_column_and_nothing_is_written(admin_user):
    run_import(admin_user, "standards_zh.csv")
    before = counts()
    result = run_import(admin_user, "standards_bad.csv")
    found = [(row, column) for row, column, _ in errors_of(result)]
    # Row 6 is blank: skipped, but counted, as Excel shows it.
    assert found == [(3, "标准号"), (4, "标准名称"), (5, "发布日期"), (7, "ICS"), (7, "CCS"),
                     (8, "状态"), (9, "标准号"), (10, "代替标准"), (11, "采用程度")]
    messages = {(row, column): message for row, column, message in errors_of(result)}
    assert "required" in messages[4, "标准名称"]
    assert "'2020-13-45' is not a date" in messages[5, "发布日期"]
    assert messages[7, "ICS"] == "unknown ICS class '99.999'"
    assert messages[7, "CCS"] == "unknown CCS class 'Z99'"
    assert messages[8, "状态"] == "unknown status '半现行'"
    assert messages[9, "标准号"] == "DB33/T 9001-2020 is already in row 2"
    assert "DB33/T 9999-2010" in messages[10, "代替标准"]
    assert "ABC" in messages[11, "采用程度"]
    assert (result.created, result.updated) == (0, 0)
    assert counts() == before


def test_too_long_values_are_errors_not_truncations(admin_user, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"标准号,标准名称,起草单位\nDB33/T 1-2020,{'数' * 501},{'院' * 201}\n",
                    encoding="utf-8")
    result = run_import(admin_user, path)
    assert [(r, c) for r, c, _ in errors_of(result)] == [(2, "标准名称"), (2, "起草单位")]
    assert counts() == (0, 0, 1)


def test_nul_characters_are_refused(admin_user, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_text("标准号,标准名称\nDB33/T 1-2020,名\x00称\n", encoding="utf-8")
    assert errors_of(run_import(admin_user, path)) == [
        (2, "标准名称", "contains a NUL character (\\x00)")]


def test_a_standard_cannot_replace_itself(admin_user, tmp_path):
    path = tmp_path / "self.csv"
    path.write_text("标准号,标准名称,代替标准\nDB33/T 1-2020,自我代替,DB33/T 1-2020\n",
                    encoding="utf-8")
    assert errors_of(run_import(admin_user, path)) == [
        (2, "代替标准", "DB33/T 1-2020 cannot replace itself")]


def test_replacing_a_row_that_failed_is_not_reported_as_unknown(admin_user, tmp_path):
    path = tmp_path / "chain.csv"
    path.write_text("标准号,标准名称,代替标准\nDB33/T 1-2020,新版,DB33/T 1-2010\nDB33/T 1-2010,,\n",
                    encoding="utf-8")
    assert [(r, c) for r, c, _ in errors_of(run_import(admin_user, path))] == [(3, "标准名称")]


def test_unknown_headings_are_listed_with_the_known_ones(admin_user):
    result = run_import(admin_user, "standards_unknown_headings.csv")
    assert [(r, c) for r, c, _ in errors_of(result)] == [(1, "发布人"), (1, "Remarks")]
    assert "unknown column heading '发布人'" in result.errors[0].message
    assert "标准号 / 标准编号" in result.errors[0].message  # the known headings follow
    assert counts() == (0, 0, 1)


def test_missing_required_column(admin_user):
    result = run_import(admin_user, "standards_missing_title.csv")
    assert errors_of(result) == [(1, "标准名称", "required column 标准名称 (title_zh) is missing")]


def test_two_columns_for_one_field(admin_user, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("标准号,标准名称,Title\nDB33/T 1-2020,a,b\n", encoding="utf-8")
    assert [(r, c) for r, c, _ in errors_of(run_import(admin_user, path))] == [(1, "Title")]


def test_heading_row_after_blank_lines_keeps_file_row_numbers(admin_user, tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("\n\n标准号,标准名称\nXX 1,名称\n", encoding="utf-8")
    assert [(r, c) for r, c, _ in errors_of(run_import(admin_user, path))] == [(4, "标准号")]


@pytest.mark.parametrize(("name", "message"), [
    ("empty.csv", "the file is empty"),
    ("standards_heading_only.csv", "no rows"),
])
def test_files_without_rows(admin_user, name, message):
    result = run_import(admin_user, name)
    assert len(result.errors) == 1 and result.errors[0].row is None
    assert message in result.errors[0].message


def test_unsupported_and_undecodable_files(admin_user, tmp_path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save" in run_import(admin_user, xls).errors[0].message
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes("标准号,标准名称\n".encode() + bytes([0x81, 0x20, 0xff, 0xfe]) * 10)
    assert "neither UTF-8 nor GBK" in run_import(admin_user, garbage).errors[0].message
    huge = tmp_path / "huge.csv"
    huge.write_text(f"标准号,标准名称,适用范围\nDB33/T 1-2020,名称,{'范' * 200_000}\n",
                    encoding="utf-8")
    assert "line 2: field larger than field limit" in run_import(admin_user, huge).errors[0].message
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    assert "content is CSV text" in run_import(admin_user, fake).errors[0].message


def test_editor_imports_only_for_own_organization(make_user, org, other_org, tmp_path):
    editor = make_user(Role.EDITOR, org)
    path = tmp_path / "mixed.csv"
    path.write_text("标准号,标准名称,归口单位\n"
                    "DB33/T 1-2020,本单位的标准,省数据管理中心\n"
                    "DB33/T 2-2020,别的单位的标准,浙江省科学技术厅\n"
                    "DB33/T 3-2020,新单位的标准,浙江省新成立的中心\n", encoding="utf-8")
    result = run_import(editor, path)
    assert [(r, c) for r, c, _ in errors_of(result)] == [(3, "归口单位"), (4, "归口单位")]
    assert counts() == (0, 0, 2)

    own = tmp_path / "own.csv"
    own.write_text("标准号,标准名称,归口单位\nDB33/T 1-2020,本单位的标准,省数据管理中心\n",
                   encoding="utf-8")
    assert run_import(editor, own).created == 1


def test_editor_cannot_take_over_another_organizations_standard(make_user, org, other_org,
                                                               admin_user, tmp_path):
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("标准号,标准名称,归口单位\nDB33/T 5-2020,科技厅的标准,浙江省科学技术厅\n",
                      encoding="utf-8")
    run_import(admin_user, theirs)
    mine = tmp_path / "mine.csv"
    mine.write_text("标准号,标准名称,归口单位\nDB33/T 5-2020,科技厅的标准,浙江省数据管理中心\n",
                    encoding="utf-8")
    result = run_import(make_user(Role.EDITOR, org), mine)
    assert [(r, c) for r, c, _ in errors_of(result)] == [(2, "归口单位")]
    assert Standard.objects.get().responsible_org == other_org


def test_users_who_may_not_add_standards_are_refused(make_user, org):
    with pytest.raises(PermissionDenied):
        run_import(make_user(Role.VIEWER, org), "standards_zh.csv")
    assert counts() == (0, 0, 1)
