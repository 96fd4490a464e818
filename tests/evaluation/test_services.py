"""Campaigns, assignments, scoring, locks, evidence, decisions: real database, real events."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stdhub.conformance.models import ConformanceRun
from stdhub.conformance.services import publish_data_standard
from stdhub.core.errors import Conflict
from stdhub.core.models import Event
from stdhub.core.permissions import can, scope
from stdhub.evaluation import queries, services
from stdhub.evaluation.models import Assessment, Subject
from stdhub.orgs.choices import Role
from stdhub.projects.models import Project
from stdhub.standards.choices import Status
from tests.conformance_web.conftest import SCHEMA

from .conftest import SCORES, SCORES_TOTAL

pytestmark = pytest.mark.django_db


def events_of(obj, kind):
    return Event.objects.filter(content_type__model=obj._meta.model_name, object_id=str(obj.pk),
                                kind=kind)


def test_builtin_schemes_name_their_source_and_load_once(schemes):
    effect = schemes["standard-implementation-effect"]
    assert "GB/T 3533" in effect.source and "stdhub's defaults" in effect.source
    assert "stdhub's defaults" in schemes["pilot-acceptance"].source
    assert [n["id"] for n in effect.data["indicators"]] == ["status", "economic", "social",
                                                            "ecological"]
    again = services.load_builtin_schemes(effect)  # any actor: nothing new is written
    assert [created for _, created in again] == [False, False]


def test_scheme_with_bad_weights_is_refused(admin_user):
    with pytest.raises(ValidationError, match="sum to 90, not 100"):
        services.load_scheme(admin_user, {"key": "bad", "name": "bad", "subject_kind": "standard",
                                          "indicators": [{"id": "x", "weight": 90,
                                                          "method": "score"}]})


def test_conflict_of_interest_is_refused(subject, make_user, org, evaluator_org, admin_user):
    insider = make_user(Role.EXPERT, org)  # an expert of the standard's responsible org
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.assign(admin_user, subject, evaluator=insider)
    subject_std = queries.subjects.resolve("standard", subject.object_id)
    subject_std.drafting_orgs.add(evaluator_org)  # a drafting organization counts too
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.assign(admin_user, subject, evaluator_org=evaluator_org)
    assert not Assessment.objects.exists()


def test_only_experts_or_evaluator_orgs_are_assigned(subject, editor, other_org, admin_user):
    with pytest.raises(ValidationError, match="neither the expert nor"):
        services.assign(admin_user, subject, evaluator=editor)
    with pytest.raises(ValidationError, match="not a third-party evaluator"):
        services.assign(admin_user, subject, evaluator_org=other_org)


def test_evaluator_cannot_assign(subject, expert, second_expert):
    with pytest.raises(PermissionDenied):
        services.assign(expert, subject, evaluator=second_expert)


def test_evaluator_sees_and_changes_only_its_own_assessment(subject, expert, second_expert,
                                                            admin_user):
    mine = services.assign(admin_user, subject, evaluator=expert)
    theirs = services.assign(admin_user, subject, evaluator=second_expert)
    assert list(queries.my_assessments(expert)) == [mine]
    assert not can(expert, "view", theirs)
    with pytest.raises(PermissionDenied):
        services.save_scores(expert, theirs, {"status.adoption": "10"})
    theirs.refresh_from_db()
    assert theirs.values == {}


def test_evaluator_org_members_score_for_their_org(subject, evaluator_org, make_user, admin_user):
    member = make_user(Role.EVALUATOR, evaluator_org)
    assessment = services.assign(admin_user, subject, evaluator_org=evaluator_org)
    assert list(queries.my_assessments(member)) == [assessment]
    assert list(scope(member, "view", Subject.objects.all())) == [subject]
    services.save_scores(member, assessment, {"status.adoption": "55"})
    assessment.refresh_from_db()
    assert assessment.values == {"status.adoption": "55"}


def test_draft_then_submit_locks_and_return_unlocks(subject, expert, admin_user):
    assessment = services.assign(admin_user, subject, evaluator=expert)
    services.save_scores(expert, assessment, {"status.adoption": "60"}, "草稿")
    assert events_of(assessment, "assessment-saved").count() == 1
    services.save_scores(expert, assessment, SCORES, "实施情况良好", submit=True)
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.locked
    with pytest.raises(Conflict, match="locked"):
        services.save_scores(expert, assessment, {"status.adoption": "99"})
    with pytest.raises(Conflict, match="locked"):
        services.add_evidence(expert, assessment, upload=SimpleUploadedFile("a.pdf", b"%PDF"))
    assessment.refresh_from_db()
    assert assessment.values["status.adoption"] == "60"
    with pytest.raises(PermissionDenied):
        services.return_assessment(expert, assessment, "self-return")
    services.return_assessment(admin_user, assessment, "生态效益依据不足")
    services.save_scores(expert, assessment, {**SCORES, "ecological.emissions": "60"})
    assessment.refresh_from_db()
    assert assessment.status == "returned" and assessment.values["ecological.emissions"] == "60"


def test_unreadable_values_are_refused_per_indicator(subject, expert, admin_user):
    assessment = services.assign(admin_user, subject, evaluator=expert)
    with pytest.raises(ValidationError) as error:
        services.save_scores(expert, assessment, {"status.cited": "maybe",
                                                  "status.adoption": "120", "nope": "1"})
    assert set(error.value.message_dict) == {"status.cited", "status.adoption", "nope"}
    assessment.refresh_from_db()
    assert assessment.values == {}


def test_results_combine_submitted_totals_and_report_missing(subject, expert, second_expert,
                                                             evaluator_org, make_user,
                                                             admin_user, campaign):
    a = services.assign(admin_user, subject, evaluator=expert)
    b = services.assign(admin_user, subject, evaluator=second_expert)
    c = services.assign(admin_user, subject, evaluator_org=evaluator_org)
    services.save_scores(expert, a, SCORES, submit=True)  # 74.5 (see conftest)
    # b: every leaf 100 except the missing ecological.emissions → total null, not counted
    services.save_scores(second_expert, b, {k: {"status.publicity": "充分", "status.cited": "是",
                                                "economic.market": "显著"}.get(k, "100")
                                            for k in SCORES if k != "ecological.emissions"},
                         submit=True)
    services.save_scores(make_user(Role.EVALUATOR, evaluator_org), c, SCORES)  # a draft
    result = queries.plain_results(campaign)["subjects"][0]
    assert result["total"] == SCORES_TOTAL and result["grade"] == "合格"
    assert result["pending"] == 1
    assert [(x["total"], x["missing"]) for x in result["assessments"]] == [
        (SCORES_TOTAL, []), (None, ["ecological.emissions"])]


@pytest.fixture
def run_of_org(editor, org, expert, media_and_tasks):
    version = publish_data_standard(editor, identifier="zj/legal-entity", title="法人单位基础信息",
                                    organization=org, schema=SCHEMA, version_label="1.0")
    return ConformanceRun.objects.create(version=version, organization=org, run_by=editor,
                                         dataset_name="x.csv", status="passed")


@pytest.fixture
def media_and_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_conformance_run_as_evidence_becomes_readable_by_the_evaluator(
        subject, expert, second_expert, admin_user, run_of_org, evaluator_org, editor):
    assessment = services.assign(admin_user, subject, evaluator=expert)
    assert not can(expert, "view", run_of_org)
    foreign = ConformanceRun.objects.create(version=run_of_org.version, organization=evaluator_org,
                                            run_by=editor, dataset_name="y.csv", status="passed")
    with pytest.raises(ValidationError, match="evaluated organization"):
        services.add_evidence(expert, assessment, run=foreign)
    services.add_evidence(expert, assessment, run=run_of_org, note="数据质量")
    assert can(expert, "view", run_of_org)
    assert list(scope(expert, "view", ConformanceRun.objects.all())) == [run_of_org]
    assert not can(expert, "view", foreign)
    assert not can(second_expert, "view", run_of_org)
    assert events_of(assessment, "evidence-added").count() == 1


def test_evidence_file_type_is_checked(subject, expert, admin_user, media_and_tasks):
    assessment = services.assign(admin_user, subject, evaluator=expert)
    with pytest.raises(ValidationError, match="file type"):
        services.add_evidence(expert, assessment, upload=SimpleUploadedFile("a.exe", b"MZ"))
    evidence = services.add_evidence(expert, assessment,
                                     upload=SimpleUploadedFile("调查.pdf", b"%PDF-1.4"))
    assert evidence.file.read() == b"%PDF-1.4"


def test_withdraw_decision_withdraws_the_standard_with_an_event(subject, standard, admin_user,
                                                                expert):
    with pytest.raises(PermissionDenied):
        services.decide(expert, subject, "withdraw", "实施效果差")
    decision = services.decide(admin_user, subject, "withdraw", "实施效果差，已无适用对象")
    standard.refresh_from_db()
    assert standard.status == Status.WITHDRAWN and standard.withdrawn_on is not None
    withdrawn = events_of(standard, "withdrawn").get()
    assert withdrawn.diff["status"] == ["current", "withdrawn"]
    assert "实施效果差" in withdrawn.message
    assert events_of(subject, "evaluation-decided").get().diff["outcome"] == [None, "withdraw"]
    assert decision.total is None  # nothing submitted: no total, not zero
    with pytest.raises(ValidationError, match="already has a decision"):
        services.decide(admin_user, subject, "continue")


def test_revise_decision_opens_a_revision_project(subject, standard, admin_user):
    decision = services.decide(admin_user, subject, "revise", "部分条款需更新")
    project = Project.objects.get()
    assert decision.project == project
    assert (project.kind, project.revises, project.lead_org) == ("revise", standard,
                                                                 standard.responsible_org)


def test_award_is_recorded_and_publication_is_public(subject, admin_user, expert, campaign):
    services.decide(admin_user, subject, "award", "推荐省标准创新贡献奖")
    assert subject.decision.get_outcome_display().startswith("推荐省标准创新贡献奖")
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "view", subject)
    services.publish(admin_user, subject)
    subject.refresh_from_db()
    assert can(AnonymousUser(), "view", subject)
    assert [c for c, _ in queries.published_results()] == [campaign]


def test_closed_campaign_refuses_scores(subject, expert, admin_user, campaign):
    assessment = services.assign(admin_user, subject, evaluator=expert)
    services.close_campaign(admin_user, campaign)
    with pytest.raises(Conflict, match="closed"):
        services.save_scores(expert, assessment, {"status.adoption": "1"})


def test_subject_kind_must_match_the_scheme(admin_user, schemes, standard):
    pilot_campaign = services.create_campaign(admin_user, year=2026, title="试点验收",
                                              scheme=schemes["pilot-acceptance"],
                                              deadline="2026-12-31")
    with pytest.raises(ValidationError, match="evaluates pilot subjects"):
        services.add_subject(admin_user, pilot_campaign, standard.pk)


def test_campaign_copies_combine_and_grades_from_settings(settings, admin_user, schemes,
                                                          standard, expert, second_expert):
    settings.STDHUB_EVALUATION = {"COMBINE": "median",
                                  "GRADES": [{"name": "达标", "min": 70}, {"name": "未达标",
                                                                          "min": 0}]}
    campaign = services.create_campaign(admin_user, year=2027, title="中位数",
                                        scheme=schemes["standard-implementation-effect"],
                                        deadline="2027-12-31")
    subject = services.add_subject(admin_user, campaign, standard.pk)
    for user in (expert, second_expert):
        services.save_scores(user, services.assign(admin_user, subject, evaluator=user), SCORES,
                             submit=True)
    del settings.STDHUB_EVALUATION  # a later change of settings does not regrade the campaign
    result = queries.plain_results(campaign)["subjects"][0]
    assert (campaign.combine, result["total"], result["grade"]) == ("median", SCORES_TOTAL, "达标")
    settings.STDHUB_EVALUATION = {"COMBINE": "mode"}
    with pytest.raises(ValidationError, match="STDHUB_EVALUATION: scheme: combine"):
        services.create_campaign(admin_user, year=2027, title="x", deadline="2027-12-31",
                                 scheme=schemes["standard-implementation-effect"])
