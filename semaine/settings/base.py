"""Settings shared by every environment; everything that varies comes from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

from semaine.throttle import rate_parse

from .caches import cache_from_url
from .security import (
    DEFAULT_TILE_ATTRIBUTION,
    DEFAULT_TILE_URL,
    content_security_policy,
    logging_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin: translated reference data (*/translation.py)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "dsfr",
    "django_filters",
    "import_export",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "semaine.users",
    "semaine",
    "academies",
    "events",
]

MIDDLEWARE = [
    "semaine.logs.RequestIdMiddleware",  # first: every log line of a request carries its id
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "semaine.urls"
WSGI_APPLICATION = "semaine.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "semaine.context_processors.site",
            ],
        },
    },
]

# An unset DATABASE_URL means the embedded SQLite database, so `make run` works anywhere.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An XLSX export turns the control characters a spreadsheet cannot hold (a vertical tab pasted
# from a word processor) into U+FFFD instead of failing the whole file.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
# Covering indexes (`Index(include=…)`) are PostgreSQL's; SQLite keeps their key columns.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# django-allauth: the e-mail address is the login identifier, there is no username.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "semaine.users.forms.SignupNamesForm"  # first and last names
# Mandatory: nobody signs in, declares an event or registers a class before confirming their
# address (semaine.users.verification); the tests turn it off where they say so.
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# One address per account; a new one replaces it once confirmed (allauth's e-mail change).
ACCOUNT_CHANGE_EMAIL = True
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Semaine de l'industrie"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Reference data (themes, action types, audiences, régions, académies) in both languages:
# `name` reads the active language's column, French when the English one is empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "semaine" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["dsfr_crispy"]
CRISPY_TEMPLATE_PACK = "dsfr_crispy"
# Hashed static files no longer match django-dsfr's SRI hashes.
DSFR_USE_INTEGRITY_CHECKSUMS = False
DSFR_MARK_OPTIONAL_FIELDS = True

# Django's tasks API; e-mails are always sent from a task, never inline in a request.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Semaine de l'industrie <ne-pas-repondre@semaine-industrie.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Public pages and rate limits live in the cache; production needs one shared by every
# process (redis://…, see caches.py), local runs and tests default to the process's memory.
# Sessions stay in the database (Django's default SESSION_ENGINE).
CACHES = {"default": cache_from_url(env("CACHE_URL", default=""))}

# Per-client request limits, "<count>/<s|m|h|d>" (fixed window, counted in the cache); a blank
# value turns a limit off. The exports of a whole edition cost about a second of CPU each.
EXPORT_RATE_LIMIT = env("EXPORT_RATE_LIMIT", default="20/m")
rate_parse(EXPORT_RATE_LIMIT)  # a malformed value stops the start-up, not a request
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For;
# 0: clients are told apart by REMOTE_ADDR, and X-Forwarded-For is never trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Security, privacy and operations ----------------------------------------------------
# Map tiles (Leaflet): a tile server's URL template; its host joins the CSP's img-src.
MAP_TILES_URL = env("MAP_TILES_URL", default=DEFAULT_TILE_URL)
MAP_TILES_ATTRIBUTION = env("MAP_TILES_ATTRIBUTION", default=DEFAULT_TILE_ATTRIBUTION)
SECURE_CSP = content_security_policy(tile_url=MAP_TILES_URL)

# JSON lines on stdout (LOG_FORMAT=text: readable lines); errors mailed to ADMINS.
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = logging_config(
    level=env("LOG_LEVEL", default="INFO"), json_lines=LOG_FORMAT.strip().lower() != "text"
)
ADMINS = env.list("ADMINS", default=[])  # "ops@example.fr,Équipe <equipe@example.fr>"
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Error reports hide the passwords inside URLs too (CACHES' Redis URL).
DEFAULT_EXCEPTION_REPORTER_FILTER = "semaine.logs.SafeExceptionReporterFilter"

# Submissions of our own forms per person (signed-in user, else address) and per form, see
# semaine/abuse.py; allauth limits its own (ACCOUNT_RATE_LIMITS' defaults).
FORM_RATE_LIMIT = env("FORM_RATE_LIMIT", default="10/m")
rate_parse(FORM_RATE_LIMIT)
ACCOUNT_ADAPTER = "semaine.accounts.AccountAdapter"  # clients told apart as semaine.throttle
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "site_internet"  # semaine.abuse.HONEYPOT_FIELD
ACCOUNT_FORMS = {
    "signup": "semaine.accounts.SignupForm",
    "reset_password": "semaine.accounts.ResetPasswordForm",
}

# Days after an edition's accepted window during which registrations' free-text needs and
# events' contact details are kept (`manage.py erase_personal_data`, daily).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=180)
# Shown on the legal pages; `check --deploy` warns while they are blank.
CONTACT_EMAIL = env("CONTACT_EMAIL", default="")
LEGAL_HOSTING_PROVIDER = env("LEGAL_HOSTING_PROVIDER", default="")

SITE_NAME = "Semaine de l'industrie"
# Absolute links in e-mails and calendar files (no request there to build them from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The `Site` allauth names in its e-mails (id SITE_ID, updated after every migrate by
# semaine.users.apps): SITE_URL's host unless told otherwise; its scheme for allauth's links.
SITE_DOMAIN = env("SITE_DOMAIN", default="") or urlsplit(SITE_URL).netloc
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "https"
