"""The one import path for standards: check every row, then write all of it or nothing.

1. read the file (``readers``) and map its headings (``columns``);
2. check each row with ``services.clean_standard`` and the registry's limits,
   collecting every error as (row, column heading, message); codes repeated in
   the file, unknown replaced codes and rows the user may not write are errors too;
3. if anything is wrong, report it all and write nothing; otherwise write the
   plan (``plan``, ``writer``) in one transaction with one event per standard
   created or changed. ``dry_run`` stops after the plan.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField
from django.utils import timezone

from stdhub.core.permissions import can, is_programme_admin, require
from stdhub.orgs.models import Organization
from stdhub.tabular.cells import restore_cell

from .. import rules, text_search
from ..codes import CodeError, parse_code
from ..models import Standard
from ..services import DATE_FIELDS, clean_standard, split_list
from .columns import ColumnMap, HeadingError, map_headings
from .existing import SCALARS, Reference, load_brief, load_records
from .plan import Plan, Row, make_plan
from .readers import ReadError, read_table
from .report import ImportResult, RowError
from .writer import no_progress, write_plan

_LIMITS = {f.name: f.max_length for f in Standard._meta.fields
           if isinstance(f, CharField) and f.name in SCALARS}
_ORG_NAME_LIMIT = Organization._meta.get_field("name").max_length
_FROM_CODE = {"code_base", "prefix", "issuer", "number"}  # parts of the code column


@functools.lru_cache(maxsize=1 << 16)
def _date_text(text: str):
    """Parsed once per distinct text (a file repeats its dates); text that is not a date
    stays text, so that clean_standard reports it in its own words."""
    try:
        return rules.parse_date(text)
    except ValueError:
        return text


def _date(value):
    return _date_text(value) if isinstance(value, str) else value  # Excel gives datetimes


def _text(value):
    # Excel keeps numbers as numbers; everything else arrives as text already. An exported
    # file's formula-safe cells ('=…, see exporter) import as what was exported.
    return str(value) if isinstance(value, float) else restore_cell(value)


def _ics(value):
    # An ICS group typed as 35.240 is stored by Excel as the number 35.24.
    return f"{value:.3f}" if isinstance(value, float) else value


def _status(value):
    return value.lower() if isinstance(value, str) and value.isascii() else value  # "Current"


_CONVERT = {"ics": _ics, "status": _status} | {name: _date for name in DATE_FIELDS}


class _Checker:
    """Checks rows one by one, keeping the good ones and every error."""

    def __init__(self, columns: ColumnMap, ref: Reference, today: dt.date):
        self.columns, self.ref, self.today = columns, ref, today
        self.lookups = ref.lookups()
        self.present = frozenset(columns.positions)
        self.cells = [(name, pos, _CONVERT.get(name, _text))
                      for name, pos in columns.positions.items()]
        self.rows: list[Row] = []
        self.errors: list[RowError] = []
        self.first_row_of: dict[str, int] = {}  # canonical code → row number
        self.failed_codes: set[str] = set()

    def fail(self, number: int, name: str, message: str) -> None:
        self.errors.append(RowError(number, self.columns.heading_of(name), message))

    def check(self, number: int, cells: list) -> None:
        width = len(cells)
        data = {name: convert(cells[pos]) if pos < width else None
                for name, pos, convert in self.cells}
        nul = [name for name, value in data.items() if isinstance(value, str) and "\x00" in value]
        for name in nul:  # PostgreSQL cannot store it; nobody types it on purpose
            self.fail(number, name, "contains a NUL character (\\x00)")
        if nul:
            self._remember_failed_code(data.get("code"))
            return
        try:
            values = clean_standard(data, self.lookups, today=self.today)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.fail(number, name, message)
            self._remember_failed_code(data.get("code"))
            return
        record = self._record(number, values)
        if record is None:
            self._remember_failed_code(values["code"])
            return
        code = record["code"]
        if code in self.first_row_of:
            self.fail(number, "code", f"{code} is already in row {self.first_row_of[code]}")
            return
        self.first_row_of[code] = number
        self.rows.append(Row(number, record, self.present,
                             status_given=bool(str(data.get("status") or "").strip())))

    def _record(self, number: int, values: dict) -> dict | None:
        """Cleaned values in record form (organizations by full name), or None if too long."""
        ok = True
        for name, limit in _LIMITS.items():
            if values[name] and len(values[name]) > limit:
                self.fail(number, "code" if name in _FROM_CODE else name,
                          f"longer than {limit} characters")
                ok = False
        responsible = str(values["responsible_org"] or "").strip()
        drafting = split_list(values["drafting_orgs"])
        for name, orgs in (("responsible_org", [responsible]), ("drafting_orgs", drafting)):
            for org in orgs:
                if len(org) > _ORG_NAME_LIMIT:
                    self.fail(number, name, f"organization name longer than {_ORG_NAME_LIMIT} "
                                            f"characters: '{org[:40]}…'")
                    ok = False
        if not ok:
            return None
        org_name = self.ref.org_name
        return {**values, "responsible_org": org_name(responsible) if responsible else None,
                "drafting_orgs": frozenset(org_name(o) for o in drafting),
                "ics": frozenset(values["ics"]), "ccs": frozenset(values["ccs"]),
                "replaces": frozenset(values["replaces"])}

    def _remember_failed_code(self, raw) -> None:
        # A failed row's code still exists in the file: another row may replace it.
        try:
            self.failed_codes.add(parse_code(str(raw or "")).canonical)
        except CodeError:
            pass


def _permission_errors(actor, plan: Plan, row_of: dict[str, int], ref: Reference,
                       heading_of) -> list[RowError]:
    """What the acting user's policies refuse, row by row: writing a standard of another
    organization (归口单位), superseding one, or registering an organization."""
    if is_programme_admin(actor):
        return []

    def as_standard(record):  # a record names its organization, a brief gives its id
        org_id = (record["responsible_org_id"] if "responsible_org_id" in record
                  else ref.org_ids.get(record["responsible_org"]))
        return Standard(pk=record.get("pk"), code=record["code"], responsible_org_id=org_id)

    errors, unknown = [], set()
    written = [*plan.creates, *(after for _, after in plan.updates)]
    if plan.new_orgs and not can(actor, "add", Organization):
        unknown = set(plan.new_orgs)
        for record in written:
            names = [("responsible_org", record["responsible_org"]),
                     *(("drafting_orgs", n) for n in sorted(record["drafting_orgs"]))]
            errors += [RowError(row_of[record["code"]], heading_of(field),
                                f"no organization named '{name}' is registered "
                                f"(only programme administrators register organizations)")
                       for field, name in names if name in unknown]
    # A standard of an unknown organization is refused by the error above already.
    denied = [after for after in plan.creates if after["responsible_org"] not in unknown
              and not can(actor, "add", as_standard(after))]
    denied += [after for before, after in plan.updates if after["responsible_org"] not in unknown
               and not (can(actor, "change", as_standard(before))
                        and can(actor, "change", as_standard(after)))]
    errors += [RowError(row_of[after["code"]], heading_of("responsible_org"),
                        f"not allowed to write standards of '{after['responsible_org'] or '-'}'")
               for after in denied]
    name_of = {pk: name for name, pk in ref.org_ids.items()}
    errors += [RowError(row_of[new], heading_of("replaces"),
                        f"not allowed to supersede {brief['code']}: it belongs to "
                        f"'{name_of.get(brief['responsible_org_id'], '-')}'")
               for brief, new in plan.superseded if not can(actor, "change", as_standard(brief))]
    return errors


@contextlib.contextmanager
def _without_cyclic_gc():
    """A large import allocates millions of long-lived dicts and tuples; the cyclic garbage
    collector would rescan them again and again (it tripled the planning time measured on
    20,000 rows). Nothing here makes reference cycles worth collecting mid-import."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_standards(actor, path, *, dry_run: bool = False, today: dt.date | None = None,
                     progress=no_progress) -> ImportResult:
    """Import ``path`` (.csv or .xlsx) as ``actor``; see the module docstring.

    ``progress(iterable, desc, total)`` wraps long loops (the CLI passes tqdm).
    Raises PermissionDenied if ``actor`` may not add standards at all.
    """
    require(actor, "add", Standard)
    with _without_cyclic_gc():
        return _import(actor, path, dry_run=dry_run, today=today, progress=progress)


def _import(actor, path, *, dry_run, today, progress) -> ImportResult:
    today = today or timezone.localdate()
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(path, max_inflated=settings.STDHUB_MAX_XLSX_INFLATED_MB << 20)
        columns = map_headings(table.headings)
        ref = Reference.load()
        checker = _Checker(columns, ref, today)
        for number, cells in progress(table.rows, "check", table.total):
            checker.check(number, cells)
    except ReadError as exc:
        result.errors.append(RowError(None, "", str(exc)))
        return result
    except HeadingError as exc:
        result.errors.extend(RowError(table.heading_row, col, msg) for col, msg in exc.problems)
        return result
    if not checker.rows and not checker.errors:
        result.errors.append(RowError(None, "", "the file has a heading row but no rows"))
        return result

    # The registry's side is read inside the writing transaction, so the plan holds when written.
    with transaction.atomic():
        codes = set(checker.first_row_of)
        replaced = {c for row in checker.rows for c in row.record["replaces"]} - codes
        plan = make_plan(checker.rows, load_records(codes, ref), load_brief(replaced, ref), ref,
                         today=today, replaces_heading=columns.heading_of("replaces"),
                         known_codes=checker.failed_codes)
        errors = checker.errors + plan.errors + _permission_errors(
            actor, plan, checker.first_row_of, ref, columns.heading_of)
        if errors:
            order = {h: i for i, h in enumerate(table.headings)}
            result.errors = sorted(errors, key=lambda e: (e.row or 0, order.get(e.column, 0)))
            return result
        result.created, result.updated = len(plan.creates), len(plan.updates)
        result.unchanged, result.superseded = plan.unchanged, len(plan.superseded)
        result.organizations = len(plan.new_orgs)
        if not dry_run:
            written = write_plan(actor, plan, ref, message=f"imported from {Path(path).name}",
                                 progress=progress)
            text_search.index_standards(written)
    return result
