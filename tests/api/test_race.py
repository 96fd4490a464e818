"""50 API editors race on the same standards: no update lost, no 5xx, the chain verifies.

Each editor GETs a standard, PATCHes a unique value with the version it read
(``If-Match``, or the body's ``version`` for every other editor) and, refused with
412/409, GETs again and retries the same change. Afterwards every accepted change
must be in the history, each one based on the one before it (no silent overwrite).
Runs on PostgreSQL (SQLite has one writer at a time); ``STDHUB_RACE_SECONDS`` sets
how long the editors keep going (30 s by default).
"""

import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.db import connection

from stdhub.core import events
from stdhub.core.events import events_of
from stdhub.orgs.choices import Role
from stdhub.orgs.services import issue_token
from stdhub.standards.models import Standard

RACE_SECONDS = float(os.environ.get("STDHUB_RACE_SECONDS", "30"))
EDITORS = 50
STANDARDS = 3

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="concurrent writers need PostgreSQL"),
]


def call(method, url, token, body=None, headers=None):
    request = urllib.request.Request(
        url, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json",
                 "Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Race:
    def __init__(self, base_url, token, pks):
        self.base_url, self.token, self.pks = base_url, token, pks
        self.deadline = time.monotonic() + RACE_SECONDS
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.accepted = []  # (standard id, value, version the answer reported)
        self.failures = []

    def editor(self, n):
        try:
            i = 0
            while time.monotonic() < self.deadline:
                self.change(n, self.pks[(n + i) % len(self.pks)], f"editor {n} change {i}")
                i += 1
        except Exception as exc:  # reported by the test
            self.failures.append(f"editor {n}: {exc!r}")
        finally:
            connection.close()

    def change(self, n, pk, value):
        url = f"{self.base_url}/api/v1/standards/{pk}/"
        while time.monotonic() < self.deadline:  # refused as stale: read again, retry
            status, headers, body = call("GET", url, self.token)
            self.count(status)
            assert status == 200, (status, body)
            if n % 2:
                status, _, body = call("PATCH", url, self.token,
                                       {"title_en": value, "version": body["version"]})
            else:
                status, _, body = call("PATCH", url, self.token, {"title_en": value},
                                       {"If-Match": headers["ETag"]})
            self.count(status)
            if 200 <= status < 300:
                with self.lock:
                    self.accepted.append((pk, value, body["version"]))
                return
            assert status == (409 if n % 2 else 412), (status, body)

    def count(self, status):
        with self.lock:
            self.statuses[status] += 1


def test_fifty_editors_lose_no_update(live_server, make_user, org, make_standard):
    editor = make_user(Role.EDITOR, org, username="editor")
    token = issue_token(editor, editor, name="race")[1]
    pks = [make_standard(f"DB33/T {100 + i}-2020", f"竞争编辑 {i}", responsible_org=org).pk
           for i in range(STANDARDS)]
    race = Race(live_server.url, token, pks)
    threads = [threading.Thread(target=race.editor, args=(n,)) for n in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not race.failures, race.failures[:5]
    assert not [s for s in race.statuses if s >= 500], race.statuses
    print(f"\n{len(race.accepted)} changes accepted; answers {dict(race.statuses)}")
    assert race.accepted and race.statuses[412] and race.statuses[409]
    for pk in pks:
        std = Standard.objects.get(pk=pk)
        mine = [(value, version) for p, value, version in race.accepted if p == pk]
        # Every accepted change made exactly one new version: none shared, none skipped.
        assert sorted(v for _, v in mine) == list(range(2, std.version + 1))
        changes = [e.diff["title_en"] for e in reversed(events_of(std)) if e.kind == "changed"]
        # ...and the history holds each of them, each based on the one accepted before it.
        assert [after for _, after in changes] == [value for value, _ in sorted(
            mine, key=lambda m: m[1])]
        assert [before for before, _ in changes] == ["", *[a for _, a in changes[:-1]]]
        assert std.title_en == (changes[-1][1] if changes else "")
    assert events.verify().ok
