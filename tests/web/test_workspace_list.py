"""The workspace list: filters, keyword, sorting, pagination and the HTMX partial."""

import re

import pytest
from django.urls import reverse

URL = reverse("workspace:standards")


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def codes_on(response) -> list[str]:
    """Codes of the result rows, in order."""
    return re.findall(r'<td class="nowrap code"><a href="/workspace/standards/\d+/">([^<]+)</a>',
                      response.content.decode())


def test_first_page_holds_twenty_sorted_by_code(signed_in, registry):
    codes = codes_on(signed_in.get(URL))
    assert codes == sorted(s.code for s in registry)[:20]


def test_second_page_holds_the_rest(signed_in, registry):
    codes = codes_on(signed_in.get(URL, {"page": 2}))
    assert codes == sorted(s.code for s in registry)[20:]


def test_a_page_past_the_end_shows_the_last(signed_in, registry):
    assert codes_on(signed_in.get(URL, {"page": 99})) == codes_on(signed_in.get(URL, {"page": 2}))


@pytest.mark.parametrize("params, expected", [
    ({"status": "superseded"}, lambda s: s.status == "superseded"),
    ({"status": ["superseded", "current"]}, lambda s: True),
    ({"level": "national"}, lambda s: False),
    ({"year": "2017"}, lambda s: s.year == 2017),
    ({"year_min": "2019"}, lambda s: s.year >= 2019),
    ({"ics": "35"}, lambda s: int(s.code.split()[1][:4]) % 2 == 1),
    ({"ccs": "A10"}, lambda s: int(s.code.split()[1][:4]) % 2 == 0),
])
def test_filters(signed_in, registry, params, expected):
    for s in registry:
        s.refresh_from_db()
    wanted = sorted(s.code for s in registry if expected(s))
    got = codes_on(signed_in.get(URL, {**params, "ordering": "code"}))
    got += codes_on(signed_in.get(URL, {**params, "ordering": "code", "page": 2}))
    assert sorted(set(got)) == wanted


def test_organization_filter(signed_in, registry, other_org):
    html = signed_in.get(URL, {"organization": other_org.pk}).content.decode()
    assert "共 30 项标准" in html  # every standard is drafted by both organizations


def test_bad_filter_value_is_reported_not_crashing(signed_in, registry):
    response = signed_in.get(URL, {"year": "二〇一七"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("ordering, key", [
    ("-code", lambda s: s.code),
    ("issued", lambda s: s.issued_on),
    ("-review_due", lambda s: s.review_due_on),
])
def test_sorting(signed_in, registry, ordering, key):
    by_code = {s.code: s for s in registry}
    shown = [key(by_code[c]) for c in codes_on(signed_in.get(URL, {"ordering": ordering}))]
    assert shown == sorted(map(key, registry), reverse=ordering.startswith("-"))[:20]


def test_sort_header_toggles_direction(signed_in, registry):
    html = signed_in.get(URL, {"ordering": "code"}).content.decode()
    assert 'href="?ordering=-code"' in html
    assert "标准号 ↑" in html


def test_htmx_request_gets_only_the_results(signed_in, registry):
    response = signed_in.get(URL, {"status": "current"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'hx-swap-oob="true"' in html  # keeps the form's hidden ordering in step
    assert len(codes_on(response)) == 20


def test_keyword_search_ranks_matches(signed_in, registry):
    response = signed_in.get(URL, {"q": "证照"})
    expected = sorted(s.code for s in registry if "证照" in s.title_zh)
    assert sorted(codes_on(response)) == expected
    assert "<mark>证照</mark>" in response.content.decode()


def test_keyword_search_keeps_the_chosen_sort_and_filters(signed_in, registry):
    response = signed_in.get(URL, {"q": "数据", "ordering": "-code", "ics": "35"})
    expected = sorted((s.code for s in registry
                       if "数据" in s.title_zh and int(s.code.split()[1][:4]) % 2 == 1),
                      reverse=True)
    assert expected and codes_on(response) == expected


def test_export_links_carry_the_filters(signed_in, registry):
    html = signed_in.get(URL, {"status": "current", "page": 2}).content.decode()
    assert "/workspace/standards/export/?format=xlsx&amp;status=current" in html
    assert "page=2" not in html.split("export/?format=xlsx")[1].split('"')[0]


def test_htmx_history_restore_gets_the_whole_page(signed_in, registry):
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = signed_in.get(URL, headers=restore)
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]
