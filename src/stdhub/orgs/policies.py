from stdhub.core.permissions import policy

from .models import Membership, Organization


@policy(Organization)
def organization_policy(user, action, org):
    # Organizations are public; only programme administrators (checked before
    # any policy) create or change them.
    return action == "view"


@policy(Membership)
def membership_policy(user, action, membership):
    return action == "view" and membership is not None and membership.user_id == user.pk
