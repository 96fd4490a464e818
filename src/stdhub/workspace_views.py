"""The workspace home: what needs the signed-in person's action."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.shortcuts import render
from django.utils import timezone

from stdhub.core import kinds
from stdhub.core.models import Event
from stdhub.core.permissions import can, is_programme_admin, member_orgs, scope
from stdhub.projects import queries as project_queries
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard

REVIEW_HORIZON = dt.timedelta(days=183)  # reviews falling due within about six months
SHOWN = 20
COUNT_CAP = 1000  # past this the page says "1000+": counting 200,000 rows costs a second


def _my_standards(user) -> QuerySet[Standard]:
    """Standards of the person's organizations (responsible or drafting); all for administrators."""
    standards = scope(user, "view", Standard.objects.all())
    if is_programme_admin(user):
        return standards
    org_ids = member_orgs(user)
    # The drafting join repeats a standard per drafting organization: keep each once.
    return standards.filter(Q(responsible_org__in=org_ids) | Q(drafting_orgs__in=org_ids)
                            ).distinct()


def _recent_events(user, standards: QuerySet[Standard]) -> QuerySet[Event]:
    if is_programme_admin(user):
        return Event.objects.all()
    ids = standards.annotate(key=Cast("pk", CharField())).values("key")
    return Event.objects.filter(
        Q(actor=user)
        | Q(content_type=ContentType.objects.get_for_model(Standard), object_id__in=ids))


@login_required
def home(request):
    today = timezone.localdate()
    due_until = today + REVIEW_HORIZON
    standards = _my_standards(request.user)
    due = (standards.filter(status__in=[Status.CURRENT, Status.UPCOMING],
                            review_due_on__lte=due_until)
           .select_related("responsible_org").order_by("review_due_on", "code"))
    due_count = due[:COUNT_CAP + 1].count()
    events = list(_recent_events(request.user, standards).order_by("-seq")[:SHOWN])
    for e in events:
        e.kind_label = kinds.label(e.kind)
    return render(request, "workspace/home.html", {
        "today": today,
        "due_until": due_until,
        "due": due[:SHOWN],
        "due_count": min(due_count, COUNT_CAP),
        "due_more": due_count > COUNT_CAP,
        "events": events,
        "can_add": can(request.user, "add", Standard),
        "standard_type": ContentType.objects.get_for_model(Standard).pk,
        "waiting": project_queries.waiting_on(request.user, today),
        "overdue": project_queries.overdue(request.user, today)[:SHOWN],
    })
