"""Version numbers of standards: every write bumps it, a stale edit is refused, imports too."""

import pytest

from stdhub.core.errors import Conflict
from stdhub.core.events import events_of
from stdhub.core.models import Event
from stdhub.core.permissions import SYSTEM
from stdhub.standards.io import importer
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard, editable_values, update_standard

from .io_helpers import load_classes, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def classes(db):
    load_classes()


def make(code="DB33/T 2350-2019", title="公共数据目录编制规范", **values):
    return create_standard(SYSTEM, {"code": code, "title_zh": title,
                                    "effective_on": "2019-07-01", **values})


def edit(std, expected=None, **changes):
    return update_standard(SYSTEM, std, {**editable_values(std), **changes},
                           expected_version=expected)


def test_a_new_standard_is_version_1_and_each_change_adds_one():
    std = make()
    assert std.version == 1
    assert edit(std, expected=1, title_en="Public data catalogue") is True
    assert std.version == 2 and Standard.objects.get().version == 2
    assert edit(std, expected=2) is False  # nothing changed: no event, same version
    assert Standard.objects.get().version == 2


def test_second_editor_from_the_same_version_is_refused_and_nothing_written():
    first, second = make(), Standard.objects.get()  # two editors load version 1
    edit(first, expected=1, title_en="first")
    events = Event.objects.count()
    with pytest.raises(Conflict) as refused:
        edit(second, expected=1, title_zh="第二位编辑的标题")
    assert refused.value.current_version == 2
    stored = Standard.objects.get()
    assert (stored.title_en, stored.title_zh, stored.version) == (
        "first", "公共数据目录编制规范", 2)
    assert Event.objects.count() == events


def test_an_unconditional_edit_of_a_stale_copy_diffs_against_what_is_stored():
    stale, fresh = make(), Standard.objects.get()
    edit(fresh, title_en="someone else's")
    # No expected version: the last writer wins, and its full set of values (read before
    # the other edit) reverts title_en. History says so truthfully: "before" is what was stored.
    assert edit(stale, scope="只改范围") is True
    last = events_of(stale).first()
    assert last.diff == {"scope": ["", "只改范围"], "title_en": ["someone else's", ""]}
    assert Standard.objects.get().version == 3


def test_superseding_bumps_the_replaced_standards_version():
    old = make()
    make("DB33/T 2350-2021", "数字化改革 公共数据目录编制规范", replaces=[old.code],
         effective_on="2021-07-28")
    old.refresh_from_db()
    assert (old.status, old.version) == ("superseded", 2)
    with pytest.raises(Conflict):
        edit(old, expected=1, title_en="based on version 1")


def test_import_bumps_the_versions_of_the_standards_it_changes(admin_user, org):
    old = make()
    result = run_import(admin_user, "standards_zh.csv")
    assert result.ok, result.errors
    old.refresh_from_db()
    assert old.version == 2  # its row changed it, then the 2021 edition superseded it
    assert Standard.objects.get(code="DB33/T 2350-2021").version == 1


def test_import_refuses_to_overwrite_a_change_made_after_it_read_the_registry(
        admin_user, org, monkeypatch):
    """On PostgreSQL another editor can commit between the import's read and its write."""
    old = make(scope="旧范围")
    real_plan = importer.make_plan

    def plan_then_someone_edits(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        edit(Standard.objects.get(pk=old.pk), title_en="edited during the import")
        return plan

    monkeypatch.setattr(importer, "make_plan", plan_then_someone_edits)
    with pytest.raises(Conflict, match="changed while the import ran"):
        run_import(admin_user, "standards_zh.csv")
    assert Standard.objects.count() == 1  # the whole import rolled back
