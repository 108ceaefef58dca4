"""Tests against a real Redis, the shared cache of production, when REDIS_URL names one.

    REDIS_URL=redis://127.0.0.1:6379/1 .venv/bin/python -m pytest -n 2 tests/   (.ci/run does)

Each test gets its own key prefix, so xdist workers and tests never see each other's keys;
its keys are deleted afterwards, one by one: never FLUSHDB, which would empty the database
under the feet of the other workers.
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL,
    reason="REDIS_URL is not set: the shared-cache tests need a Redis "
    "(REDIS_URL=redis://127.0.0.1:6379/1, as .ci/run exports)",
)


def redis_cache_settings(*, key_prefix: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": key_prefix,
    }


def unique_key_prefix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"test-{worker}-{uuid.uuid4().hex[:12]}"


def redis_delete_prefix(key_prefix: str) -> None:
    client = RedisCache(REDIS_URL, {})._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{key_prefix}:*", count=500):
        client.delete(key)


def _use_redis(settings):
    key_prefix = unique_key_prefix()
    settings.CACHES = {"default": redis_cache_settings(key_prefix=key_prefix)}
    yield caches["default"]
    redis_delete_prefix(key_prefix)


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis (the test is skipped without REDIS_URL)."""
    if not REDIS_URL:
        pytest.skip(needs_redis.kwargs["reason"])
    yield from _use_redis(settings)


@pytest.fixture(params=["memory", pytest.param("redis", marks=needs_redis)])
def any_cache(request, settings):
    """The default cache, once in memory and once on Redis (skipped without REDIS_URL)."""
    if request.param == "redis":
        yield from _use_redis(settings)
    else:
        yield caches["default"]
