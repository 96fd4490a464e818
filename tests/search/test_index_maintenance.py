"""The index follows creates, updates and deletes."""

import pytest

from stdhub.search.indexing import index_standards, reindex_all, remove_standards
from stdhub.search.queries import search_standards
from stdhub.standards.models import Standard
from stdhub.standards.services import create_standard, editable_values, update_standard


def codes(query):
    return [s.code for s in search_standards(query).results]


@pytest.fixture
def standard(admin_user):
    return create_standard(admin_user, {"code": "DB33/T 2100-2022",
                                        "title_zh": "电子证照 数据规范"})


def test_service_writes_are_searchable_at_once(admin_user, standard):
    assert codes("证照") == ["DB33/T 2100-2022"]
    update_standard(admin_user, standard,
                    {**editable_values(standard), "title_zh": "公共数据 目录编制规范"})
    assert codes("证照") == []
    assert codes("目录编制") == ["DB33/T 2100-2022"]
    update_standard(admin_user, standard, {**editable_values(standard), "code": "DB33/T 2101-2022"})
    assert codes("DB33/T 2100") == []
    assert codes("2101") == ["DB33/T 2101-2022"]


def test_deleting_a_standard_removes_it(standard):
    Standard.objects.filter(pk=standard.pk).delete()
    assert search_standards("证照").total == 0
    assert search_standards("DB33/T 2100").total == 0


def test_remove_and_reindex(make_standards):
    made = make_standards([("GB/T 1-2020", "标准化工作导则"), ("GB/T 2-2020", "标准化 术语")])
    remove_standards([made[0].pk])
    assert codes("标准化") == ["GB/T 2-2020"]
    remove_standards([made[0].pk])  # removing twice is harmless
    assert reindex_all() == 2
    assert codes("标准化") == ["GB/T 2-2020", "GB/T 1-2020"]


def test_indexing_again_changes_nothing(make_standards):
    made = make_standards([("GB/T 3-2020", "数据 规范")] * 1)
    index_standards(made + made)
    assert search_standards("数据").total == 1


def test_bulk_index_of_many(make_standards):
    made = make_standards([(f"T/ZZB {i:04d}-2020", f"浙江制造 第{i}号") for i in range(1, 1201)])
    assert search_standards("浙江制造", limit=0).total == 1200
    Standard.objects.filter(pk__in=[s.pk for s in made[:200]]).update(title_zh="改名")
    index_standards(Standard.objects.filter(pk__in=[s.pk for s in made]))
    assert search_standards("浙江制造", limit=0).total == 1000
    assert search_standards("改名", limit=0).total == 200


@pytest.mark.django_db(transaction=True)
def test_deletes_outside_a_transaction_and_a_flush_keep_the_index_clean(make_standards):
    made = make_standards([("GB/T 4-2020", "茶叶 规范"), ("GB/T 5-2020", "茶叶 指南")])
    Standard.objects.filter(pk=made[0].pk).delete()
    assert codes("茶叶") == ["GB/T 5-2020"]
    # The test database is flushed after this test: the same trigger empties the index.
