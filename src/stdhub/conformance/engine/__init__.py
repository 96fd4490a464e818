"""The pure engine of executable data standards (no Django): load a spec, validate a file.

spec = load_spec("standard.json")
report = validate(spec, "data.csv", errors_path="failures.parquet")
report.valid, report.to_json(), report.to_xlsx("report.xlsx")
"""

from .builtin_lists import builtin_registry
from .codelists import Code, CodeList, CodeListRegistry, read_code_list
from .errors import CodeListError, SourceError, SpecError
from .report import FieldStat, Report, RuleCount, Sample, StructureIssue
from .spec import FieldSpec, ForeignKey, Spec, load_spec, parse_spec
from .validator import validate

__all__ = [
    "Code",
    "CodeList",
    "CodeListError",
    "CodeListRegistry",
    "FieldSpec",
    "FieldStat",
    "ForeignKey",
    "Report",
    "RuleCount",
    "Sample",
    "SourceError",
    "Spec",
    "SpecError",
    "StructureIssue",
    "builtin_registry",
    "load_spec",
    "parse_spec",
    "read_code_list",
    "validate",
]
