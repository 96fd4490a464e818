from stdhub.core.permissions import orgs_with_roles, policy

from .models import CCSClass, ICSClass, Standard, StandardExport

EDITING_ROLES = ("editor",)


def editor_orgs(user) -> set[int]:
    """Organizations whose objects ``user`` may edit as a department editor."""
    return orgs_with_roles(user, EDITING_ROLES)


@policy(Standard)
def standard_policy(user, action, standard):
    """Anyone reads the registry; a department editor writes its own organization's standards."""
    if action == "view":
        return True
    if action == "delete":
        return False  # standards are withdrawn (废止), never deleted, except by administrators
    orgs = editor_orgs(user)
    if not orgs:
        return False
    if standard is None:  # "may add standards at all?"
        return action == "add"
    # Adding or changing one: only for the editor's own organizations.
    return standard.responsible_org_id in orgs


@policy(ICSClass, actions=("view",))
@policy(CCSClass, actions=("view",))
def classification_policy(user, action, cls):
    """ICS and CCS are public reference data, loaded by ``stdhub init`` (no one edits them)."""
    return True


def _own_exports(user, action, queryset):
    return queryset.filter(requested_by_id=getattr(user, "pk", None))


@policy(StandardExport, actions=("view", "add", "change"), visible=_own_exports)
def export_policy(user, action, export):
    """Anyone logged in exports what the list shows them; the file is the requester's.
    Only stdhub's worker (SYSTEM) advances an export."""
    if action == "change" or not getattr(user, "is_authenticated", False):
        return False
    return export is None or export.requested_by_id == user.pk
