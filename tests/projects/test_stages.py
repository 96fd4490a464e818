"""The stage rules, without a database: every move allowed and refused, with the reason."""

import datetime as dt
from fractions import Fraction

import pytest

from stdhub.projects import stages
from stdhub.projects.stages import (
    MOVES,
    Doc,
    MoveError,
    PassRule,
    Role,
    Snapshot,
    Stage,
    Sub,
    Tally,
    check,
    options,
)

TODAY = dt.date(2026, 6, 1)
ALL_DOCS = frozenset({Doc.PROPOSAL, Doc.COMMENT_DRAFT, Doc.EXPLANATION, Doc.REVIEW_DRAFT,
                      Doc.APPROVAL_DRAFT})
OWNER = {Role.DRAFTER}


def snap(stage, substate="", **extra):
    return Snapshot(stage=stage, substate=substate, today=TODAY, **extra)


def missing_keys(c):
    return [r.key for r in c.missing]


# (move, a snapshot where it is allowed, a role allowed to make it)
READY = [
    ("approve", snap("00", documents=ALL_DOCS, plan_number="2026-001"), Role.ADMIN),
    ("start-drafting", snap("10"), Role.DRAFTER),
    ("open-comments", snap("20", documents=ALL_DOCS), Role.DRAFTER),
    ("close-comments", snap("30", Sub.OPEN, comment_end=TODAY), Role.SYSTEM),
    ("submit-review", snap("30", Sub.CLOSED, documents=ALL_DOCS, comments=3, undisposed=0),
     Role.EDITOR),
    ("pass-review", snap("40", tally=Tally(3, 1, 0)), Role.SECRETARIAT),
    ("fail-review", snap("40", tally=Tally(2, 1, 1)), Role.SECRETARIAT),
    ("redraft", snap("40", Sub.FAILED), Role.DRAFTER),
    ("submit-approval", snap("40", Sub.PASSED, documents=ALL_DOCS, tally=Tally(4, 0, 0)),
     Role.DRAFTER),
    ("publish", snap("50", documents=ALL_DOCS, code="DB33/T 9001-2026"), Role.ADMIN),
    ("start-periodic-review", snap("60"), Role.EDITOR),
    ("confirm", snap("90"), Role.ADMIN),
    ("withdraw", snap("90", reason="被新标准取代"), Role.ADMIN),
    ("stop", snap("20", reason="经费未落实"), Role.EDITOR),
    ("resume", snap("30", Sub.STOPPED, held_substate=Sub.OPEN), Role.EDITOR),
    ("cancel", snap("20", Sub.STOPPED, reason="需求已消失"), Role.ADMIN),
]


def test_every_move_is_covered():
    assert {name for name, *_ in READY} == {m.name for m in MOVES}


@pytest.mark.parametrize(("name", "ready", "role"), READY, ids=[r[0] for r in READY])
def test_move_is_allowed_when_its_requirements_are_met(name, ready, role):
    c = check(ready, {role}, name)
    assert c.allowed, c.reasons()
    assert c.reasons() == []


@pytest.mark.parametrize(("name", "ready", "role"), READY, ids=[r[0] for r in READY])
def test_move_is_refused_to_a_role_not_named(name, ready, role):
    outsider = {"expert"}
    c = check(ready, outsider, name)
    assert not c.allowed and not c.role_ok
    assert c.reasons()[0].startswith("需要角色 requires one of:")


REFUSED = [
    ("approve", snap("00"), ["document:proposal", "plan_number"]),
    ("open-comments", snap("20", documents=frozenset({Doc.COMMENT_DRAFT})),
     ["document:explanation"]),
    ("close-comments", snap("30", Sub.OPEN, comment_end=TODAY + dt.timedelta(days=1)),
     ["period_ended"]),
    ("submit-review", snap("30", Sub.CLOSED, comments=4, undisposed=1), 
     ["all_disposed", "document:review-draft"]),
    ("pass-review", snap("40"), ["vote_passed"]),
    ("pass-review", snap("40", tally=Tally(2, 1, 0)), ["vote_passed"]),
    ("fail-review", snap("40", tally=Tally(3, 1, 0)), ["vote_failed"]),
    ("fail-review", snap("40", tally=Tally(0, 0, 0)), ["vote_failed"]),
    ("submit-approval", snap("40", Sub.PASSED, tally=Tally(3, 1, 0)),
     ["document:approval-draft"]),
    ("publish", snap("50", documents=ALL_DOCS, code="GB/T 牛-2026"), ["code"]),
    ("publish", snap("50", documents=ALL_DOCS, code="DB33/T 9001-2026", code_taken=True),
     ["code"]),
    ("publish", snap("50", code=""), ["document:approval-draft", "code"]),
    ("withdraw", snap("90", reason="  "), ["reason"]),
    ("stop", snap("30", Sub.OPEN), ["reason"]),
    ("cancel", snap("10"), ["reason"]),
]


@pytest.mark.parametrize(("name", "state", "keys"), REFUSED,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(REFUSED)])
def test_move_is_refused_with_what_is_missing(name, state, keys):
    c = check(state, {Role.ADMIN, Role.SYSTEM, Role.EDITOR, Role.DRAFTER, Role.SECRETARIAT},
              name)
    assert c.role_ok and not c.allowed
    assert missing_keys(c) == keys
    assert all(r.startswith("缺少 missing: ") for r in c.reasons())


def test_inputs_of_the_move_are_not_listed_as_missing_beforehand():
    c = check(snap("50", documents=ALL_DOCS), {Role.ADMIN}, "publish")
    assert missing_keys(c) == ["code"] and c.missing_before == ()


@pytest.mark.parametrize(("state", "name"), [
    (snap("10"), "open-comments"),          # skipping drafting
    (snap("30", Sub.OPEN), "submit-review"),  # period still open
    (snap("40", Sub.FAILED), "submit-approval"),
    (snap("60"), "stop"),                   # a published project is not stopped
    (snap("20", Sub.CANCELLED), "resume"),  # cancelled is final
    (snap("30", Sub.OPEN), "resume"),       # only stopped projects resume
])
def test_move_from_the_wrong_state_is_an_error(state, name):
    with pytest.raises(MoveError, match="cannot be made from stage"):
        check(state, {Role.ADMIN}, name)


def test_unknown_move_is_an_error():
    with pytest.raises(MoveError, match="unknown move 'leapfrog'"):
        check(snap("10"), {Role.ADMIN}, "leapfrog")


def test_options_list_the_moves_from_here_in_order():
    names = [c.move.name for c in options(snap("40"), {Role.SECRETARIAT})]
    assert names == ["pass-review", "fail-review", "stop", "cancel"]
    assert [c.move.name for c in options(snap("20", Sub.CANCELLED), {Role.ADMIN})] == []


def test_resume_returns_to_the_held_substate_and_stop_keeps_the_stage():
    held = snap("30", Sub.STOPPED, held_substate=Sub.CLOSED)
    assert check(held, {Role.EDITOR}, "resume").target == ("30", Sub.CLOSED)
    assert check(snap("40", Sub.PASSED, reason="x"), {Role.EDITOR}, "stop").target == (
        "40", Sub.STOPPED)


def test_move_to_finds_the_forward_move_into_a_stage():
    assert stages.move_to(snap("20"), Stage.COMMITTEE) == "open-comments"
    assert stages.move_to(snap("30", Sub.OPEN), Stage.COMMITTEE) == "close-comments"
    assert stages.move_to(snap("10"), Stage.PUBLICATION) is None


@pytest.mark.parametrize(("tally", "rule", "passes"), [
    (Tally(3, 1, 0), PassRule(), True),            # exactly three quarters
    (Tally(3, 0, 2), PassRule(), False),           # abstentions are votes cast by default
    (Tally(3, 0, 2), PassRule(count_abstentions=False), True),
    (Tally(2, 1, 0), PassRule(Fraction(2, 3)), True),
    (Tally(0, 0, 3), PassRule(count_abstentions=False), False),
    (Tally(2, 0, 0), PassRule(minimum_votes=3), False),
])
def test_pass_rule(tally, rule, passes):
    assert rule.passes(tally) is passes


def test_due_dates_by_level_and_overrides():
    start = dt.date(2026, 1, 31)
    assert stages.due_date(start, "national") == dt.date(2028, 1, 31)
    assert stages.due_date(start, "local") == dt.date(2027, 1, 31)
    assert stages.due_date(dt.date(2025, 12, 31), "local", {"local": 2}) == dt.date(2026, 2, 28)
    assert stages.due_date(start, "unknown") is None and stages.due_date(None, "local") is None


def test_deadline_flags():
    due = dt.date(2026, 7, 1)
    assert stages.deadline("20", "", due, dt.date(2026, 7, 2)) == "overdue"
    assert stages.deadline("30", Sub.OPEN, due, dt.date(2026, 6, 1)) == "soon"
    assert stages.deadline("20", "", due, dt.date(2026, 1, 1)) == ""
    assert stages.deadline("50", "", due, dt.date(2027, 1, 1)) == ""  # reached 报批
    assert stages.deadline("20", Sub.STOPPED, due, dt.date(2027, 1, 1)) == ""


def test_code_problem_explains():
    assert stages.code_problem("", False).startswith("需要标准号")
    assert stages.code_problem("DB33/T 9001-2026", True).startswith("该标准号已在标准库中")
    assert stages.code_problem("DB33/T 9001-2026", False) == ""
    assert stages.code_problem("not a code", False)
