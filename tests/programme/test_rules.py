"""Pure programme rules: metric specs, reporting periods, target status (no database)."""

import datetime as dt

import pytest

from stdhub.programme import rules


def test_metric_of_standards_with_window():
    metric = rules.parse_metric({"kind": "standards", "levels": ["national", "local"],
                                 "issued_from": "2018-07-16", "issued_to": "2020-12-31"})
    assert metric == rules.Metric("standards", ("national", "local"),
                                  dt.date(2018, 7, 16), dt.date(2020, 12, 31))


@pytest.mark.parametrize("spec, message", [
    ({"kind": "votes"}, "not one of"),
    ({"kind": "standards", "levels": ["provincial"]}, "each must be one of"),
    ({"kind": "pilots", "levels": ["group"]}, "each must be one of"),
    ({"kind": "standards", "issued_from": "2020-13-01"}, "not a date"),
    ({"kind": "standards", "issued_from": "2020-01-02", "issued_to": "2020-01-01"},
     "ends before it starts"),
    ("standards", "expected an object"),
])
def test_bad_metric_is_refused_with_reason(spec, message):
    with pytest.raises(rules.RuleError, match=message):
        rules.parse_metric(spec)


@pytest.mark.parametrize("text, first, last", [
    ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    ("2019-H1", dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
    ("2019-H2", dt.date(2019, 7, 1), dt.date(2019, 12, 31)),
    ("2020-Q1", dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
    ("2020-Q4", dt.date(2020, 10, 1), dt.date(2020, 12, 31)),
    ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
])
def test_periods(text, first, last):
    assert rules.parse_period(text) == (first, last)


@pytest.mark.parametrize("text", ["", "19", "2019-Q5", "2019-13", "2019-H3", "2019 Q1", None])
def test_bad_periods(text):
    with pytest.raises(rules.RuleError, match="write a year"):
        rules.parse_period(text)


START, DUE = dt.date(2018, 1, 1), dt.date(2020, 12, 31)


@pytest.mark.parametrize("value, today, expected", [
    (None, dt.date(2019, 1, 1), "no-data"),
    (50, dt.date(2019, 1, 1), "met"),
    (60, dt.date(2021, 6, 1), "met"),
    (49, dt.date(2021, 1, 1), "missed"),
    (10, dt.date(2018, 1, 1), "on-track"),          # nothing expected yet
    (30, dt.date(2019, 7, 2), "on-track"),          # half the time, more than half the goal
    (20, dt.date(2019, 7, 2), "behind"),
])
def test_target_status(value, today, expected):
    assert rules.target_status(value, 50, starts=START, due=DUE, today=today) == expected


def test_periods_and_late_ones():
    start, end = dt.date(2018, 7, 16), dt.date(2020, 12, 31)
    assert rules.periods(start, end, "half") == ["2018-H2", "2019-H1", "2019-H2", "2020-H1",
                                                  "2020-H2"]
    assert rules.periods(start, end, "year") == ["2018", "2019", "2020"]
    assert rules.periods(start, dt.date(2018, 12, 31), "quarter") == ["2018-Q3", "2018-Q4"]
    late = rules.late_periods(start, end, "half", {"2018-H2"}, today=dt.date(2019, 7, 20),
                              grace_days=30)
    assert late == []  # 2019-H1 ended 20 days ago: still within the grace
    late = rules.late_periods(start, end, "half", {"2018-H2"}, today=dt.date(2019, 8, 1),
                              grace_days=30)
    assert late == ["2019-H1"]
