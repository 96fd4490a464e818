"""Pure standard-system logic: codes, statistics, coverage and gaps, diagram layout."""

import pytest

from stdhub.framework import tree
from stdhub.framework.tree import EntryRow


@pytest.mark.parametrize("code, expected", [("1", "1"), (" 1.2.3 ", "1.2.3"), ("１．２", "1.2"),
                                            ("12.10", "12.10")])
def test_codes(code, expected):
    assert tree.check_code(code) == expected


@pytest.mark.parametrize("code", ["", "0", "1.0", "1..2", "a", "1.2.", "1.2.3.4.5.6.7.8.9",
                                  "1/2", "1.\x002"])
def test_bad_codes(code):
    with pytest.raises(tree.TreeError, match="体系编号"):
        tree.check_code(code)


def test_tree_errors_name_duplicates_and_orphans():
    errors = tree.check_tree(["1", "1.1", "1.1", "2.1", "3"])
    assert "体系编号 1.1 appears 2 times" in errors
    assert "体系编号 2.1: its parent 2 is missing" in errors and len(errors) == 2


# A hand-counted fixture: 7 entries over 3 levels, 2 types, 4 statuses.
ENTRIES = [
    EntryRow("1.1", "current", "national", "基础"),
    EntryRow("1.1", "planned", "local", "基础"),
    EntryRow("1.2", "current", "local", "管理"),
    EntryRow("1.2", "current", "local", "管理"),
    EntryRow("2", "developing", "local", "管理"),
    EntryRow("2", "lapsed", "national", "基础"),  # withdrawn: counted nowhere
    EntryRow("2.1", "planned", "group", ""),
]


def test_statistics_by_level_hand_counted():
    rows = {r.key: r for r in tree.statistics(ENTRIES, "level", ["national", "local", "group",
                                                                    "industry"])}
    assert (rows["national"].required, rows["national"].existing) == (1, 1)
    assert (rows["local"].required, rows["local"].existing, rows["local"].ratio) == (4, 2, 50.0)
    assert (rows["group"].required, rows["group"].existing, rows["group"].ratio) == (1, 0, 0.0)
    assert rows["industry"].required == 0 and rows["industry"].ratio is None
    assert (rows["total"].required, rows["total"].existing) == (6, 3)


def test_statistics_by_type_and_status():
    by_type = {r.key: (r.required, r.existing) for r in
               tree.statistics(ENTRIES, "standard_type", ["基础", "管理"])}
    assert by_type == {"基础": (2, 1), "管理": (3, 2), "": (1, 0), "total": (6, 3)}
    by_status = {r.key: r.required for r in tree.statistics(ENTRIES, "status")}
    assert by_status == {"current": 3, "planned": 2, "developing": 1, "total": 6}


def test_coverage_and_gaps():
    cover = tree.coverage(["1", "1.1", "1.2", "2", "2.1", "3"], ENTRIES)
    assert (cover["1"].required, cover["1"].existing, cover["1"].ratio) == (4, 3, 75.0)
    assert (cover["2"].required, cover["2"].existing) == (2, 0)
    assert not cover["1"].gap and cover["1.1"].gap and not cover["1.2"].gap
    assert cover["2"].gap and cover["2.1"].gap
    assert cover["3"].gap and cover["3"].required == 0  # a leaf with no standard at all


def test_diagram_centres_parents_over_children():
    nodes = [("1", "基础"), ("1.1", "术语"), ("1.2", "符号"), ("2", "数据"), ("2.1", "目录"),
             ("2.1.1", "第三层"), ("2.1.1.1", "第四层")]
    d = tree.diagram(nodes, {"1.2"}, depth=3, box_width=100, gap_x=20)
    boxes = {b.code: b for b in d.boxes}
    assert d.hidden == 1 and "2.1.1.1" not in boxes
    assert boxes["1.1"].x == 0 and boxes["1.2"].x == 120 and boxes["1"].x == 60
    assert boxes["2"].x == boxes["2.1"].x == boxes["2.1.1"].x == 240
    assert boxes["1.2"].gap and not boxes["1.1"].gap
    assert len(d.links) == 4 and d.width == 340
