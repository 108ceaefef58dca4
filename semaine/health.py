"""Readiness: does this process reach what it needs to serve, the database and the cache?

Used by /readyz (the web containers' health check) and `manage.py readiness` (the task
workers'); /healthz only says the process answers, without touching either.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger("semaine.health")


def _database() -> None:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"readiness:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was just written")
    finally:
        cache.delete(key)


CHECKS = {"database": _database, "cache": _cache}


def readiness_problems() -> dict[str, str]:
    """{dependency: the kind of error} for each dependency that does not answer; empty when
    all do. The details go to the log, never to the (anonymous) caller."""
    problems = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means "not ready", whatever the driver says
            logger.warning("readiness: %s unavailable", name, exc_info=True)
            problems[name] = type(error).__name__
    return problems
