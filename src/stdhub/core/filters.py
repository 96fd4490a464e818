"""Filter fields shared by the apps' FilterSets: numbers a database column can hold.

django-filter's ``NumberFilter`` takes any decimal (``1e999``, 23 digits), which then
overflows the integer column on PostgreSQL or SQLite; these answer 400 instead.
"""

from __future__ import annotations

import django_filters
from django import forms

INT64 = 2**63 - 1


class IntegerField(forms.IntegerField):
    def __init__(self, *, min_value=-INT64, max_value=INT64, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number within the range of a 64-bit integer column."""

    field_class = IntegerField
