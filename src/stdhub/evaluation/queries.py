"""Reads of implementation evaluation: a campaign's results through the pure scoring module,
an evaluator's assignments, runs that may be attached, and the published results."""

from __future__ import annotations

from django.db.models import Prefetch

from stdhub.conformance.choices import RunStatus
from stdhub.conformance.models import ConformanceRun
from stdhub.core.permissions import scope

from . import scoring, subjects
from .choices import AssessmentStatus, CampaignStatus
from .models import Assessment, Campaign, Subject


def scheme_of(campaign: Campaign) -> scoring.Scheme:
    """The campaign's scheme, combined and graded as the campaign was set up."""
    return scoring.parse_scheme({**campaign.scheme.data, "combine": campaign.combine,
                                 "grades": campaign.grades})


def assessment_row(scheme: scoring.Scheme, assessment: Assessment) -> dict:
    values = {k: scoring.read_value(scheme.leaf(k), v) for k, v in assessment.values.items()
              if scheme.leaf(k) is not None}
    total, missing = scoring.assessment_total(scheme, values)
    return {"id": assessment.pk, "evaluator": assessment.evaluator_name, "total": total,
            "missing": missing, "status": assessment.status, "comment": assessment.comment,
            "values": assessment.values}


def subject_result(subject: Subject, scheme: scoring.Scheme | None = None) -> dict:
    """Total and grade of a subject from its submitted assessments; drafts only count as
    pending, and an assessment missing a leaf is reported, not counted (never as zero)."""
    scheme = scheme or scheme_of(subject.campaign)
    rows = [assessment_row(scheme, a) for a in subject.assessments.all()]
    submitted = [r for r in rows if r["status"] == AssessmentStatus.SUBMITTED]
    total = scoring.combine([r["total"] for r in submitted if r["total"] is not None],
                            scheme.combine)
    return {"subject": subject, "total": None if total is None else scoring.round2(total),
            "grade": scoring.grade_of(total, scheme.grades), "assessments": submitted,
            "pending": len(rows) - len(submitted),
            "decision": getattr(subject, "decision", None)}


def campaign_results(campaign: Campaign, subject_qs=None) -> list[dict]:
    scheme = scheme_of(campaign)
    qs = (subject_qs if subject_qs is not None else campaign.subjects.all()).select_related(
        "campaign", "decision").prefetch_related(
        Prefetch("assessments", Assessment.objects.select_related("evaluator", "evaluator_org")))
    return [subject_result(s, scheme) for s in qs]


def plain_results(campaign: Campaign, results: list[dict] | None = None) -> dict:
    """The campaign's results as JSON-ready values (CLI, API, report)."""
    results = campaign_results(campaign) if results is None else results
    return {
        "campaign": {"id": campaign.pk, "year": campaign.year, "title": campaign.title,
                     "scheme": campaign.scheme.key, "combine": campaign.combine,
                     "status": campaign.status},
        "subjects": [{
            "subject": r["subject"].label, "kind": r["subject"].subject_kind,
            "object_id": r["subject"].object_id, "total": scoring.plain(r["total"]),
            "grade": r["grade"], "pending": r["pending"], "published": r["subject"].published,
            "decision": r["decision"].outcome if r["decision"] else None,
            "assessments": [{"evaluator": a["evaluator"], "total": scoring.plain(a["total"]),
                             "missing": a["missing"]} for a in r["assessments"]],
        } for r in results],
    }


def my_assessments(user):
    return scope(user, "view", Assessment.objects.select_related(
        "subject__campaign", "evaluator", "evaluator_org")).order_by("deadline", "pk")


def attachable_runs(assessment: Assessment):
    """Finished conformance runs of the organizations behind the assessed subject."""
    subject = assessment.subject
    orgs = subjects.organizations(subject.subject_kind,
                                  subjects.resolve(subject.subject_kind, subject.object_id))
    return ConformanceRun.objects.filter(organization_id__in=orgs,
                                         status__in=RunStatus.finished()).select_related(
        "version__data_standard", "organization")


def indicator_tree(scheme_data: dict) -> list[tuple[int, dict]]:
    """(depth, node) in reading order, for forms and reports."""
    out = []

    def walk(nodes, depth):
        for node in nodes:
            out.append((depth, node))
            walk(node.get("children") or [], depth + 1)
    walk(scheme_data.get("indicators") or [], 0)
    return out


def published_results():
    """Campaigns with subjects chosen for publication, each with those subjects' results."""
    out = []
    for campaign in Campaign.objects.filter(subjects__published=True).distinct():
        out.append((campaign, campaign_results(campaign, campaign.subjects.filter(
            published=True))))
    return out


def open_campaigns():
    return Campaign.objects.filter(status=CampaignStatus.OPEN)
