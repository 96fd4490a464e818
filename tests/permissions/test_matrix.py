"""The permission matrix: every registered model × declared action × subject, asked of
``can()``, then carried out through the model's service, its pages and its API endpoints,
each answering exactly as the expectation table (``expected.py``) says.

The API part walks the routers, so a new endpoint is covered as soon as it is registered:
its standard actions, its GET actions on one object, any lookup field (``code``, …), and
viewsets serving their caller's own rows only (``owner_field``). Services, pages and API
calls run inside a rolled-back savepoint, so one world serves every subject and call.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from stdhub import api_urls
from stdhub.committees import services as committees
from stdhub.conformance import api_urls as conformance_api_urls
from stdhub.conformance import services as conformance
from stdhub.core import personal
from stdhub.core.permissions import SYSTEM, can, registered
from stdhub.evaluation import services as evaluation
from stdhub.framework import services as framework
from stdhub.framework.choices import EntryKind
from stdhub.orgs import services as orgs
from stdhub.orgs.choices import Role
from stdhub.pilots import services as pilots
from stdhub.programme import services as programme
from stdhub.projects import services as projects
from stdhub.standards.services import create_standard, editable_values, update_standard
from tests.conformance_web.conftest import SCHEMA

from . import samples
from .conftest import ANONYMOUS, SUBJECTS, dataset
from .expected import ON_MODEL, ON_OBJECT
from .test_registry import label

MODELS = {label(model): model for model in registered()}


def _table(expected: dict) -> list[tuple[str, str]]:
    return [(name, action) for name, actions in expected.items() for action in actions]


def _allowed(world, check) -> set[str]:
    return {subject for subject in SUBJECTS if check(world.users[subject])}


# ---------------------------------------------------------------- can()


def _mismatch(what: str, got: set, expected) -> list[str]:
    if got == expected:
        return []
    return [f"{what}: allowed {sorted(got)}, expected {sorted(expected)}"]


def _mismatches(world, expected: dict, target) -> list[str]:
    """Every (model, action) whose allowed subjects differ from ``expected``, spelled out."""
    wrong = []
    for name, action in _table(expected):
        obj = target(name)
        got = _allowed(world, lambda user, a=action, o=obj: can(user, a, o))
        wrong += _mismatch(f"{name} {action}", got, expected[name][action])
    return wrong


# One test per table (not per row): the world is built once and every mismatch is listed.
def test_can_on_an_object(world):
    wrong = _mismatches(world, ON_OBJECT, world.samples.__getitem__)
    assert not wrong, "\n".join(wrong)


def test_can_on_the_model(world):
    wrong = _mismatches(world, ON_MODEL, MODELS.__getitem__)
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- services


def _fresh_user(w):
    return get_user_model().objects.create_user(username=f"fresh-{w.n()}")


def _fresh_report(w):
    """A new submitted report of the organization, for a review."""
    return samples.report(w.users["editor"], w.samples["programme.Task"], w.org, "2019-06")


def _fresh_entry(w):
    return framework.add_entry(SYSTEM, w.samples["framework.Node"], kind=EntryKind.PLANNED,
                               title=f"规划标准{w.n()}")


def _fresh_demand(w):
    return framework.submit_demand(SYSTEM, w.samples["framework.Node"], title=f"需求{w.n()}",
                                   description="需要一项标准。")


def _reloaded(w, name):
    """The sample as stored: services update the instance they are given, and the rollback
    after each call does not undo that."""
    sample = w.samples[name]
    return type(sample).objects.get(pk=sample.pk)


def _fresh_subject(w):
    """The organization's standard in the sample campaign, for a decision."""
    return evaluation.add_subject(SYSTEM, w.samples["evaluation.Campaign"],
                                  w.samples["standards.Standard"].pk)


def _submitted(w):
    """The sample assessment, scored and submitted by its evaluator, to be returned."""
    assessment = _reloaded(w, "evaluation.Assessment")
    evaluation.save_scores(w.users["evaluator"], assessment, {"status.adoption": "60"},
                           submit=True)
    return assessment


def _pilot_application(w, n):
    return {"name": f"新试点{n}", "level": "provincial", "field": "数字政府",
            "undertaker": w.org, "supervisor": w.other_org}


# (model, action) → the service call doing it to an object of the organization.
SERVICES = {
    ("orgs.Organization", "add"): lambda a, w: orgs.create_organization(a, name=f"新单位{w.n()}"),
    ("orgs.Organization", "change"): lambda a, w: orgs.update_organization(
        a, w.org, short_name=f"简称{w.n()}"),
    ("orgs.Membership", "add"): lambda a, w: orgs.add_membership(
        a, _fresh_user(w), w.org, Role.VIEWER),
    ("auth.User", "add"): lambda a, w: orgs.create_user(a, f"new-{w.n()}", "pw-stdhub-2026"),
    ("standards.Standard", "add"): lambda a, w: create_standard(a, {
        "code": f"DB33/T {5000 + w.n()}-2024", "title_zh": "新标准", "responsible_org": w.org}),
    ("standards.Standard", "change"): lambda a, w: update_standard(a, w.samples[
        "standards.Standard"], {**editable_values(w.samples["standards.Standard"]),
                                "title_zh": f"修订标题{w.n()}"}),
    ("conformance.DataStandard", "add"): lambda a, w: conformance.publish_data_standard(
        a, identifier=f"zj/new-{w.n()}", title="新数据标准", organization=w.org, schema=SCHEMA,
        version_label="1.0"),
    ("conformance.DataStandard", "publish"): lambda a, w: conformance.publish_version(
        a, w.samples["conformance.DataStandard"], schema=SCHEMA, version_label=f"2.{w.n()}"),
    ("conformance.CodeList", "add"): lambda a, w: conformance.import_code_list(
        a, identifier=f"ZJ/new-{w.n()}", version_label="1", path=w.code_list_file(),
        title="新代码表", organization=w.org),
    ("conformance.CodeList", "change"): lambda a, w: conformance.import_code_list(
        a, identifier=w.samples["conformance.CodeList"].identifier, version_label=f"v{w.n()}",
        path=w.code_list_file()),
    ("conformance.ConformanceRun", "add"): lambda a, w: conformance.start_run(
        a, version=w.samples["conformance.DataStandardVersion"], organization=w.org,
        upload=dataset()),
    ("orgs.ApiToken", "add"): lambda a, w: orgs.issue_token(a, w.users["viewer"]),
    ("orgs.ApiToken", "delete"): lambda a, w: orgs.revoke_token(a, w.samples["orgs.ApiToken"]),
    ("core.PersonalData", "erase"): lambda a, w: personal.erase(
        a, w.samples["core.PersonalData"].pk, "申请单 2026-001"),
    ("projects.Project", "add"): lambda a, w: projects.propose(
        a, samples.proposal(w.org, w.n() + 10)),
    ("projects.Project", "upload"): lambda a, w: projects.upload_document(
        a, w.samples["projects.Project"], "review-draft", samples.upload()),
    ("projects.Project", "review"): lambda a, w: projects.open_review(
        a, w.samples["projects.Project"], experts=[w.users["expert"]]),
    ("projects.Project", "vote"): lambda a, w: projects.cast_vote(
        a, w.samples["projects.Project"], "no"),
    ("projects.Project", "erase"): lambda a, w: projects.erase_commenter(
        a, w.samples["projects.Comment"]),
    ("programme.Programme", "add"): lambda a, w: programme.load_programme(
        a, samples.programme_file(w.tmp_path / f"plan-{w.n()}.json", w.other_org, w.org)),
    ("programme.Target", "report-value"): lambda a, w: programme.report_target_value(
        a, w.samples["programme.Target"], 3, "试点名单"),
    ("programme.ProgressReport", "add"): lambda a, w: samples.report(
        a, w.samples["programme.Task"], w.org, "2020-06"),
    ("programme.ProgressReport", "review"): lambda a, w: programme.review_report(
        a, _fresh_report(w), accept=True),
    ("framework.Framework", "add"): lambda a, w: framework.create_framework(
        a, code=f"fw-{w.n()}", title="新标准体系", organization=w.org),
    ("framework.Node", "add"): lambda a, w: framework.add_node(
        a, w.samples["framework.Framework"], code=str(10 + w.n()), name="新节点"),
    ("framework.Entry", "add"): lambda a, w: framework.add_entry(
        a, w.samples["framework.Node"], kind=EntryKind.PLANNED, title=f"新规划{w.n()}"),
    ("framework.Entry", "delete"): lambda a, w: framework.remove_entry(a, _fresh_entry(w)),
    ("framework.Demand", "add"): lambda a, w: framework.submit_demand(
        a, w.samples["framework.Node"], title=f"新需求{w.n()}", description="需要一项标准。"),
    ("framework.Demand", "review"): lambda a, w: framework.review_demand(
        a, _fresh_demand(w), accept=False, response="已有标准覆盖"),
    ("evaluation.Scheme", "add"): lambda a, w: evaluation.load_scheme(
        a, {**w.samples["evaluation.Scheme"].data, "key": f"scheme-{w.n()}"}),
    ("evaluation.Campaign", "add"): lambda a, w: evaluation.create_campaign(
        a, year=2027, title="新评价", scheme=w.samples["evaluation.Scheme"],
        deadline=w.samples["evaluation.Campaign"].deadline),
    ("evaluation.Subject", "add"): lambda a, w: evaluation.add_subject(
        a, w.samples["evaluation.Campaign"], w.samples["standards.Standard"].pk),
    ("evaluation.Subject", "decide"): lambda a, w: evaluation.decide(
        a, _fresh_subject(w), "continue"),
    ("evaluation.Subject", "publish"): lambda a, w: evaluation.publish(
        a, _reloaded(w, "evaluation.Subject")),
    ("evaluation.Assessment", "add"): lambda a, w: evaluation.assign(
        a, _reloaded(w, "evaluation.Subject"), evaluator=w.users["expert"]),
    ("evaluation.Assessment", "change"): lambda a, w: evaluation.save_scores(
        a, _reloaded(w, "evaluation.Assessment"), {"status.adoption": "70"}),
    ("evaluation.Assessment", "return"): lambda a, w: evaluation.return_assessment(
        a, _submitted(w), "请补充佐证材料"),
    ("evaluation.Evidence", "add"): lambda a, w: evaluation.add_evidence(
        a, _reloaded(w, "evaluation.Assessment"), upload=samples.upload("survey.pdf")),
    ("pilots.Pilot", "add"): lambda a, w: pilots.apply(a, _pilot_application(w, w.n())),
    ("pilots.Pilot", "change"): lambda a, w: pilots.update_pilot(
        a, _reloaded(w, "pilots.Pilot"), {"field": f"数字经济{w.n()}"}),
    ("pilots.Pilot", "upload"): lambda a, w: pilots.upload_document(
        a, _reloaded(w, "pilots.Pilot"), "application", samples.upload("apply.pdf")),
    ("committees.Committee", "add"): lambda a, w: committees.establish(a, {
        "code": f"ZJ/TC {40 + w.n()}", "name": "新标委会", "scope": "新领域",
        "secretariat": w.org, "established_on": dt.date(2020, 1, 1)}),
    ("committees.Committee", "change"): lambda a, w: committees.update_committee(
        a, _reloaded(w, "committees.Committee"), {"scope": f"数字化转型{w.n()}"}),
    ("committees.Committee", "dissolve"): lambda a, w: committees.dissolve(
        a, _reloaded(w, "committees.Committee"), "职能调整"),
    ("committees.Committee", "manage"): lambda a, w: committees.appoint(
        a, _reloaded(w, "committees.Committee"), {"role": "member", "name": f"委员{w.n()}",
                                                "term_start": dt.date(2020, 1, 1)}),
}


def test_every_service_is_in_the_table():
    assert set(SERVICES) <= set(_table(ON_OBJECT))


def _done(world, service, user) -> bool:
    """Whether ``service`` let ``user`` through; whatever it wrote is rolled back, so every
    call meets the same world."""
    with transaction.atomic():
        try:
            service(user, world)
        except PermissionDenied:
            return False
        finally:
            transaction.set_rollback(True)
    return True


def test_every_service_answers_as_the_table_says(world):
    wrong = []
    for (name, action), service in sorted(SERVICES.items()):
        got = _allowed(world, lambda user, s=service: _done(world, s, user))
        wrong += _mismatch(f"{name} {action} (service)", got, ON_OBJECT[name][action])
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- pages


def _pk(name):
    return lambda w: [w.samples[name].pk]


def _evidence_args(w):
    evidence = w.samples["programme.ReportEvidence"]
    task = evidence.report.task
    return [task.programme.code, task.number, evidence.report_id, evidence.pk]


# (model, action, asked of "object" or "model", URL name, its arguments, signed-in only)
PAGES = [
    ("standards.Standard", "view", "object", "portal:standard", _pk("standards.Standard"), False),
    ("standards.Standard", "view", "object", "workspace:standard", _pk("standards.Standard"),
     True),
    ("standards.Standard", "change", "object", "workspace:standard-edit",
     _pk("standards.Standard"), True),
    ("standards.Standard", "add", "model", "workspace:standard-add", None, True),
    ("conformance.DataStandard", "view", "object", "conformance:standard",
     _pk("conformance.DataStandard"), False),
    ("conformance.DataStandard", "publish", "object", "conformance:version-add",
     _pk("conformance.DataStandard"), True),
    ("conformance.DataStandard", "add", "model", "conformance:standard-add", None, True),
    ("conformance.DataStandardVersion", "view", "object", "conformance:version",
     _pk("conformance.DataStandardVersion"), False),
    ("conformance.DataStandardVersion", "view", "object", "conformance:version-schema",
     _pk("conformance.DataStandardVersion"), False),
    ("conformance.CodeList", "view", "object", "conformance:code-list",
     lambda w: [w.samples["conformance.CodeList"].identifier], False),
    ("conformance.CodeList", "add", "model", "conformance:code-list-import", None, True),
    ("conformance.ConformanceRun", "view", "object", "conformance:run",
     _pk("conformance.ConformanceRun"), True),
    ("conformance.ConformanceRun", "view", "object", "conformance:run-progress",
     _pk("conformance.ConformanceRun"), True),
    ("conformance.ConformanceRun", "view", "object", "conformance:run-report-xlsx",
     _pk("conformance.ConformanceRun"), True),
    ("conformance.ConformanceRun", "view", "model", "conformance:runs", None, True),
    ("conformance.ConformanceRun", "add", "model", "conformance:run-add",
     _pk("conformance.DataStandard"), True),
    ("projects.Project", "view", "object", "projects:public", _pk("projects.Project"), False),
    ("projects.ProjectDocument", "view", "object", "projects:document",
     _pk("projects.ProjectDocument"), False),
    ("programme.ReportEvidence", "view", "object", "programme:evidence", _evidence_args, False),
    ("evaluation.Campaign", "view", "model", "evaluation:campaigns", None, True),
    ("evaluation.Campaign", "view", "object", "evaluation:campaign",
     _pk("evaluation.Campaign"), True),
    ("evaluation.Assessment", "view", "object", "evaluation:assessment",
     _pk("evaluation.Assessment"), True),
    ("evaluation.Evidence", "view", "object", "evaluation:evidence", lambda w: [
        w.samples["evaluation.Assessment"].pk, w.samples["evaluation.Evidence"].pk], True),
    ("pilots.Pilot", "view", "model", "pilots:list", None, False),
    ("pilots.Pilot", "view", "object", "pilots:detail", _pk("pilots.Pilot"), False),
    ("pilots.PilotDocument", "view", "object", "pilots:document",
     _pk("pilots.PilotDocument"), False),
    ("committees.Committee", "view", "model", "committees:list", None, False),
    ("committees.Committee", "view", "object", "committees:detail",
     _pk("committees.Committee"), False),
    ("committees.Committee", "add", "model", "committees:add", None, True),
    ("notifications.Notice", "view", "model", "workspace:notices", None, True),
]


def _page_answer(response) -> bool:
    """True if the page was shown; False if refused (403, 404, or sent to log in)."""
    if response.status_code == 200:
        return True
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login")), response["Location"]
        return False
    assert response.status_code in (403, 404), response.status_code
    return False


def test_every_page_answers_as_the_table_says(world):
    clients = {ANONYMOUS: Client()}
    for subject in SUBJECTS:
        if subject != ANONYMOUS:
            clients[subject] = Client()
            clients[subject].force_login(world.users[subject])
    wrong = []
    for name, action, level, url_name, args, signed_in in PAGES:
        url = reverse(url_name, args=args(world) if args else None)
        shown = {subject for subject, client in clients.items()
                 if _page_answer(client.get(url))}
        expected = (ON_OBJECT if level == "object" else ON_MODEL)[name][action]
        if signed_in:
            expected = expected - {ANONYMOUS}
        wrong += _mismatch(f"{url_name} ({name} {action})", shown, expected)
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- API

ROUTERS = [api_urls.router, conformance_api_urls.router]
# GET actions on one object that ask another action of its policy than "view".
DETAIL_READS = {("api-evaluation-campaign", "results"): "change"}  # administrators' results
# Viewsets not built on a queryset: the model they serve and the field their URLs look up.
NOT_A_QUERYSET = {"api-conformance-code-list": ("conformance.CodeList", "identifier")}


def _model_of(viewset) -> tuple[str | None, str]:
    """The registered model a viewset serves (asked of its own get_queryset) and its lookup."""
    if not hasattr(viewset, "get_queryset"):
        return None, ""
    view = viewset(action="list", kwargs={}, format_kwarg=None)
    view.request = Request(APIRequestFactory().get("/"))
    view.request.user = SYSTEM
    model = view.get_queryset().model
    return label(model), (view.lookup_field if view.lookup_field != "pk" else "pk")


def _endpoints():
    for router in ROUTERS:
        for _prefix, viewset, basename in router.registry:
            name, lookup = NOT_A_QUERYSET.get(basename) or _model_of(viewset)
            yield pytest.param(viewset, basename, name, lookup, id=basename)


def test_every_endpoint_serves_a_registered_model():
    for param in _endpoints():
        _viewset, basename, name, _lookup = param.values
        assert name in MODELS, f"{basename} serves {name}, which has no policy"


def _client(world, subject) -> APIClient:
    client = APIClient()
    if subject != ANONYMOUS:
        client.force_authenticate(world.users[subject])
    return client


def _api_allowed(response, ok: tuple[int, ...]) -> bool:
    assert response.status_code in (*ok, 401, 403, 404), (response.status_code,
                                                          response.content[:300])
    return response.status_code in ok


def api_readers(world, viewset, obj, expected: frozenset) -> frozenset:
    """Who the API shows ``obj`` to: those ``expected`` by the policy, narrowed to its owner
    where the viewset serves its caller's own rows only (``owner_field``, e.g. "my tokens")."""
    owner = getattr(viewset, "owner_field", None)
    if owner is None:
        return frozenset(expected)
    owner_pk = getattr(obj, f"{owner}_id")
    return frozenset(s for s in expected if getattr(world.users[s], "pk", None) == owner_pk)


def _calls(world, viewset, basename, name, lookup):
    """call → (method, URL, subjects expected to be answered, answers meaning "done or
    validated"), for every route the viewset has: its standard actions and its GET actions on
    one object. Writes are sent with an empty body: allowed callers get a validation error."""
    sample = world.samples[name]
    detail_args = [getattr(sample, lookup)]
    readers = api_readers(world, viewset, sample, ON_OBJECT[name]["view"])
    calls = {}
    if hasattr(viewset, "retrieve"):
        detail = reverse(f"{basename}-detail", args=detail_args)
        calls["retrieve"] = ("get", detail, readers, (200,))
        for extra in viewset.get_extra_actions():
            if extra.detail and "get" in extra.mapping:
                url = reverse(f"{basename}-{extra.url_name}", args=detail_args)
                needs = DETAIL_READS.get((basename, extra.url_name), "view")
                calls[extra.url_name] = ("get", url, readers & ON_OBJECT[name][needs], (200,))
        if hasattr(viewset, "partial_update"):
            calls["partial_update"] = ("patch", detail, readers & ON_OBJECT[name]["change"],
                                       (200, 400))
        if hasattr(viewset, "destroy"):
            calls["destroy"] = ("delete", detail, readers & ON_OBJECT[name]["delete"], (204,))
    if hasattr(viewset, "list"):
        calls["list"] = ("get", reverse(f"{basename}-list"), ON_MODEL[name]["view"], (200,))
    if hasattr(viewset, "create"):
        calls["create"] = ("post", reverse(f"{basename}-list"), ON_MODEL[name]["add"], (400,))
    return calls


def _answered(client, method, url, ok) -> bool:
    """Whether the call was answered; whatever it did is rolled back, so every subject
    meets the same world."""
    with transaction.atomic():
        allowed = _api_allowed(getattr(client, method)(url, {}, format="json"), ok)
        transaction.set_rollback(True)
    return allowed


@pytest.mark.parametrize(("viewset", "basename", "name", "lookup"), list(_endpoints()))
def test_api(world, viewset, basename, name, lookup):
    for call, (method, url, expected, ok) in _calls(world, viewset, basename, name,
                                                    lookup).items():
        allowed = {subject for subject in SUBJECTS
                   if _answered(_client(world, subject), method, url, ok)}
        assert allowed == expected, f"{call} {url}"
