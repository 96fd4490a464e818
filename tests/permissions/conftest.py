"""A small world for the permission matrix: one user per role of one organization, an
anonymous visitor, an editor of another organization, and one object of every model.

Every object is made through its service, the way people make them (the apps built on
the registry in ``samples.py``). ``world.theirs`` holds the other organization's objects,
private ones among them, for the scope() tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from stdhub.conformance import services as conformance
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Membership
from stdhub.standards.models import CCSClass, ICSClass
from stdhub.standards.services import create_standard
from tests.conformance_web.conftest import GOOD_ROWS, HEADER, IMMEDIATE, SCHEMA, csv_bytes, upload

from . import samples

ROLES = tuple(Role.values)
ANONYMOUS, OTHER = "anonymous", "other-org"
SUBJECTS = (*ROLES, ANONYMOUS, OTHER)

CODE_LIST_CSV = "代码,名称\n01,一类\n02,二类\n"


@pytest.fixture(autouse=True)
def media_and_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


@dataclass
class World:
    org: object
    other_org: object
    users: dict[str, object]  # subject → user (AnonymousUser for the visitor)
    samples: dict[str, object]  # "app.Model" → an object of ``org``
    theirs: dict[str, object] = field(default_factory=dict)  # objects of ``other_org``
    tmp_path: object = None
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def n(self) -> int:
        """A fresh number, for unique codes and names."""
        return next(self._counter)

    def code_list_file(self):
        path = self.tmp_path / f"list-{self.n()}.csv"
        path.write_text(CODE_LIST_CSV, encoding="utf-8")
        return path


def dataset():
    """A small CSV that conforms to ``SCHEMA``."""
    return upload("data.csv", csv_bytes(HEADER, GOOD_ROWS))


def _objects_of(owner, organization, w: World, suffix: str) -> dict[str, object]:
    """A standard, a data standard with its version, a code list and a run of ``organization``."""
    standard = create_standard(owner, {"code": f"DB33/T {9000 + len(suffix)}-2020",
                                       "title_zh": f"公共数据 目录规范{suffix}",
                                       "effective_on": "2020-03-01",
                                       "responsible_org": organization})
    version = conformance.publish_data_standard(
        owner, identifier=f"zj/legal-entity{suffix}", title="法人单位基础信息",
        organization=organization, schema=SCHEMA, version_label="1.0")
    code_list_version = conformance.import_code_list(
        owner, identifier=f"ZJ/list{suffix}", version_label="1", path=w.code_list_file(),
        title="示例代码表", organization=organization)
    run = conformance.start_run(owner, version=version, organization=organization,
                                upload=dataset())
    return {
        "standards.Standard": standard,
        "conformance.DataStandard": version.data_standard,
        "conformance.DataStandardVersion": version,
        "conformance.CodeList": code_list_version.code_list,
        "conformance.CodeListVersion": code_list_version,
        "conformance.ConformanceRun": run,
    }


def _member(username, role, organization):
    # No password: hashing one per user would take most of the fixture's time.
    user = get_user_model().objects.create_user(username=username)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def world(db, org, other_org, tmp_path) -> World:
    users = {role: _member(f"u-{role}", role, org) for role in ROLES}
    users[ANONYMOUS] = AnonymousUser()
    users[OTHER] = _member("u-other-org", Role.EDITOR, other_org)
    colleague = _member("colleague", Role.VIEWER, org)
    w = World(org, other_org, users, {}, tmp_path=tmp_path)
    w.samples = {
        "orgs.Organization": org,
        "orgs.Membership": Membership.objects.get(user=colleague),
        "auth.User": colleague,
        "standards.ICSClass": ICSClass.objects.create(code="35.240", name_zh="信息技术应用"),
        "standards.CCSClass": CCSClass.objects.create(code="L70", name_zh="计算机综合"),
        **_objects_of(users[Role.EDITOR], org, w, ""),
        **samples.project_under_review(users, org),
        **samples.programme_of(tmp_path / "programme.json", users, org, other_org),
        **samples.framework_of(users[Role.EDITOR], users[Role.VIEWER], org, ""),
        **samples.token_of(users[Role.VIEWER]),  # the viewer's own token
    }
    standard = w.samples["standards.Standard"]
    w.samples |= {
        **samples.personal_data_of(users[Role.EDITOR], standard),
        **samples.export_of(users[Role.VIEWER]),  # the viewer's own export, follow, notice
        **samples.notifications_of(users[Role.VIEWER], standard),
        # An application the other organization supervises.
        **samples.pilot_of(users[Role.EDITOR], org, supervisor=other_org),
        **samples.committee_of(users[Role.SECRETARIAT], org, standard),
    }
    w.theirs = {
        **_objects_of(users[OTHER], other_org, w, "-theirs"),
        **samples.proposed_project(users[OTHER], other_org),
        **samples.framework_of(users[OTHER], users[OTHER], other_org, "-theirs"),
        **samples.token_of(users[OTHER]),
        # Their own report on the task they lead: not yet accepted, so theirs alone.
        "programme.ProgressReport": samples.report(
            users[OTHER], w.samples["programme.Task"], other_org, "2020"),
    }
    w.theirs |= {
        **samples.export_of(users[OTHER]),
        **samples.notifications_of(users[OTHER], w.theirs["standards.Standard"]),
        **samples.pilot_of(users[OTHER], other_org),  # their application, theirs alone
    }
    # The organization's evaluator scores the other organization's standard (no conflict).
    w.samples |= samples.campaign_of(users[Role.EVALUATOR], w.theirs["standards.Standard"])
    w.theirs["orgs.Membership"] = Membership.objects.get(user=users[OTHER])
    w.theirs["auth.User"] = users[OTHER]
    return w
