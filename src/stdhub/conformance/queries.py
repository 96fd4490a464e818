"""Reads of the data-standards section: catalogues, visible runs, reports made readable."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from stdhub.core.permissions import scope

from .elements import data_elements
from .engine.builtin_lists import builtin_registry
from .models import CodeList, CodeListVersion, ConformanceRun, DataStandard, DataStandardVersion

CHECK_LABELS = {
    "required": _("必填"), "type": _("类型"),
    "minLength": _("最小长度"), "maxLength": _("最大长度"),
    "pattern": _("模式"), "enum": _("取值范围"), "minimum": _("最小值"), "maximum": _("最大值"),
    "exclusiveMinimum": _("下限"), "exclusiveMaximum": _("上限"), "codeList": _("代码表"),
    "checksum": _("校验位"), "unique": _("唯一"), "primaryKey": _("主键"), "foreignKey": _("外键"),
}
STRUCTURE_LABELS = {
    "empty-file": _("空文件"), "missing-column": _("缺少列"), "extra-column": _("多余列"),
}


def data_standards(user, query: str = "") -> QuerySet[DataStandard]:
    """The data standards ``user`` may see, matching ``query``, with their version counts."""
    queryset = (scope(user, "view", DataStandard.objects.select_related("organization", "standard"))
                .annotate(version_count=Count("versions"),
                          last_published=Max("versions__published_at")))
    if query:
        queryset = queryset.filter(Q(identifier__icontains=query) | Q(title__icontains=query)
                                   | Q(standard__code__icontains=query))
    return queryset.order_by("identifier")


def versions_of(user, data_standard: DataStandard) -> QuerySet[DataStandardVersion]:
    """The versions of ``data_standard`` that ``user`` may see, newest first."""
    return scope(user, "view", data_standard.versions.select_related("published_by")
                 ).newest_first()


def visible_runs(user) -> QuerySet[ConformanceRun]:
    """Runs of the person's organizations (all of them for programme administrators)."""
    return scope(user, "view", ConformanceRun.objects.select_related(
        "version__data_standard", "organization", "run_by"))


# ---------------------------------------------------------------- code lists


@dataclass(frozen=True)
class CodeListSummary:
    identifier: str
    title: str
    versions: list[str]  # newest first
    entries: int  # in the newest version
    builtin: bool
    organization: str = ""


def code_list_catalogue(user) -> list[CodeListSummary]:
    """Built-in lists, then the imported ones ``user`` may see, each with its versions."""
    registry = builtin_registry()
    out = []
    for list_id in registry.ids():
        versions = registry.versions(list_id)[::-1]
        newest = registry.get(list_id)
        out.append(CodeListSummary(list_id, str(newest.title), versions, len(newest), True))
    stored = scope(user, "view", CodeList.objects.select_related("organization")).prefetch_related(
        Prefetch("versions", queryset=scope(user, "view", CodeListVersion.objects.newest_first())))
    for code_list in stored:
        versions = list(code_list.versions.all())
        out.append(CodeListSummary(
            code_list.identifier, code_list.title, [v.label for v in versions],
            versions[0].entry_count if versions else 0, False, code_list.organization.name))
    return out


@dataclass(frozen=True)
class CodeListPage:
    identifier: str
    title: str
    version: str
    versions: list[str]  # newest first
    entries: list[tuple[str, str, str]]  # code, name, parent
    builtin: bool
    stored: CodeList | None = None  # the database list, for imported lists


def code_list_page(user, identifier: str, version: str | None = None) -> CodeListPage | None:
    """One version of a list (the newest by default); None if the list or version is unknown."""
    registry = builtin_registry()
    if identifier in registry:
        versions = registry.versions(identifier)[::-1]
        if version is not None and version not in versions:
            return None
        chosen = registry.get(identifier, version)
        entries = [(c.code, str(c.name), c.parent or "") for c in chosen.codes]
        return CodeListPage(identifier, str(chosen.title), chosen.version, versions, entries, True)
    stored = scope(user, "view", CodeList.objects.filter(identifier=identifier)).first()
    if stored is None:
        return None
    versions = scope(user, "view", CodeListVersion.objects.filter(code_list=stored))
    labels = list(versions.newest_first().values_list("label", flat=True))
    chosen = versions.filter(label=version or (labels[0] if labels else None)).first()
    if chosen is None:
        return None
    entries = [(code, name, parent or "") for code, name, parent in chosen.entries]
    return CodeListPage(identifier, stored.title, chosen.label, labels, entries, False, stored)


def filter_entries(entries: list[tuple[str, str, str]], query: str) -> list[tuple[str, str, str]]:
    """Entries whose code starts with, or whose name contains, the query."""
    query = query.strip()
    if not query:
        return entries
    return [e for e in entries if e[0].startswith(query) or query in e[1]]


# ---------------------------------------------------------------- reports


@dataclass(frozen=True)
class FieldRow:
    identifier: str
    name: str
    pass_rate: float | None
    percent: float | None  # 0–100 for the bar
    errors: int


@dataclass(frozen=True)
class RuleRow:
    id: str
    field: str
    check: str
    check_label: str
    count: int
    samples: list[dict]


def readable_report(report: dict, version: DataStandardVersion) -> dict:
    """A stored report with the data elements' Chinese names and check labels, for templates."""
    names = {e.identifier: e.name for e in data_elements(version.schema)}
    fields = [
        FieldRow(f["name"], names.get(f["name"], ""), f["pass_rate"],
                 None if f["pass_rate"] is None else round(f["pass_rate"] * 100, 2), f["errors"])
        for f in report["fields"]
    ]
    rules = [
        RuleRow(r["id"], r["field"], r["check"], str(CHECK_LABELS.get(r["check"], r["check"])),
                r["count"], report["samples"].get(r["id"], []))
        for r in report["rules"]
    ]
    structure = [{**s, "label": STRUCTURE_LABELS.get(s["type"], s["type"])}
                 for s in report["structure"]]
    return {"valid": report["valid"], "rows": report["rows"],
            "errors_total": report["errors_total"], "fields": fields, "rules": rules,
            "failing_rules": [r for r in rules if r.count], "structure": structure}
