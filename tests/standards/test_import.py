"""Importing standards from CSV and Excel: what is written, updated, related and recorded."""

import csv

import pytest

from stdhub.core import events
from stdhub.core.models import Event
from stdhub.orgs.models import Organization
from stdhub.search.queries import search_standards
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard

from .io_helpers import FIXTURES, load_classes, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def classes(db):
    load_classes()


def test_utf8_csv_with_chinese_headings(admin_user, org):
    result = run_import(admin_user, "standards_zh.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)

    new = Standard.objects.get(code="DB33/T 2350-2021")
    assert (new.level, new.nature, new.status) == ("local", "recommended", Status.CURRENT)
    assert str(new.review_due_on) == "2026-07-28"
    assert [c.code for c in new.ics.all()] == ["35.240.01"]
    assert [c.code for c in new.ccs.all()] == ["L70"]
    assert new.responsible_org.name == "浙江省大数据发展管理局"
    # 省数据管理中心 is the registered organization's short name: found, not registered again.
    assert sorted(o.name for o in new.drafting_orgs.all()) == ["浙江省数据管理中心",
                                                               "浙江省标准化研究院"]
    assert [s.code for s in new.replaces.all()] == ["DB33/T 2350-2019"]
    assert new.scope.startswith("本文件规定了公共数据目录")
    # The older edition is replaced by a standard in force, so it is 被代替.
    assert Standard.objects.get(code="DB33/T 2350-2019").status == Status.SUPERSEDED

    iso = Standard.objects.get(code="GB/T 22080-2016")
    assert (iso.adopted_code, iso.adoption) == ("ISO/IEC 27001:2013", "IDT")
    assert str(iso.issued_on) == "2016-08-29"  # written 2016年8月29日
    assert sorted(c.code for c in iso.ics.all()) == ["03.100.70", "35.030"]


def test_one_event_per_standard_and_per_registered_organization(admin_user, org):
    orgs_before = Organization.objects.count()
    result = run_import(admin_user, "standards_zh.csv")
    registered = Organization.objects.count() - orgs_before
    assert registered == result.organizations == 5
    imported = Event.objects.filter(kind="created", message="imported from standards_zh.csv")
    assert imported.count() == 5
    assert Event.objects.filter(kind="created", message="registered on import").count() == 5
    event = Event.objects.get(object_repr="DB33/T 2350-2021 数字化改革 公共数据目录编制规范")
    assert event.actor == admin_user
    assert event.diff["code"] == [None, "DB33/T 2350-2021"]
    assert event.diff["drafting_orgs"] == [None, ["浙江省数据管理中心", "浙江省标准化研究院"]]
    assert event.diff["replaces"] == [None, ["DB33/T 2350-2019 公共数据目录编制规范"]]
    assert events.verify().ok


def test_imported_standards_are_searchable(admin_user):
    run_import(admin_user, "standards_zh.csv")
    found = search_standards("目录编制", limit=10)
    assert sorted(s.code for s in found.results) == ["DB33/T 2350-2019", "DB33/T 2350-2021"]


def test_reimporting_the_same_file_changes_and_records_nothing(admin_user, org):
    run_import(admin_user, "standards_zh.csv")
    count, event_count = Standard.objects.count(), Event.objects.count()
    again = run_import(admin_user, "standards_zh.csv")
    assert (again.created, again.updated, again.unchanged, again.organizations) == (0, 0, 5, 0)
    assert Standard.objects.count() == count
    assert Event.objects.count() == event_count


def test_reimport_updates_matched_by_canonical_code(admin_user, org, tmp_path):
    run_import(admin_user, "standards_zh.csv")
    edited = tmp_path / "edited.csv"
    with (FIXTURES / "standards_zh.csv").open(encoding="utf-8") as src:
        rows = list(csv.reader(src))
    rows[5][0] = "gb/t2260—2007"  # the same code as people type it
    rows[5][1] = "中华人民共和国行政区划代码（修订）"
    rows[5][6] = "01.140.30; 35.240.01"
    with edited.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    std = Standard.objects.get(code="GB/T 2260-2007")

    result = run_import(admin_user, edited)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    assert Standard.objects.filter(code__startswith="GB/T 2260").count() == 1
    std.refresh_from_db()
    assert std.title_zh == "中华人民共和国行政区划代码（修订）"
    assert sorted(c.code for c in std.ics.all()) == ["01.140.30", "35.240.01"]
    change = Event.objects.get(kind="changed")
    assert change.object_id == str(std.pk)
    assert set(change.diff) == {"title_zh", "ics"}
    assert events.verify().ok


def test_columns_missing_from_the_file_keep_their_values(admin_user, org, tmp_path):
    run_import(admin_user, "standards_zh.csv")
    short = tmp_path / "short.csv"
    short.write_text("标准号,标准名称\nGB/T 22080-2016,信息技术 安全技术 信息安全管理体系 要求\n",
                     encoding="utf-8")
    result = run_import(admin_user, short)
    assert (result.updated, result.unchanged) == (0, 1)
    iso = Standard.objects.get(code="GB/T 22080-2016")
    assert (iso.adoption, iso.responsible_org.name) == ("IDT", "全国信息安全标准化技术委员会")


def test_a_blank_status_keeps_a_replaced_standard_superseded(admin_user, org, tmp_path):
    run_import(admin_user, "standards_zh.csv")
    again = tmp_path / "again.csv"
    again.write_text("标准号,标准名称,状态,实施日期\n"
                     "DB33/T 2350-2019,公共数据目录编制规范,,2019-07-01\n", encoding="utf-8")
    result = run_import(admin_user, again)
    assert (result.updated, result.unchanged) == (0, 1)
    assert Standard.objects.get(code="DB33/T 2350-2019").status == Status.SUPERSEDED


def test_empty_cells_clear_values(admin_user, org, tmp_path):
    run_import(admin_user, "standards_zh.csv")
    cleared = tmp_path / "cleared.csv"
    cleared.write_text("标准号,标准名称,英文名称,ICS\n"
                       "GB/T 2260-2007,中华人民共和国行政区划代码,,\n", encoding="utf-8")
    result = run_import(admin_user, cleared)
    assert result.updated == 1
    std = Standard.objects.get(code="GB/T 2260-2007")
    assert std.title_en == "" and not std.ics.exists()


def test_gbk_csv(admin_user):
    result = run_import(admin_user, "standards_gbk.csv")
    assert result.ok, result.errors
    assert result.created == 4
    assert Standard.objects.get(code="DB3301/T 0001-2019").title_zh == "城市大脑 数据资源目录规范"
    # Effective after TODAY and no status given: 即将实施.
    assert Standard.objects.get(code="DB3301/T 0002-2030").status == Status.UPCOMING
    assert Standard.objects.get(code="DB33/T 1500-2016").status == Status.SUPERSEDED


def test_xlsx_with_english_headings_and_excel_cells(admin_user):
    result = run_import(admin_user, "standards_en.xlsx")
    assert result.ok, result.errors
    assert result.created == 4  # the blank row is skipped
    pip = Standard.objects.get(code="GB/T 35273-2020")
    assert str(pip.issued_on) == "2020-03-06"  # an Excel date cell
    assert [c.code for c in pip.ics.all()] == ["35.040"]  # typed 35.040, stored by Excel as 35.04
    assert pip.status == Status.CURRENT  # written "Current"
    assert [s.code for s in pip.replaces.all()] == ["GB/T 35273-2017"]
    assert Standard.objects.get(code="GB/T 35273-2017").status == Status.SUPERSEDED
    assert str(Standard.objects.get(code="GB/T 22239-2019").issued_on) == "2019-05-10"
    assert Standard.objects.get(code="ISO/IEC 27001:2022").level == "international"


def test_replacing_a_registered_standard_supersedes_it_with_its_own_event(admin_user, tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("标准号,标准名称,实施日期\nDB33/T 800-2012,电子政务 数据交换规范,2012-06-01\n",
                   encoding="utf-8")
    new = tmp_path / "new.csv"
    new.write_text("标准号,标准名称,实施日期,代替标准\n"
                   "DB33/T 800-2020,电子政务 数据交换规范,2020-06-01,DB33/T 800-2012\n",
                   encoding="utf-8")
    run_import(admin_user, old)
    result = run_import(admin_user, new)
    assert (result.created, result.superseded) == (1, 1)
    replaced = Standard.objects.get(code="DB33/T 800-2012")
    assert replaced.status == Status.SUPERSEDED
    event = Event.objects.get(kind="superseded")
    assert event.object_id == str(replaced.pk)
    assert event.message == "replaced by DB33/T 800-2020"
    assert event.diff == {"status": ["current", "superseded"]}
    assert events.verify().ok


def test_dry_run_reports_and_writes_nothing(admin_user):
    orgs = Organization.objects.count()
    result = run_import(admin_user, "standards_zh.csv", dry_run=True)
    assert result.ok and result.dry_run
    assert (result.created, result.organizations) == (5, 5)
    assert Standard.objects.count() == 0
    assert Event.objects.count() == 0
    assert Organization.objects.count() == orgs


def test_progress_sees_every_row(admin_user):
    seen = {}

    def progress(iterable, desc, total=None):
        seen[desc] = total
        return iterable

    run_import(admin_user, "standards_zh.csv", progress=progress)
    assert seen["check"] == 5
    assert {"create", "ics", "ccs", "drafting_orgs", "replaces"} <= set(seen)
