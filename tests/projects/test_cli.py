"""``stdhub projects list|move`` through the same services, with exit status 2 on refusal."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import add_document

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("projects", *args, stdout=out)
    return out.getvalue()


def test_list_json_is_scoped_to_the_user(project, people):
    rows = json.loads(run("list", "--json", "--user", "drafter"))
    assert [(r["id"], r["stage"], r["title"]) for r in rows] == [
        (project.pk, "00", project.title)]
    assert json.loads(run("list", "--json", "--user", "outsider")) == []
    assert project.title in run("list", "--user", "admin")


def test_move_and_refusal(project, people):
    with pytest.raises(CommandError) as exc:
        run("move", str(project.pk), "10", "--user", "admin", "--plan-number", "P-7")
    assert exc.value.returncode == 2 and "项目建议书" in str(exc.value)
    add_document(people["drafter"], project, "proposal")
    with pytest.raises(CommandError, match="需要角色") as exc:
        run("move", str(project.pk), "10", "--user", "drafter", "--plan-number", "P-7")
    row = json.loads(run("move", str(project.pk), "10", "--user", "admin",
                         "--plan-number", "P-7", "--json"))
    assert (row["stage"], row["plan_number"]) == ("10", "P-7")
    with pytest.raises(CommandError, match="no project 999"):
        run("move", "999", "20", "--user", "admin")


def test_close_periods(project, advance):
    advance(project, "30-open")  # its period ended on the fixture's TODAY, in the past
    assert run("close-periods") == "closed 1 comment period(s)\n"
    assert run("close-periods") == "closed 0 comment period(s)\n"
