"""``stdhub import standards FILE``: acting user, text and JSON reports, exit status."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stdhub.core.models import Event
from stdhub.orgs.choices import Role
from stdhub.standards.models import Standard

from .io_helpers import FIXTURES, load_classes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def classes(db):
    load_classes()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "standards", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_result_as_the_first_superuser(django_user_model):
    django_user_model.objects.create_superuser("root", password="pw-stdhub-2026")
    out, _ = run(str(FIXTURES / "standards_zh.csv"), "--json")
    result = json.loads(out)
    assert (result["created"], result["updated"], result["unchanged"]) == (5, 0, 0)
    assert result["errors"] == [] and result["user"] == "root"
    assert Event.objects.filter(actor__username="root", kind="created").count() > 5


def test_errors_as_json_and_a_failing_exit_status(admin_user):
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "standards", str(FIXTURES / "standards_bad.csv"), "--json",
                     "--user", "admin", stdout=out)
    assert exit_.value.code == 1
    errors = json.loads(out.getvalue())["errors"]
    duplicate = {"row": 9, "column": "标准号", "message": "DB33/T 9001-2020 is already in row 2"}
    assert duplicate in errors
    assert len(errors) == 9
    assert not Standard.objects.exists()


def test_text_report_of_a_dry_run(admin_user):
    out, _ = run(str(FIXTURES / "standards_gbk.csv"), "--dry-run", "--user", "admin")
    assert "as admin: would create 4, update 0; 0 unchanged" in out
    assert "dry run" in out
    assert not Standard.objects.exists()


def test_text_report_of_errors(admin_user):
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", "standards", str(FIXTURES / "standards_unknown_headings.csv"),
                     "--user", "admin", stdout=io.StringIO(), stderr=err)
    assert "row 1, 发布人: unknown column heading '发布人'" in err.getvalue()
    assert "nothing was imported" in err.getvalue()


def test_acting_user_must_exist_and_may_add(make_user, org):
    with pytest.raises(CommandError, match="no superuser"):
        run(str(FIXTURES / "standards_zh.csv"))
    with pytest.raises(CommandError, match="no active user 'nobody'"):
        run(str(FIXTURES / "standards_zh.csv"), "--user", "nobody")
    make_user(Role.VIEWER, org, username="reader")
    with pytest.raises(CommandError, match="reader: not allowed"):
        run(str(FIXTURES / "standards_zh.csv"), "--user", "reader")
