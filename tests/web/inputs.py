"""Every page of the site with the inputs it takes, discovered rather than listed.

Routes come from the URLconf (the API and the admin have their own tests); a route's
path arguments are filled with objects that exist; its inputs are the fields of the
forms and filtersets in its context, the fields of the HTML forms it renders for
itself, and the query parameters of its own links. A page added tomorrow is
covered without touching the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django import forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_filters import FilterSet

SKIPPED_PREFIXES = ("admin/", "api/", "i18n/", "accounts/logout/")


@dataclass
class Page:
    url: str
    query: set[str] = field(default_factory=set)  # query parameters
    post: set[str] = field(default_factory=set)  # form fields a POST takes
    files: set[str] = field(default_factory=set)  # file fields of that POST


def routes() -> list[tuple[str, URLPattern]]:
    """Every (route text, pattern) of the URLconf outside SKIPPED_PREFIXES."""
    found = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            else:
                found.append((route, entry))

    walk(get_resolver().url_patterns, "")
    return found


def _fill(route: str, samples: dict[str, list[str]]) -> list[str]:
    """The route with each ``<conv:name>`` replaced by every sample for its converter."""
    urls = [""]
    rest = route
    while "<" in rest:
        before, _, rest = rest.partition("<")
        converter, _, rest = rest.partition(">")
        kind = converter.split(":")[0] if ":" in converter else "str"
        urls = [u + before + value for u in urls for value in samples.get(kind, ["x"])]
    return ["/" + u + rest for u in urls]


class _Forms(HTMLParser):
    """Names of inputs per form (method, action), and query keys of links."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, str, set[str], set[str]]] = []
        self.link_keys: dict[str, set[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action") or "",
                               set(), set()))
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            names = self.forms[-1][3] if attrs.get("type") == "file" else self.forms[-1][2]
            names.add(attrs["name"])
        elif tag == "a" and attrs.get("href") and "?" in attrs["href"]:
            parts = urlsplit(attrs["href"])
            self.link_keys.setdefault(parts.path, set()).update(
                k for k, _ in parse_qsl(parts.query, keep_blank_values=True))


def _context_fields(response) -> tuple[set[str], set[str], set[str]]:
    """(filter fields, form fields, file fields) of the forms in the response's context."""
    filters, posted, files = set(), set(), set()
    contexts = response.context or []
    if not isinstance(contexts, list):  # one template rendered: a Context, not a ContextList
        contexts = [contexts]
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, FilterSet):
                filters.update(value.form.fields)
            elif isinstance(value, forms.BaseForm):
                for name, form_field in value.fields.items():
                    (files if isinstance(form_field, forms.FileField) else posted).add(name)
    return filters, posted, files


def discover(client: Client, samples: dict[str, list[str]]) -> list[Page]:
    """Every page reachable with ``client`` (a 200 on GET) and its inputs."""
    pages = []
    for route, _pattern in routes():
        for url in _fill(route, samples):
            response = client.get(url)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith(
                    "text/html"):
                if response.status_code == 200:
                    pages.append(Page(url, {"format"} if "export" in url else set()))
                continue
            filters, posted, files = _context_fields(response)
            parser = _Forms()
            parser.feed(response.content.decode())
            page = Page(url, query=set(filters), post=set(posted), files=set(files))
            for method, action, names, file_names in parser.forms:
                if action in ("", url, "."):
                    (page.query if method == "get" else page.post).update(names)
                    page.files.update(file_names)
            page.query.update(parser.link_keys.get(url, set()) | parser.link_keys.get("", set()))
            page.post.discard("csrfmiddlewaretoken")
            pages.append(page)
    return pages
