"""Folding, tokens and query plans: pure functions, no database."""

from stdhub.search.plan import (
    CODE,
    CONTAINS,
    EXACT,
    PREFIX,
    TITLE,
    Keys,
    Match,
    code_and_words,
    plan_query,
)
from stdhub.search.tokenizer import (
    bigrams,
    fold,
    hex_bigrams,
    hex_exact,
    hex_token,
    hex_unigrams,
    query_tokens,
)


def test_fold_makes_full_width_dashes_case_and_spaces_alike():
    assert fold("ＧＢ／Ｔ　２２６０—２００７") == "gb/t2260-2007"
    assert fold("GB/T 2260-2007") == "gb/t2260-2007"
    assert fold("gb /t 2260 – 2007") == "gb/t2260-2007"
    assert fold("信息安全技术 个人信息安全规范") == "信息安全技术个人信息安全规范"
    assert fold("第１部分：总则") == "第1部分:总则"
    assert fold("  ") == "" and fold(None) == ""


def test_bigrams_and_tokens():
    assert bigrams("数据规范") == ["数据", "据规", "规范"]
    assert bigrams("数") == []
    assert query_tokens("数") == ["数"]
    assert query_tokens("数据") == ["数据"]
    assert query_tokens("数据规范") == ["数据", "据规", "规范"]


def test_hex_tokens_are_one_ascii_word_each():
    assert hex_token("数") == "e695b0"
    assert hex_unigrams("数a") == "e695b0 61"
    assert hex_bigrams("数据/") == "e695b0e68dae e68dae2f"
    assert hex_bigrams("a") == ""
    assert hex_exact("gb/t1-2000", "gb/t1", "") == (
        hex_token("gb/t1-2000", "x") + " " + hex_token("gb/t1", "x"))
    assert hex_exact("iso1", "iso1") == hex_token("iso1", "x")
    assert hex_bigrams("gb", "k") == "k6762" and hex_unigrams("数", "n") == "ne695b0"


def test_plain_query_ranks_code_exact_prefix_contains_then_title():
    plan = plan_query(" 数据 ")
    assert plan.key == "数据" and not plan.mixed
    assert [(c[0].field, c[0].how) for c in plan.tiers] == [
        (CODE, EXACT), (CODE, PREFIX), (CODE, CONTAINS), (TITLE, CONTAINS)]
    assert plan_query("  　") is None


def test_match_holds_on_keys():
    keys = Keys(1, "中华人民共和国行政区划代码", "gb/t2260-2007", "gb/t2260")
    assert Match(CODE, EXACT, "gb/t2260").holds(keys)
    assert Match(CODE, EXACT, "gb/t2260-2007").holds(keys)
    assert not Match(CODE, EXACT, "gb/t226").holds(keys)
    assert Match(CODE, PREFIX, "gb/t226").holds(keys)
    assert not Match(CODE, PREFIX, "2260").holds(keys)
    assert Match(CODE, CONTAINS, "2260-2007").holds(keys)
    assert Match(TITLE, CONTAINS, "行政区划").holds(keys)
    assert not Match(TITLE, CONTAINS, "gb").holds(keys)


def test_order_puts_tiers_first_then_shorter_titles_then_older_ids():
    plan = plan_query("GB/T 2260")
    found = [Keys(1, "引用gb/t2260的标准", "db33/t1-2020", "db33/t1"),
             Keys(2, "很长很长的标题", "gb/t22601-2008", "gb/t22601"),
             Keys(3, "短", "gb/t22602-2008", "gb/t22602"),
             Keys(4, "中华人民共和国行政区划代码", "gb/t2260-2007", "gb/t2260"),
             Keys(5, "另一个", "db33/t2-2020/gb/t2260", "db33/t2")]
    assert plan.order(found) == [4, 3, 2, 5, 1]
    assert plan.tier_of(Keys(6, "无关", "iso1:2000", "iso1")) == len(plan.tiers)


def test_code_and_words_split():
    assert code_and_words("GB/T 2260 行政区划") == ("gb/t2260", "行政区划")
    assert code_and_words("行政区划 ＧＢ／Ｔ ２２６０") == ("gb/t2260", "行政区划")
    assert code_and_words("DB33/T 2350-2021 公共数据 目录") == ("db33/t2350-2021", "公共数据目录")
    assert code_and_words("GB/T 2260") is None  # only a code
    assert code_and_words("IPv6 地址规划") is None  # IPv6 is no standard code
    assert code_and_words("数据 规范") is None
    plan = plan_query("GB/T 2260 行政区划")
    assert plan.tiers[0] == (Match(CODE, EXACT, "gb/t2260"), Match(TITLE, CONTAINS, "行政区划"))
    assert len(plan.tiers) == 7 and plan.mixed
