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
SIGNED_IN = EVERYONE - {ANONYMOUS}
# The sample project is led and looked after by the organization: its editors draft it and
# are its department, its drafters draft it, its secretariat runs its review and its
# expert sits on that review.
DRAFTING = frozenset({"admin", "editor", "drafter"})
PROJECT_INSIDERS = DRAFTING | {"secretariat", "expert"}
# The sample task is led by the other organization; the organization helps and reported.
REPORTERS = frozenset({"admin", "editor"})
LEAD_UNIT = frozenset({"admin", OTHER})
PUBLIC = {"view": EVERYONE, "add": ADMIN, "change": ADMIN, "delete": ADMIN}
BUILT_BY_OWNER = {"view": EVERYONE, "add": EDITORS, "change": EDITORS, "delete": EDITORS}

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
    # The viewer's own token: each person issues, sees and revokes their own.
    "orgs.ApiToken": {"view": {"admin", "viewer"}, "add": {"admin", "viewer"},
                      "delete": {"admin", "viewer"}},
    # Stored personal values: looked up and erased by programme administrators only.
    "core.PersonalData": {"view": ADMIN, "erase": ADMIN},
    # A project at its review (stage 40): public, comment period over.
    "projects.Project": {"view": EVERYONE, "add": DRAFTING, "change": DRAFTING,
                         "move": DRAFTING | {"secretariat"}, "upload": DRAFTING,
                         "dispose": DRAFTING, "comment": ADMIN, "review": {"admin", "secretariat"},
                         "vote": {"admin", "expert"}, "erase": EDITORS},
    "projects.ProjectDocument": {"view": PROJECT_INSIDERS},  # the draft for review
    "projects.Comment": {"view": PROJECT_INSIDERS},
    "projects.Review": {"view": PROJECT_INSIDERS},
    "projects.ReviewVote": {"view": PROJECT_INSIDERS},
    "programme.Programme": PUBLIC,
    "programme.Area": PUBLIC,
    "programme.Task": PUBLIC,
    "programme.TaskUnit": PUBLIC,
    "programme.Target": {**PUBLIC, "report-value": ADMIN},
    "programme.Milestone": PUBLIC,
    # The organization's report, submitted and not yet reviewed by the lead unit.
    "programme.ProgressReport": {"view": REPORTERS | LEAD_UNIT, "add": REPORTERS,
                                 "review": LEAD_UNIT},
    "programme.ReportEvidence": {"view": REPORTERS | LEAD_UNIT},  # as its report
    "framework.Framework": {"view": EVERYONE, "add": EDITORS, "change": EDITORS,
                            "import": EDITORS},
    "framework.Node": BUILT_BY_OWNER,
    "framework.Entry": BUILT_BY_OWNER,
    # A demand the viewer raised: seen by its submitter and the owning organization's editors.
    "framework.Demand": {"view": EDITORS | {"viewer"}, "add": EVERYONE, "review": EDITORS},
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
    "orgs.ApiToken": {"view": SIGNED_IN, "add": SIGNED_IN},  # their own
    "core.PersonalData": {"view": ADMIN, "erase": ADMIN},
    # Lists of what one may see; any drafter or editor may propose a project.
    "projects.Project": {"view": EVERYONE, "add": DRAFTING | {OTHER}},
    "projects.ProjectDocument": {"view": EVERYONE},
    "projects.Comment": {"view": SIGNED_IN},
    "projects.Review": {"view": SIGNED_IN},
    "projects.ReviewVote": {"view": SIGNED_IN},
    "programme.Programme": {"view": EVERYONE, "add": ADMIN},
    "programme.Area": {"view": EVERYONE, "add": ADMIN},
    "programme.Task": {"view": EVERYONE, "add": ADMIN},
    "programme.TaskUnit": {"view": EVERYONE, "add": ADMIN},
    "programme.Target": {"view": EVERYONE, "add": ADMIN},
    "programme.Milestone": {"view": EVERYONE, "add": ADMIN},
    "programme.ProgressReport": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "programme.ReportEvidence": {"view": EVERYONE},
    "framework.Framework": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "framework.Node": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "framework.Entry": {"view": EVERYONE, "add": EDITORS | {OTHER}},
    "framework.Demand": {"view": EVERYONE, "add": EVERYONE},
}

# Concrete models of stdhub's apps that are not objects people act on, so have no policy.
INTERNAL = {
    "core.Event",  # the audit chain: read through its object's history
    "core.ChainHead",  # the chain's lock row
    "search.SearchEntry",  # derived search index
    "search.TokenCount",  # derived search statistics
}
