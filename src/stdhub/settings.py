"""Django settings for stdhub.

Everything a deployment changes comes from ``STDHUB_*`` environment variables:

- ``STDHUB_DATA_DIR``      data folder (SQLite database, secret key, static files), ``./data``
- ``STDHUB_DATABASE_URL``  e.g. ``postgres://user:pass@host/db``; default SQLite in the data folder
- ``STDHUB_SECRET_KEY``    default: a key generated once into ``<data>/secret_key``
- ``STDHUB_DEBUG``         ``1`` turns debug on (off by default)
- ``STDHUB_ALLOWED_HOSTS`` comma-separated; default the local names ``localhost,127.0.0.1,[::1]``
- ``STDHUB_HTTPS`` and the other deployment settings: see the block at the end
- ``STDHUB_MAX_UPLOAD_MB`` largest uploaded file (default 200); per kind
  ``STDHUB_MAX_UPLOAD_MB_IMPORTS``, ``_CODE_LISTS``, ``_DATASETS``, ``_SCHEMAS`` (schemas: 5)
- ``STDHUB_MAX_XLSX_INFLATED_MB`` what an .xlsx may unpack to before it is read (default 256)
- ``STDHUB_TOKEN_RATE``, ``STDHUB_ANONYMOUS_READ_RATE``  API rate limits per client address
  (default ``30/min`` for the token endpoint, ``120/min`` for anonymous searches and code lists)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from stdhub.core.files import private_folder, read_or_create_private

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = private_folder(Path(os.environ.get("STDHUB_DATA_DIR", "data")).resolve())


def _secret_key() -> str:
    if key := os.environ.get("STDHUB_SECRET_KEY"):
        return key
    return read_or_create_private(DATA_DIR / "secret_key", lambda: secrets.token_urlsafe(50))


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("STDHUB_DEBUG", "") == "1"
ALLOWED_HOSTS = [  # never "*" by default: a forged Host header would reach absolute URLs
    h.strip() for h in os.environ.get("STDHUB_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    .split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("STDHUB_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "stdhub.core",
    "stdhub.orgs",
    "stdhub.search",
    "stdhub.standards",
    "stdhub.conformance",
    "stdhub.projects",
    "stdhub.notifications",
    "stdhub.framework",
    "stdhub.pilots",
    "stdhub.committees",
    "stdhub.programme",
    "stdhub.evaluation",
    "stdhub.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stdhub.core.middleware.RequestIdMiddleware",
    "stdhub.core.middleware.ServiceErrorMiddleware",
    "stdhub.core.middleware.RefuseOversizedMiddleware",
    "stdhub.core.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "stdhub.urls"
WSGI_APPLICATION = "stdhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if url := os.environ.get("STDHUB_DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "stdhub.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so two
                # writers never race for the audit chain's head (see core.events).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start while it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]  # the shared layout's css, js and vendored htmx
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the apps when collectstatic has not run

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["stdhub.core.api.CanPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["stdhub.core.parsers.JSONParser",
                               "rest_framework.parsers.FormParser",
                               "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_PAGINATION_CLASS": "stdhub.core.api.PagePagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "stdhub.core.api.exception_handler",
    # Rate limits (see core.throttling), per client address across all workers.
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("STDHUB_TOKEN_RATE", "30/min"),
        "anonymous_read": os.environ.get("STDHUB_ANONYMOUS_READ_RATE", "120/min"),
    },
    # Proxies in front whose X-Forwarded-For is believed; 0: the client is REMOTE_ADDR.
    # Proxies whose X-Forwarded-For is believed: the same setting as the login lockout's.
    "NUM_PROXIES": int(os.environ.get("STDHUB_TRUSTED_PROXIES", "0")),
    "DEFAULT_SCHEMA_CLASS": "stdhub.core.schema.StdhubSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "stdhub API",
    "DESCRIPTION": _("标准化数字平台 REST API"),
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # Standards and conformance runs both have a "status": name each enum apart.
    "ENUM_NAME_OVERRIDES": {
        "StandardStatusEnum": "stdhub.standards.choices.Status",
        "StandardLevelEnum": "stdhub.standards.choices.Level",
        "RunStatusEnum": "stdhub.conformance.choices.RunStatus",
        "PilotLevelEnum": "stdhub.pilots.choices.Level",
        "PilotDocumentKindEnum": "stdhub.pilots.choices.DocumentKind",
        "CommitteeLevelEnum": "stdhub.committees.choices.Level",
        "CommitteeStatusEnum": "stdhub.committees.choices.Status",
        "MemberRoleEnum": "stdhub.committees.choices.MemberRole",
        "ParticipationRoleEnum": "stdhub.committees.choices.ParticipationRole",
    },
}

# Files people send (checked by stdhub.core.uploads): size by kind, in MB.
STDHUB_MAX_UPLOAD_MB = int(os.environ.get("STDHUB_MAX_UPLOAD_MB", "200"))
STDHUB_UPLOAD_LIMITS_MB = {
    kind: int(os.environ.get(f"STDHUB_MAX_UPLOAD_MB_{kind.upper()}", default))
    for kind, default in {"imports": STDHUB_MAX_UPLOAD_MB, "code_lists": STDHUB_MAX_UPLOAD_MB,
                          "datasets": STDHUB_MAX_UPLOAD_MB, "schemas": 5}.items()
}
STDHUB_MAX_XLSX_INFLATED_MB = int(os.environ.get("STDHUB_MAX_XLSX_INFLATED_MB", "256"))
# Files above 2.5 MB go to a temporary file, never memory; other request bodies (JSON,
# form fields, a pasted schema) may be as large as a schema upload, and no larger.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 << 19
DATA_UPLOAD_MAX_MEMORY_SIZE = (STDHUB_UPLOAD_LIMITS_MB["schemas"] + 1) << 20
# Shared by every web worker on this machine (rate-limit counts); no extra service.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A background task not heard from for this long lost its worker (core.leases).
TASK_LEASE_SECONDS = float(os.environ.get("STDHUB_TASK_LEASE_SECONDS", "60"))
# Uploads larger than 2.5 MB stream to a temporary file here, on the data folder's disk
# (not /tmp, often memory), next to MEDIA_ROOT where they are kept.
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)

# Email (notices, the daily digest): printed to the console unless STDHUB_EMAIL_HOST names
# an SMTP server. SITE_URL makes the links in emails absolute.
if EMAIL_HOST := os.environ.get("STDHUB_EMAIL_HOST", ""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("STDHUB_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("STDHUB_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("STDHUB_EMAIL_PASSWORD", "")
    EMAIL_USE_SSL = os.environ.get("STDHUB_EMAIL_SSL", "") == "1"
    EMAIL_USE_TLS = not EMAIL_USE_SSL and os.environ.get("STDHUB_EMAIL_TLS", "1") == "1"
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("STDHUB_EMAIL_FROM", "stdhub <stdhub@localhost>")
SITE_URL = os.environ.get("STDHUB_SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STDHUB_LOG_LEVEL", "WARNING")},
}

# --- Deployment hardening: HTTPS, content security policy, login throttling, API tokens, -----
# --- file modes. Every STDHUB_* setting here is documented in README.md (Configuration). -----
import datetime as _dt  # noqa: E402

from csp.constants import NONCE, NONE, SELF  # noqa: E402


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes")


# HTTPS: secure cookies, HSTS and the redirect to https, all on with STDHUB_HTTPS=1.
HTTPS = _flag("STDHUB_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and _flag("STDHUB_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("STDHUB_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("STDHUB_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("STDHUB_HSTS_PRELOAD", True)
if _proxy_header := os.environ.get("STDHUB_PROXY_SSL_HEADER", "").strip():
    # "X-Forwarded-Proto" (value https) or "X-Forwarded-Proto=https": the header the proxy
    # sets, and removes from what clients send, on requests that reached it over https.
    _name, _, _value = _proxy_header.partition("=")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _name.strip().upper().replace("-", "_"),
                               _value.strip() or "https")

# Content security policy: only stdhub's own files; the few inline blocks carry a nonce.
INSTALLED_APPS += ["csp", "axes"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
TEMPLATES[0]["OPTIONS"]["context_processors"].append("csp.context_processors.nonce")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (web login, admin and the API token endpoint alike): after
# STDHUB_LOGIN_FAILURES wrong passwords for one username from one address, that pair
# is locked out for STDHUB_LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend",
                           "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("STDHUB_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = _dt.timedelta(minutes=int(os.environ.get("STDHUB_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "stdhub.core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "stdhub.orgs.lockout.lockout_response"
# How many proxies in front of stdhub append to X-Forwarded-For; 0 trusts no header.
TRUSTED_PROXY_COUNT = int(os.environ.get("STDHUB_TRUSTED_PROXIES", "0"))

# API tokens (stdhub.orgs.models.ApiToken): stored hashed, valid for this many days.
API_TOKEN_DAYS = int(os.environ.get("STDHUB_API_TOKEN_DAYS", "30"))
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "stdhub.orgs.authentication.TokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]

# Passwords (STDHUB_ADMIN_PASSWORD too): also not all digits, not like the username.
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Uploaded files and their folders are readable by stdhub's account only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
