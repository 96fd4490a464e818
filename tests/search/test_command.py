"""``stdhub search``: the JSON contract, the table, --reindex and bad input."""

import json

import pytest
from django.core.management import CommandError, call_command

from stdhub.search.indexing import remove_standards
from stdhub.search.queries import search_standards

from .test_codes import CODES


@pytest.fixture
def codes(make_standards):
    return make_standards(CODES)


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("search", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_contract(codes):
    data = json.loads(run("GB/T 2260", "--json"))
    assert data["total"] == 3
    assert data["results"][0] == {"code": "GB/T 2260-2007", "title": "中华人民共和国行政区划代码",
                                  "level": "national", "status": "current"}
    assert [r["code"] for r in data["results"]] == ["GB/T 2260-2007", "GB/T 2260-2002",
                                                    "GB/T 22601-2008"]
    assert set(data) == {"total", "results"}


def test_json_limit_keeps_the_total(codes):
    data = json.loads(run("规范", "--json", "--limit", "1"))
    assert data["total"] == 3
    assert len(data["results"]) == 1
    assert json.loads(run("无此词", "--json")) == {"total": 0, "results": []}


def test_readable_table(codes):
    out = run("行政区划", "--limit", "2")
    lines = out.strip().splitlines()
    assert lines[0].startswith("GB/T 12260-2010")
    assert "国家标准 National" in lines[0]
    assert lines[-1] == "3 found, 2 shown"


def test_reindex_rebuilds_the_index(codes):
    remove_standards([s.pk for s in codes])
    assert search_standards("行政区划").total == 0
    run("--reindex")
    assert search_standards("行政区划").total == 3
    assert json.loads(run("--reindex", "ISO/IEC 27001", "--json"))["total"] == 1


def test_bad_input_is_refused_clearly(codes):
    with pytest.raises(CommandError, match="QUERY"):
        run("  ")
    with pytest.raises(CommandError, match="negative"):
        run("数据", "--limit", "-1")
