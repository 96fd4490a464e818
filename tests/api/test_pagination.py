"""Every list the API serves comes a page at a time, code-list entries included."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from stdhub.conformance import services
from stdhub.core.api import PagePagination
from stdhub.core.permissions import SYSTEM

CODES = "/api/v1/conformance/code-lists/"


@pytest.fixture
def big_list(db, org, tmp_path):
    """A code list of 1,200 entries (as a 400,000-entry one would be, only smaller)."""
    path = tmp_path / "grades.csv"
    rows = "\n".join(f"G{n:05d},等级{n}," for n in range(1200))
    path.write_text("代码,名称,上级代码\n" + rows + "\n", encoding="utf-8")
    return services.import_code_list(SYSTEM, identifier="ZJ/grade", version_label="2026",
                                     path=path, title="等级", organization=org)


def test_code_list_entries_come_a_page_at_a_time(anon, big_list):
    first = anon.get(f"{CODES}ZJ/grade/").json()
    assert first["count"] == 1200 and len(first["entries"]) == 50
    assert first["entries"][0] == {"code": "G00000", "name": "等级0", "parent": None}
    assert first["previous"] is None and "page=2" in first["next"]
    last = anon.get(f"{CODES}ZJ/grade/", {"page": 6, "page_size": 200}).json()
    assert [e["code"] for e in last["entries"]][-1] == "G01199" and last["next"] is None
    huge = anon.get(f"{CODES}ZJ/grade/", {"page_size": 1_000_000}).json()
    assert len(huge["entries"]) == PagePagination.max_page_size
    matching = anon.get(f"{CODES}ZJ/grade/", {"q": "G0119"}).json()
    assert matching["count"] == 10 and len(matching["entries"]) == 10
    assert anon.get(f"{CODES}ZJ/grade/", {"page": 99}).status_code == 404


def test_code_list_catalogue_is_paginated(anon, big_list):
    body = anon.get(CODES, {"page_size": 2}).json()
    assert body["count"] > 2 and len(body["results"]) == 2 and body["next"]


def test_every_list_operation_is_paginated_in_the_schema():
    """A new list endpoint that forgets pagination fails here."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        body = get["responses"]["200"]["content"]["application/json"]["schema"]
        assert body.get("type") != "array", f"{path} returns an unpaginated array"
        body = components[body["$ref"].rsplit("/", 1)[1]] if "$ref" in body else body
        if "results" in body.get("properties", {}):
            names = {p["name"] for p in get.get("parameters", [])}
            assert {"page", "page_size"} <= names, path
