"""Every write to the standard registry.

``clean_standard`` turns the plain values people type (a form, an import row,
an API body) into model values, collecting every error by field; forms, the
importer and the API all go through it, then through create/update here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stdhub.core import events, services
from stdhub.core.permissions import can, require
from stdhub.orgs.models import Organization
from stdhub.orgs.services import organization_by_name

from . import rules
from .choices import Adoption, StandardEvent, Status
from .codes import CodeError, parse_code
from .models import CCSClass, ICSClass, Standard
from .text_search import index_standards

SCALAR_FIELDS = [
    "code", "code_base", "prefix", "issuer", "number", "year", "title_zh", "title_en", "level",
    "nature", "status", "issued_on", "effective_on", "withdrawn_on", "last_reviewed_on",
    "review_due_on", "issuing_body", "responsible_org", "adopted_code", "adoption", "scope",
]
RELATION_FIELDS = ["ics", "ccs", "drafting_orgs", "replaces"]
AUDITED_FIELDS = SCALAR_FIELDS + RELATION_FIELDS
DATE_FIELDS = ["issued_on", "effective_on", "withdrawn_on", "last_reviewed_on"]
TEXT_FIELDS = ["title_zh", "title_en", "issuing_body", "scope"]


@dataclass
class Lookups:
    """Reference sets loaded once, so validating 100,000 rows asks the database nothing."""

    ics: set[str] = field(default_factory=set)
    ccs: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> Lookups:
        return cls(set(ICSClass.objects.values_list("code", flat=True)),
                   set(CCSClass.objects.values_list("code", flat=True)))


def split_list(value) -> list[str]:
    """``'A; B，C'`` or a list → ``['A', 'B', 'C']``."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        items = value
    else:
        items = str(value).replace("；", ";").replace("，", ",").replace("、", ",")
        items = items.replace(";", ",").replace("\n", ",").split(",")
    return [str(i).strip() for i in items if str(i).strip()]


def clean_standard(data: dict, lookups: Lookups, *, today: dt.date | None = None,
                   previous_status: str | None = None) -> dict:
    """Validate plain input; return model values or raise ValidationError({field: [msg]}).

    ``previous_status``: the status of the standard being edited, for a blank status.
    """
    errors: dict[str, list[str]] = {}
    out: dict = {}

    def fail(name, msg):
        errors.setdefault(name, []).append(msg)

    raw_code = str(data.get("code") or "").strip()
    parsed = None
    try:
        parsed = parse_code(raw_code)
    except CodeError as exc:
        fail("code", str(exc))
    if parsed:
        out.update(code=parsed.canonical, code_base=parsed.base, prefix=parsed.prefix,
                   issuer=parsed.issuer or "", number=parsed.number, year=parsed.year,
                   level=parsed.level, nature=parsed.nature or "")
    for name in TEXT_FIELDS:
        out[name] = str(data.get(name) or "").strip()
    if not out["title_zh"]:
        fail("title_zh", "a Chinese title (标准名称) is required")
    for name in DATE_FIELDS:
        try:
            out[name] = rules.parse_date(data.get(name))
        except ValueError as exc:
            fail(name, str(exc))

    out["ics"] = []
    for code in split_list(data.get("ics")):
        code = code.replace(" ", ".")
        if code in lookups.ics:
            out["ics"].append(code)
        else:
            fail("ics", f"unknown ICS class '{code}'")
    out["ccs"] = []
    for code in split_list(data.get("ccs")):
        code = code.upper()
        if code in lookups.ccs:
            out["ccs"].append(code)
        else:
            fail("ccs", f"unknown CCS class '{code}'")

    out["replaces"] = []
    for code in split_list(data.get("replaces")):
        try:
            out["replaces"].append(parse_code(code).canonical)
        except CodeError as exc:
            fail("replaces", f"{code}: {exc}")
    if parsed and parsed.canonical in out["replaces"]:
        fail("replaces", f"{parsed.canonical} cannot replace itself")

    adopted = str(data.get("adopted_code") or "").strip() or (parsed.adopts if parsed else None)
    out["adopted_code"] = ""
    if adopted:
        try:
            out["adopted_code"] = parse_code(adopted).canonical
        except CodeError as exc:
            fail("adopted_code", str(exc))
    adoption = str(data.get("adoption") or "").strip().upper()
    if adoption and adoption not in Adoption.values:
        fail("adoption", f"'{adoption}' is not one of IDT, MOD, NEQ")
    out["adoption"] = adoption

    status = str(data.get("status") or "").strip()
    status = _STATUS_WORDS.get(status, status)
    if status and status not in Status.values:
        fail("status", f"unknown status '{status}'")
    if not errors and not status:
        status = rules.derived_status(
            effective_on=out["effective_on"], withdrawn_on=out["withdrawn_on"],
            previous=previous_status, today=today or timezone.localdate())
    out["status"] = status
    if not errors:
        out["review_due_on"] = rules.review_due(out["effective_on"], out["last_reviewed_on"])
    out["responsible_org"] = data.get("responsible_org") or None
    out["drafting_orgs"] = data.get("drafting_orgs") or []
    if errors:
        raise ValidationError(errors)
    return out


# Status as people write it in spreadsheets.
_STATUS_WORDS = {
    "现行": Status.CURRENT, "现行有效": Status.CURRENT, "有效": Status.CURRENT,
    "即将实施": Status.UPCOMING, "被代替": Status.SUPERSEDED, "已被代替": Status.SUPERSEDED,
    "废止": Status.WITHDRAWN, "作废": Status.WITHDRAWN, "已废止": Status.WITHDRAWN,
}


def _as_orgs(actor, values: dict) -> tuple[Organization | None, list[Organization]]:
    """The responsible and drafting organizations, given as objects or names.

    An unknown name is registered when ``actor`` may add organizations (programme
    administrators); for anyone else it is an error on its field, so that editing a
    standard is never a way round the organization policy.
    """
    may_register = can(actor, "add", Organization)
    errors: dict[str, list[str]] = {}

    def find(name: str, value) -> Organization | None:
        if isinstance(value, Organization) or not value:
            return value or None
        org = organization_by_name(actor, str(value), create_missing=may_register)
        if org is None and str(value).strip():
            errors.setdefault(name, []).append(
                f"no organization named '{str(value).strip()}' is registered "
                f"(only programme administrators register organizations)")
        return org

    drafting = values["drafting_orgs"]
    if not isinstance(drafting, (list, tuple)):
        drafting = split_list(drafting)
    responsible = find("responsible_org", values["responsible_org"])
    drafting_orgs = [o for o in (find("drafting_orgs", v) for v in drafting) if o]
    if errors:
        raise ValidationError(errors)
    return responsible, drafting_orgs


def _apply(actor, std: Standard, values: dict) -> None:
    """Set scalar fields and relations of a saved-or-unsaved standard from cleaned values."""
    for name in SCALAR_FIELDS:
        if name != "responsible_org":
            setattr(std, name, values[name])
    std.responsible_org, drafting = _as_orgs(actor, values)
    std._pending_relations = {
        "ics": values["ics"], "ccs": values["ccs"], "drafting_orgs": drafting,
        "replaces": list(Standard.objects.filter(code__in=values["replaces"])),
    }


def _save_relations(std: Standard) -> None:
    rel = std._pending_relations
    std.ics.set(rel["ics"])
    std.ccs.set(rel["ccs"])
    std.drafting_orgs.set(rel["drafting_orgs"])
    std.replaces.set(rel["replaces"])


def _supersede(actor, std: Standard) -> None:
    """Standards that ``std`` replaces become 被代替 once it is in force.

    Superseding changes the old standard, so ``actor`` must be allowed to change each
    one: an editor cannot retire another organization's standard by naming it.
    """
    if std.status not in (Status.CURRENT,):
        return
    olds = list(std.replaces.exclude(status__in=[Status.SUPERSEDED, Status.WITHDRAWN])
                .select_related("responsible_org"))
    refused = [old for old in olds if not can(actor, "change", old)]
    if refused:
        raise ValidationError({"replaces": [
            f"not allowed to supersede {old.code}: it belongs to "
            f"'{old.responsible_org or '-'}'" for old in refused]})
    for old in olds:
        before = old.status
        old.status = Status.SUPERSEDED
        old.version = F("version") + 1  # a form open on the old standard is now stale
        old.save(update_fields=["status", "version", "updated_at"])
        events.record(actor, old, "superseded", f"replaced by {std.code}",
                      {"status": [before, old.status]})


def create_standard(actor, data: dict, lookups: Lookups | None = None) -> Standard:
    values = clean_standard(data, lookups or Lookups.load())
    if Standard.objects.filter(code=values["code"]).exists():
        raise ValidationError({"code": [f"{values['code']} is already registered"]})
    std = Standard()
    with transaction.atomic():
        _apply(actor, std, values)
        services.create(actor, std, AUDITED_FIELDS, after_save=_save_relations)
        index_standards([std])
        _supersede(actor, std)
    return std


def update_standard(actor, std: Standard, data: dict, lookups: Lookups | None = None,
                    message: str = "", expected_version: int | None = None) -> bool:
    """Apply an edit; ``data`` holds the full set of editable values. False if nothing changed.

    ``expected_version``: the version the edit was based on (Conflict if it moved on).
    """
    values = clean_standard(data, lookups or Lookups.load(), previous_status=std.status)
    clash = Standard.objects.filter(code=values["code"]).exclude(pk=std.pk)
    if clash.exists():
        raise ValidationError({"code": [f"{values['code']} is already registered"]})

    def apply(obj):
        _apply(actor, obj, values)
        require(actor, "change", obj)  # an editor cannot hand a standard to another org
        _save_relations(obj)

    with transaction.atomic():
        changed = services.update(actor, std, AUDITED_FIELDS, apply, message=message,
                                  expected_version=expected_version)
        if changed:
            index_standards([std])
            _supersede(actor, std)
    return changed


def withdraw_standard(actor, std: Standard, reason: str, *,
                      today: dt.date | None = None) -> None:
    """Withdraw (废止) a standard in force, dated today, recording a ``withdrawn`` event."""
    if std.status in (Status.SUPERSEDED, Status.WITHDRAWN):
        raise ValidationError({"status": ["该标准已不再现行 the standard is no longer in force"]})
    if not str(reason or "").strip():
        raise ValidationError({"reason": ["废止须说明理由 give a reason to withdraw"]})
    today = today or timezone.localdate()

    def apply(obj):
        obj.status, obj.withdrawn_on = Status.WITHDRAWN, today

    with transaction.atomic():
        services.update(actor, std, AUDITED_FIELDS, apply, message=str(reason).strip(),
                        kind=StandardEvent.WITHDRAWN)
        index_standards([std])


def editable_values(std: Standard) -> dict:
    """The plain input that reproduces ``std`` (initial data for forms and exports)."""
    return {
        "code": std.code, "title_zh": std.title_zh, "title_en": std.title_en,
        "status": std.status, **{d: getattr(std, d) for d in DATE_FIELDS},
        "ics": [c.code for c in std.ics.all()], "ccs": [c.code for c in std.ccs.all()],
        "issuing_body": std.issuing_body, "responsible_org": std.responsible_org,
        "drafting_orgs": list(std.drafting_orgs.all()),
        "replaces": [s.code for s in std.replaces.all()], "adopted_code": std.adopted_code,
        "adoption": std.adoption, "scope": std.scope,
    }


def load_reference_classes() -> tuple[int, int]:
    """Load the shipped ICS and CCS tables (insert new codes, refresh names); safe to rerun.

    Reference data is versioned with stdhub itself and identical on every
    installation, so loading it records no events: the repository is its history.
    """
    from stdhub.refdata.classifications import ccs_classes, ics_classes

    with transaction.atomic():
        ics = list(ics_classes())
        ICSClass.objects.bulk_create(
            [ICSClass(code=c.code, name_zh=c.name_zh, name_en=c.name_en) for c in ics],
            update_conflicts=True, unique_fields=["code"], update_fields=["name_zh", "name_en"])
        _link_parents(ICSClass, {c.code: c.parent for c in ics})
        ccs = list(ccs_classes())
        CCSClass.objects.bulk_create(
            [CCSClass(code=c.code, name_zh=c.name_zh) for c in ccs],
            update_conflicts=True, unique_fields=["code"], update_fields=["name_zh"])
        _link_parents(CCSClass, {c.code: c.parent for c in ccs})
    return len(ics), len(ccs)


def _link_parents(model, parents: dict[str, str]) -> None:
    rows = [model(code=code, parent_id=parent or None) for code, parent in parents.items()]
    model.objects.bulk_update(rows, ["parent"], batch_size=1000)
