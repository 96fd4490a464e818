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


def _whole_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_says_which_operations_are_public():
    paths = _whole_schema()["paths"]
    public = [("get", "/api/v1/standards/{id}/events/"), ("get", "/api/v1/ics/"),
              ("get", "/api/v1/conformance/code-lists/{id}/"),
              ("get", "/api/v1/conformance/data-standards/"),
              ("get", "/api/v1/conformance/versions/{id}/")]
    private = [("get", "/api/v1/conformance/runs/"), ("get", "/api/v1/conformance/runs/{id}/"),
               ("post", "/api/v1/conformance/runs/"), ("put", "/api/v1/standards/{id}/"),
               ("post", "/api/v1/conformance/data-standards/{id}/versions/")]
    for method, route in public:
        assert {} in paths[route][method]["security"], (method, route)
    for method, route in private:
        security = paths[route][method]["security"]
        assert {} not in security and {"tokenAuth": []} in security, (method, route)


def test_every_operation_documents_its_errors_with_one_body():
    schema = _whole_schema()
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string"
    for route, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "400" in codes, (method, route)
            if method in ("post", "put", "patch") and route != "/api/v1/auth/token/":
                assert {"401", "403", "409", "503"} <= codes, (method, route)
            if method in ("put", "patch"):
                assert "412" in codes, (method, route)
            if "{" in route:
                assert "404" in codes, (method, route)
            for code in codes - {"200", "201", "202", "204"}:
                body = operation["responses"][code]["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/Error"}, (method, route, code)
    assert "429" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_staff_only_fields_are_optional_in_the_schema():
    components = _whole_schema()["components"]["schemas"]
    assert {"seq", "actor", "diff", "request_id", "hash"}.isdisjoint(
        components["Event"].get("required", []))
    assert "kind_label" in components["Event"]["required"]
    assert "published_by" not in components["Version"].get("required", [])
