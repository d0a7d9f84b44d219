"""`python -m bench.why --scale 10 USER PATH [PATH …]`: why a page is slow, on a kept bench database
(`./dev bench --keep-db`). Opens each page in-process as the demo user, twice (the first warms),
and prints the time, the number of SQL queries, the time spent in SQL and the slowest queries."""

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.why")
    parser.add_argument("--scale", default="10")
    parser.add_argument("username")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/bosam_bench_scale{args.scale}",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-why-only-reads"),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bosam.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=args.username))
    out = sys.stdout
    for given in args.paths:
        # a URL name (`prevention:work_queue`, with `?q=…` allowed) or a path
        name, _, query = given.partition("?")
        path = (reverse(name) if ":" in name else name) + (f"?{query}" if query else "")
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        sql_time = sum(float(q["time"]) for q in queries.captured_queries)
        out.write(
            f"{path}: {response.status_code}, {elapsed * 1000:.0f} ms, "
            f"{len(queries)} queries, {sql_time * 1000:.0f} ms in SQL\n"
        )
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            out.write(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
