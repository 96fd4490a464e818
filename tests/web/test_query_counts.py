"""Pages cost a fixed number of queries, however many standards and relations there are."""

from django.urls import reverse


def test_workspace_list_queries_are_bounded(client, editor, registry,
                                            django_assert_max_num_queries):
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("workspace:standards"), {"ordering": "-issued"})
    assert response.status_code == 200


def test_workspace_filtered_list_queries_are_bounded(client, editor, registry,
                                                     django_assert_max_num_queries):
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        client.get(reverse("workspace:standards"), {"ics": "35", "status": "current", "page": 2})


def test_portal_search_queries_are_bounded(client, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:search"), {"level": "local"})


def test_keyword_searches_are_bounded(client, editor, registry, django_assert_max_num_queries):
    # the ranked page, its count and one grouped count per facet
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:search"), {"q": "数据", "status": "current"})
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        client.get(reverse("workspace:standards"), {"q": "数据", "ordering": "-issued"})


def test_detail_queries_are_bounded(client, editor, registry, django_assert_max_num_queries):
    client.force_login(editor)
    std = registry[25]  # has ICS, CCS, drafters, replaces and history
    with django_assert_max_num_queries(14):
        client.get(reverse("workspace:standard", args=[std.pk]))
    with django_assert_max_num_queries(12):
        client.get(std.get_absolute_url())


def test_workspace_home_queries_are_bounded(client, editor, registry,
                                            django_assert_max_num_queries):
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        client.get(reverse("workspace:home"))


def test_edit_form_queries_are_bounded(client, editor, registry, django_assert_max_num_queries):
    client.force_login(editor)
    with django_assert_max_num_queries(16):
        client.get(reverse("workspace:standard-edit", args=[registry[24].pk]))
