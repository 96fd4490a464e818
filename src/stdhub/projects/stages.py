"""Stages of a standard-development project (制修订项目) and the moves between them, as data.

Pure: no Django. Stage codes follow GB/T 16733 aligned with the ISO harmonized stage
codes (00 预阶段 … 95 废止). A project sits at a ``(stage, substate)`` pair; each
:class:`Move` names where it may start, where it leads, which project roles may make
it and what it requires. :func:`options` answers, for a plain :class:`Snapshot` of a
project and the roles a person holds on it, every move possible from here with what
is missing, which is what the project page shows and what ``services.move`` enforces.

Roles here are roles *on the project* (the policy works them out):

- ``drafter``: a drafter of the lead drafting organization (起草单位);
- ``editor``: an editor of the responsible department (归口单位);
- ``secretariat``: a committee secretariat member in the responsible department;
- ``admin``: a programme administrator (the standardization authority);
- ``system``: stdhub's own scheduled work (closing comment periods).

Requirements marked ``given`` are inputs of the move itself (a reason, a code): the
page asks for them in the move's form rather than listing them as missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from stdhub.standards.codes import CodeError, parse_code


class Stage:
    PRELIMINARY = "00"
    PROPOSAL = "10"
    PREPARATORY = "20"
    COMMITTEE = "30"
    ENQUIRY = "40"
    APPROVAL = "50"
    PUBLICATION = "60"
    REVIEW = "90"
    WITHDRAWAL = "95"


STAGE_NAMES = {
    Stage.PRELIMINARY: "预阶段 Preliminary",
    Stage.PROPOSAL: "立项 Proposal",
    Stage.PREPARATORY: "起草 Drafting",
    Stage.COMMITTEE: "征求意见 Comment",
    Stage.ENQUIRY: "审查 Review",
    Stage.APPROVAL: "批准 Approval",
    Stage.PUBLICATION: "出版 Publication",
    Stage.REVIEW: "复审 Periodic review",
    Stage.WITHDRAWAL: "废止 Withdrawal",
}
STAGES = tuple(STAGE_NAMES)
# Stages a project passes on its way to a published standard (the stage bar).
MAIN_LINE = (Stage.PRELIMINARY, Stage.PROPOSAL, Stage.PREPARATORY, Stage.COMMITTEE,
             Stage.ENQUIRY, Stage.APPROVAL, Stage.PUBLICATION)
# Stages in which a project is still being made (may be stopped, cancelled, fall overdue).
ACTIVE = (Stage.PRELIMINARY, Stage.PROPOSAL, Stage.PREPARATORY, Stage.COMMITTEE,
          Stage.ENQUIRY, Stage.APPROVAL)


class Sub:
    """Sub-states; the empty one is "in this stage, nothing more to say"."""

    NONE = ""
    OPEN = "open"              # 30: comment period open
    CLOSED = "closed"          # 30: comment period closed
    PASSED = "passed"          # 40: review passed
    FAILED = "failed"          # 40: review failed
    STOPPED = "stopped"        # any active stage: work halted, may resume
    CANCELLED = "cancelled"    # any active stage: ended for good


SUB_NAMES = {
    Sub.NONE: "",
    Sub.OPEN: "意见征求中 Comment period open",
    Sub.CLOSED: "征求意见结束 Comment period closed",
    Sub.PASSED: "审查通过 Review passed",
    Sub.FAILED: "审查未通过 Review failed",
    Sub.STOPPED: "已暂停 Stopped",
    Sub.CANCELLED: "已撤销 Cancelled",
}


class Role:
    ADMIN = "admin"
    EDITOR = "editor"
    DRAFTER = "drafter"
    SECRETARIAT = "secretariat"
    SYSTEM = "system"


ROLE_NAMES = {
    Role.ADMIN: "方案管理员 administrator",
    Role.EDITOR: "归口单位编辑 responsible department editor",
    Role.DRAFTER: "起草人 drafter",
    Role.SECRETARIAT: "秘书处 secretariat",
    Role.SYSTEM: "系统 system",
}


class Doc:
    """Document kinds of a project."""

    PROPOSAL = "proposal"
    COMMENT_DRAFT = "comment-draft"
    EXPLANATION = "explanation"
    REVIEW_DRAFT = "review-draft"
    APPROVAL_DRAFT = "approval-draft"
    COMMENT_TABLE = "comment-table"
    MINUTES = "minutes"


DOC_NAMES = {
    Doc.PROPOSAL: "项目建议书 Project proposal",
    Doc.COMMENT_DRAFT: "征求意见稿 Draft for comment",
    Doc.EXPLANATION: "编制说明 Explanatory notes",
    Doc.REVIEW_DRAFT: "送审稿 Draft for review",
    Doc.APPROVAL_DRAFT: "报批稿 Draft for approval",
    Doc.COMMENT_TABLE: "意见汇总处理表 Comment disposition table",
    Doc.MINUTES: "审查会议纪要 Review minutes",
}


# ---------------------------------------------------------------- snapshot


@dataclass(frozen=True)
class Tally:
    """Votes of a review: in favour (赞成), against (反对), abstaining (弃权)."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class PassRule:
    """A review passes when ``fraction`` of the votes cast are in favour.

    The default, at least three quarters, follows 《全国专业标准化技术委员会管理办法》
    (表决须经参加投票的委员四分之三以上同意). Abstentions count as votes cast unless
    ``count_abstentions`` is off (the ISO directives' convention).
    """

    fraction: Fraction = Fraction(3, 4)
    count_abstentions: bool = True
    minimum_votes: int = 1

    def passes(self, tally: Tally) -> bool:
        cast = tally.cast if self.count_abstentions else tally.yes + tally.no
        if cast < self.minimum_votes or cast == 0:
            return False
        return Fraction(tally.yes, cast) >= self.fraction


@dataclass(frozen=True)
class Snapshot:
    """What the stage rules need to know about a project, as plain values.

    ``documents`` holds the kinds with at least one uploaded version. ``tally`` is the
    current review's votes (None before a review exists). ``reason`` and ``code`` are
    the inputs of the move being checked, empty when only asking what is missing.
    """

    stage: str
    substate: str = Sub.NONE
    today: dt.date = field(default_factory=dt.date.today)
    documents: frozenset[str] = frozenset()
    plan_number: str = ""
    comment_end: dt.date | None = None
    comments: int = 0
    undisposed: int = 0
    tally: Tally | None = None
    pass_rule: PassRule = PassRule()
    held_substate: str = Sub.NONE
    revises: bool = False
    reason: str = ""
    code: str = ""
    code_taken: bool = False


# ---------------------------------------------------------------- requirements


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str                        # what is needed, "中文 English"
    met: Callable[[Snapshot], bool]
    given: bool = False               # an input of the move (a reason, a code)


def _document(kind: str) -> Requirement:
    return Requirement(f"document:{kind}", DOC_NAMES[kind], lambda s: kind in s.documents)


def _code_ok(s: Snapshot) -> bool:
    try:
        parse_code(s.code)
    except CodeError:
        return False
    return not s.code_taken


def code_problem(code: str, taken: bool) -> str:
    """Why ``code`` cannot be given to the published standard ('' when it can)."""
    if not code.strip():
        return "需要标准号 a standard code is required"
    try:
        parse_code(code)
    except CodeError as exc:
        return str(exc)
    return "该标准号已在标准库中 the code is already registered" if taken else ""


def _voted(s: Snapshot) -> bool:
    return s.tally is not None and s.tally.cast > 0


PLAN_NUMBER = Requirement("plan_number", "计划编号 plan number", lambda s: bool(s.plan_number),
                          given=True)
PERIOD_ENDED = Requirement(
    "period_ended", "征求意见期已到截止日 comment period has reached its end date",
    lambda s: s.comment_end is not None and s.today >= s.comment_end)
ALL_DISPOSED = Requirement(
    "all_disposed", "所有意见均已处理 every comment has a disposition",
    lambda s: s.undisposed == 0)
VOTES_CAST = Requirement("votes_cast", "专家已投票 experts have voted", _voted)
VOTE_PASSED = Requirement(
    "vote_passed", "审查表决通过 review vote passed",
    lambda s: _voted(s) and s.pass_rule.passes(s.tally))
VOTE_FAILED = Requirement(
    "vote_failed", "审查表决未通过 review vote did not pass",
    lambda s: _voted(s) and not s.pass_rule.passes(s.tally))
REASON = Requirement("reason", "理由 a reason", lambda s: bool(s.reason.strip()), given=True)
CODE = Requirement("code", "有效且未被占用的标准号 a valid, unused standard code",
                   _code_ok, given=True)


# ---------------------------------------------------------------- moves


SAME = "="       # target stage: stay in the current stage
HELD = "<held>"  # target sub-state: the one held before stopping
ANY = "*"        # source sub-state: whichever

_OWNERS = frozenset({Role.ADMIN, Role.EDITOR, Role.DRAFTER})
_AUTHORITY = frozenset({Role.ADMIN})
_DEPARTMENT = frozenset({Role.ADMIN, Role.EDITOR})
_REVIEWERS = frozenset({Role.ADMIN, Role.SECRETARIAT})


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: tuple[tuple[str, str], ...]
    target: tuple[str, str]
    roles: frozenset[str]
    requires: tuple[Requirement, ...] = ()

    def starts_from(self, stage: str, substate: str) -> bool:
        return any(st == stage and sub in (substate, ANY) for st, sub in self.sources)

    def target_of(self, snap: Snapshot) -> tuple[str, str]:
        stage, sub = self.target
        return (snap.stage if stage == SAME else stage,
                snap.held_substate if sub == HELD else sub)


def _each(stages: Iterable[str], sub: str) -> tuple[tuple[str, str], ...]:
    return tuple((st, sub) for st in stages)


# Which substates of active stages may be stopped or cancelled (not already halted).
_SUBSTATES = {Stage.COMMITTEE: (Sub.OPEN, Sub.CLOSED),
              Stage.ENQUIRY: (Sub.NONE, Sub.PASSED, Sub.FAILED)}
_RUNNING = tuple((st, sub) for st in ACTIVE for sub in _SUBSTATES.get(st, (Sub.NONE,)))

MOVES: tuple[Move, ...] = (
    Move("approve", "立项 Approve the proposal",
         ((Stage.PRELIMINARY, Sub.NONE),), (Stage.PROPOSAL, Sub.NONE), _AUTHORITY,
         (_document(Doc.PROPOSAL), PLAN_NUMBER)),
    Move("start-drafting", "开始起草 Start drafting",
         ((Stage.PROPOSAL, Sub.NONE),), (Stage.PREPARATORY, Sub.NONE), _OWNERS),
    Move("open-comments", "发布征求意见稿 Open the comment period",
         ((Stage.PREPARATORY, Sub.NONE),), (Stage.COMMITTEE, Sub.OPEN), _OWNERS,
         (_document(Doc.COMMENT_DRAFT), _document(Doc.EXPLANATION))),
    Move("close-comments", "结束征求意见 Close the comment period",
         ((Stage.COMMITTEE, Sub.OPEN),), (Stage.COMMITTEE, Sub.CLOSED),
         _OWNERS | {Role.SYSTEM}, (PERIOD_ENDED,)),
    Move("submit-review", "提交审查 Submit for review",
         ((Stage.COMMITTEE, Sub.CLOSED),), (Stage.ENQUIRY, Sub.NONE), _OWNERS,
         (ALL_DISPOSED, _document(Doc.REVIEW_DRAFT))),
    Move("pass-review", "审查通过 Record the review as passed",
         ((Stage.ENQUIRY, Sub.NONE),), (Stage.ENQUIRY, Sub.PASSED), _REVIEWERS,
         (VOTE_PASSED,)),
    Move("fail-review", "审查未通过 Record the review as failed",
         ((Stage.ENQUIRY, Sub.NONE),), (Stage.ENQUIRY, Sub.FAILED), _REVIEWERS,
         (VOTE_FAILED,)),
    Move("redraft", "退回修改 Return to drafting",
         ((Stage.ENQUIRY, Sub.FAILED),), (Stage.PREPARATORY, Sub.NONE), _OWNERS | _REVIEWERS),
    Move("submit-approval", "报批 Submit for approval",
         ((Stage.ENQUIRY, Sub.PASSED),), (Stage.APPROVAL, Sub.NONE), _OWNERS,
         (VOTE_PASSED, _document(Doc.APPROVAL_DRAFT))),
    Move("publish", "批准发布 Approve and publish",
         ((Stage.APPROVAL, Sub.NONE),), (Stage.PUBLICATION, Sub.NONE), _AUTHORITY,
         (_document(Doc.APPROVAL_DRAFT), CODE)),
    Move("start-periodic-review", "启动复审 Start the periodic review",
         ((Stage.PUBLICATION, Sub.NONE),), (Stage.REVIEW, Sub.NONE), _DEPARTMENT),
    Move("confirm", "复审确认继续有效 Confirm (still valid)",
         ((Stage.REVIEW, Sub.NONE),), (Stage.PUBLICATION, Sub.NONE), _AUTHORITY),
    Move("withdraw", "废止 Withdraw the standard",
         ((Stage.REVIEW, Sub.NONE),), (Stage.WITHDRAWAL, Sub.NONE), _AUTHORITY, (REASON,)),
    Move("stop", "暂停 Stop", _RUNNING, (SAME, Sub.STOPPED), _DEPARTMENT, (REASON,)),
    Move("resume", "恢复 Resume", _each(ACTIVE, Sub.STOPPED), (SAME, HELD), _DEPARTMENT),
    Move("cancel", "撤销 Cancel", _RUNNING + _each(ACTIVE, Sub.STOPPED),
         (SAME, Sub.CANCELLED), _AUTHORITY, (REASON,)),
)
MOVES_BY_NAME: Mapping[str, Move] = {m.name: m for m in MOVES}


# ---------------------------------------------------------------- checks


@dataclass(frozen=True)
class Check:
    """One possible move from here: who may make it and what is still missing."""

    move: Move
    target: tuple[str, str]
    role_ok: bool
    missing: tuple[Requirement, ...]

    @property
    def allowed(self) -> bool:
        return self.role_ok and not self.missing

    @property
    def missing_before(self) -> tuple[Requirement, ...]:
        """What must happen before the move, leaving out what its own form asks for."""
        return tuple(r for r in self.missing if not r.given)

    def reasons(self) -> list[str]:
        """Why the move is refused, in words (empty when allowed)."""
        names = "、".join(ROLE_NAMES[r] for r in sorted(self.move.roles))
        out = [] if self.role_ok else [f"需要角色 requires one of: {names}"]
        return out + [f"缺少 missing: {r.label}" for r in self.missing]


class MoveError(ValueError):
    """A move that does not exist or does not start from the project's state."""


def check(snap: Snapshot, roles: Iterable[str], name: str) -> Check:
    move = MOVES_BY_NAME.get(name)
    if move is None:
        raise MoveError(f"unknown move '{name}' (known: {', '.join(MOVES_BY_NAME)})")
    if not move.starts_from(snap.stage, snap.substate):
        where = f"{snap.stage} {SUB_NAMES.get(snap.substate, snap.substate)}".strip()
        raise MoveError(f"'{name}' cannot be made from stage {where}")
    roles = set(roles)
    return Check(move, move.target_of(snap), bool(roles & move.roles),
                 tuple(r for r in move.requires if not r.met(snap)))


def options(snap: Snapshot, roles: Iterable[str]) -> list[Check]:
    """Every move that starts from the project's state, in the order of :data:`MOVES`."""
    roles = set(roles)
    return [check(snap, roles, m.name) for m in MOVES if m.starts_from(snap.stage, snap.substate)]


def move_to(snap: Snapshot, stage: str) -> str | None:
    """The name of the forward move from here into ``stage`` (for ``move ID STAGE``)."""
    for m in MOVES:
        if m.starts_from(snap.stage, snap.substate) and m.target[0] == stage:
            return m.name
    return None


# ---------------------------------------------------------------- deadlines


# Months from 立项 to 报批 (submission for approval) by target level. Configurable
# defaults (settings ``STDHUB_PROJECTS["DUE_MONTHS"]``): national 24 months after the
# 深化标准化工作改革方案's target for the national cycle; local 12 months as the
# province sets it. Check them against the current 管理办法 of each level.
DUE_MONTHS = {"national": 24, "industry": 24, "local": 12, "group": 12, "enterprise": 12,
              "international": 36}
SOON_DAYS = 60  # "soon due" within about two months


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (day.day, 30, 29, 28):  # 31 January + 1 month → 28/29 February
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def due_date(start: dt.date | None, level: str,
             overrides: Mapping[str, int] | None = None) -> dt.date | None:
    """When a project started (立项) on ``start`` must reach 报批."""
    if start is None:
        return None
    months = {**DUE_MONTHS, **(overrides or {})}.get(level)
    return add_months(start, months) if months else None


def deadline(stage: str, substate: str, due: dt.date | None, today: dt.date,
             soon_days: int = SOON_DAYS) -> str:
    """``"overdue"``, ``"soon"`` or ``""`` for a project that has not reached 报批."""
    if due is None or stage not in ACTIVE or stage == Stage.APPROVAL:
        return ""
    if substate in (Sub.STOPPED, Sub.CANCELLED):
        return ""
    if today > due:
        return "overdue"
    return "soon" if (due - today).days <= soon_days else ""
