"""A whole stdhub installation of its own, driven through real processes.

``site`` is a fresh data folder and, when the suite runs on PostgreSQL
(``STDHUB_DATABASE_URL``), a fresh database on the same server; ``stdhub init`` has
run. Tests start ``stdhub`` commands against it, kill them, and read the database
directly (``site.sql``) or through ``site.call("module:function", ...)``, which runs
a function of ``tests.faults.scenario`` in a subprocess with the site's settings.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "faults-admin-pw-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Site:
    data_dir: Path
    database_url: str | None
    env: dict = field(default_factory=dict)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "stdhub", *args]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), env=self.env, cwd=ROOT, capture_output=True,
                              text=True, timeout=timeout)

    def popen(self, *args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(self.command(*args), env=self.env, cwd=ROOT, text=True,
                                **kwargs)

    def call(self, function: str, *args):
        """Run ``tests.faults.scenario.<function>(*args)`` in the site; its JSON result."""
        code = ("import json, sys, django; django.setup(); "
                "from tests.faults import scenario; "
                f"print(json.dumps(scenario.{function}(*json.loads(sys.argv[1])), default=str))")
        done = subprocess.run([sys.executable, "-c", code, json.dumps(args)], env=self.env,
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        """Rows of ``query`` (``%s`` placeholders), read straight from the site's database."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as conn:
                return conn.execute(query, params).fetchall()
        conn = sqlite3.connect(self.data_dir / "stdhub.sqlite3", timeout=30)
        try:
            return conn.execute(query.replace("%s", "?"), params).fetchall()
        finally:
            conn.close()

    def wait_for(self, what: str, check, timeout: float = 120, every: float = 0.1):
        """Poll ``check()`` until it returns something true; that value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := check():
                return value
            time.sleep(every)
        raise AssertionError(f"timed out waiting for {what}")


def _server_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


@pytest.fixture
def new_site(tmp_path):
    """``new_site(init=True)`` → a fresh stdhub (data folder + database) for real processes."""
    base_url = os.environ.get("STDHUB_DATABASE_URL")
    databases = []

    def make(init: bool = True) -> Site:
        database_url = None
        if base_url:
            import psycopg

            name = f"faults_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(base_url, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                             "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
            databases.append(name)
            database_url = _server_url(base_url, name)
        return make_site(tmp_path / f"site{len(databases)}-{uuid.uuid4().hex[:6]}",
                         database_url, init)

    yield make
    if databases:
        import psycopg

        with psycopg.connect(base_url, autocommit=True) as conn:
            for name in databases:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def site(new_site):
    return new_site()


def make_site(data_dir: Path, database_url: str | None, init: bool = True) -> Site:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stdhub.settings",
           "STDHUB_DATA_DIR": str(data_dir), "STDHUB_ADMIN_PASSWORD": ADMIN_PASSWORD,
           "STDHUB_TASK_LEASE_SECONDS": "3",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("STDHUB_DATABASE_URL", None)
    if database_url:
        env["STDHUB_DATABASE_URL"] = database_url
    site = Site(data_dir, database_url, env)
    if init:
        done = site.run("init", "-v", "0")
        assert done.returncode == 0, done.stderr
    return site


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent counts as gone)."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
