"""SQLite under a long write: other writers wait, then get 503 + Retry-After, never a 500.

A second, real connection to the database file holds the write lock (as a large
import does) while pages and the API try to write through Django's connection.
"""

import sqlite3
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from stdhub.core.permissions import SYSTEM
from stdhub.orgs.choices import Role
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard, editable_values

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer")


@pytest.fixture
def sqlite_file(transactional_db, tmp_path):
    """The (in-memory) test database copied to a file that Django then uses, with a short
    busy timeout: a second connection can lock a file, not a private in-memory database."""
    path = tmp_path / "stdhub.sqlite3"
    connection.ensure_connection()
    memory, settings = connection.connection, connection.settings_dict
    saved = settings["NAME"], settings["OPTIONS"]
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    connection.connection = None  # closing would destroy the in-memory database
    settings["NAME"], settings["OPTIONS"] = str(path), {**saved[1], "timeout": 0.5}
    try:
        connection.ensure_connection()
        yield path
    finally:
        connection.close()
        settings["NAME"], settings["OPTIONS"] = saved
        connection.connection = memory


class WriteLock:
    """``BEGIN IMMEDIATE`` on another connection, held for ``seconds`` in a thread."""

    def __init__(self, path, seconds):
        self.path, self.seconds = path, seconds
        self.taken = threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE standards_standard SET scope = 'import in progress'")
        self.taken.set()
        time.sleep(self.seconds)
        db.execute("ROLLBACK")
        db.close()

    def __enter__(self):
        self.thread.start()
        self.taken.wait(5)
        return self

    def __exit__(self, *exc):
        self.thread.join()


@pytest.fixture
def setup(sqlite_file, make_user, org, client, client_for):
    editor = make_user(Role.EDITOR, org, username="editor")
    std = create_standard(SYSTEM, {"code": "DB33/T 1000-2020", "title_zh": "公共数据 目录编制规范",
                                   "responsible_org": org})
    client.force_login(editor)
    return {"path": sqlite_file, "std": std, "page": client, "api": client_for(editor)}


def form(std, **changes):
    values = editable_values(std)
    return {"code": std.code, "title_zh": std.title_zh, "responsible_org": std.responsible_org_id,
            "status": values["status"], "version": std.version, **changes}


def test_a_page_write_under_a_held_lock_answers_503_with_retry_after(setup):
    std = setup["std"]
    with WriteLock(setup["path"], seconds=2):
        response = setup["page"].post(reverse("workspace:standard-edit", args=[std.pk]),
                                      form(std, title_zh="改名"))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "系统正忙" in response.content.decode()
    assert Standard.objects.get().title_zh == "公共数据 目录编制规范"


def test_an_api_write_under_a_held_lock_answers_503_json_with_retry_after(setup):
    std = setup["std"]
    with WriteLock(setup["path"], seconds=2):
        response = setup["api"].patch(f"/api/v1/standards/{std.pk}/", {"title_en": "x"},
                                      format="json")
    assert response.status_code == 503, response.content
    assert int(response["Retry-After"]) > 0
    assert "try again" in response.json()["detail"]


def test_reads_go_on_while_the_lock_is_held(setup):
    with WriteLock(setup["path"], seconds=1):
        assert setup["api"].get(f"/api/v1/standards/{setup['std'].pk}/").status_code == 200


def test_a_writer_waits_for_a_short_lock_and_then_succeeds(setup):
    std = setup["std"]
    connection.close()
    connection.settings_dict["OPTIONS"] = {**connection.settings_dict["OPTIONS"], "timeout": 10}
    started = time.monotonic()
    with WriteLock(setup["path"], seconds=1):
        response = setup["api"].patch(f"/api/v1/standards/{std.pk}/", {"title_en": "waited"},
                                      format="json")
    assert response.status_code == 200, response.content
    assert time.monotonic() - started >= 1
    assert Standard.objects.get().title_en == "waited"
