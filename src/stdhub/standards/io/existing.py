"""What the registry already holds, loaded in a few queries for a whole import.

Standards are held as *records*: plain dicts over ``AUDITED_FIELDS`` in which
the responsible organization is its full name and relations are frozensets of
codes or names — the form in which a file row and a registered standard can be
compared, whatever the database ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from stdhub.orgs.models import Organization

from ..models import CCSClass, ICSClass, Standard
from ..services import SCALAR_FIELDS, Lookups

CHUNK = 500  # ids per IN (...) clause: well inside every backend's parameter limit
SCALARS = [f for f in SCALAR_FIELDS if f != "responsible_org"]


def chunked(values: Iterable, size: int = CHUNK) -> Iterator[list]:
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


def relations_of(ids: list[int], titles: dict[str, str] | None = None) -> dict[int, dict]:
    """``{standard id: {relation: set of codes or names}}`` from the through tables, in chunks.

    ``titles``, when given, receives the title of every replaced standard by code.
    """
    out = {pk: {"ics": set(), "ccs": set(), "drafting_orgs": set(), "replaces": set()}
           for pk in ids}
    for part in chunked(ids):
        for sid, code in Standard.ics.through.objects.filter(
                standard_id__in=part).values_list("standard_id", "icsclass_id"):
            out[sid]["ics"].add(code)
        for sid, code in Standard.ccs.through.objects.filter(
                standard_id__in=part).values_list("standard_id", "ccsclass_id"):
            out[sid]["ccs"].add(code)
        for sid, name in Standard.drafting_orgs.through.objects.filter(
                standard_id__in=part).values_list("standard_id", "organization__name"):
            out[sid]["drafting_orgs"].add(name)
        for sid, code, title in Standard.replaces.through.objects.filter(
                from_standard_id__in=part).values_list("from_standard_id", "to_standard__code",
                                                       "to_standard__title_zh"):
            out[sid]["replaces"].add(code)
            if titles is not None:
                titles[code] = title
    return out


def load_records(codes: Iterable[str], ref: Reference) -> dict[str, dict]:
    """Records (with ``pk``) of the registered standards among ``codes``."""
    name_of = {pk: name for name, pk in ref.org_ids.items()}
    rows = {}
    for part in chunked(codes):
        for row in Standard.objects.filter(code__in=part).values("pk", "responsible_org_id",
                                                                   *SCALARS):
            row["responsible_org"] = name_of.get(row.pop("responsible_org_id"))
            rows[row["code"]] = row
    relations = relations_of([r["pk"] for r in rows.values()], ref.titles)
    for row in rows.values():
        row.update({k: frozenset(v) for k, v in relations[row["pk"]].items()})
    return rows


def load_brief(codes: Iterable[str], ref: Reference) -> dict[str, dict]:
    """``{code: {pk, code, code_base, title_zh, status}}`` of the registered ``codes``."""
    out = {}
    for part in chunked(codes):
        for row in Standard.objects.filter(code__in=part).values("pk", "code", "code_base",
                                                                   "title_zh", "status"):
            out[row["code"]] = row
            ref.titles[row["code"]] = row["title_zh"]
    return out
