"""A data standard's schema as the table of data elements (数据元) people read.

Columns: 标识符, 中文名称, 类型, 长度, 值域, 必填, 校验规则. The schema was checked
when it was published, so its shapes can be trusted here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

TYPE_LABELS = {
    "string": "字符型", "integer": "整数型", "number": "数值型", "boolean": "布尔型",
    "date": "日期型", "datetime": "日期时间型", "year": "年份",
}
CHECKSUM_LABELS = {"GB 32100": "统一社会信用代码", "GB 11643": "公民身份号码"}
SHOWN_ENUM = 12


@dataclass(frozen=True)
class DataElement:
    identifier: str  # 标识符: the column name in a dataset
    name: str  # 中文名称
    type: str  # Table Schema type
    type_label: str  # 类型 as written in data element standards
    length: str  # 长度
    domain: str  # 值域
    required: bool  # 必填
    rules: list[str] = field(default_factory=list)  # 校验规则
    description: str = ""
    code_list: str | None = None  # referenced code list identifier
    code_list_version: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _length(constraints: dict) -> str:
    low, high = constraints.get("minLength"), constraints.get("maxLength")
    if low is not None and low == high:
        return str(low)
    if low is not None and high is not None:
        return f"{low}–{high}"
    if high is not None:
        return f"≤{high}"
    if low is not None:
        return f"≥{low}"
    return ""


def _range(constraints: dict) -> str:
    """Bounds in interval notation: [1, 100], (0, +∞)."""
    if "minimum" in constraints:
        low = f"[{constraints['minimum']}"
    elif "exclusiveMinimum" in constraints:
        low = f"({constraints['exclusiveMinimum']}"
    else:
        low = "(−∞"
    if "maximum" in constraints:
        high = f"{constraints['maximum']}]"
    elif "exclusiveMaximum" in constraints:
        high = f"{constraints['exclusiveMaximum']})"
    else:
        high = "+∞)"
    return "" if low == "(−∞" and high == "+∞)" else f"{low}, {high}"


def _code_list_ref(raw) -> tuple[str | None, str | None]:
    if raw is None:
        return None, None
    if isinstance(raw, str):
        return raw, None
    return raw.get("id"), raw.get("version")


def _domain(spec_field: dict, list_id: str | None, list_version: str | None) -> str:
    constraints = spec_field.get("constraints", {})
    parts = []
    if list_id:
        version = f" ({list_version})" if list_version else ""
        parts.append(_("代码表 %(list)s") % {"list": f"{list_id}{version}"})
    if "enum" in constraints:
        values = [str(v) for v in constraints["enum"]]
        more = "…" if len(values) > SHOWN_ENUM else ""
        parts.append(_("取值 %(values)s") % {"values": "、".join(values[:SHOWN_ENUM]) + more})
    if bounds := _range(constraints):
        parts.append(bounds)
    return "；".join(parts)


def _rules(spec_field: dict, key_of: dict[str, list[str]]) -> list[str]:
    constraints = spec_field.get("constraints", {})
    rules = []
    if spec_field.get("format", "default") != "default":
        rules.append(_("格式 %(format)s") % {"format": spec_field["format"]})
    if "pattern" in constraints:
        rules.append(_("模式 %(pattern)s") % {"pattern": constraints["pattern"]})
    if checksum := spec_field.get("checksum"):
        label = CHECKSUM_LABELS.get(checksum, "")
        rules.append(_("%(standard)s %(label)s校验位") % {"standard": checksum, "label": label})
    if constraints.get("unique"):
        rules.append(_("唯一"))
    rules += key_of.get(spec_field["name"], [])
    return rules


def _key_rules(schema: dict) -> dict[str, list[str]]:
    """Rules the table-level keys put on each field: primary key, foreign keys."""
    out: dict[str, list[str]] = {}
    primary = schema.get("primaryKey") or []
    primary = [primary] if isinstance(primary, str) else primary
    for name in primary:
        out.setdefault(name, []).append(_("主键") if len(primary) == 1 else _("联合主键"))
    for fk in schema.get("foreignKeys") or []:
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        reference = fk.get("reference", {})
        target_fields = reference.get("fields")
        if isinstance(target_fields, list):
            target_fields = ", ".join(target_fields)
        target = f"{reference.get('resource') or _('本表')}.{target_fields}"
        for name in fields:
            out.setdefault(name, []).append(_("外键 → %(target)s") % {"target": target})
    return out


def data_elements(schema: dict) -> list[DataElement]:
    """One DataElement per field of a published Table Schema, in schema order."""
    key_of = _key_rules(schema)
    elements = []
    for spec_field in schema.get("fields", []):
        constraints = spec_field.get("constraints", {})
        list_id, list_version = _code_list_ref(spec_field.get("codeList"))
        type_ = spec_field.get("type", "string")
        elements.append(DataElement(
            identifier=spec_field["name"],
            name=str(spec_field.get("title", "")),
            type=type_,
            type_label=TYPE_LABELS.get(type_, type_),
            length=_length(constraints),
            domain=_domain(spec_field, list_id, list_version),
            required=bool(constraints.get("required", False)),
            rules=_rules(spec_field, key_of),
            description=str(spec_field.get("description", "")),
            code_list=list_id,
            code_list_version=list_version,
        ))
    return elements
