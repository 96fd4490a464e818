"""Programme pages: dashboard, drill-down to the counted standards, task reports."""

import datetime as dt

from django.urls import reverse

from stdhub.framework.choices import EntryKind
from stdhub.framework.services import add_entry
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.programme.choices import ReportStatus
from stdhub.programme.models import ProgressReport
from stdhub.standards.services import create_standard


def test_dashboard_shows_tasks_targets_and_charts(client, programme):
    response = client.get(reverse("programme:latest"))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    tasks = html[html.index('id="tasks"'):html.index("</table>", html.index('id="tasks"'))]
    assert tasks.count('href="/programme/ZJ-DT-2018-2020/tasks/') == 10
    assert 'id="late"' in html and 'id="by-unit"' in html and 'id="by-branch"' in html
    for name in ("制(修)订国际、国家、行业或地方标准", "国家级、省级标准化试点示范项目",
                 "新增全国、省级标准化技术委员会", "制定实施团体标准"):
        assert name in html
    assert html.count("<svg") == 2 and "人行杭州中心支行" in html


def test_target_lists_the_standards_that_count(client, programme, admin_user):
    node = programme.framework.nodes.get(code="2.3")
    for code, issued in (("DB33/T 2001-2019", dt.date(2019, 5, 1)),
                         ("DB33/T 1001-2015", dt.date(2015, 5, 1))):
        create_standard(admin_user, {"code": code, "title_zh": "公共数据目录编制规范",
                                     "issued_on": issued})
        add_entry(admin_user, node, kind=EntryKind.STANDARD, code=code)
    html = client.get(reverse("programme:target", args=[programme.code, "standards"])
                      ).content.decode()
    assert "DB33/T 2001-2019" in html and "DB33/T 1001-2015" not in html
    assert "GB/T 1.1-2020" in html and '<td id="target-value">7</td>' in html


def test_unit_editor_reports_and_lead_accepts_through_pages(client, programme, make_user):
    data_center = Organization.objects.get(short_name="省数据管理中心")
    authority = Organization.objects.get(short_name="省质监局")
    co = make_user(Role.EDITOR, data_center, username="co")
    lead = make_user(Role.EDITOR, authority, username="lead")
    task_url = reverse("programme:task", args=[programme.code, 1])
    client.force_login(co)
    assert "报送进展" in client.get(task_url).content.decode()
    bad = client.post(reverse("programme:report", args=[programme.code, 1]),
                      {"organization": data_center.pk, "period": "2019-Q9", "percent": 30,
                       "text": "草案"})
    assert bad.status_code == 400 and "write a year" in bad.content.decode()
    ok = client.post(reverse("programme:report", args=[programme.code, 1]),
                     {"organization": data_center.pk, "period": "2019-H1", "percent": 30,
                      "text": "草案"})
    assert ok.status_code == 302
    report = ProgressReport.objects.get()
    client.force_login(lead)
    html = client.get(task_url).content.decode()
    assert "草案" in html and "提交进展报告" in html  # the lead is a unit too
    client.post(reverse("programme:review", args=[programme.code, 1, report.pk]),
                {"decision": "accept", "response": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_reports_in_progress_are_private(client, programme, make_user):
    data_center = Organization.objects.get(short_name="省数据管理中心")
    co = make_user(Role.EDITOR, data_center, username="co")
    client.force_login(co)
    client.post(reverse("programme:report", args=[programme.code, 2]),
                {"organization": data_center.pk, "period": "2019", "percent": 80,
                 "text": "内部进展说明"})
    client.logout()
    task_url = reverse("programme:task", args=[programme.code, 2])
    assert "内部进展说明" not in client.get(task_url).content.decode()
    outsider = make_user(Role.EDITOR, Organization.objects.get(short_name="省商务厅"))
    client.force_login(outsider)
    html = client.get(task_url).content.decode()
    assert "内部进展说明" not in html and "报送进展" not in html
    denied = client.post(reverse("programme:report", args=[programme.code, 2]),
                         {"organization": data_center.pk, "period": "2020", "percent": 80,
                          "text": "冒名"})
    assert denied.status_code == 403 and ProgressReport.objects.count() == 1


def test_evidence_is_stored_under_a_safe_name_and_served_to_readers(client, programme,
                                                                   make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data_center = Organization.objects.get(short_name="省数据管理中心")
    client.force_login(make_user(Role.EDITOR, data_center, username="co"))
    name = "第一季度工作总结及佐证材料" * 6 + ".pdf"  # longer than many file systems allow
    upload = SimpleUploadedFile(name, b"%PDF-1.4 minutes", content_type="application/pdf")
    response = client.post(reverse("programme:report", args=[programme.code, 2]),
                           {"organization": data_center.pk, "period": "2019", "percent": 50,
                            "text": "附会议纪要", "evidence": upload})
    assert response.status_code == 302
    item = ProgressReport.objects.get().evidence.get()
    assert item.name == name and len(item.file.name) < 80
    url = reverse("programme:evidence", args=[programme.code, 2, item.report_id, item.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 minutes"
    client.logout()
    assert client.get(url).status_code == 404  # not accepted yet: not public
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    client.force_login(make_user(Role.EDITOR, data_center, username="co2"))
    refused = client.post(reverse("programme:report", args=[programme.code, 2]),
                          {"organization": data_center.pk, "period": "2020", "percent": 50,
                           "text": "x", "evidence": bad})
    assert refused.status_code == 400 and "file type not accepted" in refused.content.decode()


def test_annual_report_page_and_workbook(client, programme):
    import io

    from openpyxl import load_workbook

    url = reverse("programme:annual", args=[programme.code, 2020])
    html = client.get(url).content.decode()
    assert "GB/T 1.1-2020" in html and "GB/T 13016-2018" not in html  # issued in 2018
    book = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    assert book.sheetnames == ["目标", "任务进展", "新增标准", "逾期未报"]
    rows = list(book["目标"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == ("制(修)订国际、国家、行业或地方标准", 50, 6)
    assert client.get(reverse("programme:annual", args=[programme.code, 1990])).status_code == 404
