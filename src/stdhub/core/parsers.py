"""The API's JSON parser: a depth limit and text a database can store.

Python's ``json`` recurses once per nesting level, so ``[`` × 100,000 raises
``RecursionError`` (not the ``ValueError`` DRF's parser catches); a body nested a few
hundred levels deep parses but then overflows whatever walks it next (the audit
diff, the schema compiler). Strings with NUL or an unpaired surrogate parse too,
then fail on PostgreSQL or when the page encodes them. All are refused here with 400.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 64


def unstorable(text: str) -> bool:
    """Text with NUL or an unpaired surrogate (neither survives UTF-8 or PostgreSQL)."""
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


def check_value(data, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``ParseError`` if ``data`` nests deeper than ``max_depth`` or holds bad text."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            items = list(value.values())
            texts = value.keys()
        elif isinstance(value, list):
            items, texts = value, ()
        else:
            items, texts = (), (value,) if isinstance(value, str) else ()
        if items and depth >= max_depth:
            raise ParseError(_("JSON 嵌套过深 JSON nested deeper than {n} levels").format(
                n=max_depth))
        if any(unstorable(t) for t in texts):
            raise ParseError(_("文本含空字符或孤立代理项 text contains NUL or an unpaired "
                               "surrogate"))
        stack.extend((item, depth + 1) for item in items)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON 嵌套过深 JSON nested too deeply")) from None
        check_value(data)
        return data


PARSER_CLASSES = [JSONParser, parsers.FormParser, parsers.MultiPartParser]
