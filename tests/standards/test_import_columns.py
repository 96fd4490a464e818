"""Heading rows as people write them, mapped to fields (pure: no database)."""

import pytest

from stdhub.standards.io.columns import HeadingError, map_headings


def test_chinese_english_and_folded_spellings():
    columns = map_headings(["标准编号*", "中文名称", "English Title", "ＩＣＳ 分类号", "中标分类",
                            "发布日期(YYYY-MM-DD)", "实施日期（必填）", "Responsible_Organization",
                            "被代替标准", "", "序号", "复审到期"])
    assert columns.positions == {
        "code": 0, "title_zh": 1, "title_en": 2, "ics": 3, "ccs": 4, "issued_on": 5,
        "effective_on": 6, "responsible_org": 7, "replaces": 8}
    assert columns.heading_of("issued_on") == "发布日期(YYYY-MM-DD)"
    assert columns.heading_of("scope") == "适用范围"  # not in the file: its customary heading


def test_every_problem_is_named_at_once():
    with pytest.raises(HeadingError) as exc:
        map_headings(["英文名称", "备注", "English title"])
    columns = [column for column, _ in exc.value.problems]
    assert columns == ["备注", "English title", "标准号", "标准名称"]
