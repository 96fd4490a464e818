"""Character encodings of CSV input: detection, and streaming transcoding to UTF-8
(polars reads UTF-8 only)."""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import SourceError

UTF8_NAMES = frozenset({"utf-8", "utf-8-sig"})  # polars reads both (it skips a BOM)
_PROBE_BYTES = 4 << 20
_CHUNK_BYTES = 16 << 20
# GBK and GB2312 are subsets of GB18030; decoding with the superset loses nothing.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030"}


def canonical_encoding(name: str) -> str:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise SourceError(f"unknown encoding {name!r}") from None
    return _SUPERSETS.get(canonical, canonical)


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, otherwise GB18030.

    Only the first few MiB are probed: a file that is UTF-8 there but not later
    is still read, with the bad bytes shown as U+FFFD.
    """
    with path.open("rb") as fh:
        head = fh.read(_PROBE_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def transcode_to_utf8(source: Path, target: Path, encoding: str) -> None:
    """Copy ``source`` to ``target`` re-encoded as UTF-8, one chunk at a time;
    undecodable bytes become U+FFFD rather than stopping the read."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with source.open("rb") as fin, target.open("wb") as fout:
        while chunk := fin.read(_CHUNK_BYTES):
            fout.write(decoder.decode(chunk).encode("utf-8"))
        fout.write(decoder.decode(b"", final=True).encode("utf-8"))
