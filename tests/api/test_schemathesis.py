"""schemathesis over the whole OpenAPI schema, in-process against the WSGI app and a real
test database: once as a programme administrator with a token, once anonymously.

Every operation the schema lists is exercised (new endpoints join without touching this
file) with the checks that the API never answers 5xx, enforces the authentication it
declares, answers only the status codes it documents, and with bodies that match the
documented schemas. Examples are few per operation so a run takes minutes on 2 cores;
the ``ci`` Hypothesis profile (``CI=1``) derandomises them.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from stdhub.conformance import services as conformance
from stdhub.core.permissions import SYSTEM
from stdhub.orgs.services import issue_token
from stdhub.standards.services import create_standard
from tests.conformance_web.conftest import IMMEDIATE, SCHEMA

CHECKS = [not_a_server_error, ignored_auth, status_code_conformance,
          response_schema_conformance]
EXAMPLES = settings(max_examples=25, deadline=None,
                    suppress_health_check=list(HealthCheck))


def _served_schema():
    """The schema ``/api/v1/schema/`` serves (generating it reads no database)."""
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None,
                                                                         public=True))
    schema.app = WSGIHandler()
    return schema


schema = _served_schema()


@pytest.fixture(autouse=True)
def test_connection_kept():
    """Requests keep the test's database connection and transaction, as Django's test
    client arranges (on PostgreSQL the handler would otherwise close it mid-test)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def content(db, settings, tmp_path, classes, org, admin_user):
    """A little of everything in the database to read."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    for n in range(1, 4):
        create_standard(SYSTEM, {"code": f"DB33/T {1000 + n}-2020", "title_zh": f"公共数据 规范{n}",
                                 "effective_on": "2020-03-01", "ics": ["35.240"],
                                 "ccs": ["L70"], "responsible_org": org})
    conformance.publish_data_standard(
        admin_user, identifier="zj/legal-entity", title="法人单位基础信息", organization=org,
        schema=SCHEMA, version_label="1.0", notes="首次发布")


@schema.parametrize()
@EXAMPLES
def test_as_administrator(case, admin_user):
    # One token for all of this test's examples (the fixture user lives as long as they do).
    if getattr(admin_user, "_api_key", None) is None:
        admin_user._api_key = issue_token(admin_user, admin_user, name="schemathesis")[1]
    case.call_and_validate(headers={"Authorization": f"Token {admin_user._api_key}"},
                           checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_anonymously(case):
    case.call_and_validate(checks=CHECKS)
