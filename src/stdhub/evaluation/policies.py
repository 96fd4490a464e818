"""Who may do what in implementation evaluation.

- Indicator schemes are public; programme administrators (checked before any policy) load
  them, run campaigns, assign evaluators, return assessments, decide and publish.
- An evaluator sees and scores only its own assessments: those assigned to the user, or to
  a third-party evaluator organization in which the user holds the evaluator role. It sees
  the campaigns and subjects of those assessments, and the conformance runs attached to them
  as evidence.
- Anyone sees the subjects (and decisions) of results chosen for publication.
"""

from django.db.models import Q

from stdhub.conformance import policies as conformance_policies
from stdhub.core.permissions import orgs_with_roles, policy

from .models import Assessment, Campaign, Decision, Evidence, Scheme, Subject

EVALUATOR_ROLES = ("evaluator",)


def own_assessments(user) -> Q:
    """Assessments ``user`` scores: as the expert, or for its evaluator organization."""
    if not getattr(user, "pk", None):
        return Q(pk__in=[])
    return Q(evaluator_id=user.pk) | Q(evaluator_org_id__in=orgs_with_roles(user, EVALUATOR_ROLES))


def _is_own(user, assessment) -> bool:
    if not getattr(user, "pk", None):
        return False
    return assessment.evaluator_id == user.pk or (
        assessment.evaluator_org_id in orgs_with_roles(user, EVALUATOR_ROLES))


def _prefixed(q: Q, prefix: str) -> Q:
    """``own_assessments`` seen from a model that reaches assessments through ``prefix``."""
    def walk(node):
        out = Q(*[walk(c) if isinstance(c, Q) else (f"{prefix}__{c[0]}", c[1])
                  for c in node.children])
        out.connector, out.negated = node.connector, node.negated
        return out
    return walk(q)


@policy(Scheme, actions=("view", "add", "change"))
def scheme_policy(user, action, scheme):
    return action == "view"


def _visible_assessments(user, action, queryset):
    return queryset.filter(own_assessments(user)) if action in ("view", "change") \
        else queryset.none()


@policy(Assessment, actions=("view", "add", "change", "return"), visible=_visible_assessments)
def assessment_policy(user, action, assessment):
    if action not in ("view", "change"):
        return False  # assigning and returning are the administrators'
    if assessment is None:
        return bool(getattr(user, "pk", None))
    return _is_own(user, assessment)


def _visible_campaigns(user, action, queryset):
    if action != "view":
        return queryset.none()
    return queryset.filter(_prefixed(own_assessments(user), "subjects__assessments")).distinct()


@policy(Campaign, actions=("view", "add", "change"), visible=_visible_campaigns)
def campaign_policy(user, action, campaign):
    if action != "view":
        return False
    if campaign is None:  # listing, narrowed to the user's campaigns
        return True
    return Assessment.objects.filter(own_assessments(user), subject__campaign=campaign).exists()


def _visible_subjects(user, action, queryset):
    if action != "view":
        return queryset.none()
    return queryset.filter(Q(published=True)
                           | _prefixed(own_assessments(user), "assessments")).distinct()


@policy(Subject, actions=("view", "add", "decide", "publish"), visible=_visible_subjects)
def subject_policy(user, action, subject):
    if action != "view":
        return False
    if subject is None:
        return True
    return subject.published or subject.assessments.filter(own_assessments(user)).exists()


def _visible_decisions(user, action, queryset):
    return queryset.filter(subject__published=True) if action == "view" else queryset.none()


@policy(Decision, actions=("view",), visible=_visible_decisions)
def decision_policy(user, action, decision):
    return decision is None or decision.subject.published


def _visible_evidence(user, action, queryset):
    if action != "view":
        return queryset.none()
    return queryset.filter(_prefixed(own_assessments(user), "assessment"))


@policy(Evidence, actions=("view", "add"), visible=_visible_evidence)
def evidence_policy(user, action, evidence):
    return evidence is not None and _is_own(user, evidence.assessment)


# The assigned evaluator reads a conformance run attached to its assessment as evidence.
conformance_policies.run_readers.append(
    lambda user: _prefixed(own_assessments(user), "evaluation_evidence__assessment"))
