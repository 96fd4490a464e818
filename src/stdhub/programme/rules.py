"""Pure rules of a programme: metric specs, reporting periods, a target's status.

No Django here: the data file, the services and the dashboard all read these, and the
tests run them without a database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

STANDARD_LEVELS = ("international", "national", "industry", "local", "group", "enterprise")
UNIT_LEVELS = ("national", "provincial", "municipal")  # pilots and committees
METRIC_KINDS = ("standards", "pilots", "committees", "manual")


class RuleError(ValueError):
    """A programme datum that cannot be used (a bad metric, period or date)."""


@dataclass(frozen=True)
class Metric:
    """How a target's value is counted: ``kind`` over records of ``levels`` dated in a window,
    for standards optionally only those placed in the standard system ``framework``."""

    kind: str
    levels: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    framework: str | None = None


def _date(value, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleError(f"{name}: '{value}' is not a date (YYYY-MM-DD)") from None


def parse_metric(spec: dict) -> Metric:
    """Check a metric spec from a data file or form; raise RuleError naming what is wrong."""
    if not isinstance(spec, dict):
        raise RuleError("metric: expected an object")
    kind = spec.get("kind")
    if kind not in METRIC_KINDS:
        raise RuleError(f"metric kind '{kind}' is not one of {', '.join(METRIC_KINDS)}")
    allowed = STANDARD_LEVELS if kind == "standards" else UNIT_LEVELS
    levels = spec.get("levels") or []
    if not isinstance(levels, list) or any(level not in allowed for level in levels):
        raise RuleError(f"metric levels {levels!r}: each must be one of {', '.join(allowed)}")
    start = _date(spec.get("issued_from", spec.get("from")), "metric start")
    end = _date(spec.get("issued_to", spec.get("to")), "metric end")
    if start and end and start > end:
        raise RuleError(f"metric window {start} … {end} ends before it starts")
    framework = spec.get("framework") or None
    if framework is not None and (kind != "standards" or not isinstance(framework, str)):
        raise RuleError("metric framework: only a standards metric names a framework code")
    return Metric(kind, tuple(levels), start, end, framework)


_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H[12]|(?:0[1-9]|1[0-2])))?$")


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """A reporting period (``2019``, ``2019-H1``, ``2019-Q3``, ``2019-07``) as its first and
    last day."""
    match = _PERIOD.match(str(text or "").strip())
    if not match:
        raise RuleError(f"period '{text}': write a year (2019), half (2019-H1), quarter "
                        f"(2019-Q3) or month (2019-07)")
    year, part = int(match["year"]), match["part"]
    if part is None:
        first, months = 1, 12
    elif part[0] == "H":
        first, months = (int(part[1]) - 1) * 6 + 1, 6
    elif part[0] == "Q":
        first, months = (int(part[1]) - 1) * 3 + 1, 3
    else:
        first, months = int(part), 1
    start = dt.date(year, first, 1)
    last_month = first + months - 1
    end = (dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1))
    return start, end - dt.timedelta(days=1)


def target_status(value: float | None, goal: float, *, starts: dt.date, due: dt.date,
                  today: dt.date) -> str:
    """``met``, ``on-track``, ``behind``, ``missed`` or ``no-data``.

    A target is on track while its value is at least the share of the goal that the time
    elapsed since the programme started would call for.
    """
    if value is None:
        return "no-data"
    if value >= goal:
        return "met"
    if today > due:
        return "missed"
    span = max((due - starts).days, 1)
    elapsed = min(max((today - starts).days, 0), span)
    return "on-track" if value >= goal * elapsed / span else "behind"


REPORT_EVERY = {"year": 12, "half": 6, "quarter": 3}


def periods(start: dt.date, end: dt.date, every: str) -> list[str]:
    """The reporting periods (``2019-H1``, ``2019-Q3`` or ``2019``) that overlap start…end."""
    months = REPORT_EVERY[every]
    out = []
    for year in range(start.year, end.year + 1):
        for index in range(12 // months):
            label = (str(year) if months == 12 else
                     f"{year}-{'H' if months == 6 else 'Q'}{index + 1}")
            first, last = parse_period(label)
            if last >= start and first <= end:
                out.append(label)
    return out


def late_periods(start: dt.date, end: dt.date, every: str, reported: set[str], *,
                 today: dt.date, grace_days: int) -> list[str]:
    """Periods of the programme that ended more than ``grace_days`` ago with no report."""
    return [p for p in periods(start, min(end, today), every)
            if p not in reported and (today - parse_period(p)[1]).days > grace_days]
