"""Personal data outside the hashed diff: shown in history, erasable, the chain still verifies."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse

from stdhub.core import events, personal
from stdhub.core.history import history
from stdhub.core.models import Event, PersonalData
from stdhub.core.permissions import SYSTEM
from stdhub.orgs.choices import Role
from stdhub.standards.services import create_standard

NAME, PHONE = "张晓梅", "13800138000"
WORKSPACE_PAGE = "workspace:standard"


def raw_text(sql: str) -> str:
    """Every value the SQL returns, as one text: what the database itself holds."""
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def stored_anywhere(value: str) -> bool:
    """Whether the personal data or event tables hold ``value``, as is or JSON-escaped
    (SQLite's JSON columns store ``\\u5f20``)."""
    text = (raw_text("SELECT fields FROM core_personaldata")
            + raw_text("SELECT object_repr, message, diff FROM core_event"))
    return value in text or json.dumps(value)[1:-1] in text


@pytest.fixture
def commented(admin_user, org):
    """A standard with a public comment whose author's name and phone are personal."""
    std = create_standard(admin_user, {"code": "DB33/T 2001-2024", "title_zh": "公共数据目录规范",
                                       "responsible_org": org})
    with transaction.atomic():
        event = personal.record(admin_user, std, "changed", "公开征求意见",
                                {"title_en": [None, "Public data catalogue"]},
                                personal={"commenter": NAME, "phone": PHONE})
    return std, event


def test_the_hashed_diff_holds_references_and_history_shows_the_values(commented):
    std, event = commented
    ref = event.diff["commenter"][1]
    assert event.diff["phone"][1] == ref and personal.reference_of(ref)
    assert event.diff["title_en"] == [None, "Public data catalogue"]
    assert NAME not in raw_text("SELECT diff FROM core_event").encode().decode("unicode_escape")
    assert PersonalData.objects.get(pk=ref["personal"]).fields == {"commenter": NAME,
                                                                    "phone": PHONE}
    shown = {c.label: c.after for c in history(std)[0].changes}
    assert shown["commenter"] == NAME and shown["phone"] == PHONE
    assert events.verify().ok


def test_erasure_removes_the_values_and_keeps_the_chain_verifiable(commented, admin_user):
    std, event = commented
    ref = event.diff["commenter"][1]
    assert stored_anywhere(NAME) and stored_anywhere(PHONE)

    with pytest.raises(ValidationError):
        personal.erase(admin_user, ref, "  ")
    erased = personal.erase(admin_user, ref, "删除申请 2026-017")

    assert erased.erased_at is not None and erased.pk and erased.fields == {"commenter": "",
                                                                            "phone": ""}
    assert not stored_anywhere(NAME) and not stored_anywhere(PHONE)
    assert events.verify().ok
    last = Event.objects.order_by("-seq").first()
    assert (last.kind, last.message, last.object_id) == ("erased", "删除申请 2026-017",
                                                         str(std.pk))
    assert last.diff == {"commenter": [ref, None], "phone": [ref, None]}
    entries = history(std)
    assert entries[0].kind.startswith("删除个人信息")
    shown = {c.label: (c.before, c.after) for c in entries[1].changes}
    assert shown["commenter"] == ("—", str(personal.ERASED))
    assert ("—", "Public data catalogue") in shown.values()  # the plain change is intact

    # Erasing again changes nothing and records nothing.
    personal.erase(admin_user, ref["personal"], "删除申请 2026-017")
    assert Event.objects.order_by("-seq").first().seq == last.seq


def test_only_programme_administrators_erase(commented, make_user, org):
    _, event = commented
    editor = make_user(Role.EDITOR, org)
    with pytest.raises(PermissionDenied):
        personal.erase(editor, event.diff["commenter"][1], "删除申请")
    with pytest.raises(ValidationError):
        personal.erase(SYSTEM, {"personal": "not-a-uuid"}, "删除申请")
    assert PersonalData.objects.get().erased_at is None


def test_the_history_page_shows_the_value_then_erased(commented, admin_user, client):
    std, event = commented
    client.force_login(admin_user)
    url = reverse(WORKSPACE_PAGE, args=[std.pk])  # the workspace page shows each change
    page = client.get(url)
    assert page.status_code == 200 and NAME in page.content.decode()
    personal.erase(admin_user, event.diff["commenter"][1], "删除申请 2026-018")
    html = client.get(url).content.decode()
    assert NAME not in html and PHONE not in html and str(personal.ERASED) in html
