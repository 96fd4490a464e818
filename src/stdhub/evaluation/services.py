"""Every write of implementation evaluation: schemes, campaigns, assignments, scores,
evidence, decisions and publication; each checks permission, validates and records one event."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stdhub.core import events, services
from stdhub.core.errors import Conflict
from stdhub.core.permissions import member_orgs, require, roles_of
from stdhub.orgs.choices import OrgKind
from stdhub.projects import services as project_services
from stdhub.projects.choices import Kind as ProjectKind
from stdhub.standards import services as standard_services

from . import conf, queries, scoring, subjects
from .choices import AssessmentStatus, CampaignStatus, EvaluationEvent, Outcome, SubjectKind
from .models import Assessment, Campaign, Decision, Evidence, Scheme, Subject

DATA = Path(__file__).with_name("data")
EVALUATOR_USER_ROLES = {"expert", "evaluator"}
ASSESSMENT_FIELDS = ["values", "comment", "status", "return_reason"]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


# ---------------------------------------------------------------- schemes


def load_scheme(actor, data: dict) -> tuple[Scheme, bool]:
    """A scheme from its JSON form (checked by the scoring contract); kept if already loaded."""
    try:
        scoring.parse_scheme(data)
    except scoring.ScoringError as exc:
        raise _invalid("data", str(exc)) from exc
    existing = Scheme.objects.filter(key=data.get("key", "")).first()
    if existing:
        return existing, False
    scheme = Scheme(key=data.get("key", ""), name=data.get("name", ""),
                    subject_kind=data.get("subject_kind", ""), source=data.get("source", ""),
                    data=data)
    require(actor, "add", scheme)
    with transaction.atomic():
        scheme.full_clean()
        scheme.save()
        events.record(actor, scheme, EvaluationEvent.SCHEME_LOADED, scheme.source[:200])
    return scheme, True


def load_builtin_schemes(actor) -> list[tuple[Scheme, bool]]:
    return [load_scheme(actor, json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(DATA.glob("*.json"))]


# ---------------------------------------------------------------- campaigns and subjects


def create_campaign(actor, *, year: int, title: str, scheme: Scheme, deadline) -> Campaign:
    """A yearly campaign; it copies how totals combine and the grades from the settings."""
    campaign = Campaign(year=year, title=title, scheme=scheme, deadline=deadline,
                        combine=conf.get("COMBINE"), grades=conf.get("GRADES"))
    try:  # settings are checked by the same contract as schemes
        scoring.parse_scheme({**scheme.data, "combine": campaign.combine,
                              "grades": campaign.grades})
    except scoring.ScoringError as exc:
        raise _invalid("__all__", f"STDHUB_EVALUATION: {exc}") from exc
    return services.create(actor, campaign, ["year", "title", "scheme", "deadline", "combine"])


def _open(campaign: Campaign) -> None:
    if campaign.status != CampaignStatus.OPEN:
        raise Conflict(f"评价活动已结束 the campaign {campaign} is closed")


def add_subject(actor, campaign: Campaign, object_id: int,
                kind: str = SubjectKind.STANDARD) -> Subject:
    require(actor, "add", Subject)
    _open(campaign)
    if kind != campaign.scheme.subject_kind:
        raise _invalid("subject_kind", f"the scheme evaluates {campaign.scheme.subject_kind} "
                                       f"subjects, not {kind}")
    try:
        obj = subjects.resolve(kind, object_id)
    except subjects.UnknownSubject as exc:
        raise _invalid("object_id", str(exc)) from exc
    if campaign.subjects.filter(subject_kind=kind, object_id=obj.pk).exists():
        raise _invalid("object_id", f"{obj} is already in this campaign")
    subject = Subject(campaign=campaign, subject_kind=kind, object_id=obj.pk, label=str(obj)[:600])
    return services.create(actor, subject, ["campaign", "subject_kind", "object_id", "label"])


def close_campaign(actor, campaign: Campaign) -> bool:
    def apply(obj):
        obj.status = CampaignStatus.CLOSED
    return services.update(actor, campaign, ["status"], apply, kind=EvaluationEvent.CLOSED)


# ---------------------------------------------------------------- assignments


def conflict_of_interest(subject: Subject, *, evaluator=None, evaluator_org=None) -> set[int]:
    """Organizations behind ``subject`` that the evaluator belongs to (empty: no conflict)."""
    behind = subjects.organizations(subject.subject_kind,
                                    subjects.resolve(subject.subject_kind, subject.object_id))
    own = member_orgs(evaluator) if evaluator is not None else {evaluator_org.pk}
    return behind & own


def assign(actor, subject: Subject, *, evaluator=None, evaluator_org=None,
           deadline=None) -> Assessment:
    """Assign an expert (a user with the expert or evaluator role) or a third-party evaluator
    organization to score ``subject``; refused on a conflict of interest."""
    require(actor, "add", Assessment)
    _open(subject.campaign)
    if (evaluator is None) == (evaluator_org is None):
        raise _invalid("evaluator", "指派一名专家或一家第三方评估机构 assign either an expert "
                                    "or an evaluator organization")
    if evaluator is not None and not (EVALUATOR_USER_ROLES & set(roles_of(evaluator))):
        raise _invalid("evaluator", f"{evaluator} 不是评价专家 holds neither the expert nor "
                                    "the evaluator role")
    if evaluator_org is not None and evaluator_org.kind != OrgKind.EVALUATOR:
        raise _invalid("evaluator_org", f"{evaluator_org} 不是第三方评估机构 is not a "
                                        "third-party evaluator")
    if clash := conflict_of_interest(subject, evaluator=evaluator, evaluator_org=evaluator_org):
        from stdhub.orgs.models import Organization

        names = "、".join(Organization.objects.filter(pk__in=clash).values_list("name", flat=True))
        raise _invalid("evaluator", f"利益冲突：评价人属于被评价对象的单位 conflict of "
                                    f"interest: the evaluator belongs to {names}")
    taken = subject.assessments.filter(evaluator=evaluator) if evaluator else \
        subject.assessments.filter(evaluator_org=evaluator_org)
    if taken.exists():
        raise _invalid("evaluator", "已指派 already assigned to this subject")
    assessment = Assessment(subject=subject, evaluator=evaluator, evaluator_org=evaluator_org,
                            deadline=deadline or subject.campaign.deadline)
    with transaction.atomic():
        assessment.full_clean()
        assessment.save()
        events.record(actor, assessment, EvaluationEvent.ASSIGNED,
                      f"{assessment.evaluator_name} → {subject}")
    return assessment


# ---------------------------------------------------------------- scoring


def clean_values(scheme: scoring.Scheme, values: dict) -> dict[str, str]:
    """Entered values by leaf id, each readable by its method; blanks are left unscored."""
    errors, clean = {}, {}
    for indicator, raw in values.items():
        text = "" if raw is None else str(raw).strip()
        leaf = scheme.leaf(indicator)
        if leaf is None:
            errors[indicator] = [f"unknown indicator '{indicator}'"]
        elif text:
            try:
                scoring.read_value(leaf, text)
                clean[indicator] = text
            except scoring.ScoringError as exc:
                errors[indicator] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return clean


def save_scores(actor, assessment: Assessment, values: dict, comment: str | None = None, *,
                submit: bool = False) -> bool:
    """Save a draft of the evaluator's scores (or submit them, which locks the assessment).

    Unscored indicators stay missing, and are reported as such, never counted as zero.
    """
    require(actor, "change", assessment)
    if assessment.locked:
        raise Conflict("评分已提交，已锁定 the assessment is submitted and locked; the "
                       "administrator may return it")
    _open(assessment.subject.campaign)
    clean = clean_values(queries.scheme_of(assessment.subject.campaign), values)

    def apply(obj):
        if obj.locked:  # submitted meanwhile (the row is locked now)
            raise Conflict("评分已提交，已锁定 the assessment is submitted and locked")
        obj.values = clean
        if comment is not None:
            obj.comment = comment.strip()
        if submit:
            obj.status, obj.submitted_at = AssessmentStatus.SUBMITTED, timezone.now()

    kind = EvaluationEvent.SUBMITTED if submit else EvaluationEvent.SCORED
    return services.update(actor, assessment, ASSESSMENT_FIELDS, apply, kind=kind)


def return_assessment(actor, assessment: Assessment, reason: str) -> bool:
    require(actor, "return", assessment)
    if not assessment.locked:
        raise _invalid("status", "只有已提交的评分可退回 only a submitted assessment is returned")
    if not str(reason or "").strip():
        raise _invalid("reason", "请说明退回理由 give a reason")

    def apply(obj):
        obj.status, obj.return_reason = AssessmentStatus.RETURNED, reason.strip()

    return services.update(actor, assessment, ASSESSMENT_FIELDS, apply, action="return",
                           kind=EvaluationEvent.RETURNED, message=reason.strip())


def add_evidence(actor, assessment: Assessment, *, upload=None, run=None,
                 note: str = "") -> Evidence:
    """A file, or a conformance run of an organization behind the subject, as evidence."""
    require(actor, "change", assessment)
    if assessment.locked:
        raise Conflict("评分已提交，已锁定 the assessment is submitted and locked")
    if (upload is None) == (run is None):
        raise _invalid("file", "添加一个文件或一次验证检测 add a file or a conformance run")
    if upload is not None:
        name = Path(upload.name or "evidence").name
        if Path(name).suffix.lower() not in conf.get("EVIDENCE_SUFFIXES"):
            raise _invalid("file", f"{name}: 不支持的文件类型 file type not accepted "
                                   f"({', '.join(conf.get('EVIDENCE_SUFFIXES'))})")
        if upload.size > conf.get("EVIDENCE_MAX_BYTES"):
            raise _invalid("file", f"{name}: 文件过大 larger than "
                                   f"{conf.get('EVIDENCE_MAX_BYTES') >> 20} MB")
    else:
        if run.pk not in queries.attachable_runs(assessment).values_list("pk", flat=True):
            raise _invalid("run", "只能添加被评价单位的验证检测 only a finished conformance run "
                                  "of the evaluated organization")
        name = str(run)
    evidence = Evidence(assessment=assessment, file=upload or "", name=name[:255], run=run,
                        note=note.strip()[:500])
    with transaction.atomic():
        evidence.save()
        events.record(actor, assessment, EvaluationEvent.EVIDENCE_ADDED, name[:200])
    return evidence


# ---------------------------------------------------------------- decisions and disclosure


def decide(actor, subject: Subject, outcome: str, note: str = "") -> Decision:
    """Decide the dynamic adjustment of ``subject`` and apply it: withdraw the standard,
    or open its revision project; the other outcomes are recorded on the decision."""
    require(actor, "decide", subject)
    if outcome not in Outcome.values:
        raise _invalid("outcome", f"unknown outcome '{outcome}' (one of "
                                  f"{', '.join(Outcome.values)})")
    if Decision.objects.filter(subject=subject).exists():
        raise _invalid("outcome", "已作出结论 this subject already has a decision")
    result = queries.subject_result(subject)
    decision = Decision(subject=subject, outcome=outcome, note=note.strip(),
                        total=result["total"], grade=result["grade"] or "",
                        decided_by=actor if getattr(actor, "pk", None) else None)
    acts_on_registry = outcome in (Outcome.WITHDRAW, Outcome.REVISE)
    if acts_on_registry and subject.subject_kind != SubjectKind.STANDARD:
        raise _invalid("outcome", f"'{outcome}' applies to standards only")
    with transaction.atomic():
        if acts_on_registry:
            std = subjects.resolve(subject.subject_kind, subject.object_id)
            reason = f"{subject.campaign} 评价结论 {note.strip()}".strip()
            if outcome == Outcome.WITHDRAW:
                standard_services.withdraw_standard(actor, std, reason)
            else:
                if std.responsible_org_id is None:
                    raise _invalid("outcome", "修订项目须有归口单位 the standard has no "
                                              "responsible organization to lead a revision")
                decision.project = project_services.propose(actor, {
                    "title": std.title_zh, "title_en": std.title_en, "kind": ProjectKind.REVISE,
                    "revises": std, "level": std.level, "nature": std.nature,
                    "scope": std.scope, "lead_org": std.responsible_org,
                    "responsible_org": std.responsible_org})
        decision.save()
        events.record(actor, subject, EvaluationEvent.DECIDED, decision.note[:200],
                      events.diff_of({}, {"outcome": outcome, "total": decision.total,
                                          "grade": decision.grade,
                                          "project": str(decision.project or "") or None}))
    return decision


def publish(actor, subject: Subject, published: bool = True) -> bool:
    def apply(obj):
        obj.published = published
    return services.update(actor, subject, ["published"], apply, action="publish",
                           kind=EvaluationEvent.PUBLISHED)
