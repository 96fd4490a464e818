from django.contrib.auth import get_user_model

from stdhub.core.permissions import policy

from .models import ApiToken, Membership, Organization


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


def _own_tokens(user, action, queryset):
    if not getattr(user, "pk", None):
        return queryset.none()
    return queryset.filter(user_id=user.pk)


@policy(ApiToken, actions=("view", "add", "delete"), visible=_own_tokens)
def api_token_policy(user, action, token):
    """Each person issues, sees and revokes their own tokens (administrators anyone's)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
        return False
    return token is None or token.user_id == user.pk
