"""Character encodings of text (CSV) input: one detection rule and one list of accepted names."""

from __future__ import annotations

import codecs

PROBE_BYTES = 4 << 20  # how much of a file detection reads

# The encodings a person may name for a CSV file. Anything else (rot13, zlib, hex …)
# is a codec of Python but not a text encoding of a spreadsheet.
ACCEPTED = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk",
            "gb2312", "big5", "big5hkscs", "ascii", "latin-1", "cp1252")
# GBK and GB2312 are subsets of GB18030; decoding with the superset loses nothing.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030"}
_ACCEPTED_CANONICAL = frozenset(codecs.lookup(name).name for name in ACCEPTED)


class EncodingError(ValueError):
    """An encoding name that is not accepted, or bytes no accepted encoding reads."""


def canonical_encoding(name: str) -> str:
    """The codec name to decode with for ``name`` (``GBK`` → ``gb18030``); EncodingError
    for unknown names and for codecs that are not text encodings."""
    try:
        canonical = codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        canonical = None
    if canonical not in _ACCEPTED_CANONICAL:
        raise EncodingError(f"unsupported encoding {name!r} (use one of: {', '.join(ACCEPTED)})")
    return _SUPERSETS.get(canonical, canonical)


def detect_encoding(head: bytes) -> str:
    """The encoding of a file from its first bytes: ``utf-8-sig`` or ``utf-16`` by their
    byte-order mark, else ``utf-8`` when the bytes are UTF-8, else ``gb18030`` (the
    superset of GBK that Excel on Chinese Windows writes) when they are that.

    A multi-byte character cut at the end of ``head`` is fine (the probe is incremental).
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError as error:
            failed = error
            continue
        return encoding
    raise EncodingError(f"the file is neither UTF-8 nor GBK/GB18030 text "
                        f"(byte {failed.start})")


def detect_file_encoding(path) -> str:
    with open(path, "rb") as fh:
        return detect_encoding(fh.read(PROBE_BYTES))
