"""The scoring contract, checked against hand-computed fixtures (arithmetic written out)."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stdhub.evaluation import scoring

# Two top-level branches; the first is nested. Leaf factors:
#   a1 = 0.6 × 0.5 = 0.30   a2 = 0.6 × 0.3 = 0.18   a3 = 0.6 × 0.2 = 0.12
#   b1 = 0.4 × 0.7 = 0.28   b2 = 0.4 × 0.3 = 0.12
SCHEME = {
    "name": "test", "combine": "mean",
    "grades": [{"name": "优秀", "min": 90}, {"name": "良好", "min": 80},
               {"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    "indicators": [
        {"id": "a", "name": "A", "weight": 60, "children": [
            {"id": "a1", "name": "A1", "weight": 50, "method": "score"},
            {"id": "a2", "name": "A2", "weight": 30, "method": "levels",
             "levels": {"好": 100, "中": 70, "差": 30}},
            {"id": "a3", "name": "A3", "weight": 20, "method": "yesno"},
        ]},
        {"id": "b", "name": "B", "weight": 40, "children": [
            {"id": "b1", "name": "B1", "weight": 70, "method": "score"},
            {"id": "b2", "name": "B2", "weight": 30, "method": "yesno"},
        ]},
    ],
}


def rows(text):
    return scoring.read_csv("subject,evaluator,indicator,value\n" + text, "scores.csv")


def run(text, **changes):
    return scoring.compute(scoring.parse_scheme({**SCHEME, **changes}), rows(text))


def full(subject, evaluator, a1, a2, a3, b1, b2):
    return "".join(f"{subject},{evaluator},{i},{v}\n" for i, v in
                   zip(["a1", "a2", "a3", "b1", "b2"], [a1, a2, a3, b1, b2], strict=True))


def test_nested_weights_levels_and_yesno():
    # 80×0.30 + 70(中)×0.18 + 100(是)×0.12 + 90×0.28 + 0(否)×0.12
    # = 24 + 12.6 + 12 + 25.2 + 0 = 73.8 → 合格
    result = run(full("S1", "e1", 80, "中", "是", 90, "否"))
    assert result == {"subjects": [{"subject": "S1", "total": 73.8, "grade": "合格",
                                    "assessments": [{"evaluator": "e1", "total": 73.8,
                                                     "missing": []}]}]}


def test_mean_of_complete_assessments_and_missing_leaves_excluded():
    # e1: 100×0.30 + 100×0.18 + 100×0.12 + 100×0.28 + 100×0.12 = 100
    # e2: 50×0.30 + 30(差)×0.18 + 0×0.12 + 50×0.28 + 100×0.12 = 15 + 5.4 + 0 + 14 + 12 = 46.4
    # e3: no b2 → total null, missing [b2], left out of the mean
    # subject: (100 + 46.4) / 2 = 73.2 → 合格
    text = (full("S1", "e1", 100, "好", "是", 100, "是")
            + full("S1", "e2", 50, "差", "否", 50, "是")
            + "S1,e3,a1,10\nS1,e3,a2,好\nS1,e3,a3,是\nS1,e3,b1,10\n")
    subject = run(text)["subjects"][0]
    assert subject["total"] == 73.2 and subject["grade"] == "合格"
    assert subject["assessments"] == [
        {"evaluator": "e1", "total": 100, "missing": []},
        {"evaluator": "e2", "total": 46.4, "missing": []},
        {"evaluator": "e3", "total": None, "missing": ["b2"]},
    ]


def test_median_with_even_count_is_mean_of_middle_two():
    # totals 100 (all 是/好/100), 46.4 (as above), 73.8 (first test),
    # 5.4 (all 0/差/否: only 差 counts, 30×0.18 = 5.4)
    # sorted: 5.4, 46.4, 73.8, 100 → median (46.4 + 73.8) / 2 = 60.1 → 合格
    text = (full("S", "e1", 100, "好", "是", 100, "是")
            + full("S", "e2", 50, "差", "否", 50, "是")
            + full("S", "e3", 80, "中", "是", 90, "否") + full("S", "e4", 0, "差", "否", 0, "否"))
    subject = run(text, combine="median")["subjects"][0]
    assert [a["total"] for a in subject["assessments"]] == [100, 46.4, 73.8, 5.4]
    assert subject["total"] == 60.1 and subject["grade"] == "合格"
    # the mean of the same four: (100 + 46.4 + 73.8 + 5.4) / 4 = 225.6 / 4 = 56.4 → 不合格
    assert run(text)["subjects"][0]["total"] == 56.4


def test_subject_without_complete_assessment_has_no_total():
    subject = run("S,e1,a1,50\n")["subjects"][0]
    assert subject["total"] is None and subject["grade"] is None
    assert subject["assessments"][0]["missing"] == ["a2", "a3", "b1", "b2"]


def test_subjects_in_order_of_appearance():
    text = full("S2", "e1", 0, "差", "否", 0, "否") + full("S1", "e1", 0, "差", "否", 0, "否")
    assert [s["subject"] for s in run(text)["subjects"]] == ["S2", "S1"]


@pytest.mark.parametrize(("b1", "total", "grade"), [
    # a-branch fixed at 100×0.30 + 100×0.18 + 100×0.12 = 60; b2 = 否 → 0. total = 60 + b1×0.28
    # 89.9821 ×0.28 = 25.194988 → 85.194988; not a boundary: 良好
    ("89.9821", 85.194988, "良好"),
    # b1 = 71.4285 → 19.99998 → 79.99998, rounds to 80.00 → 良好 (min 80 ≤ 80.00)
    ("71.4285", 79.99998, "良好"),
    # b1 = 71.41 → 19.9948 → 79.9948, rounds to 79.99 → 合格
    ("71.41", 79.9948, "合格"),
    # b1 = 71.4107 → 19.994996 → 79.994996, rounds to 79.99 → 合格 (half-up needs ≥ …995)
    ("71.4107", 79.994996, "合格"),
    # b1 = 71.41071428... not needed: 71.4108 → 19.995024 → 79.995024 rounds to 80.00 → 良好
    ("71.4108", 79.995024, "良好"),
])
def test_grade_boundary_uses_total_rounded_to_two_decimals(b1, total, grade):
    subject = run(full("S", "e", 100, "好", "是", b1, "否"))["subjects"][0]
    assert subject["total"] == total and subject["grade"] == grade


def test_grades_first_match_in_given_order():
    # grades listed low-first: the first whose min ≤ total wins, so 100 gets "D".
    text = full("S", "e", 100, "好", "是", 100, "是")
    grades = [{"name": "D", "min": 0}, {"name": "A", "min": 90}]
    assert run(text, grades=grades)["subjects"][0]["grade"] == "D"
    assert run(text, grades=[{"name": "A", "min": 101}])["subjects"][0]["grade"] is None


def test_decimal_weights_sum_exactly():
    scheme = scoring.parse_scheme({"indicators": [
        {"id": "x", "weight": 33.3, "method": "score"},
        {"id": "y", "weight": 33.3, "method": "score"},
        {"id": "z", "weight": 33.4, "method": "score"}]})
    assert [leaf.factor for leaf in scheme.leaves] == [Decimal("0.333"), Decimal("0.333"),
                                                       Decimal("0.334")]


@pytest.mark.parametrize(("change", "message"), [
    ({"indicators": [{"id": "x", "weight": 60, "method": "score"},
                     {"id": "y", "weight": 30, "method": "score"}]},
     "scheme: weights of its indicators sum to 90, not 100"),
    ({"indicators": [{"id": "p", "weight": 100, "children": [
        {"id": "x", "weight": 60, "method": "score"},
        {"id": "y", "weight": 50, "method": "score"}]}]},
     "indicator 'p': weights of its indicators sum to 110, not 100"),
    ({"indicators": [{"id": "x", "weight": 100, "method": "stars"}]}, "indicator 'x': method"),
    ({"indicators": [{"id": "x", "weight": 100, "method": "levels"}]},
     "indicator 'x': method 'levels' needs a levels map"),
    ({"indicators": [{"id": "x", "weight": "heavy", "method": "score"}]},
     "indicator 'x' weight: not a number"),
    ({"indicators": [{"id": "x", "weight": 50, "method": "score"},
                     {"id": "x", "weight": 50, "method": "score"}]},
     "indicator 'x': id used twice"),
    ({"combine": "max"}, "scheme: combine must be one of mean, median"),
])
def test_bad_scheme_names_the_node(change, message):
    with pytest.raises(scoring.ScoringError) as error:
        scoring.parse_scheme({**SCHEME, **change})
    assert message in str(error.value)


@pytest.mark.parametrize(("text", "message"), [
    ("S,e,zz,50\n", "scores.csv row 2: unknown indicator 'zz'"),
    ("S,e,a1,50\nS,e,a,50\n", "scores.csv row 3: not a leaf 'a'"),
    ("S,e,a1,101\n", "scores.csv row 2: indicator 'a1' needs a number 0–100, not '101'"),
    ("S,e,a1,much\n", "scores.csv row 2: indicator 'a1' needs a number 0–100"),
    ("S,e,a1,\n", "scores.csv row 2: indicator 'a1' needs a number 0–100"),
    ("S,e,a2,优\n", "scores.csv row 2: indicator 'a2' needs one of 好 / 中 / 差, not '优'"),
    ("S,e,a3,yes\n", "scores.csv row 2: indicator 'a3' needs one of 是 / 否"),
    ("S,e,a1,1\nS,e,a1,2\n", "scores.csv row 3: indicator 'a1' scored twice"),
    (",e,a1,1\n", "scores.csv row 2: subject, evaluator and indicator are required"),
])
def test_bad_score_names_the_row(text, message):
    with pytest.raises(scoring.ScoringError) as error:
        run(text)
    assert message in str(error.value)


def test_missing_column():
    with pytest.raises(scoring.ScoringError, match="row 1: missing column"):
        scoring.read_csv("subject,evaluator,value\nS,e,1\n", "scores.csv")


# --- the command --------------------------------------------------------------------------

@pytest.fixture
def files(tmp_path):
    scheme = tmp_path / "scheme.json"
    scheme.write_text(json.dumps(SCHEME, ensure_ascii=False), encoding="utf-8")
    scores = tmp_path / "scores.csv"
    scores.write_text("\ufeffsubject,evaluator,indicator,value\n"
                      + full("DB33/T 1", "张三", 80, "中", "是", 90, "否"), encoding="utf-8")
    return scheme, scores


def test_compute_command_prints_the_contract(files, capsys):
    call_command("evaluation", "compute", *map(str, files), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out == {"subjects": [{"subject": "DB33/T 1", "total": 73.8, "grade": "合格",
                                 "assessments": [{"evaluator": "张三", "total": 73.8,
                                                  "missing": []}]}]}


def test_compute_command_exits_2_naming_the_problem(files):
    scheme, scores = files
    scores.write_text("subject,evaluator,indicator,value\nS,e,a9,1\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("evaluation", "compute", str(scheme), str(scores), "--json")
    assert error.value.returncode == 2 and "scores.csv row 2: unknown indicator 'a9'" in str(
        error.value)
    scheme.write_text(json.dumps({**SCHEME, "indicators": [
        {"id": "x", "weight": 99, "method": "score"}]}), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("evaluation", "compute", str(scheme), str(scores))
    assert error.value.returncode == 2 and "sum to 99, not 100" in str(error.value)
    scheme.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("evaluation", "compute", str(scheme), str(scores))
    assert error.value.returncode == 2 and "not JSON" in str(error.value)
