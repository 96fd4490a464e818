"""The project list's and the API's ``q=`` go through the search index, scoped to what
the person may see; the services keep the index in step."""

from django.urls import reverse

from stdhub.orgs.models import Organization
from stdhub.projects import services
from stdhub.search.models import ProjectEntry
from stdhub.search.queries import search_projects


def test_services_keep_the_index(project, people):
    """Proposing indexes a project, retitling re-indexes it, deleting takes it out."""
    assert [p.pk for p in search_projects("质量评价").results] == [project.pk]
    services.update_project(people["drafter"], project, {"title": "公共数据 分类分级指南"})
    assert search_projects("质量评价").total == 0
    assert [p.pk for p in search_projects("分类分级").results] == [project.pk]
    project.delete()
    assert search_projects("分类分级").total == 0
    assert not ProjectEntry.objects.exists()


def test_list_and_api_search_what_the_person_sees(client, client_for, project, people):
    theirs = Organization.objects.get(name="浙江省标准化研究院")
    hidden = services.propose(people["outsider"], {
        "title": "公共数据开放 质量评价指南", "lead_org": theirs,
        "responsible_org": project.responsible_org})
    drafter = client_for(people["drafter"])
    # Folded as the registry's search folds: spaces, full-width spaces, ASCII case.
    for query in ("质量评价", "数据 质量", "数据　质量评价规范"):
        body = drafter.get("/api/v1/projects/", {"q": query}).json()
        assert [row["id"] for row in body["results"]] == [project.pk], query
    outsider = client_for(people["outsider"]).get("/api/v1/projects/", {"q": "质量评价"}).json()
    assert [row["id"] for row in outsider["results"]] == [hidden.pk]
    client.force_login(people["drafter"])
    page = client.get(reverse("workspace:projects"), {"q": "数据 质量"})
    assert page.context["page"].paginator.count == 1
    assert project.title in page.content.decode() and hidden.title not in page.content.decode()
