"""Stages of a standardization pilot or demonstration project (标准化试点示范项目) and the
moves between them, as data.

Pure: no Django. A pilot goes 申报 applied → 立项 approved → 建设 building → 中期评估
mid-term → 验收 accepted, where acceptance ends 通过 passed or 不通过 failed; until it is
accepted it may be 撤销 revoked. Each :class:`Move` names where it may start, where it
leads, which roles *on the pilot* may make it and what it requires (the stage's document,
a reason). :func:`options` answers, for a :class:`Snapshot` and the roles a person holds,
every move from here with what is missing: what the pilot page shows and what
``services.move`` enforces.

Roles on a pilot (the policy works them out):

- ``undertaker``: an editor or drafter of the undertaking organization (承担单位);
- ``supervisor``: an editor of the supervising organization (主管单位);
- ``admin``: a programme administrator (the standardization authority).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


class Stage:
    APPLIED = "applied"
    APPROVED = "approved"
    BUILDING = "building"
    MIDTERM = "mid-term"
    ACCEPTED = "accepted"
    REVOKED = "revoked"


STAGE_NAMES = {
    Stage.APPLIED: "申报 Applied",
    Stage.APPROVED: "立项 Approved",
    Stage.BUILDING: "建设 Building",
    Stage.MIDTERM: "中期评估 Mid-term evaluation",
    Stage.ACCEPTED: "验收 Acceptance",
    Stage.REVOKED: "撤销 Revoked",
}
MAIN_LINE = (Stage.APPLIED, Stage.APPROVED, Stage.BUILDING, Stage.MIDTERM, Stage.ACCEPTED)
OPEN = (Stage.APPLIED, Stage.APPROVED, Stage.BUILDING, Stage.MIDTERM)  # may still move


class Result:
    """The outcome of acceptance (验收); empty before it."""

    NONE = ""
    PASSED = "passed"
    FAILED = "failed"


RESULT_NAMES = {Result.NONE: "", Result.PASSED: "通过 Passed", Result.FAILED: "不通过 Failed"}


class Role:
    ADMIN = "admin"
    UNDERTAKER = "undertaker"
    SUPERVISOR = "supervisor"


ROLE_NAMES = {
    Role.ADMIN: "方案管理员 administrator",
    Role.UNDERTAKER: "承担单位 undertaking organization",
    Role.SUPERVISOR: "主管单位 supervising organization",
}


class Doc:
    """Document kinds, one per stage that needs it."""

    APPLICATION = "application"
    PLAN = "plan"
    MIDTERM_REPORT = "mid-term-report"
    ACCEPTANCE_REPORT = "acceptance-report"


DOC_NAMES = {
    Doc.APPLICATION: "申报书 Application",
    Doc.PLAN: "建设方案 Construction plan",
    Doc.MIDTERM_REPORT: "中期评估报告 Mid-term evaluation report",
    Doc.ACCEPTANCE_REPORT: "验收报告 Acceptance report",
}


@dataclass(frozen=True)
class Snapshot:
    """What the rules need to know about a pilot: where it is, the document kinds with at
    least one version, and the reason given with the move being checked."""

    stage: str
    result: str = Result.NONE
    documents: frozenset[str] = frozenset()
    reason: str = ""


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str                          # "中文 English"
    met: Callable[[Snapshot], bool]
    given: bool = False                 # an input of the move itself (its form asks for it)


def document(kind: str) -> Requirement:
    return Requirement(f"document:{kind}", DOC_NAMES[kind], lambda s: kind in s.documents)


REASON = Requirement("reason", "理由 a reason", lambda s: bool(s.reason.strip()), given=True)

_ADMIN = frozenset({Role.ADMIN})
_OWNERS = frozenset({Role.ADMIN, Role.UNDERTAKER, Role.SUPERVISOR})
_OVERSIGHT = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: tuple[str, ...]             # stages it starts from
    target: tuple[str, str]              # (stage, result)
    roles: frozenset[str]
    requires: tuple[Requirement, ...] = ()


MOVES: tuple[Move, ...] = (
    Move("approve", "立项 Approve the application", (Stage.APPLIED,),
         (Stage.APPROVED, Result.NONE), _ADMIN, (document(Doc.APPLICATION),)),
    Move("start-building", "开始建设 Start building", (Stage.APPROVED,),
         (Stage.BUILDING, Result.NONE), _OWNERS, (document(Doc.PLAN),)),
    Move("mid-term", "完成中期评估 Record the mid-term evaluation", (Stage.BUILDING,),
         (Stage.MIDTERM, Result.NONE), _OVERSIGHT, (document(Doc.MIDTERM_REPORT),)),
    Move("pass", "验收通过 Accept (passed)", (Stage.MIDTERM,),
         (Stage.ACCEPTED, Result.PASSED), _ADMIN, (document(Doc.ACCEPTANCE_REPORT),)),
    Move("fail", "验收不通过 Acceptance failed", (Stage.MIDTERM,),
         (Stage.ACCEPTED, Result.FAILED), _ADMIN, (document(Doc.ACCEPTANCE_REPORT), REASON)),
    Move("revoke", "撤销 Revoke", OPEN, (Stage.REVOKED, Result.NONE), _ADMIN, (REASON,)),
)
MOVES_BY_NAME: Mapping[str, Move] = {m.name: m for m in MOVES}


@dataclass(frozen=True)
class Check:
    """One move from here: whether the person's roles allow it and what is still missing."""

    move: Move
    role_ok: bool
    missing: tuple[Requirement, ...]

    @property
    def allowed(self) -> bool:
        return self.role_ok and not self.missing

    @property
    def missing_before(self) -> tuple[Requirement, ...]:
        """What must happen first, leaving out what the move's own form asks for."""
        return tuple(r for r in self.missing if not r.given)

    def reasons(self) -> list[str]:
        """Why the move is refused, in words (empty when allowed)."""
        names = "、".join(ROLE_NAMES[r] for r in sorted(self.move.roles))
        out = [] if self.role_ok else [f"需要角色 requires one of: {names}"]
        return out + [f"缺少 missing: {r.label}" for r in self.missing]


class MoveError(ValueError):
    """A move that does not exist or does not start from the pilot's stage."""


def check(snap: Snapshot, roles: Iterable[str], name: str) -> Check:
    move = MOVES_BY_NAME.get(name)
    if move is None:
        raise MoveError(f"unknown move '{name}' (known: {', '.join(MOVES_BY_NAME)})")
    if snap.stage not in move.sources:
        raise MoveError(f"'{name}' cannot be made from stage "
                        f"{STAGE_NAMES.get(snap.stage, snap.stage)}")
    return Check(move, bool(set(roles) & move.roles),
                 tuple(r for r in move.requires if not r.met(snap)))


def options(snap: Snapshot, roles: Iterable[str]) -> list[Check]:
    """Every move that starts from the pilot's stage, in the order of :data:`MOVES`."""
    roles = set(roles)
    return [check(snap, roles, m.name) for m in MOVES if snap.stage in m.sources]


def bar(stage: str, result: str) -> list[tuple[str, str, str]]:
    """``(stage, name, "done" | "current" | "todo")`` along the main line (the stage bar);
    a revoked pilot shows 撤销 alone (the events say where it stopped)."""
    if stage == Stage.REVOKED:
        return [(stage, STAGE_NAMES[stage], "current")]
    at = MAIN_LINE.index(stage)
    out = []
    for i, code in enumerate(MAIN_LINE):
        name = STAGE_NAMES[code]
        if code == Stage.ACCEPTED and result:
            name = f"{name} · {RESULT_NAMES[result]}"
        out.append((code, name, "done" if i < at else "current" if i == at else "todo"))
    return out
