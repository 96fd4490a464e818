"""Every write to standard systems: frameworks, nodes, entries, workbook imports, demands."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from stdhub.core import events, services
from stdhub.core.permissions import require
from stdhub.projects.models import Project
from stdhub.standards.codes import CodeError, parse_code
from stdhub.standards.models import Standard

from . import tree
from .choices import (
    DEFAULT_STANDARD_TYPES,
    DemandStatus,
    EntryKind,
    EntryStatus,
    FrameworkEvent,
    FrameworkKind,
)
from .models import Demand, Entry, Framework, Node
from .queries import CUSTOMARY_COLUMNS, DETAIL_COLUMNS
from .workbook import ParsedWorkbook, read_workbook

FRAMEWORK_FIELDS = ["code", "title", "kind", "description", "organization", "standard_types",
                    "detail_columns", "source"]
ENTRY_FIELDS = ["kind", "standard", "project_ref", "title", "suggested_level", "standard_type",
                "international_code", "adoption", "replaced_code", "remark"]


def _sort_key(code: str) -> str:
    return ".".join(f"{part:>04}" for part in code.split("."))


def create_framework(actor, *, code, title, kind=FrameworkKind.SYSTEM, organization=None,
                     description="", standard_types=None, detail_columns=None,
                     source="") -> Framework:
    columns = detail_columns or list(CUSTOMARY_COLUMNS)
    unknown = [c for c in columns if c not in DETAIL_COLUMNS]
    if unknown:
        raise ValidationError({"detail_columns": [f"unknown column(s): {', '.join(unknown)}"]})
    framework = Framework(code=code, title=title, kind=kind, organization=organization,
                          description=description,
                          standard_types=standard_types or list(DEFAULT_STANDARD_TYPES),
                          detail_columns=columns, source=source)
    return services.create(actor, framework, FRAMEWORK_FIELDS)


def _new_node(framework, code, name, description, parents) -> Node:
    parent = parents.get(tree.parent_code(code)) if tree.parent_code(code) else None
    return Node(framework=framework, code=code, name=name, description=description,
                parent=parent, depth=len(tree.sort_key(code)), sort_key=_sort_key(code))


def add_node(actor, framework: Framework, *, code: str, name: str, description="") -> Node:
    try:
        code = tree.check_code(code)
    except tree.TreeError as exc:
        raise ValidationError({"code": [str(exc)]}) from exc
    if not name.strip():
        raise ValidationError({"name": ["a node needs a name"]})
    parent = tree.parent_code(code)
    parents = {n.code: n for n in framework.nodes.filter(code=parent)} if parent else {}
    if parent and parent not in parents:
        raise ValidationError({"code": [f"add its parent {parent} first"]})
    if framework.nodes.filter(code=code).exists():
        raise ValidationError({"code": [f"体系编号 {code} already exists"]})
    node = _new_node(framework, code, name.strip(), description, parents)
    require(actor, "add", node)
    with transaction.atomic():
        node.full_clean()
        node.save()
        events.record(actor, framework, FrameworkEvent.NODE_ADDED, f"{code} {node.name}")
    return node


def _project_by_plan(plan_number: str) -> Project | None:
    """The project in stdhub with this plan number, if it is one of ours."""
    return Project.objects.filter(plan_number=plan_number).first() if plan_number else None


def _standard_by_code(code: str) -> Standard | None:
    try:
        canonical = parse_code(code).canonical
    except CodeError:
        return None
    return Standard.objects.filter(code=canonical).first()


def add_entry(actor, node: Node, *, kind: str, code: str = "", title: str = "",
              suggested_level: str = "", standard_type: str = "", international_code: str = "",
              adoption: str = "", replaced_code: str = "", remark: str = "") -> Entry:
    """Place a standard, a project or a planned item under a node."""
    entry = Entry(node=node, kind=kind, title=title.strip(), suggested_level=suggested_level,
                  standard_type=standard_type, international_code=international_code,
                  adoption=adoption, replaced_code=replaced_code, remark=remark)
    errors = {}
    if kind == EntryKind.STANDARD:
        entry.standard = _standard_by_code(code)
        if entry.standard is None:
            errors["code"] = [f"{code or '(empty)'} is not in the registry"]
        elif node.entries.filter(standard=entry.standard).exists():
            errors["code"] = [f"{entry.standard.code} is already listed under {node.code}"]
    elif kind == EntryKind.PROJECT:
        entry.project_ref = code.strip()
        entry.project = _project_by_plan(entry.project_ref)
        if entry.project and not entry.title:
            entry.title = entry.project.title
        if not entry.project_ref:
            errors["code"] = ["name the project (its plan number)"]
    if kind != EntryKind.STANDARD and not entry.title:
        errors["title"] = ["a planned item or project needs a title"]
    types = node.framework.standard_types or []
    if standard_type and types and standard_type not in types:
        errors["standard_type"] = [f"'{standard_type}' is not one of {'、'.join(types)}"]
    if errors:
        raise ValidationError(errors)
    require(actor, "add", entry)
    entry.position = node.entries.count()
    with transaction.atomic():
        entry.full_clean()
        entry.save()
        events.record(actor, node.framework, FrameworkEvent.ENTRY_ADDED,
                      f"{node.code}: {entry}", events.diff_of({}, services.snapshot(
                          entry, ENTRY_FIELDS)))
    return entry


def remove_entry(actor, entry: Entry, reason: str = "") -> None:
    require(actor, "delete", entry)
    with transaction.atomic():
        framework, label = entry.node.framework, f"{entry.node.code}: {entry}"
        diff = events.diff_of(services.snapshot(entry, ENTRY_FIELDS), {})
        entry.delete()
        events.record(actor, framework, FrameworkEvent.ENTRY_REMOVED,
                      f"{label} {reason}".strip(), diff)


def _entries_of(parsed: ParsedWorkbook, framework: Framework) -> list[tuple[str, Entry]]:
    """``(node code, unsaved Entry)`` per detail row; unknown standards become row errors."""
    types = framework.standard_types or []
    codes = {}
    for row in parsed.entries:
        if row.code and row.status != EntryStatus.DEVELOPING:
            try:
                codes[row.row] = parse_code(row.code).canonical
            except CodeError as exc:
                parsed.errors.append(f"标准明细表 row {row.row}: 标准号 {row.code}: {exc}")
    known = {s.code: s for s in Standard.objects.filter(code__in=set(codes.values()))}
    out = []
    for row in parsed.entries:
        entry = Entry(title="" if row.row in codes else row.title, suggested_level=row.level,
                      standard_type=row.standard_type, international_code=row.international_code,
                      adoption=row.adoption, replaced_code=row.replaced, remark=row.remark)
        if row.standard_type and types and row.standard_type not in types:
            parsed.errors.append(f"标准明细表 row {row.row}: 标准类型 '{row.standard_type}' "
                                 f"is not one of {'、'.join(types)}")
        if row.row in codes:
            entry.kind, entry.standard = EntryKind.STANDARD, known.get(codes[row.row])
            if entry.standard is None:
                parsed.errors.append(
                    f"标准明细表 row {row.row}: {codes[row.row]} is not in the registry "
                    f"(register it first, or leave 标准号 empty for a planned item)")
        elif row.status == EntryStatus.DEVELOPING:
            entry.kind, entry.project_ref = EntryKind.PROJECT, row.code
            entry.project = _project_by_plan(row.code)
        else:
            entry.kind = EntryKind.PLANNED
        out.append((row.node, entry))
    return out


def import_workbook(actor, framework: Framework, data: bytes) -> tuple[int, int]:
    """Replace the framework's nodes and entries with a workbook's: every row checked first
    (all errors, with rows), then one transaction. Returns (nodes, entries)."""
    require(actor, "import", framework)
    parsed = read_workbook(data)
    entries = _entries_of(parsed, framework)  # adds its own errors: all are reported at once
    if parsed.errors:
        raise ValidationError(parsed.errors)
    with transaction.atomic():
        before = {"nodes": framework.nodes.count(),
                  "entries": Entry.objects.filter(node__framework=framework).count()}
        Entry.objects.filter(node__framework=framework).delete()
        framework.nodes.all().delete()
        made: dict[str, Node] = {}
        for parsed_node in sorted(parsed.nodes, key=lambda n: tree.sort_key(n.code)):
            node = _new_node(framework, parsed_node.code, parsed_node.name,
                             parsed_node.description, made)
            node.save()
            made[node.code] = node
        positions: dict[str, int] = {}
        for code, entry in entries:
            entry.node = made[code]
            entry.position = positions[code] = positions.get(code, -1) + 1
        Entry.objects.bulk_create([entry for _code, entry in entries], batch_size=1000)
        events.record(actor, framework, FrameworkEvent.FRAMEWORK_IMPORTED, "",
                      events.diff_of(before, {"nodes": len(made), "entries": len(entries)}))
    return len(made), len(entries)


def submit_demand(actor, node: Node, *, title: str, description: str, suggested_level="",
                  submitter_name: str = "", organization=None) -> Demand:
    """Anyone raises a need for a standard under a node (signed-in people as themselves)."""
    errors = {}
    if not title.strip():
        errors["title"] = ["name the standard that is needed"]
    if not description.strip():
        errors["description"] = ["say what the standard should cover and why"]
    if errors:
        raise ValidationError(errors)
    user = actor if getattr(actor, "pk", None) else None
    demand = Demand(node=node, title=title.strip(), description=description.strip(),
                    suggested_level=suggested_level, organization=organization,
                    submitted_by=user, submitter_name=submitter_name.strip()[:100])
    require(actor, "add", demand)
    with transaction.atomic():
        demand.full_clean()
        demand.save()
        # The submitter's name is personal data: it stays on the demand, not in the chain.
        events.record(actor, demand, FrameworkEvent.DEMAND_SUBMITTED, demand.title)
    return demand


def review_demand(actor, demand: Demand, *, accept: bool, response: str = "",
                  standard_type: str = "") -> Entry | None:
    """Accept a demand as a planned entry of its node, or decline it with a reason."""
    require(actor, "review", demand)
    if demand.status != DemandStatus.OPEN:
        raise ValidationError(f"the demand is already {demand.get_status_display()}")
    if not accept and not response.strip():
        raise ValidationError({"response": ["say why the demand is declined"]})
    with transaction.atomic():
        entry = None
        if accept:
            entry = add_entry(actor, demand.node, kind=EntryKind.PLANNED, title=demand.title,
                              suggested_level=demand.suggested_level,
                              standard_type=standard_type, remark=response)
        before = demand.status
        demand.status = DemandStatus.ACCEPTED if accept else DemandStatus.DECLINED
        demand.response, demand.entry = response.strip(), entry
        demand.save(update_fields=["status", "response", "entry"])
        events.record(actor, demand, FrameworkEvent.DEMAND_ACCEPTED if accept
                      else FrameworkEvent.DEMAND_DECLINED, response.strip(),
                      {"status": [before, demand.status]})
    return entry


def load_framework(actor, data: dict, organizations: dict) -> tuple[Framework, bool]:
    """A framework from a data file's plain values (nodes as ``[code, name, description]``,
    entries naming a registered standard by ``code`` or a planned item by ``title``);
    an existing framework (same code) is left as it is. ``organizations`` maps full names."""
    existing = Framework.objects.filter(code=data["code"]).first()
    if existing:
        return existing, False
    with transaction.atomic():
        framework = create_framework(
            actor, code=data["code"], title=data["title"], kind=data.get("kind", "system"),
            organization=organizations.get(data.get("organization")),
            standard_types=data.get("standard_types"), source=data.get("source", ""))
        nodes = {code: add_node(actor, framework, code=code, name=name, description=text)
                 for code, name, text in data.get("nodes", [])}
        for row in data.get("entries", []):
            add_entry(actor, nodes[row["node"]],
                      kind=EntryKind.STANDARD if row.get("code") else EntryKind.PLANNED,
                      code=row.get("code", ""), title=row.get("title", ""),
                      suggested_level=row.get("level", ""), standard_type=row.get("type", ""))
    return framework, True
