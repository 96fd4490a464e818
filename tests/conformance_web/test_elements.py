"""The data element table (数据元): derived from the schema, rendered on the public page."""

from django.urls import reverse

from stdhub.conformance.elements import data_elements

from .conftest import SCHEMA

FULL = {
    "fields": [
        {"name": "id_no", "title": "公民身份号码", "type": "string", "checksum": "GB 11643",
         "constraints": {"required": True, "minLength": 18, "maxLength": 18}},
        {"name": "sex", "title": "性别", "codeList": {"id": "GB/T 2261.1", "version": "2003"}},
        {"name": "email", "title": "电子邮箱", "format": "email",
         "constraints": {"maxLength": 64}},
        {"name": "score", "title": "评分", "type": "number",
         "constraints": {"exclusiveMinimum": 0, "maximum": 100}},
        {"name": "grade", "type": "string", "constraints": {"enum": ["A", "B", "C"],
                                                           "pattern": "[A-C]", "minLength": 1}},
        {"name": "parent_id", "type": "string", "description": "上级记录"},
    ],
    "primaryKey": ["id_no", "sex"],
    "foreignKeys": [{"fields": "parent_id", "reference": {"resource": "", "fields": "id_no"}}],
}


def test_each_column_of_the_table():
    rows = {e.identifier: e for e in data_elements(FULL)}
    id_no = rows["id_no"]
    assert (id_no.name, id_no.type_label, id_no.length, id_no.required) == \
        ("公民身份号码", "字符型", "18", True)
    assert id_no.rules == ["GB 11643 公民身份号码校验位", "联合主键"]
    assert rows["sex"].domain == "代码表 GB/T 2261.1 (2003)"
    assert (rows["sex"].code_list, rows["sex"].code_list_version) == ("GB/T 2261.1", "2003")
    assert rows["email"].rules == ["格式 email"] and rows["email"].length == "≤64"
    assert (rows["score"].type_label, rows["score"].domain) == ("数值型", "(0, 100]")
    assert rows["grade"].domain == "取值 A、B、C" and rows["grade"].length == "≥1"
    assert rows["grade"].rules == ["模式 [A-C]"] and rows["grade"].required is False
    assert rows["parent_id"].rules == ["外键 → 本表.id_no"]
    assert rows["parent_id"].description == "上级记录"
    assert list(rows) == [f["name"] for f in FULL["fields"]]


def test_public_page_renders_the_table(client, data_standard):
    response = client.get(data_standard.get_absolute_url())  # no login: reading is public
    html = response.content.decode()
    for header in ("标识符", "中文名称", "类型", "长度", "值域", "必填", "校验规则"):
        assert f"<th>{header}</th>" in html
    assert "统一社会信用代码" in html and "GB 32100 统一社会信用代码校验位" in html
    code_list_url = reverse("conformance:code-list", args=["GB/T 2260"])
    assert f'href="{code_list_url}"' in html
    assert [e.identifier for e in response.context["elements"]] == \
        [f["name"] for f in SCHEMA["fields"]]
    assert "上传数据进行检测" not in html  # anonymous visitors do not run tests


def test_older_version_page_shows_its_own_elements(client, editor, data_standard, version):
    from stdhub.conformance import services

    schema = {"fields": [{"name": "only", "title": "唯一字段"}]}
    services.publish_version(editor, data_standard, schema=schema, version_label="2.0")
    latest = client.get(data_standard.get_absolute_url()).context
    assert [e.identifier for e in latest["elements"]] == ["only"]
    old = client.get(version.get_absolute_url())
    assert old.context["version"] == version and len(old.context["elements"]) == 5
    schema_download = client.get(reverse("conformance:version-schema", args=[version.pk]))
    assert schema_download.json() == SCHEMA
