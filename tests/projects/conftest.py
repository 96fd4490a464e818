"""People and a proposed project, for the project services, pages and API."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stdhub.core.permissions import SYSTEM
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.projects import services

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def lead_org(org):
    return org  # 浙江省数据管理中心 drafts


@pytest.fixture
def department(other_org):
    return other_org  # 浙江省科学技术厅 is the responsible department (归口单位)


@pytest.fixture
def people(make_user, lead_org, department, admin_user, db):
    experts_org = Organization.objects.create(name="浙江省标准化研究院")
    return {
        "admin": admin_user,
        "drafter": make_user(Role.DRAFTER, lead_org, username="drafter"),
        "editor": make_user(Role.EDITOR, department, username="dept-editor"),
        "secretariat": make_user(Role.SECRETARIAT, department, username="secretary"),
        "experts": [make_user(Role.EXPERT, experts_org, username=f"expert{i}")
                    for i in range(1, 5)],
        "outsider": make_user(Role.DRAFTER, experts_org, username="outsider"),
    }


@pytest.fixture
def project(people, lead_org, department):
    return services.propose(people["drafter"], {
        "title": "公共数据开放 数据质量评价规范", "level": "local", "nature": "recommended",
        "lead_org": lead_org, "responsible_org": department, "proposer": lead_org,
        "scope": "规定了公共数据开放的质量评价指标与方法。"})


def upload(name="draft.docx", content=b"PK\x03\x04 draft"):
    return SimpleUploadedFile(name, content)


def add_document(user, project, kind, name="draft.docx"):
    return services.upload_document(user, project, kind, upload(name))


@pytest.fixture
def advance(people):
    """``advance(project, "40")`` walks a project forward through the services."""

    def to(project, stage):
        drafter, admin = people["drafter"], people["admin"]
        steps = ["10", "20", "30-open", "30-closed", "40", "40-passed", "50", "60"]
        project.refresh_from_db()
        here = f"{project.stage}-{project.substate}".rstrip("-")
        done = steps.index(here) + 1 if here in steps else 0
        for step in steps[done:steps.index(stage) + 1]:
            project.refresh_from_db()
            if step == "10":
                add_document(drafter, project, "proposal", "proposal.pdf")
                services.move(admin, project, "approve", plan_number="2026-ZJ-001", today=TODAY)
            elif step == "20":
                services.move(drafter, project, "start-drafting", today=TODAY)
            elif step == "30-open":
                add_document(drafter, project, "comment-draft")
                add_document(drafter, project, "explanation")
                services.move(drafter, project, "open-comments", comment_end=TODAY, today=TODAY)
            elif step == "30-closed":
                services.move(drafter, project, "close-comments", today=TODAY)
            elif step == "40":
                add_document(drafter, project, "review-draft")
                services.move(drafter, project, "submit-review", today=TODAY)
            elif step == "40-passed":
                services.open_review(people["secretariat"], project, experts=people["experts"])
                for expert in people["experts"]:
                    services.cast_vote(expert, project, "yes")
                services.move(people["secretariat"], project, "pass-review",
                              conclusion="同意通过", today=TODAY)
            elif step == "50":
                add_document(drafter, project, "approval-draft")
                services.move(drafter, project, "submit-approval", today=TODAY)
            elif step == "60":
                services.move(admin, project, "publish", code="DB33/T 9001-2026",
                              issued_on="2026-06-01", effective_on="2026-06-01", today=TODAY)
        project.refresh_from_db()
        return project

    return to


__all__ = ["SYSTEM", "TODAY", "add_document", "upload"]
