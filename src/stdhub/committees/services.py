"""Every write to technical committees: establish, edit, dissolve; appoint members and end
their terms; link standards; record international participation. Each checks permission,
validates, writes and records one event on the committee in one transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stdhub.core import events, personal, services
from stdhub.core.permissions import require
from stdhub.standards.models import Standard

from . import codes
from .choices import SINGLE_ROLES, MemberRole, Status
from .models import Committee, CommitteeStandard, Member, Participation

COMMITTEE_FIELDS = ["code", "name", "level", "scope", "secretariat", "established_on"]
MEMBER_FIELDS = ["role", "user", "name", "organization", "organization_name", "term_start",
                 "term_end"]
PARTICIPATION_FIELDS = ["body", "international_committee", "role", "organization", "since"]


def _set_fields(committee: Committee, data: dict) -> None:
    for name in COMMITTEE_FIELDS:
        if name in data:
            value = data[name]
            setattr(committee, name, value.strip() if isinstance(value, str) else value)
    try:
        parsed = codes.parse(committee.code)
    except codes.CodeError as exc:
        raise ValidationError({"code": [str(exc)]}) from exc
    committee.code = parsed.canonical
    if not committee.level:
        committee.level = parsed.level
    elif committee.level != parsed.level:
        raise ValidationError({"level": [
            f"编号与级别不符 {parsed.canonical} is a {parsed.level} committee's code"]})


def establish(actor, data: dict) -> Committee:
    """Register a committee (成立)."""
    committee = Committee()
    require(actor, "add", committee)
    _set_fields(committee, data)
    return services.create(actor, committee, COMMITTEE_FIELDS)


def update_committee(actor, committee: Committee, data: dict, *, expected_version=None) -> bool:
    return services.update(actor, committee, COMMITTEE_FIELDS,
                           lambda obj: _set_fields(obj, data), expected_version=expected_version)


def dissolve(actor, committee: Committee, reason: str, *, on: dt.date | None = None) -> bool:
    if not reason.strip():
        raise ValidationError({"reason": ["撤销须说明理由 give a reason to dissolve"]})
    if committee.status == Status.DISSOLVED:
        raise ValidationError({"status": ["该委员会已撤销 already dissolved"]})
    on = on or timezone.localdate()

    def apply(obj):
        obj.status, obj.dissolved_on = Status.DISSOLVED, on

    return services.update(actor, committee, ["status", "dissolved_on"], apply,
                           message=reason.strip(), kind="committee-dissolved",
                           action="dissolve")


# ---------------------------------------------------------------- members


def _overlaps(start: dt.date, end: dt.date | None) -> Q:
    """Terms that share at least a day with ``start``…``end`` (open ends run on)."""
    q = Q(term_end__isnull=True) | Q(term_end__gte=start)
    return q & Q(term_start__lte=end) if end else q


def _person_q(member: Member) -> Q:
    if member.user_id:
        return Q(user_id=member.user_id)
    return Q(user__isnull=True, name=member.name,
             organization_name=member.organization_name, organization=member.organization)


def appoint(actor, committee: Committee, data: dict) -> Member:
    """Add one term of one person in one role (聘任).

    Refused: a second overlapping term of the same person on the committee, and a second
    主任委员 or 秘书长 whose term overlaps the one in office."""
    member = Member(committee=committee)
    for name in MEMBER_FIELDS:
        if name in data:
            value = data[name]
            setattr(member, name, value.strip() if isinstance(value, str) else value)
    require(actor, "manage", committee)
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=committee.pk).first()
        member.full_clean()
        terms = committee.members.filter(_overlaps(member.term_start, member.term_end))
        if terms.filter(_person_q(member)).exists():
            raise ValidationError({"term_start": [
                "此人在该期间已有任期 this person already holds a term in that period"]})
        if member.role in SINGLE_ROLES and terms.filter(role=member.role).exists():
            raise ValidationError({"role": [
                f"该期间已有{MemberRole(member.role).label} the role is held by someone else "
                f"in that period"]})
        member.save()
        # Names are personal data: kept outside the hash chain, erasable (core.personal).
        personal.record(actor, committee, "member-appointed", _term(member),
                        {"role": [None, member.role], "term_start": [None, member.term_start],
                         "term_end": [None, member.term_end]},
                        personal={"person": member.person,
                                  "organization_name": member.affiliation})
    return member


def _term(member: Member) -> str:
    """How events name a term: its number and role, never the person (see above)."""
    return f"#{member.pk} {member.get_role_display()}"


def end_term(actor, member: Member, on: dt.date | None = None) -> Member:
    """End a term on ``on`` (today by default)."""
    committee = member.committee
    require(actor, "manage", committee)
    on = on or timezone.localdate()
    if on < member.term_start:
        raise ValidationError({"term_end": ["任期结束早于开始 the term ends before it starts"]})
    if member.term_end and member.term_end <= on:
        raise ValidationError({"term_end": ["任期已结束 the term has already ended"]})
    with transaction.atomic():
        before = member.term_end
        member.term_end = on
        member.save(update_fields=["term_end"])
        events.record(actor, committee, "member-term-ended", _term(member),
                      {"term_end": [before, on]})
    return member


# ---------------------------------------------------------------- standards


def link_standard(actor, committee: Committee, standard: Standard) -> CommitteeStandard:
    """Put ``standard`` under ``committee`` (归口); one committee per standard."""
    require(actor, "manage", committee)
    with transaction.atomic():
        taken = CommitteeStandard.objects.filter(standard=standard).select_related(
            "committee").first()
        if taken:
            raise ValidationError({"standard": [
                f"该标准已归口于 {taken.committee.code} the standard is already under "
                f"{taken.committee.code}"]})
        link = CommitteeStandard.objects.create(committee=committee, standard=standard)
        events.record(actor, committee, "committee-standard-linked", standard.code,
                      {"standards": [None, standard.code]})
    return link


def unlink_standard(actor, link: CommitteeStandard) -> None:
    committee = link.committee
    require(actor, "manage", committee)
    with transaction.atomic():
        code = link.standard.code
        link.delete()
        events.record(actor, committee, "committee-standard-unlinked", code,
                      {"standards": [code, None]})


# ---------------------------------------------------------------- international


def add_participation(actor, committee: Committee, data: dict) -> Participation:
    participation = Participation(committee=committee)
    for name in PARTICIPATION_FIELDS:
        if name in data:
            value = data[name]
            setattr(participation, name, value.strip() if isinstance(value, str) else value)
    participation.international_committee = " ".join(
        participation.international_committee.upper().split())
    require(actor, "manage", committee)
    with transaction.atomic():
        participation.full_clean()
        participation.save()
        events.record(actor, committee, "participation-added", str(participation),
                      events.diff_of({}, services.snapshot(participation,
                                                           PARTICIPATION_FIELDS)))
    return participation


def remove_participation(actor, participation: Participation) -> None:
    committee = participation.committee
    require(actor, "manage", committee)
    with transaction.atomic():
        text = str(participation)
        participation.delete()
        events.record(actor, committee, "participation-removed", text)
