"""Committee services: establishing, member terms, standards, projects and international
participation, each with its event; refusals write nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stdhub.committees import queries, services
from stdhub.committees.models import Committee, Member
from stdhub.core.history import history
from stdhub.core.models import Event
from stdhub.projects import services as project_services
from stdhub.standards.services import create_standard

pytestmark = pytest.mark.django_db


def history_text(committee) -> str:
    return " ".join(c.after for entry in history(committee) for c in entry.changes)
D = dt.date


def test_establish_checks_the_code_and_level(committee, people, org):
    assert (committee.code, committee.level, committee.status) == (
        "ZJ/TC 12", "provincial", "active")
    assert Event.objects.filter(kind="created", object_id=str(committee.pk)).exists()
    data = {"name": "x", "secretariat": org, "established_on": D(2020, 1, 1)}
    with pytest.raises(ValidationError, match="is not a committee code"):
        services.establish(people["admin"], {**data, "code": "TC 28"})
    with pytest.raises(ValidationError, match="is a national committee's code"):
        services.establish(people["admin"], {**data, "code": "SAC/TC 28", "level": "provincial"})
    with pytest.raises(ValidationError) as exc:  # the same code, written differently
        services.establish(people["admin"], {**data, "code": "zj/tc012"})
    assert list(exc.value.message_dict) == ["code"]
    with pytest.raises(PermissionDenied):
        services.establish(people["secretary"], {**data, "code": "ZJ/TC 13"})
    assert Committee.objects.count() == 1


def test_member_terms(committee, people):
    secretary = people["secretary"]
    chair = services.appoint(secretary, committee, {
        "role": "chair", "name": "张三", "organization_name": "浙江大学",
        "term_start": D(2019, 3, 1), "term_end": D(2023, 2, 28)})
    services.appoint(secretary, committee, {"role": "member", "user": people["outsider"],
                                            "term_start": D(2019, 3, 1)})
    # a second chair whose term overlaps the first is refused; one after it is not
    with pytest.raises(ValidationError, match="the role is held by someone else"):
        services.appoint(secretary, committee, {"role": "chair", "name": "李四",
                                                "term_start": D(2022, 1, 1)})
    services.appoint(secretary, committee, {"role": "chair", "name": "李四",
                                            "term_start": D(2023, 3, 1)})
    # the same person may not hold two terms at once, in any role
    with pytest.raises(ValidationError, match="already holds a term"):
        services.appoint(secretary, committee, {"role": "vice-chair",
                                                "user": people["outsider"],
                                                "term_start": D(2020, 1, 1)})
    with pytest.raises(ValidationError) as exc:
        services.appoint(secretary, committee, {"role": "member", "term_start": D(2020, 1, 1)})
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.appoint(secretary, committee, {"name": "王五", "term_start": D(2020, 1, 1),
                                                "term_end": D(2019, 1, 1)})
    assert "term_end" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.appoint(people["outsider"], committee, {"name": "赵六",
                                                         "term_start": D(2020, 1, 1)})
    assert Member.objects.count() == 3
    current, others = queries.members(committee, D(2020, 6, 1))
    assert [(m.person, m.role) for m in current] == [("张三", "chair"), ("outsider", "member")]
    assert [m.person for m in others] == ["李四"]  # not yet in office
    current, _ = queries.members(committee, D(2024, 1, 1))
    assert {m.person for m in current} == {"李四", "outsider"}
    services.end_term(secretary, Member.objects.get(user=people["outsider"]), D(2021, 1, 1))
    assert [m.person for m in queries.members(committee, D(2021, 6, 1))[0]] == ["张三"]
    with pytest.raises(ValidationError, match="already ended"):
        services.end_term(secretary, Member.objects.get(user=people["outsider"]), D(2022, 1, 1))
    appointed = Event.objects.filter(kind="member-appointed")
    assert appointed.count() == 3
    # names stay out of the hash chain (erasable personal data); history still shows them
    assert not any("张三" in str(e.diff) + e.message for e in appointed)
    assert "张三" in history_text(committee)
    assert Event.objects.filter(kind="member-term-ended").count() == 1
    assert chair.term_end == D(2023, 2, 28)


def test_standards_projects_and_international(committee, people, org, other_org):
    admin, secretary = people["admin"], people["secretary"]
    std = create_standard(admin, {"code": "DB33/T 2350-2021", "title_zh": "数字化改革 术语"})
    services.link_standard(secretary, committee, std)
    other = services.establish(admin, {"code": "SAC/TC 28", "name": "全国信息技术标准化技术委员会",
                                       "secretariat": other_org,
                                       "established_on": D(1983, 1, 1)})
    with pytest.raises(ValidationError, match="already under ZJ/TC 12"):
        services.link_standard(admin, other, std)
    assert list(committee.standard_links.values_list("standard__code", flat=True)) == [
        "DB33/T 2350-2021"]
    base = {"level": "local", "lead_org": org, "responsible_org": org}
    named = [project_services.propose(admin, {**base, "title": t, "committee": c})
             for t, c in [("甲", "ZJ/TC 12"), ("乙", "zj/tc 12 浙江省数字化转型标委会"),
                          ("丙", "ZJ/TC 12/SC 1"), ("丁", "ZJ/TC 120"), ("戊", "")]]
    assert set(queries.projects_of(admin, committee)) == set(named[:2])
    part = services.add_participation(secretary, committee, {
        "body": "ISO/IEC", "international_committee": "iso/iec jtc 1/sc 42",
        "role": "p-member", "organization": org})
    assert part.international_committee == "ISO/IEC JTC 1/SC 42"
    with pytest.raises(ValidationError, match="name a committee of the chosen body"):
        services.add_participation(secretary, committee, {
            "body": "ITU", "international_committee": "ISO/TC 211", "role": "convenor"})
    kinds = set(Event.objects.filter(object_id=str(committee.pk),
                                     content_type__model="committee")
                .values_list("kind", flat=True))
    assert {"committee-standard-linked", "participation-added"} <= kinds


def test_dissolve(committee, people):
    with pytest.raises(ValidationError, match="give a reason"):
        services.dissolve(people["admin"], committee, " ")
    with pytest.raises(PermissionDenied):
        services.dissolve(people["secretary"], committee, "职能调整")
    services.dissolve(people["admin"], committee, "职能调整", on=D(2024, 1, 1))
    committee.refresh_from_db()
    assert (committee.status, committee.dissolved_on) == ("dissolved", D(2024, 1, 1))
    assert Event.objects.get(kind="committee-dissolved").message == "职能调整"
    with pytest.raises(PermissionDenied):  # a dissolved committee's members are kept as they were
        services.appoint(people["secretary"], committee, {"name": "x",
                                                          "term_start": D(2024, 2, 1)})


def test_edit_unlink_and_remove(committee, people):
    admin, secretary = people["admin"], people["secretary"]
    assert services.update_committee(admin, committee, {"name": "新名称"}, expected_version=1)
    with pytest.raises(ValidationError, match="is a provincial committee's code"):
        services.update_committee(admin, committee, {"level": "national"})
    with pytest.raises(PermissionDenied):
        services.update_committee(secretary, committee, {"name": "x"})
    std = create_standard(admin, {"code": "DB33/T 2351-2021", "title_zh": "数据 标准"})
    link = services.link_standard(secretary, committee, std)
    part = services.add_participation(secretary, committee, {
        "body": "ISO", "international_committee": "ISO/TC 211", "role": "convenor"})
    with pytest.raises(PermissionDenied):
        services.unlink_standard(people["outsider"], link)
    services.unlink_standard(secretary, link)
    services.remove_participation(secretary, part)
    assert not committee.standard_links.exists() and not committee.participations.exists()
    assert {"committee-standard-unlinked", "participation-removed"} <= set(
        Event.objects.values_list("kind", flat=True))
