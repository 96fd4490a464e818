"""``{% unread_notices user %}`` for the nav; ``{% follow_button obj %}`` on the pages of
projects and standards."""

from django import template
from django.contrib.contenttypes.models import ContentType

from .. import queries, services

register = template.Library()


@register.simple_tag
def unread_notices(user) -> int:
    return queries.unread_count(user)


@register.inclusion_tag("notifications/_follow.html", takes_context=True)
def follow_button(context, obj):
    request = context["request"]
    return {
        "csrf_token": context.get("csrf_token"),
        "following": services.is_following(request.user, obj),
        "type_id": ContentType.objects.get_for_model(obj).pk,
        "pk": obj.pk,
        "next": request.get_full_path(),
    }
