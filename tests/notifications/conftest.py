"""The projects' people and project, with email addresses, for notifications."""

import pytest
from django.contrib.auth import get_user_model

from tests.projects.conftest import (  # noqa: F401  (fixtures shared with the project tests)
    advance,
    department,
    lead_org,
    media_root,
    people,
    project,
)


@pytest.fixture
def mailboxes(people):  # noqa: F811  (the imported fixture)
    """Everyone in ``people`` gets an address ``username@example.cn``."""
    for user in get_user_model().objects.all():
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return people


def notified(kind=None):
    """``{username: [texts]}`` of the notices made so far (of one kind)."""
    from stdhub.notifications.models import Notice

    qs = Notice.objects.select_related("recipient").order_by("pk")
    if kind:
        qs = qs.filter(kind=kind)
    out = {}
    for n in qs:
        out.setdefault(n.recipient.username, []).append(n.text)
    return out
