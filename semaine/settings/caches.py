"""CACHE_URL → Django's CACHES entry, and what production accepts as a shared cache.

    redis://redis:6379/0             Django's own Redis backend (shared by every process)
    rediss://:secret@host:6380/0     the same over TLS, with a password
    locmemcache://semaine            the memory of one process (local runs, tests)

django-environ maps redis:// to django-redis whenever that package happens to be installed;
here redis:// always means Django's built-in backend, which needs only the `redis` package.
"""

from urllib.parse import urlsplit

import environ

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
REDIS_SCHEMES = ("redis", "rediss")
LOCAL_CACHE_URL = "locmemcache://semaine"
# A slow or unreachable Redis fails a request after two seconds instead of hanging a worker.
REDIS_DEFAULT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
# Backends whose entries every process of every host sees.
SHARED_BACKENDS = frozenset({REDIS_BACKEND})


def cache_from_url(url: str | None) -> dict:
    """The CACHES["default"] entry for a CACHE_URL; unset or blank: the memory cache."""
    url = (url or "").strip() or LOCAL_CACHE_URL
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        return environ.Env.cache_url_config(url)
    config = environ.Env.cache_url_config(url, backend=REDIS_BACKEND)
    # environ lower-cases ?key_prefix=…&timeout=… for this backend, which Django then ignores.
    for option in environ.Env._CACHE_BASE_OPTIONS:
        if option.lower() in config:
            config[option] = config.pop(option.lower())
    config["OPTIONS"] = REDIS_DEFAULT_OPTIONS | config.get("OPTIONS", {})
    return config


def cache_is_shared(config: dict) -> bool:
    return config.get("BACKEND") in SHARED_BACKENDS
