"""The pilot services: applying, documents, and every move through ``move()`` with events."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stdhub.core.errors import Conflict
from stdhub.core.models import Event
from stdhub.core.permissions import can, scope
from stdhub.pilots import services
from stdhub.pilots.models import Pilot, PilotDocument

from .conftest import TODAY, add_document, upload

pytestmark = pytest.mark.django_db


def kinds(pilot):
    return list(Event.objects.filter(object_id=str(pilot.pk),
                                     content_type__model="pilot").order_by("seq")
                .values_list("kind", flat=True))


def test_apply_records_an_event_and_only_for_ones_own_organization(pilot, people, other_org):
    assert (pilot.stage, pilot.result, pilot.version) == ("applied", "", 1)
    assert kinds(pilot) == ["created"]
    with pytest.raises(PermissionDenied):  # an editor of another organization
        services.apply(people["outsider"], {"name": "x", "level": "provincial",
                                            "undertaker": other_org})
    with pytest.raises(ValidationError) as exc:
        services.apply(people["undertaker"], {
            "name": "x", "level": "provincial", "undertaker": pilot.undertaker,
            "starts_on": dt.date(2020, 1, 1), "ends_on": dt.date(2019, 1, 1)})
    assert "ends_on" in exc.value.message_dict
    assert Pilot.objects.count() == 1


def test_documents_are_versioned_checked_and_stored_under_generated_names(pilot, people):
    first = add_document(people["undertaker"], pilot, "application", "申报书.pdf")
    second = add_document(people["undertaker"], pilot, "application", "申报书.pdf")
    assert (first.number, second.number) == (1, 2)
    assert first.original_name == "申报书.pdf" and "申报书" not in first.file.name
    assert first.file.name.startswith(f"pilots/{pilot.pk}/") and first.file.name.endswith(".pdf")
    assert first.file.read() == b"%PDF-1.7 report"
    with pytest.raises(ValidationError, match="file type '.exe' not allowed"):
        add_document(people["undertaker"], pilot, "application", "run.exe")
    with pytest.raises(ValidationError, match="the file is empty"):
        services.upload_document(people["undertaker"], pilot, "plan", upload(content=b""))
    with pytest.raises(ValidationError, match="unknown document kind"):
        add_document(people["undertaker"], pilot, "minutes")
    with pytest.raises(PermissionDenied):
        add_document(people["outsider"], pilot, "plan")
    assert PilotDocument.objects.count() == 2
    assert kinds(pilot).count("pilot-document-uploaded") == 2


def test_document_size_limit(pilot, people, settings):
    settings.STDHUB_PILOTS = {"DOCUMENT_MAX_BYTES": 10}
    with pytest.raises(ValidationError, match="at most 10"):
        add_document(people["undertaker"], pilot, "plan")


def test_the_whole_way_to_acceptance_with_events(pilot, people, advance):
    pilot = advance(pilot, "pass")
    assert (pilot.stage, pilot.result) == ("accepted", "passed")
    assert (pilot.approved_on, pilot.accepted_on) == (TODAY, TODAY)
    moves = [k for k in kinds(pilot) if k.startswith("pilot-") and "document" not in k]
    assert moves == ["pilot-approve", "pilot-start-building", "pilot-mid-term", "pilot-pass"]
    last = Event.objects.filter(kind="pilot-pass").get()
    assert last.diff["result"] == ["", "passed"]
    assert last.diff["document_versions"][1] == [
        "acceptance-report v1", "application v1", "mid-term-report v1", "plan v1"]
    with pytest.raises(ValidationError, match="试点已结束"):
        add_document(people["undertaker"], pilot, "plan")


@pytest.mark.parametrize(("move", "at", "who", "refusal"), [
    ("approve", None, "admin", "缺少 missing: 申报书 Application"),
    ("approve", None, "undertaker", "需要角色 requires one of"),
    ("start-building", "approve", "undertaker", "缺少 missing: 建设方案 Construction plan"),
    ("start-building", "approve", "outsider", "not allowed to move"),
    ("mid-term", "start-building", "admin", "缺少 missing: 中期评估报告"),
    ("mid-term", "start-building", "undertaker", "需要角色 requires one of"),
    ("pass", "mid-term", "admin", "缺少 missing: 验收报告 Acceptance report"),
    ("pass", "mid-term", "supervisor", "需要角色 requires one of"),
    ("fail", "mid-term", "admin", "缺少 missing: 理由 a reason"),
    ("revoke", "approve", "admin", "缺少 missing: 理由 a reason"),
    ("revoke", "approve", "supervisor", "需要角色 requires one of"),
    ("pass", None, "admin", "'pass' cannot be made from stage 申报 Applied"),
])
def test_every_move_refused_with_its_reason(pilot, people, advance, move, at, who, refusal):
    if at:
        pilot = advance(pilot, at)
    before = (pilot.stage, pilot.version, Event.objects.count())
    if move == "fail":  # only the reason is missing
        add_document(people["undertaker"], pilot, "acceptance-report")
        before = (pilot.stage, pilot.version, Event.objects.count())
    with pytest.raises((PermissionDenied, ValidationError), match=refusal):
        services.move(people[who], pilot, move, today=TODAY)
    pilot.refresh_from_db()
    assert (pilot.stage, pilot.version, Event.objects.count()) == before  # nothing written


def test_fail_and_revoke_with_reasons(pilot, people, advance):
    failed = advance(pilot, "mid-term")
    add_document(people["undertaker"], failed, "acceptance-report")
    failed = services.move(people["admin"], failed, "fail", "建设内容未完成", today=TODAY)
    assert (failed.stage, failed.result, failed.accepted_on) == ("accepted", "failed", TODAY)
    assert Event.objects.get(kind="pilot-fail").message == "建设内容未完成"
    other = services.apply(people["undertaker"], {"name": "另一个试点", "level": "national",
                                                   "undertaker": pilot.undertaker})
    revoked = services.move(people["admin"], other, "revoke", "申报材料不实")
    assert (revoked.stage, revoked.approved_on) == ("revoked", None)


def test_stale_version_is_a_conflict(pilot, people):
    add_document(people["undertaker"], pilot, "application")
    with pytest.raises(Conflict):
        services.move(people["admin"], pilot, "approve", expected_version=pilot.version + 5)
    services.move(people["admin"], pilot, "approve", expected_version=pilot.version)


def test_lists_are_scoped(pilot, people, advance):
    visible = lambda user: set(scope(user, "view", Pilot.objects.all()))  # noqa: E731
    assert visible(people["undertaker"]) == visible(people["supervisor"]) == {pilot}
    assert visible(people["outsider"]) == set()  # an application is not public
    assert not can(people["outsider"], "view", pilot)
    advance(pilot, "approve")
    assert visible(people["outsider"]) == {pilot}  # approved pilots are
    documents = PilotDocument.objects.all()
    assert scope(people["outsider"], "view", documents).count() == 0
    assert scope(people["supervisor"], "view", documents).count() == 1


def test_update_is_versioned_and_keeps_the_organization(pilot, people, other_org):
    assert services.update_pilot(people["undertaker"], pilot, {"field": "数字社会"},
                                 expected_version=1)
    pilot.refresh_from_db()
    assert (pilot.field, pilot.version) == ("数字社会", 2)
    with pytest.raises(Conflict):
        services.update_pilot(people["undertaker"], pilot, {"field": "x"}, expected_version=1)
    with pytest.raises(PermissionDenied):  # may not hand the pilot to another organization
        services.update_pilot(people["undertaker"], pilot, {"undertaker": other_org})
    assert kinds(pilot) == ["created", "changed"]
