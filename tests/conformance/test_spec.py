"""Loading specs: what a malformed spec is told, and what a good one becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from stdhub.conformance.engine import (
    Code,
    CodeList,
    CodeListRegistry,
    SpecError,
    load_spec,
    parse_spec,
)


def spec_with(**field) -> dict:
    return {"fields": [{"name": "f", **field}]}


@pytest.mark.parametrize(
    ("descriptor", "message"),
    [
        ([], "the spec must be a JSON object"),
        ({}, "non-empty list 'fields'"),
        ({"fields": [{"type": "string"}]}, "non-empty string 'name'"),
        ({"fields": [{"name": "a"}, {"name": "a"}]}, "field names are repeated: a"),
        (
            {"fields": [{"name": "a"}], "primaryKey": ["nope"]},
            "primaryKey names 'nope', which is not a field",
        ),
        (
            {
                "fields": [{"name": "a"}],
                "foreignKeys": [{"fields": "a", "reference": {"fields": "b"}}],
            },
            "reference.fields names 'b'",
        ),
        (
            {
                "fields": [{"name": "a"}],
                "foreignKeys": [
                    {"fields": ["a"], "reference": {"resource": "t", "fields": ["x", "y"]}}
                ],
            },
            "differ in length",
        ),
        (
            {"fields": [{"name": "a"}], "fieldz": []},
            "unknown property 'fieldz' (did you mean 'fields'?)",
        ),
        (spec_with(type="strnig"), "field 'f': unknown type 'strnig'"),
        (spec_with(type="string", format="phone"), "unknown string format 'phone'"),
        (spec_with(codelist="GB/T 2260"), "unknown property 'codelist' (did you mean 'codeList'?)"),
        (
            spec_with(constraints={"maxLen": 3}),
            "unknown constraint 'maxLen' (did you mean 'maxLength'?)",
        ),
        (
            spec_with(type="integer", constraints={"pattern": "1"}),
            "'pattern' does not apply to type 'integer'",
        ),
        (spec_with(constraints={"minLength": -1}), "must be a non-negative integer"),
        (spec_with(constraints={"required": "yes"}), "required must be true or false"),
        (spec_with(constraints={"pattern": "([a-z"}), "is not a valid regular expression"),
        (spec_with(type="integer", constraints={"minimum": "abc"}), "'abc' is not a valid integer"),
        (
            spec_with(type="date", constraints={"enum": ["2024-02-30"]}),
            "'2024-02-30' is not a valid date",
        ),
        (spec_with(constraints={"enum": []}), "must be a non-empty list"),
        (
            spec_with(checksum="GB 1234"),
            "unknown checksum 'GB 1234' (supported: GB 32100, GB 11643)",
        ),
        (spec_with(type="integer", checksum="GB 11643"), "a checksum needs type 'string'"),
        (spec_with(codeList="GB/T 9999"), "unknown code list 'GB/T 9999'"),
        (spec_with(codeList={"id": "GB/T 2261.1", "version": "1999"}), "has no version '1999'"),
        (spec_with(codeList={"version": "1"}), "codeList needs a string 'id'"),
        (spec_with(missingValues="NA"), "missingValues must be a list of strings"),
    ],
)
def test_malformed_specs_are_rejected_with_what_is_wrong(descriptor, message):
    with pytest.raises(SpecError) as raised:
        parse_spec(descriptor)
    assert message in str(raised.value)


def test_bad_json_names_the_place(tmp_path):
    path = tmp_path / "spec.json"
    path.write_text('{"fields": [\n  {"name": "a",}\n]}', encoding="utf-8")
    with pytest.raises(SpecError, match=r"not valid JSON: line 2 column"):
        load_spec(path)


def test_missing_spec_file(tmp_path):
    with pytest.raises(SpecError, match="cannot read the spec file"):
        load_spec(tmp_path / "absent.json")


def test_a_good_spec_is_read_with_typed_constraints():
    spec = parse_spec(
        {
            "fields": [
                {"name": "sex", "title": "性别", "codeList": "GB/T 2261.1"},
                {
                    "name": "born",
                    "type": "date",
                    "constraints": {"minimum": "1900-01-01", "required": True},
                },
                {
                    "name": "ok",
                    "type": "boolean",
                    "trueValues": ["是"],
                    "falseValues": ["否"],
                    "constraints": {"enum": [True]},
                },
            ],
            "primaryKey": "sex",
            "missingValues": ["", "-"],
        }
    )
    assert spec.field_names == ("sex", "born", "ok")
    assert spec.primary_key == ("sex",)
    assert spec.field("sex").code_list.values == {"0", "1", "2", "9"}
    assert spec.field("born").constraints["minimum"] == dt.date(1900, 1, 1)
    assert spec.field("born").required
    assert spec.field("ok").constraints["enum"].to_list() == [True]
    assert spec.field("born").missing_values == ("", "-")


def test_code_list_without_version_means_the_newest():
    registry = CodeListRegistry(
        [
            CodeList("x", "2019", (Code("a", "A"),)),
            CodeList("x", "2023", (Code("b", "B"),)),
            CodeList("x", "2023-2", (Code("c", "C"),)),
        ]
    )
    assert parse_spec(spec_with(codeList="x"), registry).field("f").code_list.version == "2023-2"
    pinned = parse_spec(spec_with(codeList={"id": "x", "version": "2019"}), registry)
    assert pinned.field("f").code_list.values == {"a"}
