"""Reads of a standard system: entries with their live status, the detail and statistics
tables (GB/T 13016), coverage and gaps, the structure diagram."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, CharField, F, Value, When
from django.utils.translation import gettext_lazy as _

from stdhub.core.derived import cached
from stdhub.standards.choices import Level, Status

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
                         "standard_type"))
    return [tree.EntryRow(node, status, suggested or level or "", standard_type)
            for node, status, suggested, level, standard_type in rows]


@dataclass(frozen=True)
class DetailRow:
    cells: dict  # column key → display value
    entry: Entry


def _international(entry: Entry) -> str:
    code = entry.international_code or (entry.standard.adopted_code if entry.standard else "")
    adoption = entry.adoption or (entry.standard.adoption if entry.standard else "")
    return f"{code} {adoption}".strip() if code else ""


def detail_rows(framework: Framework, start: int = 0, stop: int | None = None
                ) -> list[DetailRow]:
    """The detail table's rows in tree order (序号 counts from 1), all or ``start:stop``."""
    levels = dict(Level.choices)
    rows = []
    entries = entries_of(framework).prefetch_related("standard__replaces")[start:stop]
    for seq, entry in enumerate(entries, start=start + 1):
        std = entry.standard
        code = std.code if std else entry.project_ref
        level = entry.suggested_level or (std.level if std else "")
        replaced = entry.replaced_code or (
            "; ".join(sorted(s.code for s in std.replaces.all())) if std else "")
        rows.append(DetailRow({
            "seq": seq, "node": entry.node_code, "node_name": entry.node.name, "code": code,
            "title": std.title_zh if std else entry.title,
            "level": str(levels.get(level, level)).split(" ")[0] if level else "",
            "effective_on": std.effective_on if std and std.effective_on else None,
            "international": _international(entry), "replaced": replaced,
            "type": entry.standard_type,
            "status": str(EntryStatus(entry.entry_status).label).split(" ")[0],
            "remark": entry.remark,
        }, entry))
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
    entries = cached(f"framework-entries:{framework.pk}", lambda: entry_rows(framework))
    total = _("合计")
    level_labels = {k: _chinese(v) for k, v in Level.choices}
    status_labels = {k: _chinese(v) for k, v in EntryStatus.choices if k != EntryStatus.LAPSED}
    types = framework.standard_types or []

    def labelled(rows, labels):
        return [(total if r.key == "total" else labels.get(r.key, r.key or _("未填")), r)
                for r in rows]

    by_status = [r for r in tree.statistics(entries, "status", status_labels)
                 if r.key in status_labels or r.key == "total"]
    return [
        StatTable(_("按宜定级别"), labelled(tree.statistics(entries, "level", level_labels),
                                         level_labels)),
        StatTable(_("按标准类型"), labelled(tree.statistics(entries, "standard_type", types),
                                         {t: t for t in types})),
        StatTable(_("按状态"), labelled(by_status, status_labels)),
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



def tables_as_data(framework: Framework) -> dict:
    """The detail and statistics tables as plain values (API, ``stdhub framework tables``)."""
    columns = columns_of(framework)
    return {
        "framework": framework.code, "title": framework.title,
        "columns": {c: str(DETAIL_COLUMNS[c]) for c in columns},
        "detail": [{c: row.cells[c] for c in columns} for row in detail_rows(framework)],
        "statistics": [{"title": str(t.title),
                        "rows": [{"label": str(label), "required": r.required,
                                  "existing": r.existing, "ratio": r.ratio}
                                 for label, r in t.rows]}
                       for t in statistics(framework)],
    }
