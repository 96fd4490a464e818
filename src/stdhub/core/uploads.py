"""Checks every uploaded document passes before it is stored: allowed type, not empty, not too
large; and its SHA-256, which events record so a stored file can be matched to its upload."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Upload:
    name: str      # the file name as sent, without any directory part
    size: int
    sha256: str


def checked(upload, *, suffixes, max_bytes: int) -> Upload:
    """``upload`` (a Django UploadedFile) checked, hashed and rewound; ValidationError on
    the ``file`` field otherwise."""
    name = Path(getattr(upload, "name", "") or "document").name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise ValidationError({"file": [
            f"文件类型不允许 file type '{suffix or '(none)'}' not allowed; use "
            + ", ".join(suffixes)]})
    size = upload.size
    if not size:
        raise ValidationError({"file": ["文件为空 the file is empty"]})
    if size > max_bytes:
        raise ValidationError({"file": [
            f"文件过大 the file is {size} bytes; at most {max_bytes}"]})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Upload(name[:255], size, digest.hexdigest())
