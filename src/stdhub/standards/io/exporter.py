"""Write standards as the customary detail table (标准明细表) in CSV or .xlsx, or as JSON.

The table's headings are the importer's first headings (``columns.SYNONYMS``),
so an exported file imports back unchanged: 序号, 层级, 性质 and 复审到期 are
derived columns the importer accepts and ignores. Everything streams: standards
are read ``CHUNK`` at a time as plain records (no model instances), CSV and
JSON come out piece by piece, and .xlsx uses openpyxl's write-only mode.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db.models import QuerySet
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from stdhub.core.permissions import scope
from stdhub.tabular.cells import safe_cell

from ..choices import Level, Nature, Status
from ..filters import StandardFilter
from ..models import Standard
from ..text_search import matching_ids_queryset
from .columns import DERIVED, SYNONYMS
from .existing import SCALARS, relations_of

CHUNK = 2000
LIST_SEPARATOR = "; "  # ICS, CCS and replaced codes
NAME_SEPARATOR = "、"  # organizations, as a Chinese list writes them
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


class SelectionError(ValueError):
    """The filter parameters are not valid; the message lists why."""


def selected_standards(user, params) -> QuerySet[Standard]:
    """The standards the list page shows ``user`` for ``params`` (filters, ``q``, ``ordering``)."""
    filterset = StandardFilter(params, queryset=scope(user, "view", Standard.objects.all()))
    if not filterset.is_valid():
        raise SelectionError("; ".join(f"{field}: {' '.join(errors)}"
                                       for field, errors in filterset.errors.items()))
    queryset = filterset.qs
    query = (params.get("q") or "").strip()
    # The list page ranks a search; a file keeps the list's own order (``ordering`` or code).
    return queryset.filter(pk__in=matching_ids_queryset(query)) if query else queryset


def records_of(queryset: QuerySet[Standard], reader) -> Iterator[dict]:
    """Each standard of ``queryset`` as a plain record: stored values, relations as sorted lists,
    the responsible organization by name; replaced standards only where ``reader`` may see
    them. Read ``CHUNK`` standards (and their relations) at once."""
    rows = queryset.values("pk", "responsible_org__name", *SCALARS).iterator(chunk_size=CHUNK)
    replaceable = scope(reader, "view", Standard.objects.all())
    while chunk := list(islice(rows, CHUNK)):
        relations = relations_of([row["pk"] for row in chunk], replaceable=replaceable)
        for row in chunk:
            row["responsible_org"] = row.pop("responsible_org__name")
            row.update((name, sorted(values)) for name, values in relations[row["pk"]].items())
            yield row


@functools.cache
def _chinese(choices, value: str) -> str:
    """The Chinese half of a bilingual choice label (``'国家标准 National'`` → ``'国家标准'``)."""
    if not value:
        return ""
    with translation.override("zh-hans"):
        return str(choices(value).label).split(" ", 1)[0]


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[dict], object]  # of a record; dates stay dates


def _field(name: str, join: str | None = None) -> Column:
    if join:
        return Column(SYNONYMS[name][0], lambda r: join.join(r[name]))
    return Column(SYNONYMS[name][0], lambda r: r[name])


def _label(name: str, choices) -> Column:
    return Column(SYNONYMS.get(name, DERIVED.get(name, (name,)))[0],
                  lambda r: _chinese(choices, r[name]))


TABLE: list[Column] = [
    _field("code"), _field("title_zh"), _field("title_en"),
    _label("level", Level), _label("nature", Nature), _label("status", Status),
    _field("issued_on"), _field("effective_on"),
    _field("ics", LIST_SEPARATOR), _field("ccs", LIST_SEPARATOR),
    Column(SYNONYMS["responsible_org"][0], lambda r: r["responsible_org"] or ""),
    _field("replaces", LIST_SEPARATOR),
    Column(DERIVED["review_due_on"][0], lambda r: r["review_due_on"]),
    # Beyond the customary columns: the rest of the record, so nothing is lost on re-import.
    _field("withdrawn_on"), _field("last_reviewed_on"), _field("issuing_body"),
    _field("drafting_orgs", NAME_SEPARATOR), _field("adopted_code"), _field("adoption"),
    _field("scope"),
]
HEADINGS = [DERIVED["row_number"][0], *(c.heading for c in TABLE)]
XLSX_WIDTHS = {"序号": 6, "标准号": 22, "标准名称": 48, "英文名称": 40, "适用范围": 40}
JSON_FIELDS = ["code", "title_zh", "title_en", "level", "nature", "status", "issued_on",
               "effective_on", "withdrawn_on", "last_reviewed_on", "review_due_on", "ics", "ccs",
               "responsible_org", "drafting_orgs", "issuing_body", "replaces", "adopted_code",
               "adoption", "scope"]


def table_rows(records: Iterable[dict]) -> Iterator[list]:
    """Rows for a spreadsheet: text that would run as a formula is neutralised."""
    for number, record in enumerate(records, start=1):
        yield [number, *(safe_cell(column.value(record)) for column in TABLE)]


class _Line:
    """A file-like that hands back what csv.writer writes, so CSV can stream."""

    def write(self, text: str) -> str:
        return text


def _text(value) -> object:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else value


def csv_chunks(records: Iterable[dict]) -> Iterator[str]:
    """CSV text with a UTF-8 BOM first, so Excel opens the Chinese correctly."""
    writer = csv.writer(_Line())
    yield codecs.BOM_UTF8.decode("utf-8") + writer.writerow(HEADINGS)
    for row in table_rows(records):
        yield writer.writerow([_text(v) for v in row])


def json_chunks(records: Iterable[dict]) -> Iterator[str]:
    """A JSON array of records (field names, stored values), one standard per line."""
    yield "["
    separator = "\n"
    for record in records:
        yield separator + json.dumps({k: record[k] for k in JSON_FIELDS}, ensure_ascii=False,
                                     default=str)
        separator = ",\n"
    yield "\n]\n"


def write_xlsx(records: Iterable[dict], target) -> None:
    """The detail table as one sheet of a workbook at ``target`` (a path or a binary file)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("标准明细表")
    sheet.freeze_panes = "C2"
    for i, heading in enumerate(HEADINGS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = XLSX_WIDTHS.get(heading, 14)
    bold = Font(bold=True)
    header = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table_rows(records):
        sheet.append(row)
    book.save(target)


def write(records: Iterable[dict], fmt: str, out) -> None:
    """Write ``records`` in ``fmt`` (csv, xlsx or json) to the binary file ``out``."""
    if fmt == "xlsx":
        write_xlsx(records, out)
        return
    for chunk in (csv_chunks if fmt == "csv" else json_chunks)(records):
        out.write(chunk.encode("utf-8"))
