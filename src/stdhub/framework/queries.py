"""Reads of a standard system: entries with their live status, the detail and statistics
tables (GB/T 13016), coverage and gaps, the structure diagram."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, CharField, F, Value, When
from django.utils.translation import gettext_lazy as _

from stdhub.core.derived import cached
from stdhub.standards.choices import Level, Status
from stdhub.standards.models import Standard

from . import tree
from .choices import EntryKind, EntryStatus
from .models import Entry, Framework, Node

# Columns the detail table (标准明细表) can show: key → heading. Editions of GB/T 13016 differ;
# a framework lists the keys it uses in ``detail_columns``.
DETAIL_COLUMNS = {
    "seq": _("序号"), "node": _("体系编号"), "node_name": _("体系节点"), "code": _("标准号"),
    "title": _("标准名称"), "level": _("宜定级别"), "effective_on": _("实施日期"),
    "international": _("国际国外标准号及采用关系"), "replaced": _("被代替标准号"),
    "type": _("标准类型"), "status": _("状态"), "remark": _("备注"),
}
CUSTOMARY_COLUMNS = ["seq", "node", "code", "title", "level", "effective_on", "international",
                     "replaced", "remark"]


def columns_of(framework: Framework) -> list[str]:
    return [c for c in framework.detail_columns or CUSTOMARY_COLUMNS if c in DETAIL_COLUMNS]


# An entry's status is read from its standard, so a standard superseded or withdrawn after it
# was placed shows as such without anyone touching the framework.
ENTRY_STATUS = Case(
    When(kind=EntryKind.PLANNED, then=Value(EntryStatus.PLANNED.value)),
    # A project that has published its standard has met the need.
    When(kind=EntryKind.PROJECT, project__standard__status__in=[Status.CURRENT, Status.UPCOMING],
         then=Value(EntryStatus.CURRENT.value)),
    When(kind=EntryKind.PROJECT, then=Value(EntryStatus.DEVELOPING.value)),
    When(standard__status__in=[Status.CURRENT, Status.UPCOMING],
         then=Value(EntryStatus.CURRENT.value)),
    default=Value(EntryStatus.LAPSED.value), output_field=CharField())


def entries_of(framework: Framework):
    return (Entry.objects.filter(node__framework=framework)
            .annotate(entry_status=ENTRY_STATUS, node_code=F("node__code"),
                      node_sort=F("node__sort_key"))
            .select_related("standard", "node")
            .order_by("node__sort_key", "position", "pk"))


def entry_rows(framework: Framework) -> list[tree.EntryRow]:
    """Every entry as the pure statistics need it (one query, no model instances)."""
    rows = (Entry.objects.filter(node__framework=framework)
            .annotate(entry_status=ENTRY_STATUS)
            .values_list("node__code", "entry_status", "suggested_level", "standard__level",
                         "project__level", "standard_type"))
    return [tree.EntryRow(node, status, suggested or level or project_level or "", standard_type)
            for node, status, suggested, level, project_level, standard_type in rows]


# The values a detail row is made of: one query, no model instances (20,000 rows export fast).
_DETAIL_VALUES = ("pk", "node__code", "node__name", "kind", "title", "project_ref",
                  "suggested_level", "standard_type", "international_code", "adoption",
                  "replaced_code", "remark", "standard_id", "standard__code",
                  "standard__title_zh", "standard__level", "standard__effective_on",
                  "standard__adopted_code", "standard__adoption", "project__standard__code",
                  "project__standard__title_zh", "project__standard__effective_on",
                  "project__level")


def _ordered_ids(framework: Framework) -> list[int]:
    """Entry ids in tree order, kept until the next write (pages slice this list)."""
    return cached(f"framework-order:{framework.pk}", lambda: list(
        Entry.objects.filter(node__framework=framework)
        .order_by("node__sort_key", "position", "pk").values_list("pk", flat=True)))


def entry_count(framework: Framework) -> int:
    return len(_ordered_ids(framework))


def _international(row: dict) -> str:
    code = row["international_code"] or row["standard__adopted_code"] or ""
    adoption = row["adoption"] or row["standard__adoption"] or ""
    return f"{code} {adoption}".strip() if code else ""


def detail_rows(framework: Framework, start: int = 0, stop: int | None = None) -> list[dict]:
    """The detail table's rows in tree order as ``{column key: value}``, all or
    ``start:stop`` (序号 counts from 1)."""
    ids = _ordered_ids(framework)[start:stop]
    by_id = {}
    for chunk in range(0, len(ids), 5000):  # SQLite allows so many parameters per query
        part = ids[chunk:chunk + 5000]
        for row in (Entry.objects.filter(pk__in=part).annotate(entry_status=ENTRY_STATUS)
                    .values(*_DETAIL_VALUES, "entry_status")):
            by_id[row["pk"]] = row
    standard_ids = [r["standard_id"] for r in by_id.values() if r["standard_id"]]
    replaced: dict[int, list[str]] = {}
    through = Standard.replaces.through
    for chunk in range(0, len(standard_ids), 5000):
        for source, code in through.objects.filter(
                from_standard_id__in=standard_ids[chunk:chunk + 5000]).values_list(
                "from_standard_id", "to_standard__code"):
            replaced.setdefault(source, []).append(code)
    levels = {k: _chinese(v) for k, v in Level.choices}
    statuses = {k: _chinese(v) for k, v in EntryStatus.choices}
    rows = []
    for seq, pk in enumerate(ids, start=start + 1):
        r = by_id[pk]
        level = r["suggested_level"] or r["standard__level"] or r["project__level"] or ""
        rows.append({
            "seq": seq, "node": r["node__code"], "node_name": r["node__name"],
            "code": r["standard__code"] or r["project__standard__code"] or r["project_ref"],
            "title": r["standard__title_zh"] or r["project__standard__title_zh"] or r["title"],
            "level": levels.get(level, level),
            "effective_on": r["standard__effective_on"] or r["project__standard__effective_on"],
            "international": _international(r),
            "replaced": r["replaced_code"] or "; ".join(sorted(replaced.get(
                r["standard_id"], []))),
            "type": r["standard_type"], "status": statuses[r["entry_status"]],
            "remark": r["remark"],
        })
    return rows


@dataclass(frozen=True)
class StatTable:
    title: str
    rows: list[tuple[str, tree.StatRow]]  # (label, figures)


def _chinese(label) -> str:
    return str(label).split(" ")[0]


def statistics(framework: Framework) -> list[StatTable]:
    """The statistics table (标准统计表) by level, by 标准类型 and by status; the figures
    are kept until the next write."""
    levels = [k for k, _label in Level.choices]
    statuses = [k for k, _label in EntryStatus.choices if k != EntryStatus.LAPSED]
    types = framework.standard_types or []

    def figures():
        entries = entry_rows(framework)
        return (tree.statistics(entries, "level", levels),
                tree.statistics(entries, "standard_type", types),
                [r for r in tree.statistics(entries, "status", statuses)
                 if r.key in statuses or r.key == "total"])

    by_level, by_type, by_status = cached(f"framework-statistics:{framework.pk}", figures)
    total = _("合计")

    def labelled(rows, labels):
        return [(total if r.key == "total" else labels.get(r.key, r.key or _("未填")), r)
                for r in rows]

    return [
        StatTable(_("按宜定级别"), labelled(by_level, {k: _chinese(v) for k, v in Level.choices})),
        StatTable(_("按标准类型"), labelled(by_type, {t: t for t in types})),
        StatTable(_("按状态"), labelled(by_status, {k: _chinese(v)
                                                  for k, v in EntryStatus.choices})),
    ]


def nodes_of(framework: Framework) -> list[Node]:
    return list(framework.nodes.order_by("sort_key"))


def coverage(framework: Framework) -> dict[str, tree.Coverage]:
    """Every node's coverage, kept until the next write."""
    def compute():
        codes = framework.nodes.values_list("code", flat=True)
        return tree.coverage(list(codes), entry_rows(framework))

    return cached(f"framework-coverage:{framework.pk}", compute)


DIAGRAM_BOXES = 120  # more boxes than this make the diagram unreadable on a page


def diagram(framework: Framework) -> tree.Diagram:
    """The structure diagram, as many levels deep as fit in ``DIAGRAM_BOXES`` boxes."""
    def compute():
        cover = coverage(framework)
        nodes = list(framework.nodes.values_list("code", "name"))
        per_depth = Counter(len(tree.sort_key(code)) for code, _ in nodes)
        depth, shown = 1, per_depth.get(1, 0)
        while depth < tree.MAX_DEPTH and shown + per_depth.get(depth + 1, 0) <= DIAGRAM_BOXES:
            depth += 1
            shown += per_depth.get(depth, 0)
        return tree.diagram(nodes, {c for c, cov in cover.items() if cov.gap}, depth=depth)

    return cached(f"framework-diagram:{framework.pk}", compute)



def tables_as_data(framework: Framework, start: int = 0, stop: int | None = None) -> dict:
    """The detail table (all rows or ``start:stop``) and the statistics tables as plain
    values (API, ``stdhub framework tables``)."""
    columns = columns_of(framework)
    return {
        "framework": framework.code, "title": framework.title,
        "columns": {c: str(DETAIL_COLUMNS[c]) for c in columns},
        "count": entry_count(framework),
        "detail": [{c: row[c] for c in columns} for row in detail_rows(framework, start, stop)],
        "statistics": [{"title": str(t.title),
                        "rows": [{"label": str(label), "required": r.required,
                                  "existing": r.existing, "ratio": r.ratio}
                                 for label, r in t.rows]}
                       for t in statistics(framework)],
    }
