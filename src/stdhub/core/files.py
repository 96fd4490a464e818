"""Files only stdhub's own account may read: the secret key, the first password, the data folder.

Each file is written under a temporary name created with ``O_CREAT | O_EXCL`` and
mode 0600, then moved into place in one step, so there is no moment when another
account could read it (no chmod after the fact) and no reader ever sees half a file.
Pure standard library: ``settings.py`` uses it before Django is set up.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PRIVATE_UMASK = 0o077  # files the process creates later (database, uploads, reports) likewise


def _write_temporary(path: Path, text: str) -> Path:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    return temporary


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (mode 0600), replacing any earlier file atomically."""
    temporary = _write_temporary(path, text)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_or_create_private(path: Path, make) -> str:
    """The text of ``path``; if it does not exist yet, ``make()`` written there (mode 0600).

    Two processes starting at once (web workers) agree on one text: the file appears
    by a hard link, which fails if another process linked it first.
    """
    if not path.exists():
        temporary = _write_temporary(path, make())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process was first: use its text
        finally:
            temporary.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()


def private_folder(path: Path) -> Path:
    """Create ``path`` (mode 0700), or take group and other access away from an existing one
    that stdhub's account owns."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    info = path.stat()
    if info.st_uid == os.getuid() and info.st_mode & 0o077:
        path.chmod(info.st_mode & ~0o077)
    return path


def private_umask() -> None:
    """Make every file this process creates from now on private to stdhub's account."""
    os.umask(PRIVATE_UMASK)
