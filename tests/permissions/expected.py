"""Who may do what: the expectation the permission matrix checks every policy against.

Written out by hand on purpose: changing a policy (or adding a model or an action)
fails the matrix until this table says the same. Subjects are the roles of the
organization that owns the object, an anonymous visitor and a department editor of
another organization.
"""

from .conftest import ANONYMOUS, OTHER, ROLES

EVERYONE = frozenset({*ROLES, ANONYMOUS, OTHER})
ADMIN = frozenset({"admin"})
EDITORS = frozenset({"admin", "editor"})
MEMBERS = frozenset(ROLES)  # any role in the owning organization

# (model, action) on one object of the organization → who may.
ON_OBJECT = {
    "orgs.Organization": {"view": EVERYONE, "add": ADMIN, "change": ADMIN, "delete": ADMIN},
    # Someone else's membership and account (a colleague's).
    "orgs.Membership": {"view": ADMIN, "add": ADMIN, "change": ADMIN, "delete": ADMIN},
    "auth.User": {"view": ADMIN, "add": ADMIN, "change": ADMIN},
    "standards.Standard": {"view": EVERYONE, "add": EDITORS, "change": EDITORS, "delete": ADMIN},
    "standards.ICSClass": {"view": EVERYONE},
    "standards.CCSClass": {"view": EVERYONE},
    "conformance.DataStandard": {"view": EVERYONE, "add": EDITORS, "change": EDITORS,
                                 "publish": EDITORS},
    "conformance.DataStandardVersion": {"view": EVERYONE},
    "conformance.CodeList": {"view": EVERYONE, "add": EDITORS, "change": EDITORS},
    "conformance.CodeListVersion": {"view": EVERYONE},
    "conformance.ConformanceRun": {"view": MEMBERS, "add": MEMBERS, "change": ADMIN},
}

# (model, action) asked of the model as a whole — "may list them", "may add one at all"
# (buttons, list pages, API POST) → who may.
ON_MODEL = {
    "orgs.Organization": {"view": EVERYONE, "add": ADMIN},
    "orgs.Membership": {"view": ADMIN, "add": ADMIN},
    "auth.User": {"view": ADMIN, "add": ADMIN},
    "standards.Standard": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "standards.ICSClass": {"view": EVERYONE},
    "standards.CCSClass": {"view": EVERYONE},
    "conformance.DataStandard": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "conformance.DataStandardVersion": {"view": EVERYONE},
    "conformance.CodeList": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "conformance.CodeListVersion": {"view": EVERYONE},
    "conformance.ConformanceRun": {"view": MEMBERS | {OTHER}, "add": MEMBERS | {OTHER}},
}

# Concrete models of stdhub's apps that are not objects people act on, so have no policy.
INTERNAL = {
    "core.Event",  # the audit chain: read through its object's history
    "core.ChainHead",  # the chain's lock row
    "search.SearchEntry",  # derived search index
    "search.TokenCount",  # derived search statistics
}
