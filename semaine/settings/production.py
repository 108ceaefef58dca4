"""Production: secrets from the environment, a shared cache, database task worker, hashed static
files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, SECURE_CSP, env
from .caches import cache_is_shared

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # required: no default in production
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Several gunicorn workers and task workers: a status change must reach all of them, and
# allauth's login rate limits and the export limits must count across them.
if not cache_is_shared(CACHES["default"]):
    # Read by the operator at start-up, before translations can load: plain French.
    raise ImproperlyConfigured(
        "La production exige un cache partagé par tous les processus : définissez "
        "CACHE_URL=redis://<hôte>:6379/<base> (cache actuel : "
        f"{CACHES['default'].get('BACKEND', 'aucun')})."
    )

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # worker: manage.py db_worker

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind the reverse proxy (see Dockerfile), which sets X-Forwarded-Proto and appends the
# client's address to X-Forwarded-For; TRUSTED_PROXY_COUNT=0 when gunicorn faces the clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# allauth's rate limits read it too (semaine.accounts.AccountAdapter).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The probes of the orchestrator may come in plain HTTP from inside the host.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# HSTS: browsers keep to HTTPS for a year, on every subdomain, and the domain may be put on
# the browsers' preload list. Turn the subdomains (and so the preload) off only if some
# subdomain of the site's domain must stay reachable in plain HTTP.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Served in HTTPS only (not by docker compose on localhost): no mixed content either.
SECURE_CSP = SECURE_CSP | {"upgrade-insecure-requests": SECURE_SSL_REDIRECT}
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
