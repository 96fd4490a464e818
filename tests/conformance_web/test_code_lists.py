"""Importing code lists from CSV and Excel (every row or none) and using them in data standards."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook

from stdhub.conformance import queries, services
from stdhub.conformance.models import CodeList, CodeListVersion
from stdhub.conformance.registry import DatabaseCodeLists
from stdhub.core.models import Event

from .conftest import upload

INDUSTRY_CSV = ("代码,名称,上级代码\nA,农、林、牧、渔业,\nA01,农业,A\n"
                "I,信息传输、软件和信息技术服务业,\nI65,软件和信息技术服务业,I\n")


def _import(actor, path, **extra):
    values = {"identifier": "ZJ/industry", "version_label": "2017", "title": "国民经济行业分类",
              "organization": extra.pop("organization", None), **extra}
    return services.import_code_list(actor, path=path, **values)


@pytest.fixture
def industry_csv(tmp_path):
    path = tmp_path / "industry.csv"
    path.write_text(INDUSTRY_CSV, encoding="utf-8")
    return path


def test_import_csv_with_chinese_header(editor, org, industry_csv):
    version = _import(editor, industry_csv, organization=org)
    assert version.entry_count == 4
    assert version.entries[1] == ["A01", "农业", "A"]
    event = Event.objects.get(object_id=str(version.code_list.pk), kind="created")
    assert event.message == "version 2017: 4 entries"


def test_import_gbk_csv_and_xlsx_new_version(editor, org, industry_csv, tmp_path):
    _import(editor, industry_csv, organization=org)
    gbk = tmp_path / "industry-gbk.csv"
    gbk.write_bytes(INDUSTRY_CSV.encode("gbk"))
    entries = _import(editor, gbk, version_label="2017-gbk").entries
    assert entries[2][1] == "信息传输、软件和信息技术服务业"
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "parent"])
    sheet.append([1, "一类", None])  # numeric cells read as the text a person sees
    sheet.append([11, "一类一项", 1])
    xlsx = tmp_path / "list.xlsx"
    book.save(xlsx)
    version = _import(editor, xlsx, version_label="2024")
    assert version.entries == [["1", "一类", ""], ["11", "一类一项", "1"]]
    assert list(CodeList.objects.get().versions.values_list("label", flat=True).order_by("pk")) \
        == ["2017", "2017-gbk", "2024"]


def test_bad_file_reports_every_row_and_saves_nothing(editor, org, tmp_path):
    path = tmp_path / "bad.csv"
    # A blank line is skipped but counted, so the numbers match what the editor shows.
    path.write_text("code,name,parent\nA,农业,\n\n,无代码,\nB,,\nA,重复,\nC,下级,Z\n",
                    encoding="utf-8")
    events_before = Event.objects.count()
    with pytest.raises(ValidationError) as caught:
        _import(editor, path, organization=org)
    assert caught.value.message_dict["file"] == [
        "row 4: empty code (代码为空)",
        "row 5: empty name (名称为空)",
        "row 6: code 'A' repeats row 2 (代码重复)",
        "row 7: parent 'Z' is not another code of the list (上级代码不存在)",
    ]
    assert not CodeList.objects.exists() and not CodeListVersion.objects.exists()
    assert Event.objects.count() == events_before


def test_missing_header_and_builtin_identifier_are_refused(editor, org, tmp_path):
    path = tmp_path / "no-header.csv"
    path.write_text("编号,说明\n1,x\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        _import(editor, path, organization=org, identifier="GB/T 2260")
    errors = caught.value.message_dict
    assert "built-in code list" in errors["identifier"][0]
    assert errors["file"][0].startswith("row 1: the header must name the columns code and name")


def test_new_version_of_another_organizations_list_is_refused(editor, org, outsider, industry_csv):
    _import(editor, industry_csv, organization=org)
    with pytest.raises(PermissionDenied):
        _import(outsider, industry_csv, version_label="2018")


def test_spec_may_reference_database_list_and_its_versions(editor, org, industry_csv):
    schema = {"fields": [{"name": "industry",
                          "codeList": {"id": "ZJ/industry", "version": "2017"}}]}
    with pytest.raises(ValidationError, match="unknown code list 'ZJ/industry'"):
        services.check_schema(schema)
    _import(editor, industry_csv, organization=org)
    assert json.loads(services.check_schema(schema)) == schema
    registry = DatabaseCodeLists()
    assert "I65" in registry.get("ZJ/industry") and "GB/T 2260" in registry.ids()
    assert "ZJ/industry" in registry.ids()


def test_catalogue_lists_builtin_and_imported(editor, org, industry_csv):
    _import(editor, industry_csv, organization=org)
    catalogue = {c.identifier: c for c in queries.code_list_catalogue(editor)}
    assert catalogue["GB/T 2260"].builtin and catalogue["GB/T 2260"].entries > 3000
    assert catalogue["ZJ/industry"].versions == ["2017"] and catalogue["ZJ/industry"].entries == 4


# ---------------------------------------------------------------- pages


def test_import_page_shows_row_errors(client, editor, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:code-list-import"), {
        "identifier": "ZJ/industry", "title": "行业", "organization": org.pk,
        "version_label": "1", "file": upload("bad.csv", "code,name\nA,\nA,农业\n".encode()),
    })
    errors = response.context["form"].errors["file"]
    assert errors == ["row 2: empty name (名称为空)", "row 3: code 'A' repeats row 2 (代码重复)"]
    assert not CodeList.objects.exists()


def test_import_page_then_browse_entries(client, editor, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:code-list-import"), {
        "identifier": "ZJ/industry", "title": "行业", "organization": org.pk,
        "version_label": "2017", "file": upload("industry.csv", INDUSTRY_CSV.encode()),
    })
    url = reverse("conformance:code-list", args=["ZJ/industry"])
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url, {"q": "软件"})
    assert [e[0] for e in page.context["page"].object_list] == ["I", "I65"]


def test_builtin_list_page_pages_3000_entries(client):
    url = reverse("conformance:code-list", args=["GB/T 2260"])
    assert "GB/T%202260" in url
    page = client.get(url, {"q": "3301"})
    codes = [e[0] for e in page.context["page"].object_list]
    assert "330106" in codes and all(c.startswith("3301") for c in codes)
    assert client.get(url, {"version": "1999"}).status_code == 404
