"""Template helpers shared by the portal and the workspace."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def sort_param(current: str, key: str) -> str:
    """The ``ordering`` value a column header links to: ascending first, then descending."""
    return f"-{key}" if current == key else key


@register.filter
def highlight(text, query: str):
    """Wrap each term of ``query`` found in ``text`` in <mark> (escaped, case-insensitive)."""
    text = "" if text is None else str(text)
    terms = sorted({t for t in (query or "").split() if t}, key=len, reverse=True)
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last:match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
