"""One-file backups of a stdhub installation: its database and its uploaded files.

A backup is a tar archive holding

- ``manifest.json``: stdhub's version, the database kind, when, and what it holds;
- the database: ``database.sqlite3``, copied with SQLite's online backup API (a
  consistent copy while stdhub keeps serving), or ``database.dump``, PostgreSQL's
  custom format from ``pg_dump -Fc``;
- ``media/``: every uploaded file (datasets, error lists), by its path under MEDIA_ROOT.

The database goes first, then the files: every file the copied database refers to
exists by then (stdhub does not delete uploads). The search index lives in the
database on both kinds, so it comes back with it. The secret key is not included:
restored sites issue new sessions.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

import stdhub

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why."""


@dataclass
class Manifest:
    stdhub_version: str
    database: str
    created_at: str
    events: int
    media_files: int
    format: int = FORMAT

    @classmethod
    def read(cls, archive: tarfile.TarFile) -> Manifest:
        try:
            data = json.load(archive.extractfile(MANIFEST))
            manifest = cls(**data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise BackupError(f"not a stdhub backup (no readable {MANIFEST}: {error})") from None
        if manifest.format != FORMAT:
            raise BackupError(f"backup format {manifest.format} is not supported "
                              f"(this stdhub reads format {FORMAT})")
        if manifest.database not in DATABASE_MEMBER:
            raise BackupError(f"unknown database kind in the backup: {manifest.database!r}")
        return manifest


def database_kind() -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(f"backups of {connection.vendor} databases are not supported")
    return connection.vendor


# ---------------------------------------------------------------- backup


def backup(target: str | Path) -> Manifest:
    """Write a backup of this installation to ``target`` (replaced only when complete)."""
    from stdhub.core.models import Event

    kind = database_kind()
    target = Path(target)
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as work:
        dump = Path(work) / DATABASE_MEMBER[kind]
        if kind == "sqlite":
            _dump_sqlite(dump)
        else:
            _dump_postgresql(dump)
        manifest = Manifest(stdhub_version=stdhub.__version__, database=kind,
                            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                            events=Event.objects.count(), media_files=len(media))
        (Path(work) / MANIFEST).write_text(json.dumps(manifest.__dict__, indent=2))
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        partial.touch(mode=0o600)  # it holds password hashes and tokens: the owner's only
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for path in media:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.replace(target)
    return manifest


def _dump_sqlite(path: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _dump_postgresql(path: Path) -> None:
    _pg_tool("pg_dump", "-Fc", "--no-owner", "--no-acl", "-f", str(path))


def _pg_tool(name: str, *args: str) -> None:
    """Run a PostgreSQL client program on stdhub's database; BackupError with its message."""
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    where = [f"--dbname={db['NAME']}"]
    where += [f"--host={db['HOST']}"] if db.get("HOST") else []
    where += [f"--port={db['PORT']}"] if db.get("PORT") else []
    where += [f"--username={db['USER']}"] if db.get("USER") else []
    done = subprocess.run([pg_program(name), *where, *args], env=env, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise BackupError(f"{name} failed: {done.stderr.strip()}")


def pg_program(name: str) -> str:
    """``name`` (pg_dump, pg_restore) of the server's major version if installed, as
    Debian lays them out; else the one on PATH. An older pg_dump refuses a newer server."""
    connection.ensure_connection()
    major = connection.pg_version // 10000
    matching = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if matching.is_file():
        return str(matching)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL {major} client programs")
    return found


# ---------------------------------------------------------------- restore


def holds_data() -> bool:
    """Whether the database already holds a stdhub (its users or its history)."""
    from stdhub.core.models import Event

    tables = set(connection.introspection.table_names())
    return any(model._meta.db_table in tables and model.objects.exists()
               for model in (get_user_model(), Event))


def restore(source: str | Path, *, force: bool = False) -> Manifest:
    """Restore the backup ``source`` into this installation's database and MEDIA_ROOT.

    Refuses a backup of another database kind, and a database or media folder that
    already holds data unless ``force``. Replaced uploads are kept beside the new ones
    (``media.replaced-<time>``).
    """
    kind = database_kind()
    try:
        archive = tarfile.open(source, "r")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {source}: {error}") from None
    with archive:
        manifest = Manifest.read(archive)
        if manifest.database != kind:
            raise BackupError(f"the backup holds a {manifest.database} database, but this "
                              f"stdhub uses {kind}: restore it into a {manifest.database} "
                              "installation")
        media_root = Path(settings.MEDIA_ROOT)
        if not force:
            if holds_data():
                raise BackupError("the database already holds data; restore into a new "
                                  "database, or pass --force to replace it")
            if media_root.is_dir() and any(media_root.iterdir()):
                raise BackupError(f"{media_root} already holds files; pass --force to "
                                  "replace them")
        with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as work:
            member = DATABASE_MEMBER[kind]
            try:
                archive.extract(member, work, filter="data")
            except KeyError:
                raise BackupError(f"the backup has no {member}") from None
            media = [m for m in archive.getmembers() if m.name.startswith(f"{MEDIA}/")]
            archive.extractall(work, members=media, filter="data")
            dump = Path(work) / member
            if kind == "sqlite":
                _load_sqlite(dump)
            else:
                _load_postgresql(dump)
            _replace_media(Path(work) / MEDIA, media_root)
    return manifest


def _load_sqlite(path: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        copy.backup(connection.connection)  # page by page over whatever was there
    finally:
        copy.close()
        connection.close()


def _load_postgresql(path: Path) -> None:
    connection.close()
    # One transaction: a failed restore leaves the database as it was.
    _pg_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl",
             "--single-transaction", "--exit-on-error", str(path))


def _replace_media(restored: Path, media_root: Path) -> None:
    restored.mkdir(exist_ok=True)
    if media_root.exists():
        if any(media_root.iterdir()):
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            media_root.rename(media_root.with_name(f"{media_root.name}.replaced-{stamp}"))
        else:
            media_root.rmdir()
    shutil.move(str(restored), media_root)
