"""Standard-system pages, API and CLI over the same services."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from stdhub.framework.models import Demand, Entry
from stdhub.framework.workbook import export_workbook
from stdhub.orgs.choices import Role


def test_pages_show_tree_diagram_tables_and_gaps(client, framework):
    html = client.get(reverse("framework:detail", args=[framework.code])).content.decode()
    assert "<svg" in html and html.count('class="badge badge-gap"') == 2  # 2.1 and 2.2
    tables = client.get(reverse("framework:tables", args=[framework.code])).content.decode()
    assert "GB/T 2260-2007" in tables and "标准统计表" in tables and "ISO 9001:2015 NEQ" in tables
    gaps = client.get(reverse("framework:gaps", args=[framework.code])).content.decode()
    assert "数据共享" in gaps and "术语" not in gaps
    svg = client.get(reverse("framework:structure", args=[framework.code]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    xlsx = client.get(reverse("framework:export", args=[framework.code]))
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == "体系结构"


def test_owner_adds_node_and_entry_with_field_errors(client, framework, make_user, org,
                                                      other_org):
    outsider = make_user(Role.EDITOR, other_org)
    client.force_login(outsider)
    denied = client.post(reverse("framework:add-node", args=[framework.code]),
                         {"code": "3", "name": "社会"})
    assert denied.status_code == 403
    client.force_login(make_user(Role.EDITOR, org))
    bad = client.post(reverse("framework:add-node", args=[framework.code]),
                      {"code": "3.1", "name": "x"})
    assert bad.status_code == 400 and "add its parent 3 first" in bad.content.decode()
    assert client.post(reverse("framework:add-node", args=[framework.code]),
                       {"code": "3", "name": "社会数字化转型"}).status_code == 302
    url = reverse("framework:add-entry", args=[framework.code, "3"])
    bad = client.post(url, {"kind": "standard", "code": "GB/T 1-2099"})
    assert bad.status_code == 400 and "not in the registry" in bad.content.decode()
    assert client.post(url, {"kind": "planned", "title": "智慧社区建设指南",
                             "standard_type": "服务"}).status_code == 302
    assert Entry.objects.filter(node__code="3", title="智慧社区建设指南").exists()


def test_anonymous_demand_with_honeypot_and_rate_limit(client, framework):
    url = reverse("framework:demand", args=[framework.code, "2.2"])
    data = {"title": "适老化服务规范", "description": "老年人需要", "website": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "website": "http://spam"}).status_code == 400
    assert Demand.objects.count() == 1
    statuses = [client.post(url, data).status_code for _ in range(10)]
    assert statuses.count(302) == 9 and statuses[-1] == 429
    # The demand is not shown to other visitors, only to the framework's editors.
    page = client.get(reverse("framework:node", args=[framework.code, "2.2"])).content.decode()
    assert "老年人需要" not in page


def test_api_tables_nodes_and_entries(framework, client_for, admin_user):
    anon = APIClient()
    body = anon.get(reverse("api-framework-tables", args=[framework.code])).json()
    assert body["detail"][0]["code"] == "GB/T 2260-2007"
    nodes = anon.get(reverse("api-framework-nodes", args=[framework.code])).json()
    assert {n["code"]: n["gap"] for n in nodes}["2.1"] is True
    assert anon.post(reverse("api-framework-nodes", args=[framework.code]),
                     {"code": "3", "name": "x"}, format="json").status_code in (401, 403)
    api = client_for(admin_user)
    bad = api.post(reverse("api-framework-entries", args=[framework.code]),
                   {"node": "9", "kind": "planned", "title": "x"}, format="json")
    assert bad.status_code == 400 and "node" in bad.json()
    made = api.post(reverse("api-framework-entries", args=[framework.code]),
                    {"node": "2.2", "kind": "planned", "title": "办事指南编制规范"},
                    format="json")
    assert made.status_code == 201


def test_cli_export_import_and_tables(framework, tmp_path, capsys, admin_user):
    path = tmp_path / "fw.xlsx"
    call_command("framework", "export", framework.code, "--xlsx", str(path))
    assert path.read_bytes()[:2] == b"PK"
    call_command("framework", "import", framework.code, str(path))
    call_command("framework", "tables", framework.code, "--json")
    printed = json.loads(capsys.readouterr().out.split("\n", 2)[-1])
    assert len(printed["detail"]) == 5
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(export_workbook(framework)[:100])
    try:
        call_command("framework", "import", framework.code, str(bad))
    except CommandError as exc:
        assert exc.returncode == 2 and "not a readable .xlsx" in str(exc)
    else:
        raise AssertionError("a broken workbook must be refused")


def test_a_guiding_catalogue_lists_matters_and_their_standards(client, admin_user, org):
    from stdhub.framework import services
    from stdhub.framework.choices import EntryKind, FrameworkKind
    from stdhub.standards.services import create_standard

    catalogue = services.create_framework(admin_user, code="jbgg", kind=FrameworkKind.CATALOGUE,
                                          title="基本公共服务指导性目录", organization=org)
    matter = services.add_node(admin_user, catalogue, code="1", name="公共教育")
    services.add_node(admin_user, catalogue, code="2", name="劳动就业")
    create_standard(admin_user, {"code": "GB/T 37668-2019", "title_zh": "无障碍可访问性"})
    services.add_entry(admin_user, matter, kind=EntryKind.STANDARD, code="GB/T 37668-2019")
    html = client.get(reverse("framework:detail", args=["jbgg"])).content.decode()
    assert "目录事项与标准覆盖" in html and "指导性目录" in html
    node = client.get(reverse("framework:node", args=["jbgg", "1"])).content.decode()
    assert "该事项适用的标准" in node and "GB/T 37668-2019" in node
    gaps = client.get(reverse("framework:gaps", args=["jbgg"])).content.decode()
    assert "劳动就业" in gaps and "公共教育" not in gaps  # a matter no standard governs
