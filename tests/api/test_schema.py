"""The OpenAPI schema is complete and warning-free; the docs page needs no network."""

import re

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


def test_registry_routes_generate_a_valid_schema_without_warnings():
    """What ``stdhub spectacular --validate --fail-on-warn`` checks, for the routes of
    ``stdhub.api_urls`` (standards, organizations, classes, token) only."""
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/v1/", include("stdhub.api_urls"))])
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    assert not GENERATOR_STATS, "schema warnings: run stdhub spectacular --fail-on-warn"
    assert "/api/v1/standards/by-code/" in schema["paths"]


@pytest.mark.django_db
def test_schema_documents_routes_and_token_auth(anon):
    response = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for route in ("/api/v1/standards/", "/api/v1/standards/{id}/",
                  "/api/v1/standards/{id}/events/", "/api/v1/standards/by-code/",
                  "/api/v1/organizations/", "/api/v1/ics/", "/api/v1/ccs/{code}/",
                  "/api/v1/auth/token/"):
        assert route in paths, route
    assert {"get", "post"} <= set(paths["/api/v1/standards/"])
    assert {"put", "patch"} <= set(paths["/api/v1/standards/{id}/"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    # Reads are documented as open to anyone, writes as needing credentials.
    assert {} in paths["/api/v1/standards/"]["get"]["security"]
    assert {} not in paths["/api/v1/standards/"]["post"]["security"]
    assert {} not in paths["/api/v1/organizations/{id}/"]["patch"]["security"]
    assert not paths["/api/v1/auth/token/"]["post"].get("security")
    params = {p["name"] for p in paths["/api/v1/standards/"]["get"]["parameters"]}
    assert {"q", "level", "status", "ics", "ccs", "organization", "page", "page_size"} <= params


@pytest.mark.django_db
def test_docs_page_loads_only_local_assets(anon):
    response = anon.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the docs page must not reach the network"
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    # Static files, and the page's start-up script served as a file (no inline script: CSP).
    assert assets and all(a.startswith(("/static/", "/api/v1/docs/?script")) for a in assets), \
        assets
    assert "<script>" not in html and "<style" not in html
    for asset in assets:  # and every one of them is actually served
        served = anon.get(asset)
        assert served.status_code == 200, asset
        if "?script" in asset:
            assert "/api/v1/schema/" in served.content.decode()
            assert served["Content-Type"].startswith("application/javascript")
        served.close()
