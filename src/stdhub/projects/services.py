"""Every write to standard-development projects.

:func:`move` is the one way a project changes stage: it works out the person's roles
on the project, asks the stage rules (``stages.py``) what is missing, refuses with
the reasons, and otherwise applies the move and its side effects (comment period
dates, the standard created at publication …) and records one event naming the
document versions current at that moment, all in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from stdhub.core import events, services, uploads
from stdhub.core.errors import Conflict
from stdhub.core.permissions import SYSTEM, require
from stdhub.orgs.models import Organization
from stdhub.standards import services as standard_services
from stdhub.standards.choices import Status
from stdhub.standards.codes import CodeError, parse_code
from stdhub.standards.models import Standard
from stdhub.standards.rules import parse_date

from . import conf, stages, text_index
from .choices import Disposition, DocumentKind, Kind, Position, ReviewMode
from .models import Comment, Project, ProjectDocument, Review, ReviewVote
from .policies import project_roles
from .stages import Stage, Sub

PROJECT_FIELDS = [
    "plan_number", "title", "title_en", "kind", "level", "nature", "scope", "proposer",
    "lead_org", "co_drafters", "responsible_org", "committee", "programme_task",
    "framework_node", "revises",
]
EDITABLE_FIELDS = [f for f in PROJECT_FIELDS if f != "co_drafters"]
MOVE_FIELDS = ["stage", "substate", "plan_number", "started_on", "due_on", "comment_start",
               "comment_end", "standard"]


# ---------------------------------------------------------------- create and edit


def _clean_project(project: Project, data: dict) -> list[Organization]:
    """Set the editable fields of ``project`` from ``data``; return the co-drafters."""
    for name in EDITABLE_FIELDS:
        if name in data:
            value = data[name]
            setattr(project, name, value.strip() if isinstance(value, str) else value)
    if project.revises_id and project.kind != Kind.REVISE:
        project.kind = Kind.REVISE
    if project.kind == Kind.REVISE and not project.revises_id:
        raise ValidationError({"revises": ["修订项目须指明被修订标准 a revision names the "
                                           "standard it revises"]})
    return list(data.get("co_drafters") or [])


def propose(actor, data: dict) -> Project:
    """Register a proposed project (00 预阶段)."""
    project = Project()
    co_drafters = _clean_project(project, data)
    require(actor, "add", project)

    def saved(p: Project) -> None:
        p.co_drafters.set(co_drafters)
        text_index.index_projects([p])

    return services.create(actor, project, PROJECT_FIELDS, after_save=saved)


def update_project(actor, project: Project, data: dict, *, expected_version=None,
                   message: str = "") -> bool:
    _check_version(project, expected_version)

    def apply(obj):
        co_drafters = _clean_project(obj, data)
        require(actor, "change", obj)  # an editor cannot hand a project to another org
        if "co_drafters" in data:
            obj.co_drafters.set(co_drafters)
        obj.version += 1

    with transaction.atomic():
        changed = services.update(actor, project, PROJECT_FIELDS, apply, message=message)
        if changed:
            text_index.index_projects([project])
    return changed


def _check_version(project: Project, expected_version) -> None:
    if expected_version is not None and int(expected_version) != project.version:
        raise Conflict(f"the project changed (version {project.version}, "
                       f"edit based on {expected_version}); reload and try again",
                       current_version=project.version)


# ---------------------------------------------------------------- documents


def upload_document(actor, project: Project, kind: str, upload, note: str = "") -> ProjectDocument:
    """Store a new version of a document; earlier versions stay."""
    require(actor, "upload", project)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [f"unknown document kind '{kind}'"]})
    file = uploads.checked(upload, suffixes=conf.get("DOCUMENT_SUFFIXES"),
                           max_bytes=conf.get("DOCUMENT_MAX_BYTES"))
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        number = (project.documents.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1
        document = ProjectDocument(project=project, kind=kind, number=number, file=upload,
                                   original_name=file.name, size=file.size,
                                   sha256=file.sha256, note=note.strip()[:300],
                                   uploaded_by=actor if getattr(actor, "pk", None) else None)
        document.save()
        events.record(actor, project, "document-uploaded", f"{document}: {file.name}",
                      {"document_versions": [None, [f"{kind} v{number}"]],
                       "sha256": [None, document.sha256]})
    return document


def current_documents(project: Project) -> dict[str, ProjectDocument]:
    """The newest version of each kind of document."""
    newest = {}
    for doc in project.documents.order_by("kind", "-number"):
        newest.setdefault(doc.kind, doc)
    return newest


# ---------------------------------------------------------------- stage rules


def current_review(project: Project) -> Review | None:
    return project.reviews.first()


def tally_of(review: Review | None) -> stages.Tally | None:
    if review is None:
        return None
    counts = Counter(review.votes.values_list("position", flat=True))
    return stages.Tally(counts[Position.YES], counts[Position.NO], counts[Position.ABSTAIN])


def snapshots_of(projects, *, today: dt.date | None = None) -> dict[int, stages.Snapshot]:
    """Snapshots of many projects in four queries (lists, "waiting on me")."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    documents: dict[int, set[str]] = {}
    for pk, kind in ProjectDocument.objects.filter(project__in=ids).values_list(
            "project_id", "kind").distinct():
        documents.setdefault(pk, set()).add(kind)
    comments = {row["project_id"]: row for row in Comment.objects.filter(project__in=ids)
                .values("project_id").order_by("project_id").annotate(
                    n=Count("pk"), open=Count("pk", filter=Q(disposition="")))}
    latest: dict[int, int] = {}
    for pk, review_id in Review.objects.filter(project__in=ids).order_by(
            "project_id", "-created_at", "-id").values_list("project_id", "id"):
        latest.setdefault(pk, review_id)
    votes: dict[int, Counter] = {r: Counter() for r in latest.values()}
    for review_id, position in ReviewVote.objects.filter(
            review__in=list(latest.values())).values_list("review_id", "position"):
        votes[review_id][position] += 1
    today, rule = today or timezone.localdate(), conf.pass_rule()
    out = {}
    for p in projects:
        counted = comments.get(p.pk, {})
        review = latest.get(p.pk)
        tally = None if review is None else stages.Tally(
            votes[review][Position.YES], votes[review][Position.NO],
            votes[review][Position.ABSTAIN])
        out[p.pk] = stages.Snapshot(
            stage=p.stage, substate=p.substate, today=today,
            documents=frozenset(documents.get(p.pk, ())), plan_number=p.plan_number,
            comment_end=p.comment_end, comments=counted.get("n", 0),
            undisposed=counted.get("open", 0), tally=tally, pass_rule=rule,
            held_substate=p.held_substate, revises=bool(p.revises_id))
    return out


def snapshot_of(project: Project, *, today: dt.date | None = None, reason: str = "",
                code: str = "", plan_number: str = "") -> stages.Snapshot:
    """The project as the stage rules see it, with the inputs of the move being made."""
    canonical = _canonical(code)
    return dataclasses.replace(
        snapshots_of([project], today=today)[project.pk], reason=reason, code=code,
        plan_number=plan_number.strip() or project.plan_number,
        code_taken=bool(canonical) and Standard.objects.filter(code=canonical).exists())


def _canonical(code: str) -> str:
    try:
        return parse_code(code).canonical if code.strip() else ""
    except CodeError:
        return ""


def available_moves(user, project: Project, *, today=None) -> list[stages.Check]:
    """Every move from the project's state, with what is missing, for ``user``."""
    return stages.options(snapshot_of(project, today=today), project_roles(user, project))


def _move_name(snap: stages.Snapshot, to: str) -> str:
    if to in stages.MOVES_BY_NAME:
        return to
    if to in stages.STAGES:
        name = stages.move_to(snap, to)
        if name:
            return name
        raise ValidationError({"to": [f"no move leads from stage {snap.stage} "
                                      f"{snap.substate} to stage {to}".replace("  ", " ")]})
    raise ValidationError({"to": [f"'{to}' is neither a move nor a stage code"]})


def move(actor, project: Project, to: str, reason: str = "", *, expected_version=None,
         today: dt.date | None = None, **data) -> Project:
    """Make the move named ``to`` (or the forward move into stage ``to``), with its effects.

    Refusals: PermissionDenied when the person holds no role the move names,
    ValidationError listing what is missing, Conflict on a stale ``expected_version``.
    """
    require(actor, "move", project)
    today = today or timezone.localdate()
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        _check_version(project, expected_version)
        snap = snapshot_of(project, today=today, reason=reason, code=str(data.get("code") or ""),
                           plan_number=str(data.get("plan_number") or ""))
        name = _move_name(snap, to)
        try:
            check = stages.check(snap, project_roles(actor, project), name)
        except stages.MoveError as exc:
            raise ValidationError({"to": [str(exc)]}) from exc
        if not check.role_ok:
            raise PermissionDenied("; ".join(check.reasons()))
        if check.missing:
            raise ValidationError({"to": check.reasons()})
        before = services.snapshot(project, MOVE_FIELDS)
        project.stage, project.substate = check.target
        _EFFECTS.get(name, _no_effect)(actor, project, snap, today, reason=reason, **data)
        project.version += 1
        project.full_clean()
        project.save()
        text_index.index_projects([project])  # approval assigns the plan number
        documents = [f"{k} v{d.number}" for k, d in sorted(current_documents(project).items())]
        diff = events.diff_of(before, services.snapshot(project, MOVE_FIELDS))
        diff["document_versions"] = [None, documents]
        events.record(actor, project, name, reason.strip(), diff)
    return project


def _no_effect(actor, project, snap, today, **data):
    pass


def _approve(actor, project, snap, today, **data):
    project.plan_number = snap.plan_number
    project.started_on = today
    project.due_on = stages.due_date(today, project.level, conf.due_months())


def _open_comments(actor, project, snap, today, **data):
    try:
        end = parse_date(data.get("comment_end"))
    except ValueError as exc:
        raise ValidationError({"comment_end": [str(exc)]}) from exc
    end = end or today + dt.timedelta(days=conf.get("COMMENT_DAYS"))
    if end < today:
        raise ValidationError({"comment_end": ["截止日期不能早于今天 the end date is in the past"]})
    project.comment_start, project.comment_end = today, end


def _conclude_review(actor, project, snap, today, **data):
    review = current_review(project)
    review.conclusion = str(data.get("conclusion") or "").strip()
    review.minutes = str(data.get("minutes") or review.minutes).strip()
    review.save(update_fields=["conclusion", "minutes"])


def _publish(actor, project, snap, today, **data):
    parsed = parse_code(snap.code)
    if parsed.level != project.level:
        raise ValidationError({"code": [
            f"标准号级别与项目不符 {parsed.canonical} is a {parsed.level} code; "
            f"the project makes a {project.level} standard"]})
    try:
        issued = parse_date(data.get("issued_on")) or today
        effective = parse_date(data.get("effective_on")) or issued
    except ValueError as exc:
        raise ValidationError({"effective_on": [str(exc)]}) from exc
    drafting = [project.lead_org, *project.co_drafters.all()]
    project.standard = standard_services.create_standard(actor, {
        "code": parsed.canonical, "title_zh": project.title, "title_en": project.title_en,
        "issued_on": issued, "effective_on": effective, "scope": project.scope,
        "responsible_org": project.responsible_org, "drafting_orgs": drafting,
        "replaces": [project.revises.code] if project.revises_id else [],
    })


def _edit_standard(actor, std: Standard, message: str, **changes) -> None:
    values = standard_services.editable_values(std) | changes
    standard_services.update_standard(actor, std, values, message=message)


def _confirm(actor, project, snap, today, **data):
    if project.standard_id:
        _edit_standard(actor, project.standard, "复审结论：继续有效", last_reviewed_on=today)


def _withdraw(actor, project, snap, today, reason="", **data):
    if project.standard_id:
        _edit_standard(actor, project.standard, f"复审结论：废止 {reason}".strip(),
                       status=Status.WITHDRAWN, withdrawn_on=today, last_reviewed_on=today)


def _stop(actor, project, snap, today, **data):
    project.held_substate = snap.substate


def _resume(actor, project, snap, today, **data):
    project.held_substate = Sub.NONE


_EFFECTS = {
    "approve": _approve, "open-comments": _open_comments, "pass-review": _conclude_review,
    "fail-review": _conclude_review, "publish": _publish, "confirm": _confirm,
    "withdraw": _withdraw, "stop": _stop, "resume": _resume,
}


# ---------------------------------------------------------------- comments


class _Public:
    """The actor of a comment sent without an account (named so in the history)."""

    pk = None
    username = "public"
    is_authenticated = is_active = is_superuser = False


PUBLIC = _Public()


def submit_comment(actor, project: Project, data: dict, *,
                   organization: Organization | None = None) -> Comment:
    """A comment during the open period, from anyone; an organization's member as it."""
    if not (project.stage == Stage.COMMITTEE and project.substate == Sub.OPEN):
        raise ValidationError("征求意见期未开放 the comment period is not open")
    require(actor, "comment", project)
    comment = Comment(
        project=project, clause=str(data.get("clause") or "").strip()[:100],
        text=str(data.get("text") or "").strip(),
        proposed_change=str(data.get("proposed_change") or "").strip(),
        commenter_name=str(data.get("commenter_name") or "").strip()[:100],
        commenter_org=str(data.get("commenter_org") or "").strip()[:200],
        commenter_contact=str(data.get("commenter_contact") or "").strip()[:200],
        organization=organization,
        user=actor if getattr(actor, "pk", None) else None)
    errors = {}
    if not comment.text:
        errors["text"] = ["请填写意见内容 the comment is empty"]
    if organization is None and not comment.commenter_name and not comment.user:
        errors["commenter_name"] = ["请填写姓名 a name is required"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        comment.number = (project.comments.aggregate(n=Max("number"))["n"] or 0) + 1
        comment.full_clean(exclude=["project"])
        comment.save()
        # Personal data stays in the Comment row: the hashed event names the comment only.
        recorded_as = actor if getattr(actor, "is_authenticated", False) else PUBLIC
        events.record(recorded_as, project, "comment-received", f"#{comment.number}",
                      {"comment": [None, comment.number], "clause": [None, comment.clause]})
    return comment


def close_due_comment_periods(today: dt.date | None = None) -> list[Project]:
    """Close every comment period whose end date has passed (stdhub's own scheduled work).

    Idempotent: a period another worker closed first is no longer open, so running it
    twice, or in two workers at once, closes each period once.
    """
    today = today or timezone.localdate()
    closed = []
    due = Project.objects.filter(stage=Stage.COMMITTEE, substate=Sub.OPEN,
                                 comment_end__lt=today).values_list("pk", flat=True)
    for pk in list(due):
        try:
            closed.append(move(SYSTEM, Project(pk=pk), "close-comments", today=today))
        except ValidationError:
            continue  # closed (or stopped) by someone else meanwhile
    return closed


def dispose(actor, comment: Comment, disposition: str, reason: str = "") -> bool:
    """Give ``comment`` a disposition (采纳 / 部分采纳 / 不采纳) with its reason."""
    project = comment.project
    require(actor, "dispose", project)
    if project.stage != Stage.COMMITTEE:
        raise ValidationError("只能在征求意见阶段处理意见 comments are dispositioned "
                              "during the comment stage")
    if disposition not in Disposition.values:
        raise ValidationError({"disposition": [f"unknown disposition '{disposition}'"]})
    reason = reason.strip()
    if disposition != Disposition.ACCEPTED and not reason:
        raise ValidationError({"disposition_reason": [
            "部分采纳或不采纳须说明理由 give a reason when not fully accepting"]})
    with transaction.atomic():
        before = (comment.disposition, comment.disposition_reason)
        if before == (disposition, reason):
            return False
        comment.disposition, comment.disposition_reason = disposition, reason
        comment.disposed_at = timezone.now()
        comment.save(update_fields=["disposition", "disposition_reason", "disposed_at"])
        events.record(actor, project, "comment-disposed", f"#{comment.number}",
                      {"disposition": [before[0] or None, disposition],
                       "disposition_reason": [before[1], reason]})
    return True


def erase_commenter(actor, comment: Comment) -> None:
    """Blank a commenter's name and contact (个人信息保护法); the chain stays intact."""
    require(actor, "erase", comment.project)
    with transaction.atomic():
        comment.commenter_name = comment.commenter_contact = ""
        comment.erased_at = timezone.now()
        comment.save(update_fields=["commenter_name", "commenter_contact", "erased_at"])
        events.record(actor, comment.project, "personal-data-erased", f"#{comment.number}")


# ---------------------------------------------------------------- reviews


def open_review(actor, project: Project, *, experts, mode: str = ReviewMode.MEETING,
                held_on=None) -> Review:
    """Call a review (审查) of the draft for review, naming the experts who vote."""
    require(actor, "review", project)
    if (project.stage, project.substate) != (Stage.ENQUIRY, Sub.NONE):
        raise ValidationError("只能在审查阶段组织审查 reviews are held at stage 40")
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": ["至少一位专家 name at least one expert"]})
    if mode not in ReviewMode.values:
        raise ValidationError({"mode": [f"unknown review mode '{mode}'"]})
    with transaction.atomic():
        review = Review.objects.create(project=project, mode=mode, held_on=parse_date(held_on))
        review.experts.set(experts)
        events.record(actor, project, "review-opened", review.get_mode_display(),
                      {"experts": [None, sorted(e.username for e in experts)]})
    return review


def cast_vote(actor, project: Project, position: str, comment: str = "") -> ReviewVote:
    """An assigned expert's vote on the current review; a later vote replaces the earlier."""
    require(actor, "vote", project)
    if (project.stage, project.substate) != (Stage.ENQUIRY, Sub.NONE):
        raise ValidationError("审查已结束 the review is not open for votes")
    if position not in Position.values:
        raise ValidationError({"position": [f"unknown position '{position}'"]})
    review = current_review(project)
    with transaction.atomic():
        vote = ReviewVote.objects.filter(review=review, expert=actor).first()
        before = vote.position if vote else None
        vote = vote or ReviewVote(review=review, expert=actor)
        vote.position, vote.comment = position, comment.strip()
        vote.save()
        events.record(actor, project, "voted", actor.username,
                      {"position": [before, position]})
    return vote


# ---------------------------------------------------------------- periodic review (复审)


CONTINUE, REVISE, WITHDRAW = "continue", "revise", "withdraw"
CONCLUSIONS = {CONTINUE: "继续有效", REVISE: "修订", WITHDRAW: "废止"}


def conclude_periodic_review(actor, std: Standard, conclusion: str, reason: str = "", *,
                             lead_org: Organization | None = None,
                             today: dt.date | None = None) -> Project | None:
    """Apply a 复审 conclusion to a standard: 继续有效 restarts its five-year clock, 修订
    opens a revision project (returned), 废止 withdraws it; each through the services."""
    if conclusion not in CONCLUSIONS:
        raise ValidationError({"conclusion": [
            f"unknown conclusion '{conclusion}' (one of {', '.join(CONCLUSIONS)})"]})
    require(actor, "change", std)
    if std.status in (Status.SUPERSEDED, Status.WITHDRAWN):
        raise ValidationError({"conclusion": [
            "该标准已不再现行 the standard is no longer in force"]})
    today = today or timezone.localdate()
    message = f"复审结论：{CONCLUSIONS[conclusion]} {reason.strip()}".strip()
    changes = {"last_reviewed_on": today}
    if conclusion == WITHDRAW:
        if not reason.strip():
            raise ValidationError({"reason": ["废止须说明理由 give a reason to withdraw"]})
        changes |= {"status": Status.WITHDRAWN, "withdrawn_on": today}
    with transaction.atomic():
        _edit_standard(actor, std, message, **changes)
        if conclusion != REVISE:
            return None
        if std.responsible_org_id is None and lead_org is None:
            raise ValidationError({"lead_org": ["修订项目须有牵头起草单位 a revision needs a "
                                                "lead drafting organization"]})
        return propose(actor, {
            "title": std.title_zh, "title_en": std.title_en, "kind": Kind.REVISE,
            "revises": std, "level": std.level, "nature": std.nature, "scope": std.scope,
            "lead_org": lead_org or std.responsible_org,
            "responsible_org": std.responsible_org or lead_org,
        })

