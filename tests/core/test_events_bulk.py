"""Bulk appends to the event chain: same hashes, same stored values as one-by-one records."""

import datetime as dt
import decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdhub.core import events, sql
from stdhub.core.models import ChainHead, Event
from stdhub.core.permissions import SYSTEM
from stdhub.orgs.models import Organization

DIFF = {
    "issued_on": [None, dt.date(2024, 2, 29)],
    "updated_at": [dt.datetime(2024, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC), None],
    "fee": [decimal.Decimal("12.50"), decimal.Decimal("0")],
    "title_zh": ["数字化改革 术语", "数字化改革 公共数据 第1部分：数据元规范"],
    "ics": [[], [["35.240", "信息技术应用"], ["35.240.01", None]]],
    "pages": [None, 42],
    "ratio": [0.1, 2.5],
    "note": ['引号 " 与反斜杠 \\', "\t换行\n"],
}


@pytest.fixture
def orgs(db):
    return [Organization.objects.create(name=f"测试单位{i}") for i in range(6)]


def append(items):
    with transaction.atomic():
        return events.record_many(SYSTEM, items)


def stored(seq):
    return Event.objects.select_related("content_type").get(seq=seq)


@pytest.mark.django_db
def test_chain_mixing_record_and_record_many_verifies(orgs, monkeypatch):
    monkeypatch.setattr(sql, "BATCH", 2)  # several batches: executemany and COPY alike
    with transaction.atomic():
        single = events.record(SYSTEM, orgs[0], "created", "单个", {"name": [None, "测试单位0"]})
    bulk = append([(o, "changed", "批量", {"short_name": ["", f"简称{i}"]})
                   for i, o in enumerate(orgs)])
    with transaction.atomic():
        last = events.record(SYSTEM, orgs[1], "changed", "", DIFF)
    assert single.pk and single.seq == 1 and single.content_type.model == "organization"
    assert bulk == range(2, 8)
    assert last.seq == 8 and last.prev_hash == stored(7).hash
    chain = list(Event.objects.order_by("seq"))
    assert [e.seq for e in chain] == list(range(1, 9))
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))
    assert [e.object_id for e in chain[1:7]] == [str(o.pk) for o in orgs]
    assert chain[3].object_repr == str(orgs[2]) and chain[3].actor_name == "system"
    assert chain[3].created_at == chain[1].created_at  # one batch, one instant
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (8, last.hash)
    assert events.verify() == events.VerifyResult(True, 8)


@pytest.mark.django_db
def test_bulk_append_of_several_models_with_cold_content_type_cache(orgs, django_user_model):
    # Looking up a content type queries: never while PostgreSQL's COPY holds the connection.
    user = django_user_model.objects.create(username="导入员")
    ContentType.objects.clear_cache()
    seqs = append([(orgs[0], "changed", "", None), (user, "created", "", None),
                   (orgs[1], "changed", "", None)])
    assert [stored(s).content_type.model for s in seqs] == ["organization", "user", "organization"]
    assert stored(seqs[1]).object_repr == "导入员" and events.verify().ok


@pytest.mark.django_db
def test_empty_batch_leaves_the_chain_as_it_was(orgs):
    append([(orgs[0], "created", "", None)])
    before = ChainHead.objects.get(pk=1).hash
    assert append([]) == range(2, 2)
    assert ChainHead.objects.get(pk=1).hash == before and events.verify().ok


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["bulk", "single"])
def test_diff_values_read_back_as_hashed(orgs, path):
    if path == "bulk":
        (seq,) = append([(orgs[0], "changed", "导入", DIFF)])
    else:
        with transaction.atomic():
            seq = events.record(SYSTEM, orgs[0], "changed", "导入", DIFF).seq
    event = stored(seq)
    assert event.diff == events.to_plain(DIFF)
    assert event.diff["issued_on"] == [None, "2024-02-29"]
    assert event.diff["updated_at"][0] == "2024-03-01T08:30:15.123456+00:00"
    assert event.diff["fee"] == ["12.50", "0"]
    assert event.diff["ics"][1] == [["35.240", "信息技术应用"], ["35.240.01", None]]
    assert event.diff["title_zh"][1] == "数字化改革 公共数据 第1部分：数据元规范"
    assert events.verify().ok


@pytest.mark.django_db
def test_non_text_keys_take_the_round_trip(orgs):
    odd = [{"by_year": {2024: 3, 10: 1, 9: 2}}, {"mixed": {1: "一", "a": "甲", None: 0}},
           {"looks_numeric": {"10": 1, "9": 2}}]
    seqs = append([(orgs[0], "changed", "", d) for d in odd])
    assert [stored(s).diff for s in seqs] == [events.to_plain(d) for d in odd]
    assert stored(seqs[0]).diff == {"by_year": {"2024": 3, "10": 1, "9": 2}}
    assert events.verify() == events.VerifyResult(True, 3)


@pytest.mark.django_db
@pytest.mark.parametrize("sql, params", [
    ("UPDATE core_event SET diff = %s WHERE seq = 3", ['{"short_name":["","篡改"]}']),
    ("UPDATE core_event SET object_id = %s WHERE seq = 3", ["999999"]),
    ("UPDATE core_event SET kind = %s WHERE seq = 3", ["deleted"]),
])
def test_tampering_after_bulk_append_is_detected(orgs, sql, params):
    append([(o, "changed", "批量", {"short_name": ["", f"简称{i}"]}) for i, o in enumerate(orgs)])
    assert events.verify().ok
    with connection.cursor() as cur:
        cur.execute(sql, params)
    result = events.verify()
    assert not result.ok and result.broken_seq == 3 and "altered" in result.reason


@pytest.mark.django_db(transaction=True)
def test_record_many_outside_transaction_is_refused():
    org = Organization.objects.create(name="x")
    with pytest.raises(RuntimeError):
        events.record_many(SYSTEM, [(org, "created", "", None)])
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_bad_value_in_a_batch_appends_nothing(orgs):
    with pytest.raises(TypeError, match="set"):
        append([(orgs[0], "created", "", None), (orgs[1], "changed", "", {"x": [None, {1}]})])
    assert not Event.objects.exists() and events.verify().ok


# JSON values as services produce them. Floats stay below 1e15 and are never -0.0:
# PostgreSQL's jsonb rewrites 1e+16 as an integer and -0.0 as 0.0, whichever way they are stored.
_chars = st.characters(codec="utf-8", exclude_characters="\x00")  # jsonb refuses \u0000
_scalars = (st.none() | st.booleans() | st.integers(-(2**53), 2**53)
            | st.floats(-1e15, 1e15, allow_nan=False).filter(lambda x: x != 0 or str(x) == "0.0")
            | st.text(_chars, max_size=12)
            | st.dates() | st.decimals(allow_nan=False, allow_infinity=False, places=2))
_keys = st.text(_chars, max_size=6) | st.integers(-5, 20)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(_keys, inner, max_size=3), max_leaves=12)


@pytest.mark.django_db
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(diffs=st.lists(st.dictionaries(st.text(_chars, min_size=1, max_size=8), _values, max_size=4),
                      min_size=1, max_size=3))
def test_any_plain_diff_reads_back_and_verifies(orgs, diffs):
    seqs = append([(orgs[0], "changed", "", d) for d in diffs])
    assert [stored(s).diff for s in seqs] == [events.to_plain(d) for d in diffs]
    assert events.verify().ok
