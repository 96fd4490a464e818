"""Notices and notification settings are their person's alone; anyone signed in may follow
what they may see."""

from stdhub.core.permissions import can, policy

from .models import Follow, Notice, Preference


def _own_notices(user, action, queryset):
    return queryset.filter(recipient=user) if getattr(user, "pk", None) else queryset.none()


@policy(Notice, actions=("view", "change"), visible=_own_notices)
def notice_policy(user, action, notice):
    if notice is None:
        return bool(getattr(user, "is_authenticated", False))  # lists are narrowed
    return notice.recipient_id == getattr(user, "pk", None)


def _own_follows(user, action, queryset):
    return queryset.filter(user=user) if getattr(user, "pk", None) else queryset.none()


@policy(Follow, actions=("view", "add", "delete"), visible=_own_follows)
def follow_policy(user, action, follow):
    if not getattr(user, "is_authenticated", False):
        return False
    if follow is None:
        return True
    return follow.user_id == user.pk and (action != "add" or can(user, "view", follow.target))


def _own_preferences(user, action, queryset):
    return queryset.filter(user=user) if getattr(user, "pk", None) else queryset.none()


@policy(Preference, actions=("view", "change"), visible=_own_preferences)
def preference_policy(user, action, preference):
    """One's own notification settings: each signed-in person reads and sets their own."""
    if not getattr(user, "is_authenticated", False):
        return False
    return preference is None or preference.user_id == user.pk
