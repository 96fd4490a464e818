"""Content Security Policy: stdhub's own scripts and styles only, nothing inline."""

import re
from pathlib import Path

import pytest

import stdhub

SRC = Path(stdhub.__file__).resolve().parent
INLINE = [
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style(?![^>]*\bnonce=)", re.I), "<style> without a nonce"),
    (re.compile(r"<script(?![^>]*\b(?:src|nonce)=)", re.I), "inline <script> without a nonce"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\shx-on", re.I), "htmx inline handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/search/?q=数据", "/accounts/login/", "/data-standards/",
                                 "/api/v1/docs/", "/api/v1/standards/"])
def test_every_page_carries_a_strict_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'" and policy["style-src"][0] == "'self'"
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_no_template_has_inline_script_style_or_handlers():
    found = []
    for template in SRC.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(SRC)}:{line}: {what}")
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_htmx_is_told_not_to_inject_styles_or_eval(client):
    html = client.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in html and '"allowEval": false' in html
    assert '"attributesToSettle": ["class", "width", "height"]' in html  # not "style"
