"""Pure rules of the registry: review due dates and status from dates."""

from __future__ import annotations

import datetime as dt

from .levels import CURRENT, SUPERSEDED, UPCOMING, WITHDRAWN

REVIEW_INTERVAL_YEARS = 5  # 标准复审周期一般不超过五年


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def review_due(effective_on: dt.date | None, last_reviewed_on: dt.date | None) -> dt.date | None:
    """Review (复审) falls due five years after taking effect or after the last review."""
    start = max(filter(None, [effective_on, last_reviewed_on]), default=None)
    return add_years(start, REVIEW_INTERVAL_YEARS) if start else None


def derived_status(*, effective_on, withdrawn_on, previous: str | None, today: dt.date) -> str:
    """The status of a standard saved without one, from its dates; ``previous`` is its status
    before this save (None when new): a standard already 被代替 stays so until withdrawn.

    The one rule for a blank status, whether it comes from a form, the API or an import.
    """
    if withdrawn_on and withdrawn_on <= today:
        return WITHDRAWN
    if previous == SUPERSEDED:
        return SUPERSEDED
    if effective_on and effective_on > today:
        return UPCOMING
    return CURRENT


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def parse_date(value) -> dt.date | None:
    """A date from the forms people write (2021-01-05, 2021/1/5, 2021年1月5日, Excel cells)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)")
