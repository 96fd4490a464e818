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
OWN = frozenset({"admin", "viewer"})  # rows of the viewer's own
EVALUATORS = frozenset({"admin", "evaluator"})  # the assigned evaluator
# The sample pilot: undertaken by the organization, supervised by the other one.
PILOT_INSIDERS = MEMBERS | {OTHER}
PILOT_HANDS = DRAFTING | {OTHER}  # undertaker's editors and drafters, supervisor's editors
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
    # The viewer's own export, follow, notice and notification settings.
    "standards.StandardExport": {"view": OWN, "add": OWN, "change": ADMIN},
    "notifications.Follow": {"view": OWN, "add": OWN, "delete": OWN},
    "notifications.Notice": {"view": OWN, "change": OWN},
    "notifications.Preference": {"view": OWN, "change": OWN},
    # A campaign assessing another organization's standard, assigned to the organization's
    # evaluator; decided, not published: the administrators and the evaluator alone.
    "evaluation.Scheme": {"view": EVERYONE, "add": ADMIN, "change": ADMIN},
    "evaluation.Campaign": {"view": EVALUATORS, "add": ADMIN, "change": ADMIN},
    "evaluation.Subject": {"view": EVALUATORS, "add": ADMIN, "decide": ADMIN, "publish": ADMIN},
    "evaluation.Assessment": {"view": EVALUATORS, "add": ADMIN, "change": EVALUATORS,
                              "return": ADMIN},
    "evaluation.Evidence": {"view": EVALUATORS, "add": EVALUATORS},
    "evaluation.Decision": {"view": ADMIN},  # public once its subject is published
    # An application of the organization, supervised by the other organization.
    "pilots.Pilot": {"view": PILOT_INSIDERS, "add": PILOT_HANDS, "change": PILOT_HANDS,
                     "move": PILOT_HANDS, "upload": PILOT_HANDS},
    "pilots.PilotDocument": {"view": PILOT_INSIDERS},
    # An active committee whose secretariat the organization holds.
    "committees.Committee": {"view": EVERYONE, "add": ADMIN, "change": ADMIN,
                             "dissolve": ADMIN, "manage": {"admin", "editor", "secretariat"}},
    "committees.Member": {"view": EVERYONE},
    "committees.CommitteeStandard": {"view": EVERYONE},
    "committees.Participation": {"view": EVERYONE},
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
    "standards.StandardExport": {"view": SIGNED_IN, "add": SIGNED_IN},  # their own
    "notifications.Follow": {"view": SIGNED_IN, "add": SIGNED_IN},
    "notifications.Notice": {"view": SIGNED_IN},
    "notifications.Preference": {"view": SIGNED_IN},
    "evaluation.Scheme": {"view": EVERYONE, "add": ADMIN},
    # Lists narrowed to one's own assessments and published results.
    "evaluation.Campaign": {"view": EVERYONE, "add": ADMIN},
    "evaluation.Subject": {"view": EVERYONE, "add": ADMIN},
    "evaluation.Assessment": {"view": SIGNED_IN, "add": ADMIN},
    "evaluation.Evidence": {"view": ADMIN, "add": ADMIN},
    "evaluation.Decision": {"view": EVERYONE},
    # Any undertaking organization's editor or drafter may apply.
    "pilots.Pilot": {"view": EVERYONE, "add": DRAFTING | {OTHER}},
    "pilots.PilotDocument": {"view": SIGNED_IN},
    "committees.Committee": {"view": EVERYONE, "add": ADMIN},
    "committees.Member": {"view": EVERYONE},
    "committees.CommitteeStandard": {"view": EVERYONE},
    "committees.Participation": {"view": EVERYONE},
}

# Concrete models of stdhub's apps that are not objects people act on, so have no policy.
INTERNAL = {
    "core.Event",  # the audit chain: read through its object's history
    "core.ChainHead",  # the chain's lock row
    "search.SearchEntry",  # derived search index
    "search.TokenCount",  # derived search statistics
    "search.ProjectEntry",  # derived search index of projects
    "search.ProjectTokenCount",  # derived search statistics of projects
    "notifications.ScheduledRun",  # the clock's once-per-period claim on a job, no one edits it
}
