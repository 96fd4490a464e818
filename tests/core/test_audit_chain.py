"""The event chain: every write recorded once, tampering detected, no forks under concurrency."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from stdhub.core import events
from stdhub.core.models import ChainHead, Event
from stdhub.core.permissions import SYSTEM
from stdhub.orgs.models import Organization
from stdhub.orgs.services import create_organization, update_organization


def make_orgs(n):
    return [create_organization(SYSTEM, name=f"测试单位{i}", kind="enterprise") for i in range(n)]


@pytest.mark.django_db
def test_each_write_appends_one_linked_event():
    orgs = make_orgs(3)
    chain = list(Event.objects.order_by("seq"))
    assert [e.seq for e in chain] == [1, 2, 3]
    assert chain[0].prev_hash == events.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))
    assert chain[2].object_id == str(orgs[2].pk) and chain[2].kind == "created"
    assert chain[2].diff["name"] == [None, "测试单位2"]
    assert events.verify().ok


@pytest.mark.django_db
def test_noop_update_records_nothing_and_real_update_records_diff():
    (org,) = make_orgs(1)
    assert update_organization(SYSTEM, org, short_name="") is False
    assert Event.objects.count() == 1
    assert update_organization(SYSTEM, org, short_name="测试") is True
    last = Event.objects.order_by("-seq").first()
    assert last.kind == "changed" and last.diff == {"short_name": ["", "测试"]}


def _tamper(sql, params):
    with connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.mark.django_db
@pytest.mark.parametrize("sql, params, expected", [
    ("UPDATE core_event SET message = %s WHERE seq = 2", ["篡改"], 2),
    ("UPDATE core_event SET diff = %s WHERE seq = 3", ['{"name": [null, "x"]}'], 3),
    ("DELETE FROM core_event WHERE seq = %s", [2], 2),
    ("DELETE FROM core_event WHERE seq = %s", [4], 4),  # the newest: caught by the head
])
def test_verify_names_first_broken_event_after_raw_sql(sql, params, expected):
    make_orgs(4)
    _tamper(sql, params)
    result = events.verify()
    assert not result.ok
    assert result.broken_seq == expected
    with pytest.raises(CommandError, match=f"#{expected}"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_audit_verify_command_passes_on_intact_chain(capsys):
    make_orgs(2)
    call_command("audit", "verify")
    assert "2 events verified" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_is_refused():
    org = Organization.objects.create(name="x")
    with pytest.raises(RuntimeError):
        events.record(SYSTEM, org, "created")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_parallel_writers_do_not_fork_the_chain():
    errors = []

    def writer(n):
        try:
            for i in range(10):
                create_organization(SYSTEM, name=f"并发单位{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Event.objects.count() == 60
    assert ChainHead.objects.get(pk=1).seq == 60
    assert events.verify().ok


@pytest.mark.django_db
def test_failed_write_leaves_no_event():
    make_orgs(1)
    with pytest.raises(ValidationError):
        with transaction.atomic():
            create_organization(SYSTEM, name="测试单位0")  # duplicate name → ValidationError
    assert Event.objects.count() == 1
    assert events.verify().ok
