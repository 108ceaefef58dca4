"""Benchmark of the public pages: prints timings, query counts and query plans.

Usage (on PostgreSQL, with data seeded by `manage.py seed_demo --events 100000`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/semaine_bench \
        .venv/bin/python scripts/benchmark.py [--repeat 20] [--explain]

Numbers are printed, never asserted: timings belong in this script, query counts in tests.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "semaine.settings.local")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from academies.models import School  # noqa: E402
from events.models import Event  # noqa: E402


def sample_paths() -> list[str]:
    event = Event.objects.published().order_by("-published_at").first()
    school_uai = School.objects.exclude(latitude=None).values_list("uai", flat=True).first()
    paths = [
        "/healthz",
        "/",
        "/evenements/",
        "/evenements/?page=50",
        "/evenements/?q=soudure",
        "/evenements/?q=electricite&theme=transition-ecologique",
        "/evenements/?academie=grenoble&format=onsite&accessible=on",
        "/evenements/?du=2025-11-17&au=2025-11-19&places=on",
        "/evenements/carte/",
        "/api/evenements/carte.json",
        "/api/evenements.json",
        "/evenements.csv?academie=lyon",
        "/evenements.ics?academie=lyon",
        "/editions/",
        "/editions/2025/",
    ]
    if school_uai:
        paths.append(f"/evenements/?pres_de={school_uai}&rayon=30")
    if event:
        paths.append(event.get_absolute_url())
    return paths


def measure(client: Client, path: str, repeat: int) -> tuple[int, int, list[float]]:
    timings = []
    status = 0
    queries = 0
    for _ in range(repeat):
        cache.clear()  # measure the uncached page: the cache only hides regressions
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        queries = len(captured)
    return status, queries, timings


def explain(title: str, queryset) -> None:
    print(f"\n--- EXPLAIN {title}")
    print(queryset.explain(analyze=connection.vendor == "postgresql"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    print(
        f"database: {connection.vendor} — {Event.objects.count()} events "
        f"({Event.objects.published().count()} published)"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'path':70} {'status':>6} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for path in sample_paths():
        status, queries, timings = measure(client, path, args.repeat)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(
            f"{path[:70]:70} {status:>6} {queries:>7} "
            f"{statistics.median(timings):>10.1f} {p95:>8.1f}"
        )

    if args.explain:
        from events.filters import public_event_filter

        for query in [
            "",
            "q=electricite",
            "academie=grenoble&format=onsite",
            "du=2025-11-17&au=2025-11-19",
        ]:
            qs = public_event_filter(data=QueryDict(query)).qs
            explain(query or "(default list)", qs.values("id")[:20])


if __name__ == "__main__":
    main()
