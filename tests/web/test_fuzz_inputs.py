"""Arbitrary text, odd Unicode and deeply nested JSON to every input of every page: never a 5xx.

The pages and their inputs are discovered (``inputs.discover``), so new pages are
covered. Lone surrogates cannot cross HTTP as form or query text (Django decodes
with replacement); they go in the JSON bodies, where the transport allows them.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdhub.conformance import services as conformance
from stdhub.orgs.choices import Role
from tests.conformance_web.conftest import GOOD_ROWS, HEADER, IMMEDIATE, SCHEMA, csv_bytes

from .inputs import discover

ODD = [
    "", " ", "\x00", "a\x00b", "\u202e\u202dRTL", "\ufeff", "\U0010ffff", "\U0001f600",
    "9" * 30, "-1", "0", "1e309", "NaN", "Infinity", "%", "%00", "'\"<>&;--", "../../etc/passwd",
    "数据" * 5000, "x" * 10_000, "[" * 10_000, "GB/T 2260-2007", "L70", "35.240.01", "-code",
    "\r\n", "=1+1", "＇", "１２３",
]
TRANSPORTABLE = st.characters(blacklist_categories=("Cs",))  # UTF-8 can carry all but these
TEXT = st.one_of(st.sampled_from(ODD), st.text(TRANSPORTABLE, max_size=40),
                 st.text(TRANSPORTABLE, min_size=2000, max_size=10_000))
ANY_TEXT = st.one_of(TEXT, st.text(max_size=40))  # lone surrogates included
NESTED = st.integers(min_value=1, max_value=100_000).map(lambda n: "[" * n + "]" * n)


@pytest.fixture
def site(registry, superuser, org, make_user, settings, tmp_path):
    """The web fixtures' registry plus a data standard, a code list and a run."""
    settings.MEDIA_ROOT, settings.TASKS = tmp_path / "media", IMMEDIATE
    editor = make_user(Role.EDITOR, org)
    version = conformance.publish_data_standard(
        editor, identifier="zj/legal-entity", title="法人单位", organization=org, schema=SCHEMA,
        version_label="1.0")
    codes = tmp_path / "codes.csv"
    codes.write_text("code,name\n1,一\n2,二\n", encoding="utf-8")
    conformance.import_code_list(editor, identifier="zj/codes", version_label="1", path=codes,
                                 title="代码", organization=org)
    run = conformance.start_run(editor, version=version, organization=org, upload=(
        SimpleUploadedFile("data.csv", csv_bytes(HEADER, GOOD_ROWS))))
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    samples = {"int": sorted({str(registry[0].pk), str(version.pk),
                              str(version.data_standard.pk), str(run.pk)}),
               "path": ["zj/codes", "GB/T 2260"]}
    pages = discover(client, samples)
    return client, pages


def test_discovery_finds_the_pages_and_their_inputs(site):
    _, pages = site
    by_url = {p.url: p for p in pages}
    assert {"level", "ccs", "ics", "q", "ordering", "page"} <= by_url["/workspace/standards/"].query
    assert {"q", "ccs"} <= by_url["/search/"].query
    assert {"identifier", "title", "schema"} <= by_url["/data-standards/new/"].post
    assert "dataset" in next(p for p in pages if p.url.endswith("/test/")).files
    assert len(pages) >= 15


def _assert_no_5xx(response, what):
    assert response.status_code < 500, f"{what} → {response.status_code}"


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_query_parameters_never_give_5xx(site, data):
    client, pages = site
    page = data.draw(st.sampled_from([p for p in pages if p.query]))
    params = {name: data.draw(TEXT) for name in data.draw(
        st.lists(st.sampled_from(sorted(page.query)), min_size=1, max_size=3, unique=True))}
    _assert_no_5xx(client.get(page.url, params), f"GET {page.url} {params!r:.300}")


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_form_fields_never_give_5xx(site, data):
    client, pages = site
    page = data.draw(st.sampled_from([p for p in pages if p.post or p.files]))
    form = {name: data.draw(TEXT) for name in data.draw(
        st.lists(st.sampled_from(sorted(page.post)), max_size=4, unique=True))} if page.post else {}
    for name in page.files:
        file_name = data.draw(st.sampled_from(["浙江省法人单位基础信息" * 8 + ".csv", "a\x00.csv",
                                               "../x.csv", "x.xlsx", "\u202egpj.csv", "x" * 300]))
        form[name] = SimpleUploadedFile(file_name, data.draw(st.binary(max_size=300)))
    _assert_no_5xx(client.post(page.url, form), f"POST {page.url} {form!r:.300}")


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_json_bodies_never_give_5xx(site, data):
    """Deeply nested JSON, and JSON strings with lone surrogates, to every POST page."""
    client, pages = site
    page = data.draw(st.sampled_from([p for p in pages if p.post or p.files]))
    body = data.draw(st.one_of(NESTED, ANY_TEXT.map(json.dumps),
                               st.dictionaries(st.sampled_from(sorted(page.post) or ["x"]),
                                               ANY_TEXT).map(json.dumps)))
    _assert_no_5xx(client.post(page.url, body, content_type="application/json"),
                   f"POST JSON {page.url} {body!r:.200}")
