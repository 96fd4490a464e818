"""Who may see and do what with standard-development projects.

Roles *on a project* (:func:`project_roles`, the names the stage rules use):

- drafter: a drafter or editor of the lead drafting organization (起草单位);
- editor: an editor of the responsible department (归口单位);
- secretariat: a committee secretariat member of the responsible department;
- admin: programme administrators (the standardization authority) and stdhub itself.

Visibility (decided here once, used by every list through ``scope``):

- insiders see every project they are part of, at any stage: the roles above, drafters
  and editors of co-drafting organizations, and experts assigned to one of its reviews;
- the public sees a project once it has reached the comment stage (30 征求意见) or later,
  including stopped or cancelled ones that got that far, never one still in 00–20;
- of its documents the public sees only what was published for comment (征求意见稿,
  编制说明); drafts for review and approval, proposals and minutes stay inside;
- comments carry personal data and are seen by insiders only; reviews and votes likewise.

Anyone, without an account, may comment on a project whose comment period is open.
"""

from __future__ import annotations

from django.db.models import Q

from stdhub.core.permissions import SYSTEM, is_programme_admin, orgs_with_roles, policy

from .models import Comment, Project, ProjectDocument, Review, ReviewVote
from .stages import Doc, Role, Stage, Sub

PUBLIC_STAGES = (Stage.COMMITTEE, Stage.ENQUIRY, Stage.APPROVAL, Stage.PUBLICATION,
                 Stage.REVIEW, Stage.WITHDRAWAL)
PUBLIC_DOCUMENTS = (Doc.COMMENT_DRAFT, Doc.EXPLANATION)
DRAFTING_ROLES = ("drafter", "editor")
DEPARTMENT_ROLES = ("editor",)
SECRETARIAT_ROLES = ("secretariat",)


def project_roles(user, project: Project) -> set[str]:
    """The stage-rule roles ``user`` holds on ``project``."""
    if user is SYSTEM:
        return {Role.ADMIN, Role.SYSTEM}
    if is_programme_admin(user):
        return {Role.ADMIN}
    roles = set()
    if project.lead_org_id in orgs_with_roles(user, DRAFTING_ROLES):
        roles.add(Role.DRAFTER)
    if project.responsible_org_id in orgs_with_roles(user, DEPARTMENT_ROLES):
        roles.add(Role.EDITOR)
    if project.responsible_org_id in orgs_with_roles(user, SECRETARIAT_ROLES):
        roles.add(Role.SECRETARIAT)
    return roles


def _insider_q(user, prefix: str = "") -> Q:
    drafting = orgs_with_roles(user, DRAFTING_ROLES)
    department = orgs_with_roles(user, DEPARTMENT_ROLES + SECRETARIAT_ROLES)
    q = Q(**{f"{prefix}lead_org__in": drafting}) | Q(**{f"{prefix}responsible_org__in": department})
    q |= Q(**{f"{prefix}pk__in": Project.co_drafters.through.objects.filter(
        organization__in=drafting).values("project_id")})
    if getattr(user, "pk", None):
        q |= Q(**{f"{prefix}pk__in": Review.objects.filter(experts=user).values("project_id")})
    return q


def is_insider(user, project: Project) -> bool:
    if is_programme_admin(user):
        return True
    if project_roles(user, project):
        return True
    return Project.objects.filter(_insider_q(user), pk=project.pk).exists()


def is_public(project: Project) -> bool:
    return project.stage in PUBLIC_STAGES


def _visible_projects(user, action, queryset):
    return queryset.filter(Q(stage__in=PUBLIC_STAGES) | _insider_q(user))


@policy(Project, actions=("view", "add", "change", "move", "upload", "dispose", "comment",
                          "review", "vote", "erase"), visible=_visible_projects)
def project_policy(user, action, project):
    if project is None:  # lists, and "may propose a project at all?"
        if action == "view":
            return True  # narrowed by _visible_projects
        return action == "add" and bool(orgs_with_roles(user, DRAFTING_ROLES))
    roles = project_roles(user, project)
    if action == "view":
        return is_public(project) or is_insider(user, project)
    if action == "comment":
        return project.stage == Stage.COMMITTEE and project.substate == Sub.OPEN
    if action == "vote":
        review = project.reviews.first()
        return bool(review and getattr(user, "pk", None)
                    and review.experts.filter(pk=user.pk).exists())
    if action == "review":
        return bool(roles & {Role.SECRETARIAT})
    if action == "move":
        return bool(roles)  # which move, the stage rules decide
    if action == "erase":
        return bool(roles & {Role.EDITOR})
    # add, change, upload, dispose: the lead drafters and the responsible department
    return bool(roles & {Role.DRAFTER, Role.EDITOR})


def _visible_documents(user, action, queryset):
    return queryset.filter(
        Q(project__stage__in=PUBLIC_STAGES, kind__in=PUBLIC_DOCUMENTS)
        | _insider_q(user, "project__"))


@policy(ProjectDocument, actions=("view",), visible=_visible_documents)
def document_policy(user, action, document):
    if document is None:
        return True
    project = document.project
    if document.kind in PUBLIC_DOCUMENTS and is_public(project):
        return True
    return is_insider(user, project)


def _insiders_only(prefix: str):
    def visible(user, action, queryset):
        return queryset.filter(_insider_q(user, prefix))

    def check(user, action, obj):
        if obj is None:
            return bool(getattr(user, "is_authenticated", False))  # lists are narrowed
        project = obj
        for part in prefix.strip("_").split("__"):
            project = getattr(project, part)
        return is_insider(user, project)

    return visible, check


for _model, _prefix in ((Comment, "project__"), (Review, "project__"),
                        (ReviewVote, "review__project__")):
    _visible, _check = _insiders_only(_prefix)
    policy(_model, actions=("view",), visible=_visible)(_check)
