"""Steps that tests of ``tests/faults`` run inside a site's own process (``Site.call``)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File

from stdhub.conformance import services
from stdhub.conformance.models import ConformanceRun
from stdhub.core.models import Event
from stdhub.orgs.models import Organization

SCHEMA = {
    "title": "单位名录",
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "name", "type": "string", "constraints": {"pattern": "单位[0-9]+"}},
        {"name": "staff", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "founded", "type": "date"},
    ],
}


def write_dataset(path: str, rows: int) -> str:
    """A CSV of ``rows`` good rows for SCHEMA (written here to keep the test process small)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("id,name,staff,founded\n")
        for i in range(rows):
            out.write(f"{i},单位{i % 977},{i % 500},2020-0{1 + i % 9}-1{i % 9}\n")
    return path


def admin():
    return get_user_model().objects.get(username="admin")


def publish_data_standard(identifier: str = "faults/units") -> int:
    org = Organization.objects.order_by("pk").first()
    version = services.publish_data_standard(
        admin(), identifier=identifier, title="单位名录", organization=org, schema=SCHEMA,
        version_label="1.0")
    return version.pk


def start_run(version_id: int, dataset: str) -> int:
    version = services.DataStandardVersion.objects.get(pk=version_id)
    with open(dataset, "rb") as fh:
        run = services.start_run(admin(), version=version, organization=version.data_standard
                                 .organization, upload=File(fh, name=Path(dataset).name))
    return run.pk


def run_state(run_id: int) -> dict:
    run = ConformanceRun.objects.get(pk=run_id)
    events = Event.objects.filter(content_type=ContentType.objects.get_for_model(run),
                                  object_id=str(run.pk)).order_by("seq")
    return {"status": run.status, "attempts": run.attempts, "message": run.message,
            "finished": run.is_finished, "rows": run.rows_done,
            "events": [[e.kind, e.message] for e in events]}


def write_standards_csv(path: str, rows: int) -> str:
    """``rows`` generated standards (``benchmarks/standards_data``) as an import CSV."""
    import csv
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from standards_data import generate_rows

    data = generate_rows(rows, seed=6)
    first = next(data)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(first))
        writer.writerow(dict(zip(first, first, strict=True)))
        writer.writerow(first)
        writer.writerows(data)
    return path


SEARCHES = ["数据", "规范", "公共数据", "信息技术", "GB/T", "DB33"]


def registry_state() -> dict:
    """What a killed import must not have changed, and what search answers: for each
    query the search's count beside a substring scan of titles and codes (a rough check:
    the search also folds width and case)."""
    from django.db.models import Q

    from stdhub.search.queries import search_standards
    from stdhub.standards.models import Standard

    return {
        "standards": Standard.objects.count(),
        "events": Event.objects.count(),
        "organizations": Organization.objects.count(),
        "searches": {q: [search_standards(q, limit=0).total,
                         Standard.objects.filter(Q(title_zh__icontains=q) | Q(code__icontains=q))
                         .count()] for q in SEARCHES},
    }


def write_rows(path: str, rows: list[list[str]]) -> str:
    with open(path, "w", encoding="utf-8") as out:
        out.write("id,name,staff,founded\n")
        out.writelines(",".join(row) + "\n" for row in rows)
    return path


def files_state() -> dict:
    """Every run's uploaded dataset and errors list as the site serves them (sha256)."""
    import hashlib

    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    client.force_login(admin())
    served = {}
    for run in ConformanceRun.objects.order_by("pk"):
        with run.dataset.open("rb") as fh:
            dataset = hashlib.sha256(fh.read()).hexdigest()
        response = client.get(reverse("conformance:run-errors", args=[run.pk]))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        served[run.dataset_name] = {"dataset": dataset, "status": run.status,
                                    "errors": [response.status_code,
                                               hashlib.sha256(body).hexdigest()]}
    return served
