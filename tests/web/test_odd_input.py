"""The odd inputs found by hand, kept as regression tests: a reason, never a 500."""

import pytest
from django.test import Client

from stdhub.standards.filters import StandardFilter

PAGES = ["/search/", "/workspace/standards/", "/workspace/standards/export/?format=csv"]


@pytest.fixture
def signed_in(registry, superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


def _get(client, url: str, query: str):
    return client.get(url + ("&" if "?" in url else "?") + query)


@pytest.mark.parametrize("url", PAGES)
def test_class_code_past_the_last_character_is_not_a_500(signed_in, url):
    response = _get(signed_in, url, "ccs=%F4%8F%BF%BF")  # U+10FFFF: it has no successor
    assert response.status_code in (200, 400)
    if "export" in url:
        assert response.status_code == 400 and "CCS" in response.content.decode()


ODD_QUERIES = ["organization=99999999999999999999999", "parent=99999999999999999999999",
               "year=1e309", "page=99999999999999999999999", "ics=%ED%A0%80", "q=%FF%FE",
               "review_due_before=9999-99-99"]


@pytest.mark.parametrize("url", PAGES)
def test_out_of_range_and_undecodable_parameters(signed_in, url):
    answers = {query: _get(signed_in, url, query).status_code for query in ODD_QUERIES}
    assert set(answers.values()) <= {200, 400}, answers


def test_nul_in_a_query_parameter_is_a_400_with_a_reason(signed_in):
    for url in [*PAGES, "/data-standards/", "/data-standards/code-lists/"]:
        response = _get(signed_in, url, "q=a%00b")
        assert response.status_code == 400
        assert "NUL characters (\\x00) are not allowed: q" in response.content.decode()


def test_nul_in_a_form_field_is_a_400_with_a_reason(signed_in):
    response = signed_in.post("/data-standards/new/", {"identifier": "zj/x\x00", "title": "t"})
    assert response.status_code == 400 and "identifier" in response.content.decode()


def test_ten_thousand_character_search_on_the_pages(signed_in):
    for url in PAGES[:2]:
        assert signed_in.get(url, {"q": "数据 " * 3333}).status_code == 200


@pytest.mark.parametrize(("name", "value"), [("ccs", "\U0010ffff"), ("ccs", "L70/"),
                                              ("ics", "35.2400"), ("ics", "x")])
def test_class_filters_say_what_a_code_looks_like(name, value):
    filterset = StandardFilter({name: value})
    assert not filterset.is_valid() and name in filterset.errors


@pytest.mark.parametrize(("name", "value"), [("ccs", "L"), ("ccs", "l70"), ("ccs", "L70/84"),
                                              ("ics", "35"), ("ics", "35.240.01")])
def test_class_filters_take_every_real_code(name, value):
    assert StandardFilter({name: value}).is_valid()


def test_body_larger_than_any_upload_is_turned_away_unread(signed_in, settings):
    settings.STDHUB_UPLOAD_LIMITS_MB = {"datasets": 1, "schemas": 1}
    response = signed_in.post("/data-standards/new/", {"schema": "x" * (3 << 20)})
    assert response.status_code == 413 and "at most 1 MB" in response.content.decode()
