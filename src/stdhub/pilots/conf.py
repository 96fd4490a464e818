"""Settings of pilot projects, with their defaults; override in ``settings.STDHUB_PILOTS``."""

from django.conf import settings

DEFAULTS = {
    "DOCUMENT_MAX_BYTES": 50 * 1024 * 1024,
    "DOCUMENT_SUFFIXES": [".pdf", ".doc", ".docx", ".wps", ".odt", ".xls", ".xlsx", ".zip"],
}


def get(name: str):
    return getattr(settings, "STDHUB_PILOTS", {}).get(name, DEFAULTS[name])
