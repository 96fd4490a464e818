"""Loading a data standard: a Frictionless Table Schema with stdhub's extensions.

Extensions on a field: ``"codeList": "<id>"`` or ``{"id": ..., "version": ...}``
(the cell text must be a code of that list) and ``"checksum": "GB 32100"`` or
``"GB 11643"``. Everything is checked when the spec is loaded, so a spec that
loads can always be compiled into rules.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .checksums import CHECKSUMS
from .codelists import CodeList, CodeListRegistry
from .errors import CodeListError, SpecError
from .parsing import DEFAULT_FALSE_VALUES, DEFAULT_TRUE_VALUES, TYPE_CONSTRAINTS, TypeReader

MAX_DEPTH = 32  # a Table Schema needs 5 levels; deeper is a mistake or an attack

SCHEMA_PROPERTIES = frozenset(
    {
        "fields",
        "primaryKey",
        "foreignKeys",
        "missingValues",
        "$schema",
        "profile",
        "name",
        "title",
        "description",
        "version",
    }
)
FIELD_PROPERTIES = frozenset(
    {
        "name",
        "type",
        "format",
        "title",
        "description",
        "example",
        "rdfType",
        "constraints",
        "missingValues",
        "trueValues",
        "falseValues",
        "bareNumber",
        "groupChar",
        "decimalChar",
        "codeList",
        "checksum",
    }
)
CONSTRAINTS = frozenset({"required", "unique"}).union(*TYPE_CONSTRAINTS.values())
DEFAULT_MISSING_VALUES = ("",)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    reader: TypeReader
    title: str = ""
    description: str = ""
    required: bool = False
    unique: bool = False
    # Type-specific constraints with their values already read: lengths as int,
    # pattern as str, bounds as typed scalars, enum as a typed Series.
    constraints: Mapping[str, object] = field(default_factory=dict)
    code_list: CodeList | None = None
    checksum: str | None = None
    missing_values: tuple[str, ...] = DEFAULT_MISSING_VALUES

    @property
    def type(self) -> str:
        return self.reader.type

    @property
    def label(self) -> str:
        return f"{self.name!r} ({self.title})" if self.title else repr(self.name)


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # "" is this same table
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Spec:
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    title: str = ""

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


def load_spec(path: str | Path, registry: CodeListRegistry | None = None) -> Spec:
    """Read a spec from a JSON file; SpecError says what is wrong with it."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError(f"cannot read the spec file {path}: {error}") from error
    return parse_spec(loads_spec(text), registry)


def loads_spec(text: str) -> object:
    """The spec's JSON text decoded; SpecError for bad JSON and for nesting no spec needs
    (``[`` × 100,000 would exhaust the parser's recursion)."""
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise SpecError(
            f"the spec is not valid JSON: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise SpecError(f"the spec is nested deeper than {MAX_DEPTH} levels") from None
    _check_shape(descriptor)
    return descriptor


def _check_shape(descriptor: object) -> None:
    """No deeper than MAX_DEPTH, and every text valid Unicode: a lone surrogate (JSON
    ``"\\ud800"``) could be stored but never encoded into a page or a file."""
    stack = [(descriptor, 1, "the spec")]
    while stack:
        value, depth, where = stack.pop()
        if depth > MAX_DEPTH:
            raise SpecError(f"the spec is nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, Mapping):
            for key, item in value.items():
                _check_text(key, where)
                stack.append((item, depth + 1, f"{where}.{key}"))
        elif isinstance(value, list):
            stack.extend((item, depth + 1, f"{where}[{i}]") for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where)


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise SpecError(f"{where.encode('utf-8', 'backslashreplace').decode()}: text holds "
                        f"an invalid character (a lone surrogate at position {error.start})"
                        ) from None
    if "\x00" in text:
        raise SpecError(f"{where}: text holds a NUL character (\\x00)")


def parse_spec(descriptor: object, registry: CodeListRegistry | None = None) -> Spec:
    """Build a Spec from a decoded Table Schema descriptor."""
    if registry is None:
        from .builtin_lists import builtin_registry

        registry = builtin_registry()
    _check_shape(descriptor)
    schema = _mapping(descriptor, "the spec")
    _reject_unknown(schema, SCHEMA_PROPERTIES, "the spec")
    missing_values = _missing_values(schema.get("missingValues"), "missingValues")
    raw_fields = schema.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise SpecError("the spec must have a non-empty list 'fields'")
    fields = tuple(
        _field(raw, f"fields[{i}]", missing_values, registry) for i, raw in enumerate(raw_fields)
    )
    names = [f.name for f in fields]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SpecError(f"field names are repeated: {', '.join(repeated)}")
    primary_key = _field_list(schema.get("primaryKey", []), "primaryKey", names, allow_empty=True)
    foreign_keys = tuple(
        _foreign_key(raw, f"foreignKeys[{i}]", names)
        for i, raw in enumerate(_list(schema.get("foreignKeys", []), "foreignKeys"))
    )
    keyed = [fk.fields for fk in foreign_keys]
    if len(set(keyed)) != len(keyed):
        raise SpecError("two foreignKeys are declared on the same fields")
    return Spec(fields, primary_key, foreign_keys, str(schema.get("title", "")))


def _field(raw: object, where: str, missing_values: tuple[str, ...], registry) -> FieldSpec:
    raw = _mapping(raw, where)
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise SpecError(f"{where}: a field needs a non-empty string 'name'")
    where = f"field {name!r}"
    _reject_unknown(raw, FIELD_PROPERTIES, where)
    try:
        reader = TypeReader(
            type=raw.get("type", "string"),
            format=_string(raw.get("format", "default"), f"{where}: format"),
            true_values=tuple(
                _strings(raw.get("trueValues", DEFAULT_TRUE_VALUES), f"{where}: trueValues")
            ),
            false_values=tuple(
                _strings(raw.get("falseValues", DEFAULT_FALSE_VALUES), f"{where}: falseValues")
            ),
            bare_number=_bool(raw.get("bareNumber", True), f"{where}: bareNumber"),
            group_char=_string(raw.get("groupChar", ""), f"{where}: groupChar"),
            decimal_char=_string(raw.get("decimalChar", "."), f"{where}: decimalChar") or ".",
        )
    except SpecError as error:
        raise SpecError(f"{where}: {error}") from None
    constraints = _mapping(raw.get("constraints", {}), f"{where}: constraints")
    _reject_unknown(constraints, CONSTRAINTS, f"{where}: constraints", kind="constraint")
    misplaced = set(constraints) - TYPE_CONSTRAINTS[reader.type] - {"required", "unique"}
    if misplaced:
        raise SpecError(
            f"{where}: constraint {sorted(misplaced)[0]!r} does not apply to type {reader.type!r}"
        )
    checksum = raw.get("checksum")
    if checksum is not None:
        if checksum not in CHECKSUMS:
            raise SpecError(
                f"{where}: unknown checksum {checksum!r} (supported: {', '.join(CHECKSUMS)})"
            )
        if reader.type != "string":
            raise SpecError(f"{where}: a checksum needs type 'string', not {reader.type!r}")
    return FieldSpec(
        name=name,
        reader=reader,
        title=str(raw.get("title", "")),
        description=str(raw.get("description", "")),
        required=_bool(constraints.get("required", False), f"{where}: required"),
        unique=_bool(constraints.get("unique", False), f"{where}: unique"),
        constraints={
            key: _constraint(key, value, reader, f"{where}: constraint {key!r}")
            for key, value in constraints.items()
            if key not in {"required", "unique"}
        },
        code_list=_code_list(raw.get("codeList"), registry, where),
        checksum=checksum,
        missing_values=_missing_values(
            raw.get("missingValues", missing_values), f"{where}: missingValues"
        ),
    )


def _constraint(key: str, value: object, reader: TypeReader, where: str) -> object:
    if key in {"minLength", "maxLength"}:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise SpecError(f"{where} must be a non-negative integer, not {value!r}")
        return value
    if key == "pattern":
        if not isinstance(value, str):
            raise SpecError(f"{where} must be a string")
        try:
            pl.select(pl.lit("").str.contains(full_match(value)))
        except pl.exceptions.PolarsError as error:
            raise SpecError(f"{where} is not a valid regular expression: {error}") from None
        return value
    if key == "enum":
        values = reader.read_values(_list(value, where, non_empty=True), where)
    else:
        values = reader.read_values([value], where)
    if values.dtype.is_float() and not values.is_finite().all():
        raise SpecError(f"{where} must be a finite number, not {value!r}")
    return values if key == "enum" else values[0]


def full_match(pattern: str) -> str:
    """The pattern anchored at both ends, as Table Schema means it."""
    return f"^(?:{pattern})$"


def _code_list(raw: object, registry: CodeListRegistry, where: str) -> CodeList | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        list_id, version = raw, None
    else:
        raw = _mapping(raw, f"{where}: codeList")
        list_id, version = raw.get("id"), raw.get("version")
        if not isinstance(list_id, str) or (version is not None and not isinstance(version, str)):
            raise SpecError(
                f"{where}: codeList needs a string 'id' and an optional string 'version'"
            )
    try:
        return registry.get(list_id, version)
    except CodeListError as error:
        raise SpecError(f"{where}: {error}") from None


def _foreign_key(raw: object, where: str, names: list[str]) -> ForeignKey:
    raw = _mapping(raw, where)
    reference = _mapping(raw.get("reference"), f"{where}: reference")
    resource = reference.get("resource", "")
    if not isinstance(resource, str):
        raise SpecError(f"{where}: reference.resource must be a string")
    fields = _field_list(raw.get("fields"), f"{where}: fields", names)
    ref_names = names if resource == "" else None
    ref_fields = _field_list(reference.get("fields"), f"{where}: reference.fields", ref_names)
    if len(ref_fields) != len(fields):
        raise SpecError(f"{where}: fields and reference.fields differ in length")
    return ForeignKey(fields, resource, ref_fields)


def _field_list(
    raw: object, where: str, names: Sequence[str] | None, allow_empty=False
) -> tuple[str, ...]:
    """A field name or list of names; with ``names``, each must be one of them."""
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise SpecError(f"{where} must be a field name or a list of field names")
    if not items and not allow_empty:
        raise SpecError(f"{where} names no field")
    if len(set(items)) != len(items):
        raise SpecError(f"{where} names a field twice")
    for item in items:
        if names is not None and item not in names:
            raise SpecError(f"{where} names {item!r}, which is not a field of the spec")
    return tuple(items)


def _missing_values(raw: object, where: str) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_MISSING_VALUES
    return tuple(_strings(raw, where))


def _strings(raw: object, where: str) -> list[str]:
    if not isinstance(raw, (list, tuple)) or not all(isinstance(v, str) for v in raw):
        raise SpecError(f"{where} must be a list of strings")
    return list(raw)


def _string(raw: object, where: str) -> str:
    if not isinstance(raw, str):
        raise SpecError(f"{where} must be a string, not {raw!r}")
    return raw


def _list(raw: object, where: str, non_empty: bool = False) -> list:
    if not isinstance(raw, list) or (non_empty and not raw):
        raise SpecError(f"{where} must be a {'non-empty ' if non_empty else ''}list")
    return raw


def _mapping(raw: object, where: str) -> Mapping:
    if not isinstance(raw, Mapping):
        raise SpecError(f"{where} must be a JSON object, not {type(raw).__name__}")
    return raw


def _bool(raw: object, where: str) -> bool:
    if not isinstance(raw, bool):
        raise SpecError(f"{where} must be true or false, not {raw!r}")
    return raw


def _reject_unknown(
    raw: Mapping, known: frozenset[str], where: str, kind: str = "property"
) -> None:
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SpecError(f"{where}: unknown {kind} {key!r}{hint}")
