"""Desaku settings, driven by environment variables.

Embedded default: SQLite in var/desaku.sqlite3, so a new user needs nothing else.
Production: set DATABASE_URL (PostgreSQL), SECRET_KEY, ALLOWED_HOSTS, FIELD_ENCRYPTION_KEYS and
BLIND_INDEX_KEY, and use desaku.settings_production.
"""

import base64
import hashlib
import importlib
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The development key is only for a laptop; settings_production refuses to start without a real one.
SECRET_KEY = os.environ.get("SECRET_KEY", "desaku-development-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def _dev_key(purpose: str) -> str:
    digest = hashlib.sha256(f"{SECRET_KEY}:{purpose}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


# Field encryption (Fernet, AES-128-CBC + HMAC). The first key encrypts; all keys decrypt, so keys
# can be rotated by putting the new one first. The blind index (keyed HMAC for lookups) has its own key.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [_dev_key("field-encryption")]
BLIND_INDEX_KEY = os.environ.get("BLIND_INDEX_KEY") or _dev_key("blind-index")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "desaku.core",
    "desaku.people",
    "desaku.outreach",
    "desaku.cases",
    "desaku.village",
    "desaku.training",
    "desaku.aid",
    "desaku.diversion",
    "desaku.community",
    "desaku.reports",
    "desaku.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "desaku.core.middleware.IndonesianByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "desaku.urls"
WSGI_APPLICATION = "desaku.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "desaku" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "desaku.core.context_processors.desaku",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("DESAKU_VAR_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'desaku.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while a writer commits; IMMEDIATE avoids "database is locked" upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 8 idle hours (a working day) and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login lockout: 5 failures for one username from one address locks it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["desaku.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even when serving from finders
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/tabler/css", NODE_MODULES / "@tabler" / "core" / "dist" / "css"),
    ("vendor/tabler/js", NODE_MODULES / "@tabler" / "core" / "dist" / "js"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    BASE_DIR / "desaku" / "static",
]
TABLER_ICONS_DIR = NODE_MODULES / "@tabler" / "icons" / "icons" / "outline"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: files go through permission-checked views
WHITENOISE_USE_FINDERS = True
# Look files up per request instead of scanning every static file when the app (or a test client) starts.
WHITENOISE_AUTOREFRESH = env_bool("WHITENOISE_AUTOREFRESH", True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "desaku.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Desaku API",
    "DESCRIPTION": "REST API Sistem Informasi Kesejahteraan Sosial Desaku (Dinas Sosial Kota Malang).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Name shared choice sets once, so the schema has no ambiguous enum names.
    "ENUM_NAME_OVERRIDES": {
        "DispositionKindEnum": "desaku.outreach.models.DispositionKind",
        "OperationKindEnum": "desaku.outreach.models.OperationKind",
        "PreventiveKindEnum": "desaku.outreach.models.PreventiveKind",
        "OutcomeEnum": "desaku.outreach.models.EncounterOutcome",
        "AliasKindEnum": "desaku.people.models.AliasKind",
        "OrganisationKindEnum": "desaku.core.models.accounts.OrganisationKind",
    },
}
# Each program app names its own shared choice sets in ``<app>/api_enums.py`` (a plain dict of dotted
# paths, importable before Django is set up), so apps never edit this file at the same time.
for _app in ("cases", "village", "training", "aid", "diversion", "community", "reports"):
    SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
        importlib.import_module(f"desaku.{_app}.api_enums").ENUM_NAME_OVERRIDES)

# A shared cache for several web workers (the heads' dashboard caches computed figures): CACHE_URL=redis://…
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL", "").startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}}

# Background jobs: the database backend by default; Redis (django-tasks-rq) when TASKS_BACKEND=rq.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if os.environ.get("TASKS_BACKEND") == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}
elif os.environ.get("TASKS_BACKEND") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "desaku@dinsos.malangkota.go.id")

# The department's identity on letters and pages; editable per deployment.
DESAKU_ORGANISATION_NAME = os.environ.get("DESAKU_ORGANISATION_NAME", "Dinas Sosial Kota Malang")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
