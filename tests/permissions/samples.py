"""Sample objects of the apps built on the registry (projects, programmes, standard
systems, tokens, personal data, exports, notifications, evaluation, pilots, committees)
for the permission matrix, each made through its service.

``*_of(...)`` returns ``{"app.Model": object}``; the matrix world merges them.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import QueryDict

from stdhub.committees import services as committees
from stdhub.core import personal
from stdhub.core.permissions import SYSTEM
from stdhub.evaluation import services as evaluation
from stdhub.evaluation.choices import Outcome
from stdhub.evaluation.models import Scheme
from stdhub.framework import services as framework
from stdhub.framework.choices import EntryKind
from stdhub.notifications import services as notifications
from stdhub.notifications.choices import NoticeKind
from stdhub.notifications.models import Follow, Preference
from stdhub.orgs.choices import Role
from stdhub.orgs.services import issue_token
from stdhub.pilots import services as pilots
from stdhub.programme import services as programme
from stdhub.projects import services as projects
from stdhub.standards.exports import start_export
from tests.projects.conftest import TODAY


def upload(name: str = "draft.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"PK\x03\x04 draft")


def proposal(organization, n: int) -> dict:
    """What a project proposal of ``organization`` (drafting and responsible) says."""
    return {"title": f"公共数据开放 质量评价规范{n}", "level": "local", "nature": "recommended",
            "lead_org": organization, "responsible_org": organization,
            "proposer": organization, "scope": "规定了公共数据开放的质量评价指标。"}


def project_under_review(users, organization) -> dict[str, object]:
    """A project of ``organization`` walked to its review (stage 40): public drafts, an
    internal review draft, a public comment (accepted), a review with the organization's expert
    voting."""
    editor, admin = users[Role.EDITOR], users[Role.ADMIN]
    project = projects.propose(editor, proposal(organization, 0))

    def move(actor, to, **data):
        projects.move(actor, project, to, today=TODAY, **data)
        project.refresh_from_db()

    projects.upload_document(editor, project, "proposal", upload("proposal.pdf"))
    move(admin, "approve", plan_number="2026-ZJ-900")
    move(editor, "start-drafting")
    for kind in ("comment-draft", "explanation"):
        projects.upload_document(editor, project, kind, upload())
    move(editor, "open-comments", comment_end=TODAY)
    comment = projects.submit_comment(AnonymousUser(), project, {
        "clause": "4.1", "text": "建议补充指标定义。", "commenter_name": "张晓梅",
        "commenter_contact": "13800138000"})
    move(editor, "close-comments")
    projects.dispose(editor, comment, "accepted")
    draft = projects.upload_document(editor, project, "review-draft", upload())
    move(editor, "submit-review")
    review = projects.open_review(users[Role.SECRETARIAT], project, experts=[users[Role.EXPERT]])
    vote = projects.cast_vote(users[Role.EXPERT], project, "yes")
    return {"projects.Project": project, "projects.ProjectDocument": draft,
            "projects.Comment": comment, "projects.Review": review, "projects.ReviewVote": vote}


def proposed_project(user, organization) -> dict[str, object]:
    """A project still at its proposal (00): only its insiders may see it."""
    return {"projects.Project": projects.propose(user, proposal(organization, 1))}


def programme_file(path, lead, unit) -> str:
    """A programme data file: one area, one task led by ``lead`` with ``unit`` helping, one
    manually measured target with a milestone."""
    data = {
        "code": "ZJ-TEST-2019", "title": "测试标准化建设方案", "source": "测试用方案",
        "starts_on": "2019-01-01", "ends_on": "2020-12-31", "lead": lead.name,
        "organizations": [{"name": lead.name}, {"name": unit.name}],
        "unit_names": {"牵头": lead.name, "配合": unit.name},
        "areas": [{"number": 1, "title": "数字政府", "field": "government"}],
        "tasks": [{"number": 1, "area": 1, "title": "构建数据共享标准", "units": ["牵头", "配合"]}],
        "targets": [{"key": "pilots", "name": "标准化试点", "goal": 5, "unit": "个",
                     "due": "2020-12-31", "metric": {"kind": "manual"},
                     "milestones": [{"year": 2019, "goal": 2}]}],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def report(actor, task, organization, period: str, evidence=()):
    return programme.submit_report(actor, task, organization, period=period,
                                   text="完成标准草案。", percent=40, evidence=evidence)


def programme_of(path, users, organization, other_organization) -> dict[str, object]:
    """A programme whose one task is led by ``other_organization``; ``organization`` (a
    helping unit) has submitted a report with an evidence file, not yet reviewed."""
    plan = programme.load_programme(SYSTEM, programme_file(path, other_organization,
                                                           organization))[0]
    task = plan.tasks.get()
    submitted = report(users[Role.EDITOR], task, organization, "2019",
                       evidence=[upload("minutes.pdf")])
    target = plan.targets.get()
    return {"programme.Programme": plan, "programme.Area": plan.areas.get(),
            "programme.Task": task, "programme.TaskUnit": task.units.get(position=1),
            "programme.Target": target, "programme.Milestone": target.milestones.get(),
            "programme.ProgressReport": submitted,
            "programme.ReportEvidence": submitted.evidence.get()}


def framework_of(editor, submitter, organization, suffix: str) -> dict[str, object]:
    """A standard system of ``organization``: one node, one planned entry and a demand
    raised by ``submitter``."""
    system = framework.create_framework(editor, code=f"zj-dt{suffix}", title="数字化转型标准体系",
                                        organization=organization)
    node = framework.add_node(editor, system, code="1", name="基础通用")
    entry = framework.add_entry(editor, node, kind=EntryKind.PLANNED, title="数据共享规范")
    demand = framework.submit_demand(submitter, node, title="数据质量评价",
                                     description="缺少数据质量评价方法。")
    return {"framework.Framework": system, "framework.Node": node, "framework.Entry": entry,
            "framework.Demand": demand}


def token_of(user) -> dict[str, object]:
    return {"orgs.ApiToken": issue_token(user, user, name="matrix")[0]}


def personal_data_of(actor, obj) -> dict[str, object]:
    """A personal value kept outside the event chain, as a service stores a contact."""
    with transaction.atomic():
        event = personal.record(actor, obj, "changed", "联系人",
                                personal={"contact": "13800138000"})
    ref = personal.reference_of(event.diff["contact"][1])
    return {"core.PersonalData": personal.PersonalData.objects.get(pk=ref)}


def export_of(user) -> dict[str, object]:
    """An export of the standards list, requested by ``user``."""
    return {"standards.StandardExport": start_export(user, QueryDict(""))}


def notifications_of(user, standard) -> dict[str, object]:
    """``user`` follows ``standard``, has a notice and has turned emails off."""
    notifications.follow(user, standard)
    notice = notifications.notify(NoticeKind.values[0], [user], "标准已发布。")[0]
    notifications.set_email(user, False)
    return {"notifications.Follow": Follow.objects.get(user=user),
            "notifications.Notice": notice,
            "notifications.Preference": Preference.objects.get(user=user)}


def campaign_of(evaluator, standard) -> dict[str, object]:
    """A campaign evaluating ``standard`` (of another organization: no conflict of interest),
    assigned to ``evaluator`` with an evidence file, decided and not yet published."""
    evaluation.load_builtin_schemes(SYSTEM)
    scheme = Scheme.objects.get(key="standard-implementation-effect")
    campaign = evaluation.create_campaign(SYSTEM, year=2026, title="重点标准实施评价",
                                          scheme=scheme, deadline=dt.date(2026, 12, 31))
    subject = evaluation.add_subject(SYSTEM, campaign, standard.pk)
    assessment = evaluation.assign(SYSTEM, subject, evaluator=evaluator)
    evidence = evaluation.add_evidence(evaluator, assessment, upload=upload("minutes.pdf"))
    decision = evaluation.decide(SYSTEM, subject, Outcome.CONTINUE, "继续有效")
    return {"evaluation.Scheme": scheme, "evaluation.Campaign": campaign,
            "evaluation.Subject": subject, "evaluation.Assessment": assessment,
            "evaluation.Evidence": evidence, "evaluation.Decision": decision}


def pilot_of(undertaker, organization, supervisor=None) -> dict[str, object]:
    """A pilot application of ``organization`` (not approved), with its application file."""
    pilot = pilots.apply(undertaker, {
        "name": f"公共数据开放标准化试点{organization.pk}", "level": "provincial",
        "field": "数字政府", "undertaker": organization, "supervisor": supervisor,
        "starts_on": dt.date(2019, 1, 1), "ends_on": dt.date(2020, 12, 31)})
    document = pilots.upload_document(undertaker, pilot, "application", upload("apply.pdf"))
    return {"pilots.Pilot": pilot, "pilots.PilotDocument": document}


def committee_of(secretariat, organization, standard) -> dict[str, object]:
    """An active committee whose secretariat is ``organization``: a member, a standard and
    an international participation."""
    committee = committees.establish(SYSTEM, {
        "code": "ZJ/TC 12", "name": "浙江省数字化转型标准化技术委员会", "scope": "数字化转型",
        "secretariat": organization, "established_on": dt.date(2019, 3, 1)})
    member = committees.appoint(secretariat, committee, {
        "role": "chair", "name": "张三", "term_start": dt.date(2019, 3, 1)})
    link = committees.link_standard(secretariat, committee, standard)
    part = committees.add_participation(secretariat, committee, {
        "body": "ISO", "international_committee": "ISO/TC 211", "role": "convenor"})
    return {"committees.Committee": committee, "committees.Member": member,
            "committees.CommitteeStandard": link, "committees.Participation": part}
