from stdhub.core.permissions import policy, roles_of

from .models import Standard

EDITING_ROLES = ("editor",)


@policy(Standard)
def standard_policy(user, action, standard):
    """Anyone reads the registry; a department editor writes its own organization's standards."""
    if action == "view":
        return True
    roles = roles_of(user)
    editor_orgs = set().union(*(roles.get(r, set()) for r in EDITING_ROLES))
    if not editor_orgs:
        return False
    if standard is None:  # "may add standards at all?"
        return action == "add"
    # Adding or changing one: only for the editor's own organizations.
    return standard.responsible_org_id in editor_orgs
