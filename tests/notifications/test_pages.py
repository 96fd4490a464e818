"""The notice list, the unread count in the nav, follow buttons and the email setting."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from stdhub.notifications import services
from stdhub.notifications.models import Follow, Notice, Preference

pytestmark = pytest.mark.django_db


def test_notice_list_counts_unread_and_marks_read(client, people):
    drafter = people["drafter"]
    first, second = (services.notify("project-overdue", [drafter], f"项目 {n} 已逾期", "/p/")[0]
                     for n in (1, 2))
    services.notify("project-overdue", [people["editor"]], "别人的通知", "/p/")
    client.force_login(drafter)
    page = client.get(reverse("workspace:home")).content.decode()
    assert 'id="unread-badge">2</span>' in page
    page = client.get(reverse("workspace:notices")).content.decode()
    assert "项目 1 已逾期" in page and "项目 2 已逾期" in page and "别人的通知" not in page
    client.post(reverse("workspace:notices-read"), {"notice": [first.pk]})
    assert list(Notice.objects.filter(recipient=drafter, read_at__isnull=True)) == [second]
    unread = client.get(reverse("workspace:notices"), {"unread": "1"}).content.decode()
    assert "项目 2 已逾期" in unread and "项目 1 已逾期" not in unread
    client.post(reverse("workspace:notices-read"), {"all": "1"})
    page = client.get(reverse("workspace:notices")).content.decode()
    assert "unread-badge" not in page
    assert Notice.objects.filter(read_at__isnull=True).count() == 1  # the editor's


def follow_and_unfollow(client, user, obj, page_url):
    type_id = ContentType.objects.get_for_model(obj).pk
    client.force_login(user)
    page = client.get(page_url).content.decode()
    assert reverse("workspace:follow", args=[type_id, obj.pk]) in page
    response = client.post(reverse("workspace:follow", args=[type_id, obj.pk]),
                           {"next": page_url})
    assert response.url == page_url
    assert Follow.objects.filter(user=user, content_type_id=type_id, object_id=obj.pk).exists()
    page = client.get(page_url).content.decode()
    assert reverse("workspace:unfollow", args=[type_id, obj.pk]) in page
    response = client.post(reverse("workspace:unfollow", args=[type_id, obj.pk]),
                           {"next": "https://elsewhere.example/"})
    assert response.url == obj.get_absolute_url()  # never redirected off the site
    assert not Follow.objects.filter(user=user).exists()


def test_follow_buttons_on_project_and_standard_pages(client, people, project, advance):
    project = advance(project, "60")
    follow_and_unfollow(client, people["drafter"], project, project.get_absolute_url())
    follow_and_unfollow(client, people["outsider"], project.standard,
                        reverse("workspace:standard", args=[project.standard.pk]))


def test_following_what_one_may_not_see_or_cannot_follow_is_refused(client, people, project):
    client.force_login(people["outsider"])
    type_id = ContentType.objects.get_for_model(project).pk
    assert client.post(reverse("workspace:follow", args=[type_id, project.pk])).status_code == 404
    user_type = ContentType.objects.get_for_model(people["drafter"]).pk
    assert client.post(reverse("workspace:follow",
                               args=[user_type, people["drafter"].pk])).status_code == 404
    assert client.get(reverse("workspace:follow", args=[type_id, project.pk])).status_code == 405
    assert not Follow.objects.exists()


def test_email_setting(client, people):
    client.force_login(people["drafter"])
    client.post(reverse("workspace:notices-email"), {"email": "0"})
    assert Preference.objects.get(user=people["drafter"]).email is False
    page = client.get(reverse("workspace:notices")).content.decode()
    assert "开启邮件通知" in page
    client.post(reverse("workspace:notices-email"), {"email": "1"})
    assert Preference.objects.get(user=people["drafter"]).email is True


def test_notice_pages_need_a_login(client):
    response = client.get(reverse("workspace:notices"))
    assert response.status_code == 302 and "login" in response.url
