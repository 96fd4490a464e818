"""The pure stage rules: every move allowed and refused, with the reasons."""

import pytest

from stdhub.pilots import stages
from stdhub.pilots.stages import Doc, Result, Role, Snapshot, Stage

ALL_DOCS = frozenset({Doc.APPLICATION, Doc.PLAN, Doc.MIDTERM_REPORT, Doc.ACCEPTANCE_REPORT})

# (move, from stage, roles that may make it, the document it needs, needs a reason)
CASES = [
    ("approve", Stage.APPLIED, {Role.ADMIN}, Doc.APPLICATION, False),
    ("start-building", Stage.APPROVED, {Role.ADMIN, Role.UNDERTAKER, Role.SUPERVISOR},
     Doc.PLAN, False),
    ("mid-term", Stage.BUILDING, {Role.ADMIN, Role.SUPERVISOR}, Doc.MIDTERM_REPORT, False),
    ("pass", Stage.MIDTERM, {Role.ADMIN}, Doc.ACCEPTANCE_REPORT, False),
    ("fail", Stage.MIDTERM, {Role.ADMIN}, Doc.ACCEPTANCE_REPORT, True),
]


@pytest.mark.parametrize(("name", "stage", "roles", "doc", "needs_reason"), CASES)
def test_each_move_allowed_and_refused(name, stage, roles, doc, needs_reason):
    ready = Snapshot(stage, documents=ALL_DOCS, reason="理由")
    for role in (Role.ADMIN, Role.UNDERTAKER, Role.SUPERVISOR):
        check = stages.check(ready, {role}, name)
        assert check.allowed is (role in roles)
        if role not in roles:
            [reason] = check.reasons()  # only the role: nothing else is missing
            assert reason.startswith("需要角色 requires one of")
    missing = stages.check(Snapshot(stage, documents=ALL_DOCS - {doc}), roles, name)
    assert not missing.allowed
    expected = [f"缺少 missing: {stages.DOC_NAMES[doc]}"]
    if needs_reason:
        expected.append("缺少 missing: 理由 a reason")
    assert missing.reasons() == expected
    # the reason is asked by the move's form, so it is not "missing before"
    assert [r.key for r in missing.missing_before] == [f"document:{doc}"]


def test_revoke_from_every_open_stage_needs_a_reason_and_the_authority():
    for stage in stages.OPEN:
        assert stages.check(Snapshot(stage, reason="不再具备条件"), {Role.ADMIN}, "revoke").allowed
        refused = stages.check(Snapshot(stage), {Role.ADMIN}, "revoke")
        assert refused.reasons() == ["缺少 missing: 理由 a reason"]
        assert not stages.check(Snapshot(stage, reason="x"), {Role.UNDERTAKER}, "revoke").role_ok


def test_moves_from_the_wrong_stage_or_unknown_are_errors():
    with pytest.raises(stages.MoveError, match="cannot be made from stage 申报"):
        stages.check(Snapshot(Stage.APPLIED), {Role.ADMIN}, "pass")
    with pytest.raises(stages.MoveError, match="unknown move 'publish'"):
        stages.check(Snapshot(Stage.APPLIED), {Role.ADMIN}, "publish")
    for stage in (Stage.ACCEPTED, Stage.REVOKED):  # the end: nothing moves on
        assert stages.options(Snapshot(stage, Result.PASSED), {Role.ADMIN}) == []


def test_options_list_the_moves_from_here_in_order():
    names = [c.move.name for c in stages.options(Snapshot(Stage.MIDTERM), {Role.ADMIN})]
    assert names == ["pass", "fail", "revoke"]


def test_stage_bar():
    assert stages.bar(Stage.BUILDING, "") == [
        (Stage.APPLIED, "申报 Applied", "done"), (Stage.APPROVED, "立项 Approved", "done"),
        (Stage.BUILDING, "建设 Building", "current"),
        (Stage.MIDTERM, "中期评估 Mid-term evaluation", "todo"),
        (Stage.ACCEPTED, "验收 Acceptance", "todo")]
    assert stages.bar(Stage.ACCEPTED, Result.FAILED)[-1] == (
        Stage.ACCEPTED, "验收 Acceptance · 不通过 Failed", "current")
    assert stages.bar(Stage.REVOKED, "") == [(Stage.REVOKED, "撤销 Revoked", "current")]
