"""Decide, without touching the database, what an import of checked rows will do.

Rules (the same as editing one standard through the services):

- a column the file does not have leaves that field of a registered standard as it is;
- a blank status is derived from the dates (a registered standard that is
  already 被代替 stays so);
- the review due date (复审到期) follows from the effective and last review dates;
- a standard in force (现行) makes the standards it replaces 被代替, whether
  they are in the file or only in the registry;
- a row equal to its registered standard is unchanged and records no event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from stdhub.core.events import diff_of

from .. import rules
from ..choices import Status
from ..models import Standard
from ..services import AUDITED_FIELDS
from .columns import SYNONYMS
from .existing import Reference
from .report import RowError

FINAL = (Status.SUPERSEDED, Status.WITHDRAWN)  # statuses replacement does not change
_audited = itemgetter(*AUDITED_FIELDS)  # a record's values compared for "changed"


@dataclass
class Row:
    """A checked file row: its number, its record (see ``existing``), which columns the file has."""

    number: int
    record: dict
    present: frozenset[str]
    status_given: bool


@dataclass
class Plan:
    creates: list[dict] = field(default_factory=list)
    updates: list[tuple[dict, dict]] = field(default_factory=list)  # (before, after)
    unchanged: int = 0
    superseded: list[tuple[dict, str]] = field(default_factory=list)  # (brief, replacing code)
    new_orgs: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # code → title, for history
    errors: list[RowError] = field(default_factory=list)


def _merged(row: Row, before: dict, today: dt.date) -> dict:
    """The row applied to its registered standard."""
    after = {**row.record, "pk": before["pk"]}
    for name in SYNONYMS.keys() - row.present:
        after[name] = before[name]
    after["review_due_on"] = rules.review_due(after["effective_on"], after["last_reviewed_on"])
    if not row.status_given:
        after["status"] = rules.derived_status(
            effective_on=after["effective_on"], withdrawn_on=after["withdrawn_on"],
            previous=before["status"], today=today)
    return after


def make_plan(rows: list[Row], existing: dict[str, dict], outside: dict[str, dict],
              ref: Reference, *, today: dt.date, replaces_heading: str,
              known_codes: set[str] = frozenset()) -> Plan:
    """``existing``: records of the file's registered codes; ``outside``: briefs of replaced codes
    not in the file; ``known_codes``: codes of rows that failed their check (not "unknown")."""
    plan = Plan()
    targets = {}
    for row in rows:
        code = row.record["code"]
        before = existing.get(code)
        targets[code] = _merged(row, before, today) if before else row.record

    # Replacement: decided on each row's own status, so the order of rows does not matter.
    replaced_by: dict[str, str] = {}
    for row in rows:
        code = row.record["code"]
        for old in sorted(targets[code]["replaces"]):
            # (A row replacing itself failed its check already: see clean_standard.)
            if old not in targets and old not in outside and old not in known_codes:
                plan.errors.append(RowError(
                    row.number, replaces_heading,
                    f"replaced standard {old} is neither in this file nor in the registry"))
            elif targets[code]["status"] == Status.CURRENT:
                replaced_by.setdefault(old, code)
    for old, new in replaced_by.items():
        if old in targets and targets[old]["status"] not in FINAL:
            targets[old]["status"] = Status.SUPERSEDED
        elif old in outside and outside[old]["status"] not in FINAL:
            plan.superseded.append((outside[old], new))

    for code, after in targets.items():
        before = existing.get(code)
        if before is None:
            plan.creates.append(after)
        elif _audited(before) != _audited(after):
            plan.updates.append((before, after))
        else:
            plan.unchanged += 1

    written = plan.creates + [after for _, after in plan.updates]
    names = {r["responsible_org"] for r in written}
    names.update(n for r in written for n in r["drafting_orgs"])
    plan.new_orgs = sorted(n for n in names if n and n not in ref.org_ids)
    plan.titles = dict(ref.titles)
    plan.titles.update((code, after["title_zh"]) for code, after in targets.items())
    return plan


def snapshot(record: dict, ref: Reference, titles: dict[str, str]) -> dict:
    """A record as ``core.services.snapshot`` shows a standard in history (relations by name)."""
    snap = {name: record[name] for name in AUDITED_FIELDS}
    snap["ics"] = sorted(ref.ics[c] for c in record["ics"])
    snap["ccs"] = sorted(ref.ccs[c] for c in record["ccs"])
    snap["drafting_orgs"] = sorted(record["drafting_orgs"])
    snap["replaces"] = sorted(Standard.name_of(c, titles[c]) for c in record["replaces"])
    return snap


_SORTED_FIELDS = sorted(AUDITED_FIELDS)


def _created_diff(snap: dict) -> dict:
    """``diff_of({}, snap)`` without its JSON round trips (a snapshot holds only plain values)."""
    return {k: [None, v.isoformat() if isinstance(v, dt.date) else v]
            for k in _SORTED_FIELDS if (v := snap[k]) is not None}


def event_items(plan: Plan, ref: Reference, objects: dict[str, object],
                message: str) -> Iterator[tuple]:
    """``(obj, kind, message, diff)`` for each standard the plan writes (``objects``: by code)."""
    for after in plan.creates:
        yield (objects[after["code"]], "created", message,
               _created_diff(snapshot(after, ref, plan.titles)))
    for before, after in plan.updates:
        yield (objects[after["code"]], "changed", message,
               diff_of(snapshot(before, ref, plan.titles), snapshot(after, ref, plan.titles)))
    for brief, new in plan.superseded:
        yield (objects[brief["code"]], "superseded", f"replaced by {new}",
               {"status": [brief["status"], Status.SUPERSEDED.value]})
