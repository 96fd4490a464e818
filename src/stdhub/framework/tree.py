"""Pure logic of a standard system (GB/T 13016): node codes, the statistics table, coverage
and gaps (短板), and the structure diagram's layout.

No Django here: queries feed plain rows in, pages and exports read the results, and the
tests run without a database.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_CODE = re.compile(r"^[1-9]\d{0,3}(?:\.[1-9]\d{0,3}){0,7}$")
MAX_DEPTH = 8


class TreeError(ValueError):
    """A node code or tree that cannot be used."""


def check_code(code: str) -> str:
    """A hierarchical node code (``1``, ``1.2``, ``1.2.3``), full-width digits folded."""
    text = str(code or "").strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    if not _CODE.match(text):
        raise TreeError(f"体系编号 '{code}' must be numbers joined by dots, such as 1, 1.2 or "
                        f"1.2.3 (at most {MAX_DEPTH} levels, no zeros)")
    return text


def parent_code(code: str) -> str | None:
    return code.rpartition(".")[0] or None


def sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def check_tree(codes: Iterable[str]) -> list[str]:
    """Errors of a set of node codes: duplicates, and nodes whose parent is missing."""
    seen = Counter(codes)
    errors = [f"体系编号 {code} appears {n} times" for code, n in seen.items() if n > 1]
    errors += [f"体系编号 {code}: its parent {parent_code(code)} is missing"
               for code in seen if parent_code(code) and parent_code(code) not in seen]
    return errors


@dataclass(frozen=True)
class EntryRow:
    """One line of the detail table, as the statistics need it."""

    node: str  # node code
    status: str  # current | developing | planned | lapsed
    level: str = ""  # 宜定级别
    standard_type: str = ""


@dataclass(frozen=True)
class StatRow:
    key: str
    required: int  # 应有数: every standard the system needs here
    existing: int  # 现有数: those already current

    @property
    def ratio(self) -> float | None:
        """现有数/应有数 in percent, one decimal; None when nothing is required."""
        return round(self.existing * 100 / self.required, 1) if self.required else None


def statistics(entries: Iterable[EntryRow], by: str, order: Iterable[str] = ()) -> list[StatRow]:
    """The statistics table (标准统计表) grouped ``by`` ``level``, ``standard_type`` or
    ``status``: one row per value (in ``order`` first, then as met), and a total row."""
    required, existing = Counter(), Counter()
    for entry in entries:
        key = getattr(entry, by) or ""
        if entry.status == "lapsed":
            continue  # a withdrawn standard meets no need and is no longer required as such
        required[key] += 1
        existing[key] += entry.status == "current"
    order = list(order)
    keys = order + [k for k in required if k not in order]
    rows = [StatRow(k, required[k], existing[k]) for k in dict.fromkeys(keys)]
    rows.append(StatRow("total", sum(required.values()), sum(existing.values())))
    return rows


@dataclass
class Coverage:
    """What a node and its branch need (应有数) and have (现有数)."""

    code: str
    own_required: int = 0
    own_existing: int = 0
    required: int = 0  # over the whole branch
    existing: int = 0
    leaf: bool = True

    @property
    def ratio(self) -> float | None:
        return round(self.existing * 100 / self.required, 1) if self.required else None

    @property
    def gap(self) -> bool:
        """短板: needs that no current standard meets, or a leaf with no standard at all."""
        return self.own_required > self.own_existing or (self.leaf and self.required == 0)


def coverage(codes: Iterable[str], entries: Iterable[EntryRow]) -> dict[str, Coverage]:
    """Coverage of every node, branch totals summed from the leaves up."""
    nodes = {code: Coverage(code) for code in codes}
    for entry in entries:
        node = nodes.get(entry.node)
        if node is None or entry.status == "lapsed":
            continue
        node.own_required += 1
        node.own_existing += entry.status == "current"
    for code in nodes:
        if (parent := parent_code(code)) in nodes:
            nodes[parent].leaf = False
    for code in sorted(nodes, key=lambda c: -len(sort_key(c))):  # deepest first
        node = nodes[code]
        node.required += node.own_required
        node.existing += node.own_existing
        if (parent := parent_code(code)) in nodes:
            nodes[parent].required += node.required
            nodes[parent].existing += node.existing
    return nodes


@dataclass(frozen=True)
class Box:
    code: str
    name: str
    x: float
    y: float
    gap: bool


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Diagram:
    boxes: list[Box] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    width: float = 0
    height: float = 0
    box_width: int = 0
    box_height: int = 0
    hidden: int = 0  # nodes deeper than the diagram shows


def diagram(nodes: list[tuple[str, str]], gaps: set[str] = frozenset(), *, depth: int = 3,
            box_width: int = 120, box_height: int = 40, gap_x: int = 16,
            gap_y: int = 36) -> Diagram:
    """Layout of the structure diagram (结构图) of ``(code, name)`` nodes to ``depth`` levels:
    leaves side by side, each parent centred over its children, one row per level."""
    shown = sorted((c for c, _ in nodes if len(sort_key(c)) <= depth), key=sort_key)
    names = dict(nodes)
    children = defaultdict(list)
    for code in shown:
        children[parent_code(code)].append(code)
    out = Diagram(box_width=box_width, box_height=box_height,
                  hidden=len(nodes) - len(shown))
    slot = box_width + gap_x
    next_leaf = 0.0

    def place(code: str, level: int) -> float:
        nonlocal next_leaf
        kids = children.get(code, [])
        if kids:
            xs = [place(kid, level + 1) for kid in kids]
            x = (xs[0] + xs[-1]) / 2
        else:
            x = next_leaf
            next_leaf += slot
        y = level * (box_height + gap_y)
        out.boxes.append(Box(code, names[code], x, y, code in gaps))
        for kid_x in (xs if kids else []):
            out.links.append(Link(x + box_width / 2, y + box_height,
                                  kid_x + box_width / 2, y + box_height + gap_y))
        return x

    for root in children.get(None, []):
        place(root, 0)
    levels = max((len(sort_key(b.code)) for b in out.boxes), default=0)
    out.width = max(next_leaf - gap_x, 0)
    out.height = max(levels * (box_height + gap_y) - gap_y, 0)
    return out
