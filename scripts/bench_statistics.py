"""Time and query count of the statistics dashboard (/admin/statistiques/) on an existing
database: prints figures, never asserts, never writes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/semaine_bench \\
        .venv/bin/python scripts/bench_statistics.py [--edition 2025] [--repeat 3]

For the chosen edition (default: the current one) it computes the dashboard as national
staff see it (all académies, with the comparison table) and as the staff of the three
académies with the most events see it, through the same selector and table building as the
page (`events.selectors.statistics`, `events.admin.statistics.dashboard_tables`). Printed for
each scope: the best and median time over `--repeat` runs and the number of queries; then
the whole page, rendered, as a superuser of the database gets it.
Without DATABASE_URL the project's SQLite database (`make run`) is read.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "semaine.settings.local")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=int, help="year (default: the current edition)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from academies.models import Academy
    from events.admin.statistics import dashboard_tables
    from events.models import Edition, Event
    from events.selectors.statistics import statistics_dashboard

    editions = list(Edition.objects.order_by("-year"))
    if args.edition:
        edition = next((e for e in editions if e.year == args.edition), None)
    else:
        edition = next((e for e in editions if e.is_current), None)
    if edition is None:
        print("No such edition in this database.", file=sys.stderr)
        return 1
    total = Event.objects.count()
    in_edition = Event.objects.filter(edition=edition).count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"events: {total} in all, {in_edition} in {edition.year}")

    biggest = (
        Academy.objects.filter(events__edition=edition)
        .annotate(n=Count("events"))
        .order_by("-n")[:3]
    )
    scopes = [("national, all académies + comparison", None, True)]
    scopes += [(f"{a.name} ({a.n} events)", [a.pk], False) for a in biggest]
    for label, academies, compare in scopes:
        timings, queries = [], 0
        for _ in range(max(args.repeat, 1)):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                dashboard = statistics_dashboard(
                    edition=edition, editions=editions, academies=academies, compare=compare
                )
                dashboard_tables(dashboard)
                timings.append(time.perf_counter() - start)
            queries = len(captured.captured_queries)
        print(
            f"{label}: best {min(timings) * 1000:.0f} ms, median "
            f"{statistics.median(timings) * 1000:.0f} ms, {queries} queries "
            f"(+ the page's own: session, user, editions, académies, permissions)"
        )

    # The whole page as a national staff member gets it: the view, its form, the
    # page's own queries and the template, rendered (no session is written).
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    user = get_user_model().objects.filter(is_superuser=True, is_active=True).first()
    if user is None:
        print("page: no superuser in this database, not measured")
        return 0
    view = next(p.callback for p in admin.site.get_urls() if p.name == "statistics")
    timings = []
    for _ in range(max(args.repeat, 1)):
        request = RequestFactory().get("/admin/statistiques/", {"edition": edition.pk})
        request.user = user
        request.session = {}
        request._messages = []
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = view(request)
            response.render()
            timings.append(time.perf_counter() - start)
    print(
        f"page /admin/statistiques/ (national, rendered): status {response.status_code}, "
        f"best {min(timings) * 1000:.0f} ms, median {statistics.median(timings) * 1000:.0f} ms,"
        f" {len(captured.captured_queries)} queries, {len(response.content) // 1024} KiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
