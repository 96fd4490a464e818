"""Personal data outside the hash chain, erasable as the law requires (个人信息保护法).

An event's hash covers its diff, so a name written into a diff could never be
removed without breaking ``stdhub audit verify``. A service that records
personal values (a commenter's name, contact details) keeps them in
:class:`~stdhub.core.models.PersonalData` instead and puts a reference in the
diff::

    personal.record(actor, comment, "created", diff=public_diff,
                    personal={"author_name": "张三"})
    # diff stored and hashed: {"author_name": [None, {"personal": "<uuid>"}], ...}

:func:`erase` blanks the values and keeps the reference: the chain still
verifies, history pages show "已删除 erased" where the value was, and an
``erased`` event records who erased what and why. Messages and ``__str__`` of
objects are stored in events too: keep personal values out of both.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events
from .models import Event, PersonalData
from .permissions import policy, require

KEY = "personal"  # a diff value {"personal": "<uuid>"} stands for a PersonalData row
ERASED = _("已删除 erased")


@policy(PersonalData, actions=("view", "erase"))
def personal_data_policy(user, action, record):
    # Reading stored values happens through history pages (which show them as the owner's
    # page does); looking rows up directly and erasing are for programme administrators.
    return False


def reference_of(value) -> str | None:
    """The PersonalData id a diff value refers to, or None for a plain value."""
    if isinstance(value, dict) and set(value) == {KEY} and isinstance(value[KEY], str):
        return value[KEY]
    return None


def keep(obj, values: dict) -> dict[str, dict]:
    """Store ``values`` (field → personal value) of the saved ``obj``; the reference for each."""
    if not values:
        return {}
    record = PersonalData.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        fields=events.to_plain(values))
    return {name: {KEY: str(record.pk)} for name in values}


def record(actor, obj, kind: str, message: str = "", diff: dict | None = None, *,
           personal: dict) -> Event:
    """``events.record`` with ``personal`` values kept out of the hashed diff (new values:
    the diff shows ``[None, reference]``); inside the caller's transaction."""
    refs = keep(obj, personal)
    return events.record(actor, obj, kind, message,
                         {**(diff or {}), **{name: [None, ref] for name, ref in refs.items()}})


def resolve(diffs) -> dict[str, dict | None]:
    """``{id: fields, or None once erased}`` for every reference in ``diffs``, in one query."""
    ids = set()
    for diff in diffs:
        for pair in (diff or {}).values():
            for value in pair if isinstance(pair, list) else [pair]:
                if (ref := reference_of(value)) is not None:
                    ids.add(ref)
    valid = [i for i in ids if _is_uuid(i)]
    if not valid:
        return dict.fromkeys(ids)
    found = {str(pk): (None if erased else fields) for pk, fields, erased in
             PersonalData.objects.filter(pk__in=valid).values_list("pk", "fields", "erased_at")}
    return {i: found.get(i) for i in ids}


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def erase(actor, ref, reason: str) -> PersonalData:
    """Blank the values behind ``ref`` (a reference, or its id) and record an ``erased`` event.

    The row and its id stay, so every event that refers to it keeps its hash. The event
    goes to the owner's history (to the row itself if the owner is gone); ``reason`` is
    hashed with it, so it must name the request (a ticket number), not the person.
    Erasing what is already erased changes nothing and records nothing.
    """
    require(actor, "erase", PersonalData)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明删除依据 give the reason for erasing")})
    key = reference_of(ref) or str(ref)
    if not _is_uuid(key):
        raise ValidationError({"ref": _("不是个人信息引用 not a personal data reference")})
    with transaction.atomic():
        data = PersonalData.objects.select_for_update().get(pk=key)
        if data.erased_at is not None:
            return data
        names = sorted(data.fields)
        data.fields = dict.fromkeys(names, "")
        data.erased_at = timezone.now()
        data.save(update_fields=["fields", "erased_at"])
        owner = data.owner or data
        # Each field goes from the (now blank) reference to nothing.
        events.record(actor, owner, "erased", reason,
                      {name: [{KEY: str(data.pk)}, None] for name in names})
    return data
