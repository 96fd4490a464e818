"""Files people upload: size limits from settings, type by content, one clear error.

Every form, API serializer and service that takes a file calls ``check_upload``
(or ``check_file`` for a file already on disk) with its kind (``imports``,
``code_lists``, ``datasets``, ``schemas``); the limits are
``settings.STDHUB_UPLOAD_LIMITS_MB``. The checks themselves are the pure ones of
``stdhub.tabular``, which the readers also apply.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stdhub.tabular.sniff import content_error
from stdhub.tabular.zipsize import WorkbookTooLarge, check_inflated_size


def limit_bytes(kind: str) -> int:
    return settings.STDHUB_UPLOAD_LIMITS_MB[kind] << 20


def check_file(path: Path, *, kind: str, name: str, size: int | None = None,
               suffixes=None) -> None:
    """ValidationError (one message) when the file at ``path``, uploaded as ``name``,
    is too large, has a suffix outside ``suffixes`` or content its suffix denies."""
    size = path.stat().st_size if size is None else size
    if size > limit_bytes(kind):
        raise ValidationError(_("%(name)s：文件过大 (%(size).1f MB)，上限 %(limit)s MB "
                                "file too large") % {"name": name, "size": size / (1 << 20),
                                                     "limit": limit_bytes(kind) >> 20})
    suffix = Path(name).suffix.lower()
    if suffixes is not None and suffix not in suffixes:
        raise ValidationError(_("%(name)s：不支持的文件类型 unsupported file type "
                                "(支持 %(allowed)s)") % {"name": name,
                                                        "allowed": ", ".join(sorted(suffixes))})
    if why := content_error(path, suffix):
        raise ValidationError(_("%(name)s：文件内容与类型不符 %(why)s")
                              % {"name": name, "why": why})
    try:
        check_inflated_size(path, settings.STDHUB_MAX_XLSX_INFLATED_MB << 20)
    except WorkbookTooLarge as error:
        raise ValidationError(f"{name}: {error}") from None


def check_upload(upload, *, kind: str, suffixes=None) -> None:
    """``check_file`` for an uploaded file (in memory or in a temporary file)."""
    name = Path(getattr(upload, "name", "") or "").name
    size = getattr(upload, "size", None)
    if size is not None and size > limit_bytes(kind):  # no need to look inside
        check_file(Path(), kind=kind, name=name, size=size)
    with as_path(upload) as path:
        check_file(path, kind=kind, name=name, suffixes=suffixes)


@contextmanager
def as_path(upload) -> Iterator[Path]:
    """The upload as a file on disk with the upload's suffix (readers pick the format by
    it): copied to a temporary folder, removed afterwards; the upload is rewound."""
    suffix = Path(getattr(upload, "name", "") or "").suffix.lower()
    with tempfile.TemporaryDirectory(prefix="stdhub-upload-") as folder:
        path = Path(folder) / f"upload{suffix if len(suffix) <= 16 else ''}"
        if hasattr(upload, "seek"):
            upload.seek(0)
        with path.open("wb") as out:
            if hasattr(upload, "chunks"):
                for chunk in upload.chunks():
                    out.write(chunk)
            else:
                shutil.copyfileobj(upload, out)
        if hasattr(upload, "seek"):
            upload.seek(0)
        yield path


# Documents (project and pilot stage documents): allowed type, not empty, not too large, and
# their SHA-256, which events record so a stored file can be matched to its upload.


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
