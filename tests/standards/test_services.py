"""Standard services: validation, permission per role, relations, events."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stdhub.core import events
from stdhub.core.models import Event
from stdhub.core.permissions import SYSTEM, can
from stdhub.orgs.choices import Role
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard, editable_values, update_standard


def data(**extra):
    base = {"code": "DB33/T 2350-2021", "title_zh": "数字化改革 公共数据元",
            "effective_on": "2021-07-01"}
    return {**base, **extra}


@pytest.mark.django_db
def test_create_parses_code_and_computes_review_due(org):
    std = create_standard(SYSTEM, data(responsible_org=org))
    assert (std.code, std.level, std.nature, std.prefix, std.issuer, std.year) == (
        "DB33/T 2350-2021", "local", "recommended", "DB33/T", "33", 2021)
    assert std.review_due_on == dt.date(2026, 7, 1)
    assert std.status == Status.CURRENT
    event = Event.objects.get(object_id=str(std.pk))
    assert event.kind == "created" and event.diff["code"] == [None, "DB33/T 2350-2021"]


@pytest.mark.django_db
def test_validation_collects_every_field_error():
    with pytest.raises(ValidationError) as exc:
        create_standard(SYSTEM, {"code": "XX 1-2020", "title_zh": "", "issued_on": "2020-13-45",
                                 "ics": "99.999", "status": "半现行"})
    errors = exc.value.message_dict
    assert set(errors) == {"code", "title_zh", "issued_on", "ics", "status"}
    assert Standard.objects.count() == 0 and Event.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_code_is_refused_whatever_the_spelling():
    create_standard(SYSTEM, data())
    with pytest.raises(ValidationError, match="already registered"):
        create_standard(SYSTEM, data(code="db33／t2350—2021"))


@pytest.mark.django_db
def test_replacing_supersedes_the_old_standard():
    old = create_standard(SYSTEM, data(code="DB33/T 2350-2018", effective_on="2018-05-01"))
    new = create_standard(SYSTEM, data(replaces="DB33/T 2350-2018"))
    old.refresh_from_db()
    assert old.status == Status.SUPERSEDED
    assert list(old.replaced_by.all()) == [new]
    assert Event.objects.filter(object_id=str(old.pk), kind="superseded").exists()
    assert events.verify().ok


@pytest.mark.django_db
def test_update_records_diff_and_noop_records_nothing(org):
    std = create_standard(SYSTEM, data(responsible_org=org))
    values = editable_values(std)
    assert update_standard(SYSTEM, std, values) is False
    assert Event.objects.filter(object_id=str(std.pk)).count() == 1
    assert update_standard(SYSTEM, std, {**values, "title_zh": "公共数据元规范"}) is True
    last = Event.objects.filter(object_id=str(std.pk)).first()
    assert last.diff == {"title_zh": ["数字化改革 公共数据元", "公共数据元规范"]}


@pytest.mark.django_db
@pytest.mark.parametrize("role, add, change_own", [
    (Role.ADMIN, True, True),
    (Role.EDITOR, True, True),
    (Role.DRAFTER, False, False),
    (Role.SECRETARIAT, False, False),
    (Role.EXPERT, False, False),
    (Role.EVALUATOR, False, False),
    (Role.VIEWER, False, False),
])
def test_each_role_on_standards(make_user, org, other_org, role, add, change_own):
    user = make_user(role, org)
    own = create_standard(SYSTEM, data(responsible_org=org))
    foreign = create_standard(SYSTEM, data(code="GB/T 2260-2007", responsible_org=other_org))
    assert can(user, "view", own) and can(user, "view", foreign)
    assert can(user, "add", Standard) is add
    assert can(user, "change", own) is change_own
    assert can(user, "change", foreign) is (role == Role.ADMIN)


@pytest.mark.django_db
def test_editor_cannot_change_another_orgs_standard_or_hand_its_own_away(editor, org, other_org):
    foreign = create_standard(SYSTEM, data(code="GB/T 2260-2007", responsible_org=other_org))
    with pytest.raises(PermissionDenied):
        update_standard(editor, foreign, {**editable_values(foreign), "title_zh": "改"})
    own = create_standard(editor, data(responsible_org=org))
    with pytest.raises(PermissionDenied):
        update_standard(editor, own, {**editable_values(own), "responsible_org": other_org})
    own.refresh_from_db()
    assert own.responsible_org == org


@pytest.mark.django_db
def test_anonymous_and_viewer_cannot_create(make_user, org):
    from django.contrib.auth.models import AnonymousUser
    for user in (AnonymousUser(), make_user(Role.VIEWER, org)):
        with pytest.raises(PermissionDenied):
            create_standard(user, data())
    assert Standard.objects.count() == 0
