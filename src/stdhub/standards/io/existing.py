"""What the registry already holds, loaded in a few queries for a whole import.

Standards are held as *records*: plain dicts over ``AUDITED_FIELDS`` in which
the responsible organization is its full name and relations are frozensets of
codes or names — the form in which a file row and a registered standard can be
compared, whatever the database ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from stdhub.orgs.models import Organization

from ..models import CCSClass, ICSClass, Standard
from ..services import RELATION_FIELDS, SCALAR_FIELDS, Lookups

SCALARS = [f for f in SCALAR_FIELDS if f != "responsible_org"]


def chunked(values: Iterable, size: int | None = None) -> Iterator[list]:
    """``values`` in lists of ``size``: by default as many as one IN (...) clause may hold
    (999 on SQLite; 5,000 elsewhere, where each round trip costs more than a long list)."""
    size = size or min(connection.features.max_query_params or 5000, 5000)
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


@dataclass
class Reference:
    """Classification names and organizations, as history shows them (``str(obj)``)."""

    ics: dict[str, str]
    ccs: dict[str, str]
    org_ids: dict[str, int]  # full name → id
    org_short: dict[str, str] = field(default_factory=dict)  # short name → full name
    titles: dict[str, str] = field(default_factory=dict)  # code → title of standards loaded

    @classmethod
    def load(cls) -> Reference:
        ics = {c.code: str(c) for c in ICSClass.objects.only("code", "name_zh")}
        ccs = {c.code: str(c) for c in CCSClass.objects.only("code", "name_zh")}
        org_ids, org_short = {}, {}
        for pk, name, short in Organization.objects.order_by("name").values_list(
                "pk", "name", "short_name"):
            org_ids[name] = pk
            if short:
                org_short.setdefault(short, name)
        return cls(ics, ccs, org_ids, org_short)

    def lookups(self) -> Lookups:
        return Lookups(set(self.ics), set(self.ccs))

    def org_name(self, written: str) -> str:
        """The full name an organization is registered under (found like organization_by_name)."""
        if written in self.org_ids:
            return written
        return self.org_short.get(written, written)


def matching(queryset: QuerySet, field: str, values: Iterable, *, whole: bool) -> Iterator:
    """The rows of ``queryset`` (``values()`` dicts) whose ``field`` is one of ``values``.

    ``whole``: read the table in one pass and keep the wanted rows. When the values are a
    large share of the table this beats index lookups many times over (measured on
    PostgreSQL: 1.6 s for 300,000 standards against 12 s in 5,000-code IN lists, which
    it answers with a scan each)."""
    queryset = queryset.order_by()  # the model's default ordering would sort every chunk
    if whole:
        wanted = set(values)
        return (row for row in queryset.iterator(chunk_size=10_000) if row[field] in wanted)
    return (row for part in chunked(values) for row in queryset.filter(**{f"{field}__in": part}))


def relations_of(ids: list[int], titles: dict[str, str] | None = None, *,
                 whole: bool = False,
                 replaceable: QuerySet | None = None) -> dict[int, dict[str, set]]:
    """``{standard id: {relation: set}}``: ICS and CCS codes, drafting organizations' names,
    replaced standards' codes. ``titles``, when given, receives each replaced standard's title.
    ``replaceable``: the standards a replaced one is shown from (a reader's ``scope``).
    """
    out = {pk: {name: set() for name in RELATION_FIELDS} for pk in ids}
    org_names = dict(Organization.objects.values_list("pk", "name"))
    replaced: dict[int, list[int]] = {}  # replaced standard's id → ids of those replacing it
    for relation in RELATION_FIELDS:
        field = Standard._meta.get_field(relation)
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        pairs = field.remote_field.through.objects.values(source, target)
        for row in matching(pairs, source, ids, whole=whole):
            sid, tid = row[source], row[target]
            if relation == "replaces":
                replaced.setdefault(tid, []).append(sid)
            else:
                out[sid][relation].add(org_names[tid] if relation == "drafting_orgs" else tid)
    # Codes of replaced standards by primary key (a join would scan the table per chunk).
    briefs = (Standard.objects if replaceable is None else replaceable).values(
        "pk", "code", "title_zh")
    for row in matching(briefs, "pk", replaced, whole=False):
        for sid in replaced[row["pk"]]:
            out[sid]["replaces"].add(row["code"])
        if titles is not None:
            titles[row["code"]] = row["title_zh"]
    return out


WHOLE_TABLE_SHARE = 0.1  # loading more than this share of the registry reads it whole


def load_records(codes: Iterable[str], ref: Reference) -> dict[str, dict]:
    """Records (with ``pk``) of the registered standards among ``codes``."""
    codes = set(codes)
    whole = len(codes) > WHOLE_TABLE_SHARE * Standard.objects.count()
    name_of = {pk: name for name, pk in ref.org_ids.items()}
    rows = {}
    for row in matching(Standard.objects.values("pk", "version", "responsible_org_id", *SCALARS),
                        "code",
                        codes, whole=whole):
        row["responsible_org"] = name_of.get(row.pop("responsible_org_id"))
        rows[row["code"]] = row
    relations = relations_of([r["pk"] for r in rows.values()], ref.titles, whole=whole)
    for row in rows.values():
        row.update({k: frozenset(v) for k, v in relations[row["pk"]].items()})
    return rows


def load_brief(codes: Iterable[str], ref: Reference) -> dict[str, dict]:
    """``{code: {pk, version, code, code_base, title_zh, status, responsible_org_id}}`` of the
    registered ``codes``."""
    out = {}
    briefs = Standard.objects.values("pk", "version", "code", "code_base", "title_zh", "status",
                                     "responsible_org_id")
    for row in matching(briefs, "code", codes, whole=False):
        out[row["code"]] = row
        ref.titles[row["code"]] = row["title_zh"]
    return out
