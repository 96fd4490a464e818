"""Publishing data standards and their versions: services and pages."""

import copy
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stdhub.conformance import services
from stdhub.conformance.models import DataStandard, DataStandardVersion
from stdhub.core.models import Event

from .conftest import SCHEMA, upload


def test_publish_records_standard_version_and_event(version, editor, org):
    ds = version.data_standard
    assert (ds.identifier, ds.organization, ds.title) == \
        ("zj/legal-entity", org, "法人单位基础信息")
    assert version.label == "1.0" and version.schema == SCHEMA
    assert version.published_by == editor
    event = Event.objects.get(object_id=str(ds.pk), kind="created")
    assert event.actor == editor and event.diff["version"] == [None, "1.0"]


def test_new_version_keeps_the_old_one(data_standard, editor):
    schema = copy.deepcopy(SCHEMA)
    schema["fields"].append({"name": "phone", "title": "联系电话", "type": "string",
                             "constraints": {"pattern": r"\d{11}"}})
    v2 = services.publish_version(editor, data_standard, schema=json.dumps(schema),
                                  version_label="1.1", notes="增加联系电话")
    labels = list(data_standard.versions.values_list("label", flat=True))
    assert sorted(labels) == ["1.0", "1.1"]
    assert data_standard.latest_version == v2
    first = DataStandardVersion.objects.get(data_standard=data_standard, label="1.0")
    assert first.schema == SCHEMA
    event = Event.objects.filter(object_id=str(data_standard.pk)).order_by("-seq").first()
    assert event.kind == "published" and event.diff == {"version": ["1.0", "1.1"]}


def test_repeated_version_label_is_refused(data_standard, editor):
    with pytest.raises(ValidationError) as caught:
        services.publish_version(editor, data_standard, schema=SCHEMA, version_label="1.0")
    assert "already published" in caught.value.message_dict["version_label"][0]
    assert data_standard.versions.count() == 1


@pytest.mark.parametrize(("schema", "message"), [
    ("{not json", "not valid JSON: line 1"),
    ({"fields": []}, "non-empty list 'fields'"),
    ({"fields": [{"name": "a", "type": "text"}]}, "unknown type 'text'"),
    ({"fields": [{"name": "a", "codeList": "ZJ/none"}]}, "unknown code list 'ZJ/none'"),
    ({"fields": [{"name": "a", "constraints": {"maxLenght": 3}}]}, "did you mean 'maxLength'"),
])
def test_malformed_schema_is_refused_and_nothing_saved(editor, org, schema, message):
    events_before = Event.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.publish_data_standard(editor, identifier="bad", title="坏的", organization=org,
                                       schema=schema, version_label="1")
    assert message in caught.value.message_dict["schema"][0]
    assert not DataStandard.objects.exists() and Event.objects.count() == events_before


def test_every_field_error_comes_back_at_once(editor, org, version):
    with pytest.raises(ValidationError) as caught:
        services.publish_data_standard(editor, identifier="zj/legal-entity", title="",
                                       organization=org, schema="[]", version_label="")
    assert set(caught.value.message_dict) == {"identifier", "title", "schema", "version_label"}


def test_editor_publishes_only_for_own_organization(editor, other_org, viewer, org):
    with pytest.raises(PermissionDenied):
        services.publish_data_standard(editor, identifier="x", title="x", organization=other_org,
                                       schema=SCHEMA, version_label="1")
    with pytest.raises(PermissionDenied):  # a viewer is a member but not an editor
        services.publish_data_standard(viewer, identifier="x", title="x", organization=org,
                                       schema=SCHEMA, version_label="1")
    assert not DataStandard.objects.exists()


def test_admin_publishes_for_any_organization(admin_user, other_org):
    version = services.publish_data_standard(admin_user, identifier="x", title="x",
                                             organization=other_org, schema=SCHEMA,
                                             version_label="1")
    assert version.data_standard.organization == other_org


def test_new_version_by_another_organization_is_refused(data_standard, outsider):
    with pytest.raises(PermissionDenied):
        services.publish_version(outsider, data_standard, schema=SCHEMA, version_label="2")


# ---------------------------------------------------------------- pages


def test_publish_page_uploads_schema_file(client, editor, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:standard-add"), {
        "identifier": "zj/enterprise", "title": "企业信息", "organization": org.pk,
        "version_label": "2024", "schema_file": upload(
            "schema.json", json.dumps(SCHEMA, ensure_ascii=False).encode()),
    })
    ds = DataStandard.objects.get(identifier="zj/enterprise")
    assert response.status_code == 302 and response["Location"] == ds.get_absolute_url()
    assert ds.latest_version.schema == SCHEMA


def test_publish_page_shows_spec_error_on_the_field_and_saves_nothing(client, editor, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:standard-add"), {
        "identifier": "zj/enterprise", "title": "企业信息", "organization": org.pk,
        "version_label": "1", "schema": json.dumps({"fields": [{"name": "a", "type": "txt"}]}),
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["schema"] and "unknown type 'txt'" in errors["schema"][0]
    assert "unknown type &#x27;txt&#x27;" in response.content.decode()
    assert not DataStandard.objects.exists()


def test_bad_uploaded_schema_error_lands_on_the_file_field(client, editor, org):
    client.force_login(editor)
    response = client.post(reverse("conformance:standard-add"), {
        "identifier": "zj/enterprise", "title": "企业信息", "organization": org.pk,
        "version_label": "1", "schema_file": upload("schema.json", b"{\"fields\": ["),
    })
    assert "not valid JSON" in response.context["form"].errors["schema_file"][0]
    assert not DataStandard.objects.exists()


def test_version_page_prefills_latest_schema_and_publishes(client, editor, data_standard):
    client.force_login(editor)
    url = reverse("conformance:version-add", args=[data_standard.pk])
    page = client.get(url)
    assert json.loads(page.context["form"].initial["schema"]) == SCHEMA
    response = client.post(url, {"version_label": "1.1", "schema": json.dumps(SCHEMA)})
    assert response.status_code == 302
    assert data_standard.versions.count() == 2


def test_schema_text_is_kept_as_published(editor, org, client):
    text = '{\n  "fields": [{"name": "b", "constraints": {"maxLength": 5, "minLength": 1}}],\n' \
           '  "title": "键顺序"\n}'
    version = services.publish_data_standard(editor, identifier="order", title="键顺序",
                                             organization=org, schema=text, version_label="1")
    version.refresh_from_db()
    assert version.schema_text == text  # key order survives PostgreSQL too (no jsonb)
    download = client.get(reverse("conformance:version-schema", args=[version.pk]))
    assert download.content.decode() == text
    assert download["Content-Disposition"] == 'attachment; filename="order-1.json"'
