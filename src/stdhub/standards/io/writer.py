"""Carry out a Plan in bulk: organizations, standards, their relations and one event each.

Runs inside the caller's transaction. Rows go to the database as plain tuples
(``sql``) and the events in one ``record_many`` call (one lock on the audit
chain's head): per-row ``save()`` would take minutes on a large file.
"""

from __future__ import annotations

from django.db import router
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from stdhub.core import events
from stdhub.core.errors import Conflict
from stdhub.core.permissions import require
from stdhub.core.services import snapshot
from stdhub.core.sql import analyze, insert_rows, update_rows
from stdhub.orgs.models import Organization
from stdhub.orgs.services import ORG_FIELDS

from ..choices import Status
from ..models import Standard
from ..services import RELATION_FIELDS
from .existing import SCALARS, Reference, chunked, load_brief
from .plan import Plan, event_items

COLUMNS = [*SCALARS, "responsible_org_id"]
ANALYZE_AFTER = 10_000  # rows written; below this the planner's statistics stay good enough
# What events and the search index read of a standard, in the model's field order (from_db's).
_BRIEF = [f.attname for f in Standard._meta.concrete_fields
          if f.attname in ("id", "code", "code_base", "title_zh")]


def no_progress(iterable, desc: str, total: int | None = None):
    return iterable


def register_organizations(actor, names: list[str], ref: Reference) -> None:
    """Organizations named in the file but not registered, created like organization_by_name."""
    if not names:
        return
    require(actor, "add", Organization)  # the importer reported this row by row already
    orgs = Organization.objects.bulk_create([Organization(name=n) for n in names])
    ref.org_ids.update((o.name, o.pk) for o in orgs)
    events.record_many(actor, [(o, "created", "registered on import",
                                events.diff_of({}, snapshot(o, ORG_FIELDS))) for o in orgs])


def _row(record: dict, ref: Reference) -> tuple:
    org = record["responsible_org"]
    return (*(record[name] for name in SCALARS), ref.org_ids[org] if org else None)


def _create(plan: Plan, ref: Reference, now, progress) -> dict[str, int]:
    """Insert the new standards; return their primary keys by code."""
    last = Standard.objects.aggregate(last=Max("pk"))["last"] or 0
    rows = ((*_row(r, ref), now, now) for r in plan.creates)
    insert_rows(Standard, [*COLUMNS, "created_at", "updated_at"],
                progress(rows, "create", len(plan.creates)))
    codes = {r["code"] for r in plan.creates}
    # Keys only grow, so the new rows are those above the last one (others' rows are skipped).
    return {code: pk for code, pk in Standard.objects.filter(pk__gt=last).order_by()
            .values_list("code", "pk").iterator(chunk_size=10_000) if code in codes}


def _update(plan: Plan, ref: Reference, now, progress) -> None:
    """Write changed rows, each only if still at the version the plan read (else Conflict)."""
    rows = ((*_row(after, ref), now, before["version"] + 1, after["pk"], before["version"])
            for before, after in plan.updates)
    written = update_rows(Standard, [*COLUMNS, "updated_at", "version"],
                          progress(rows, "update", len(plan.updates)), match=["version"])
    written += update_rows(Standard, ["status", "updated_at", "version"],
                           ((Status.SUPERSEDED.value, now, brief["version"] + 1, brief["pk"],
                             brief["version"]) for brief, _ in plan.superseded),
                           match=["version"])
    if written != len(plan.updates) + len(plan.superseded):
        # Only possible on PostgreSQL (SQLite's import holds the write lock throughout).
        raise Conflict(_("导入期间有标准被他人修改 standards changed while the import ran; "
                         "nothing was imported, run it again"))


def _set_relations(plan: Plan, pks: dict[str, int], ref: Reference, progress) -> None:
    """Fill the through tables for new standards and replace those of changed relations."""
    for relation in RELATION_FIELDS:
        field = Standard._meta.get_field(relation)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        changed = [after for before, after in plan.updates if before[relation] != after[relation]]
        for part in chunked([after["pk"] for after in changed]):
            through.objects.filter(**{f"{source}__in": part}).delete()
        key = {"drafting_orgs": ref.org_ids, "replaces": pks}.get(relation)
        rows = ((pks[r["code"]], key[v] if key else v)
                for r in plan.creates + changed for v in r[relation])
        insert_rows(through, [source, target], progress(rows, relation))


def write_plan(actor, plan: Plan, ref: Reference, *, message: str,
               progress=no_progress) -> list[Standard]:
    """Write everything the plan decided; return the standards created or changed."""
    now = timezone.now()
    written = [*plan.creates, *(after for _, after in plan.updates)]
    register_organizations(actor, plan.new_orgs, ref)
    pks = _create(plan, ref, now, progress)
    _update(plan, ref, now, progress)
    pks.update((after["code"], after["pk"]) for _, after in plan.updates)
    # Replaced standards this import does not write (unchanged rows, others in the registry).
    replaced = {code for r in written for code in r["replaces"]} - pks.keys()
    pks.update((code, brief["pk"]) for code, brief in load_brief(replaced, ref).items())
    _set_relations(plan, pks, ref, progress)
    if len(written) >= ANALYZE_AFTER:
        analyze(Standard, *(Standard._meta.get_field(r).remote_field.through
                            for r in RELATION_FIELDS))

    db = router.db_for_write(Standard)
    objects = {r["code"]: Standard.from_db(db, _BRIEF, [pks[r["code"]] if name == "id" else r[name]
                                                        for name in _BRIEF])
               for r in [*written, *(brief for brief, _ in plan.superseded)]}
    events.record_many(actor, event_items(plan, ref, objects, message))
    return [objects[r["code"]] for r in written]
