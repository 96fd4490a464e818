"""Uploaded files as paths on disk, for readers that pick the format by file suffix."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def as_path(upload) -> Iterator[Path]:
    """The upload copied to a temporary file with the same suffix, removed afterwards."""
    suffix = Path(getattr(upload, "name", "") or "").suffix.lower()
    with tempfile.TemporaryDirectory(prefix="stdhub-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as out:
            if hasattr(upload, "chunks"):
                for chunk in upload.chunks():
                    out.write(chunk)
            else:
                shutil.copyfileobj(upload, out)
        yield path
