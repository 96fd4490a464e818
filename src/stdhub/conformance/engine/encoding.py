"""Character encodings of CSV input: the shared rules of ``stdhub.tabular.encoding`` as
SourceErrors, and streaming transcoding to UTF-8 (polars reads UTF-8 only)."""

from __future__ import annotations

import codecs
from pathlib import Path

from stdhub.tabular import encoding as shared

from .errors import SourceError

UTF8_NAMES = frozenset({"utf-8", "utf-8-sig"})  # polars reads both (it skips a BOM)
_CHUNK_BYTES = 16 << 20


def canonical_encoding(name: str) -> str:
    try:
        return shared.canonical_encoding(name)
    except shared.EncodingError as error:
        raise SourceError(str(error)) from None


def detect_encoding(path: Path) -> str:
    """The shared detection on the first few MiB: a file that is UTF-8 there but not
    later is still read, with the bad bytes shown as U+FFFD."""
    try:
        return shared.detect_file_encoding(path)
    except shared.EncodingError as error:
        raise SourceError(f"{path.name}: {error}") from None


def transcode_to_utf8(source: Path, target: Path, encoding: str) -> None:
    """Copy ``source`` to ``target`` re-encoded as UTF-8, one chunk at a time;
    undecodable bytes become U+FFFD rather than stopping the read."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with source.open("rb") as fin, target.open("wb") as fout:
        while chunk := fin.read(_CHUNK_BYTES):
            fout.write(decoder.decode(chunk).encode("utf-8"))
        fout.write(decoder.decode(b"", final=True).encode("utf-8"))
