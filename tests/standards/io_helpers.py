"""Shared by the import and export tests: the sample files in tests/fixtures and the import call."""

import datetime as dt
from pathlib import Path

from stdhub.refdata.classifications import ccs_classes, ics_classes
from stdhub.standards.io.importer import import_standards
from stdhub.standards.models import CCSClass, ICSClass

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = dt.date(2026, 1, 1)


def load_classes() -> None:
    """The shipped ICS and CCS tables, which the fixture files' classes come from.

    Without the parent links ``load_reference_classes`` also sets: the importer does
    not use them, and linking takes most of a second per test.
    """
    ICSClass.objects.bulk_create(ICSClass(code=c.code, name_zh=c.name_zh, name_en=c.name_en)
                                 for c in ics_classes())
    CCSClass.objects.bulk_create(CCSClass(code=c.code, name_zh=c.name_zh) for c in ccs_classes())


def run_import(actor, name_or_path, **options):
    path = name_or_path if isinstance(name_or_path, Path) else FIXTURES / name_or_path
    return import_standards(actor, path, today=TODAY, **options)


def errors_of(result) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in result.errors]
