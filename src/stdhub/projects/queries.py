"""Reads of projects that are more than a filter: lists, "waiting on me", history, tables."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stdhub.core.history import EMPTY, Change, Entry, history
from stdhub.core.permissions import is_programme_admin, scope
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard
from stdhub.standards.policies import editor_orgs

from . import conf, services, stages, text_index
from .choices import Disposition, DocumentKind
from .models import Comment, Project, Review
from .policies import project_roles
from .stages import Stage, Sub

HALTED = (Sub.STOPPED, Sub.CANCELLED)
# Stages whose deadline (reaching 报批) still runs.
RUNNING_STAGES = tuple(s for s in stages.ACTIVE if s != Stage.APPROVAL)
WAITING_CANDIDATES = 50  # projects looked at for "waiting on me", soonest due first


def visible(user) -> QuerySet[Project]:
    return scope(user, "view", Project.objects.select_related("lead_org", "responsible_org"))


def filtered(user, params, today: dt.date | None = None) -> QuerySet[Project]:
    """The project list: visible projects narrowed by stage, level, kind, deadline and text."""
    today = today or timezone.localdate()
    qs = visible(user)
    if stages_ := [s for s in params.getlist("stage") if s in stages.STAGES]:
        qs = qs.filter(stage__in=stages_)
    for name in ("level", "kind", "substate"):
        if values := [v for v in params.getlist(name) if v]:
            qs = qs.filter(**{f"{name}__in": values})
    if text := params.get("q", "").strip():
        qs = text_index.matching(text, qs)
    deadline = params.get("deadline", "")
    if deadline == "overdue":
        qs = overdue_filter(qs, today)
    elif deadline == "soon":
        qs = running(qs).filter(due_on__gte=today,
                                due_on__lte=today + dt.timedelta(days=conf.get("SOON_DAYS")))
    return qs.order_by("due_on", "-id") if deadline else qs


def running(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.filter(stage__in=RUNNING_STAGES).exclude(substate__in=HALTED)


def overdue_filter(qs: QuerySet[Project], today: dt.date) -> QuerySet[Project]:
    return running(qs).filter(due_on__lt=today)


def flag(projects, today: dt.date | None = None):
    """Set ``deadline`` ("overdue", "soon" or "") on each project, for lists."""
    today = today or timezone.localdate()
    soon = conf.get("SOON_DAYS")
    for p in projects:
        p.deadline = stages.deadline(p.stage, p.substate, p.due_on, today, soon)
    return projects


def mine(user) -> QuerySet[Project]:
    """Projects on which ``user`` holds a role or sits on a review (not merely public)."""
    from .policies import _insider_q

    return Project.objects.filter(_insider_q(user))


def overdue(user, today: dt.date | None = None) -> QuerySet[Project]:
    today = today or timezone.localdate()
    return overdue_filter(mine(user), today).select_related("lead_org").order_by("due_on")


@dataclass
class Waiting:
    project: Project
    what: list[str]


def waiting_on(user, today: dt.date | None = None, limit: int = 20) -> list[Waiting]:
    """Projects where ``user`` can act now: a move is ready, comments await, a vote is due."""
    today = today or timezone.localdate()
    out = []
    candidates = (mine(user).exclude(substate__in=HALTED)
                  .exclude(stage__in=[Stage.PUBLICATION, Stage.WITHDRAWAL])
                  .select_related("lead_org", "responsible_org")
                  .order_by("due_on", "-id")[:WAITING_CANDIDATES])
    candidates = list(candidates)
    snapshots = services.snapshots_of(candidates, today=today)
    # Projects in review with this person among some review's experts: checked one by one.
    voting = set(Review.objects.filter(
        project__in=candidates, experts=user, project__stage=Stage.ENQUIRY,
        project__substate=Sub.NONE).values_list("project_id", flat=True))
    for project in candidates:
        what = []
        roles = project_roles(user, project)
        if roles:
            snap = snapshots[project.pk]
            what += [c.move.label for c in stages.options(snap, roles)
                     if c.role_ok and not c.missing_before and c.move.name not in
                     ("stop", "resume", "cancel", "fail-review", "redraft")]
            if snap.undisposed and roles & {stages.Role.DRAFTER, stages.Role.EDITOR}:
                what.append(f"待处理意见 comments to disposition: {snap.undisposed}")
        if project.pk in voting and _vote_due(user, project):
            what.append("待投票 your vote is due")
        if what:
            out.append(Waiting(project, what))
        if len(out) >= limit:
            break
    return out


def _vote_due(user, project: Project) -> bool:
    if (project.stage, project.substate) != (Stage.ENQUIRY, Sub.NONE):
        return False
    review = services.current_review(project)
    return bool(review and review.experts.filter(pk=user.pk).exists()
                and not review.votes.filter(expert=user).exists())


def open_comment_periods(today: dt.date | None = None) -> QuerySet[Project]:
    """Projects whose comment period is open now, closing soonest first (public)."""
    return (Project.objects.filter(stage=Stage.COMMITTEE, substate=Sub.OPEN)
            .select_related("lead_org", "responsible_org").order_by("comment_end", "id"))


def project_history(project: Project) -> list[Entry]:
    """The project's history; the document versions an event names show as one row."""
    labels = dict(DocumentKind.choices)
    out = []
    for entry in history(project):
        docs = (entry.event.diff or {}).get("document_versions")
        versions = docs[1] if isinstance(docs, list) and len(docs) == 2 else None
        rows = [c for c in entry.changes if c.label not in ("document_versions", "sha256")]
        if versions:  # ["comment-draft v2", …]
            shown = "、".join(f"{labels.get(k, k)} v{n}"
                             for k, _sep, n in (v.rpartition(" v") for v in versions))
            rows.append(Change(str(_("现行文件 documents")), EMPTY, shown))
        out.append(Entry(entry.event, entry.kind, rows))
    return out


@dataclass
class DispositionSummary:
    comments: list[Comment]
    counts: list[tuple[str, int]]  # (label, count) per disposition, then 未处理
    total: int


def disposition_summary(project: Project) -> DispositionSummary:
    comments = list(project.comments.select_related("organization").order_by("number"))
    counted = Counter(c.disposition for c in comments)
    counts = [(str(label), counted.get(value, 0)) for value, label in Disposition.choices]
    counts.append(("未处理 Pending", counted.get("", 0)))
    return DispositionSummary(comments, counts, len(comments))


def reviews_of(project: Project) -> list[Review]:
    return list(project.reviews.prefetch_related("experts", "votes__expert"))


REVIEW_HORIZON = dt.timedelta(days=183)  # 复审 falling due within about six months


def reviews_due(user, today: dt.date | None = None,
                horizon: dt.timedelta = REVIEW_HORIZON) -> QuerySet[Standard]:
    """Standards in force whose 复审 is due (or overdue) that ``user`` may conclude."""
    today = today or timezone.localdate()
    qs = Standard.objects.filter(status__in=[Status.CURRENT, Status.UPCOMING],
                                 review_due_on__lte=today + horizon)
    if not is_programme_admin(user):
        qs = qs.filter(responsible_org__in=editor_orgs(user))
    return qs.select_related("responsible_org").order_by("review_due_on", "code")

