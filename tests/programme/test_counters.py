"""The seed programme's pilot and committee targets, counted from pilots accepted and
committees established in the programme's window at the metric's levels."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stdhub.committees import services as committees
from stdhub.pilots import services as pilots
from stdhub.programme import queries

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def target(programme, key):
    return next(t for t in queries.status(programme)["targets"] if t["key"] == key)


def accept(admin, pilot, on: dt.date, move: str = "pass"):
    for name, kind in [("approve", "application"), ("start-building", "plan"),
                       ("mid-term", "mid-term-report"), (move, "acceptance-report")]:
        pilots.upload_document(admin, pilot, kind, SimpleUploadedFile("f.pdf", b"%PDF-1.7"))
        pilot = pilots.move(admin, pilot, name, "结论" if name == "fail" else "", today=on)
    return pilot


def test_pilot_target_counts_accepted_pilots_in_the_window(programme, admin_user, org,
                                                           client):
    assert (target(programme, "pilots")["value"], target(programme, "pilots")["status"]) == (
        None, "no-data")

    def apply(name, level="provincial"):
        return pilots.apply(admin_user, {"name": name, "level": level, "undertaker": org})

    first = apply("电子政务标准化试点")
    assert target(programme, "pilots")["value"] == 0  # applied, not yet accepted
    accept(admin_user, first, D(2019, 6, 1))
    assert target(programme, "pilots")["value"] == 1
    accept(admin_user, apply("智慧农业国家级试点", "national"), D(2020, 12, 31))
    accept(admin_user, apply("验收晚于方案期", "national"), D(2021, 1, 5))
    accept(admin_user, apply("验收未通过", "national"), D(2020, 5, 1), move="fail")
    pilots.move(admin_user, apply("已撤销"), "revoke", "不再具备条件")
    assert target(programme, "pilots")["value"] == 2
    page = client.get(f"/programme/{programme.code}/targets/pilots/")
    assert [str(p) for p in page.context["page"].object_list] == [
        "电子政务标准化试点", "智慧农业国家级试点"]
    html = page.content.decode()
    assert first.get_absolute_url() in html and "2019-06-01" in html


def test_committee_target_counts_committees_established_in_the_window(programme, admin_user,
                                                                      org, client):
    assert target(programme, "committees")["status"] == "no-data"

    def establish(code, on):
        return committees.establish(admin_user, {"code": code, "name": f"{code} 标委会",
                                                 "secretariat": org, "established_on": on})

    establish("ZJ/TC 1", D(2017, 5, 1))  # before the programme
    assert target(programme, "committees")["value"] == 0
    new = establish("ZJ/TC 12", D(2019, 3, 1))
    establish("SAC/TC 609", D(2020, 10, 1))
    assert target(programme, "committees")["value"] == 2
    committees.dissolve(admin_user, new, "职能调整", on=D(2022, 1, 1))  # it was still new then
    assert target(programme, "committees")["value"] == 2
    establish("ZJ/TC 13", D(2020, 12, 1))
    row = target(programme, "committees")
    assert (row["value"], row["status"]) == (3, "met")
    page = client.get(f"/programme/{programme.code}/targets/committees/")
    assert page.context["page"].paginator.count == 3
    assert "ZJ/TC 12" in page.content.decode() and "ZJ/TC 1 " not in page.content.decode()
