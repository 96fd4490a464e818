from django.contrib.auth import get_user_model

from stdhub.core.permissions import policy

from .models import Membership, Organization


@policy(Organization)
def organization_policy(user, action, org):
    # Organizations are public; only programme administrators (checked before
    # any policy) create or change them.
    return action == "view"


def _own_memberships(user, action, queryset):
    if action != "view" or not getattr(user, "pk", None):
        return queryset.none()
    return queryset.filter(user_id=user.pk)


@policy(Membership, visible=_own_memberships)
def membership_policy(user, action, membership):
    return action == "view" and membership is not None and membership.user_id == user.pk


@policy(get_user_model(), actions=("view", "add", "change"))
def user_policy(user, action, other):
    """Accounts are managed by programme administrators; a user sees its own."""
    return action == "view" and other is not None and other.pk == getattr(user, "pk", None)
