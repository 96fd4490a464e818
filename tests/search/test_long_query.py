"""A long query costs linear time, and the CLI refuses one longer than a title could be."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stdhub.search.plan import MAX_QUERY_CHARS, code_and_words, plan_query


@pytest.mark.parametrize("query", ["数据 " * 3333, "a b " * 2500, "GB/T " * 2000, "数" * 10_000])
def test_planning_a_10000_character_query_is_fast(query):
    started = time.perf_counter()
    plan_query(query)
    assert time.perf_counter() - started < 0.5  # was 6.6 s: every cut of 5,000 words tried


def test_code_and_words_still_found_at_either_end():
    assert code_and_words("GB/T 2260 行政区划") == ("gb/t2260", "行政区划")
    assert code_and_words("行政区划 代码 GB/T 2260-2007") == ("gb/t2260-2007", "行政区划代码")


@pytest.mark.django_db
def test_cli_refuses_a_query_longer_than_the_limit_with_exit_2():
    with pytest.raises(CommandError, match=f"at most {MAX_QUERY_CHARS}") as caught:
        call_command("search", "数" * 10_000, stdout=StringIO(), stderr=StringIO())
    assert caught.value.returncode == 2
    call_command("search", "数" * MAX_QUERY_CHARS, stdout=StringIO())
