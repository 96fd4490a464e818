"""The seed programme loaded from its data file; targets computed live; progress reports."""

import datetime as dt
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from stdhub.core import events
from stdhub.core.permissions import SYSTEM
from stdhub.framework.choices import EntryKind
from stdhub.framework.models import Entry
from stdhub.framework.services import add_entry
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.programme import queries, services
from stdhub.programme.choices import ReportStatus
from stdhub.programme.models import Programme, Task
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard

# The plan's ten tasks: lead unit first, then the co-units, exactly as the plan writes them.
PLAN_UNITS = {
    1: ["省质监局", "省发展改革委", "省数据管理中心", "省“最多跑一次”改革办公室"],
    2: ["省数据管理中心", "省质监局"],
    3: ["省数据管理中心", "省发展改革委", "省经信委", "省工商局", "省质监局"],
    4: ["省经信委", "省科技厅", "省质监局", "之江实验室"],
    5: ["省质监局", "省经信委", "省科技厅"],
    6: ["人行杭州中心支行", "省质监局", "浙江银监局", "浙江保监局", "浙江证监局"],
    7: ["省科技厅", "省经信委", "省质监局", "之江实验室"],
    8: ["省发展改革委", "省质监局", "省数据管理中心", "省基本公共服务均等化协调小组成员单位"],
    9: ["省综治办", "省发展改革委", "省质监局", "省数据管理中心"],
    10: ["省商务厅", "省发展改革委", "省经信委", "省教育厅", "省文化厅", "省卫生计生委",
         "省工商局", "省质监局"],
}


def test_seed_programme_has_the_plans_tasks_and_targets(programme):
    status = queries.status(programme)
    assert status["programme"] == "浙江省数字化转型标准化建设方案(2018—2020年)"
    assert {t["number"]: [t["lead"], *t["co"]] for t in status["tasks"]} == PLAN_UNITS
    goals = {t["key"]: t["goal"] for t in status["targets"]}
    assert goals == {"standards": 50, "pilots": 10, "committees": 3, "group-standards": 30,
                     "framework": 1}
    assert status["tasks"][0]["lead_organization"] == "浙江省市场监督管理局(原省质监局)"
    assert "浙江省人民政府办公厅" in programme.source


def test_loading_again_changes_nothing(programme):
    seq = events.Event.objects.count()
    again, created = services.load_programme(SYSTEM)
    assert (again, created) == (programme, False)
    assert events.Event.objects.count() == seq and Programme.objects.count() == 1
    assert events.verify().ok


def test_status_command_prints_json(programme, capsys):
    call_command("programme", "status", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert [t["number"] for t in printed["tasks"]] == list(range(1, 11))
    assert printed["tasks"][5]["lead"] == "人行杭州中心支行"


def test_bad_data_file_is_refused_whole(tmp_path, db):
    data = json.loads(services.SEED_PROGRAMME.read_text(encoding="utf-8"))
    data["tasks"][2]["units"].append("省外单位")
    data["targets"][0]["metric"] = {"kind": "votes"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        services.load_programme(SYSTEM, path)
    text = " ".join(caught.value.messages)
    assert "task 3: unit '省外单位'" in text and "target standards" in text
    assert not Programme.objects.exists() and not Task.objects.exists()


def _placed(admin, programme, code, issued, node="2.3"):
    """A standard registered and placed in the programme's standard system."""
    create_standard(admin, {"code": code, "title_zh": "政务数据共享规范", "issued_on": issued,
                            "effective_on": issued})
    node = programme.framework.nodes.get(code=node)
    add_entry(admin, node, kind=EntryKind.STANDARD, code=code)


def test_targets_follow_the_standard_system(programme, admin_user):
    def values():
        return {r.target.key: r.value for r in queries.target_rows(programme)}

    start = values()
    # The starter registry already counts: national standards of the field issued 2018–2020.
    assert start["standards"] == 6 and start["group-standards"] == 0
    _placed(admin_user, programme, "DB33/T 2001-2019", dt.date(2019, 5, 1))
    _placed(admin_user, programme, "DB33/T 1999-2017", dt.date(2017, 5, 1))  # before
    _placed(admin_user, programme, "T/ZZB 0001-2019", dt.date(2019, 2, 1))  # a group standard
    create_standard(admin_user, {"code": "DB33/T 2002-2019", "title_zh": "不在体系中",
                                 "issued_on": dt.date(2019, 5, 1)})  # outside the field
    assert values()["standards"] == 7 and values()["group-standards"] == 1
    counted = queries.counted_records(programme.targets.get(key="standards"))
    assert "DB33/T 2001-2019" in set(counted.values_list("code", flat=True))
    assert counted.count() == 7


def test_starter_registry_is_real_and_placed(programme):
    framework = programme.framework
    assert framework.code == "zj-dt"
    codes = set(Standard.objects.values_list("code", flat=True))
    assert {"GB/T 2260-2007", "GB 32100-2015", "GB 11643-1999", "GB/T 2261.1-2003",
            "GB/T 13016-2018", "GB/T 16733-1997", "GB/T 1.1-2020"} <= codes
    placed = set(Entry.objects.filter(node__framework=framework, standard__isnull=False)
                 .values_list("standard__code", flat=True))
    assert placed == codes  # every starter standard sits in the framework


def test_manual_target_takes_a_value_with_evidence(programme, admin_user, editor):
    target = programme.targets.get(key="framework")
    with pytest.raises(ValidationError, match="evidence"):
        services.report_target_value(admin_user, target, 1, "")
    with pytest.raises(PermissionDenied):
        services.report_target_value(editor, target, 1, "体系框架已发布")
    services.report_target_value(admin_user, target, 1, "体系框架已发布")
    row = {r.target.key: r for r in queries.target_rows(programme)}["framework"]
    assert row.value == 1 and row.status == "met"
    with pytest.raises(ValidationError, match="computed from the registry"):
        services.report_target_value(admin_user, programme.targets.get(key="standards"), 9, "x")


@pytest.fixture
def unit_editor(make_user):
    """An editor of 省数据管理中心: lead of task 2, co-unit of task 1."""
    def make(short_name):
        org = Organization.objects.get(short_name=short_name)
        return make_user(Role.EDITOR, org, username=f"editor-{short_name}"), org
    return make


def test_unit_reports_on_its_own_task_only(programme, unit_editor):
    editor, data_center = unit_editor("省数据管理中心")
    task1, task4 = programme.tasks.get(number=1), programme.tasks.get(number=4)
    report = services.submit_report(editor, task1, data_center, period="2019-H1",
                                    text="完成公共数据平台规范草案", percent=40)
    assert report.status == ReportStatus.SUBMITTED
    with pytest.raises(PermissionDenied):  # not a responsible unit of task 4
        services.submit_report(editor, task4, data_center, period="2019-H1", text="x",
                               percent=10)
    other = Organization.objects.get(short_name="省科技厅")
    with pytest.raises(PermissionDenied):  # reporting for another unit
        services.submit_report(editor, task4, other, period="2019-H1", text="x", percent=10)
    with pytest.raises(ValidationError) as caught:
        services.submit_report(editor, task1, data_center, period="2019-Q5", text="",
                               percent=140)
    assert set(caught.value.message_dict) == {"period", "text", "percent"}


def test_lead_accepts_or_returns_and_progress_follows(programme, unit_editor):
    co_editor, data_center = unit_editor("省数据管理中心")
    lead_editor, _authority = unit_editor("省质监局")
    task = programme.tasks.get(number=1)
    report = services.submit_report(co_editor, task, data_center, period="2019-H1",
                                    text="草案完成", percent=40)
    with pytest.raises(PermissionDenied):  # only the lead unit reviews
        services.review_report(co_editor, report, accept=True)
    with pytest.raises(ValidationError, match="say why"):
        services.review_report(lead_editor, report, accept=False)
    services.review_report(lead_editor, report, accept=False, response="请补充佐证材料")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    services.submit_report(co_editor, task, data_center, period="2019-H1",
                           text="草案完成，附征求意见稿", percent=50)
    report.refresh_from_db()
    services.review_report(lead_editor, report, accept=True)
    progress = {r.task.number: r.progress for r in queries.task_rows(programme)}
    assert progress[1] == 50 and progress[2] is None
    with pytest.raises(ValidationError, match="already reported"):
        services.submit_report(co_editor, task, data_center, period="2019-H1", text="again",
                               percent=60)
    kinds = list(events.Event.objects.filter(
        content_type=ContentType.objects.get_for_model(report), object_id=str(report.pk))
        .order_by("seq").values_list("kind", flat=True))
    assert kinds == ["progress-reported", "report-returned", "progress-reported",
                     "report-accepted"]
    assert events.verify().ok


def test_late_reports_and_target_path(programme, unit_editor, admin_user):
    editor, data_center = unit_editor("省数据管理中心")
    task2 = programme.tasks.get(number=2)
    late = {(r.task.number, r.unit): r.periods
            for r in queries.late_reports(programme, dt.date(2019, 8, 15))}
    assert late[2, "省数据管理中心"] == ["2018-H2", "2019-H1"]
    services.submit_report(editor, task2, data_center, period="2018-H2", text="x", percent=10)
    late = {(r.task.number, r.unit): r.periods
            for r in queries.late_reports(programme, dt.date(2019, 8, 15))}
    assert late[2, "省数据管理中心"] == ["2019-H1"]
    path = dict(queries.target_path(programme.targets.get(key="standards")))
    assert path == {2018: 1, 2019: 3, 2020: 6}  # the starter registry's 6, by issue year


def test_dashboard_figures_are_cached_until_the_next_write(programme, admin_user,
                                                           django_assert_max_num_queries):
    queries.dashboard(programme)
    with django_assert_max_num_queries(1):  # the chain head only
        again = queries.dashboard(programme)
    before = {r.target.key: r.value for r in again["targets"]}["standards"]
    _placed(admin_user, programme, "DB33/T 2001-2019", dt.date(2019, 5, 1))
    after = {r.target.key: r.value for r in queries.dashboard(programme)["targets"]}
    assert after["standards"] == before + 1


def test_a_report_names_the_projects_it_speaks_of(programme, unit_editor, make_user, org):
    from stdhub.projects.services import propose

    editor, data_center = unit_editor("省数据管理中心")
    own = propose(editor, {"title": "公共数据目录编制规范", "level": "local",
                           "lead_org": data_center, "responsible_org": data_center})
    other_org = Organization.objects.get(short_name="省商务厅")
    other = propose(make_user(Role.EDITOR, other_org, username="commerce"), {
        "title": "内部项目", "level": "local", "lead_org": other_org,
        "responsible_org": other_org})
    task = programme.tasks.get(number=2)
    report = services.submit_report(editor, task, data_center, period="2019", text="x",
                                    percent=10, projects=[own])
    assert list(report.projects.all()) == [own]
    with pytest.raises(ValidationError) as caught:
        services.submit_report(editor, task, data_center, period="2020", text="x",
                               percent=10, projects=[other])
    assert caught.value.message_dict["projects"] == [f"not found: #{other.pk}"]
