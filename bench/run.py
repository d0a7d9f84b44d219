"""`./dev bench [--scale N] [--quick]`: build, serve, load, measure, write docs/performance.md."""

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import stack
from bench.stack import ROOT, say

PORT_AUDIT_ON = 8701


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="demo scale (1 = Norrköping)")
    parser.add_argument("--quick", action="store_true", help="one short run: a smoke test")
    parser.add_argument("--runs", type=int, help="runs per measurement; the median is reported")
    parser.add_argument("--duration", type=float, help="seconds of load per page and level")
    parser.add_argument("--concurrency", default="1,10,20", help="connections, e.g. 1,10,20")
    parser.add_argument(
        "--audit-levels", default="1,10", help="levels at which pages are also run without audit"
    )
    parser.add_argument(
        "--port", type=int, default=PORT_AUDIT_ON, help="audit-on server; audit-off on port+1"
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    parser.add_argument("--pages", default="", help="only pages whose name matches this regex")
    parser.add_argument("--reuse-db", action="store_true", help="keep an already built database")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database after")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/performance.md")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 3)
    args.duration = args.duration or (2.0 if args.quick else 5.0)
    args.levels = [int(c) for c in args.concurrency.split(",")]
    args.audit_levels = [int(c) for c in args.audit_levels.split(",") if c]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scale_slug = f"{args.scale:g}".replace(".", "_")
    db_name = f"bosam_bench_scale{scale_slug}"
    env = stack.server_env(db_name)
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY")})
    os.environ.update({k: env[k] for k in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES")})
    import django

    django.setup()
    from bench.load import CpuMeter, wrk_path

    wrk_path()
    started = datetime.now(UTC)
    demo = None
    if not (args.reuse_db and _has_demo(db_name)):
        demo = stack.build_demo(db_name, args.scale, env)
        say(f"Demo built in {demo.seconds:.1f} s (migrations {demo.migrate_seconds:.1f} s)")
    else:
        stack.migrate(env)
    stack.collectstatic(env)
    servers = []
    try:
        on = stack.start_server(args.port, env, args.workers)
        servers.append(on)
        off = stack.start_server(
            args.port + 1, stack.server_env(db_name, audit=False), args.workers
        )
        servers.append(off)
        meters = {
            on.base: CpuMeter(on.process.pid, db_name, stack.ADMIN_URL),
            off.base: CpuMeter(off.process.pid, db_name, stack.ADMIN_URL),
        }
        results = measure(args, on.base, off.base, meters)
    finally:
        for server in servers:
            server.stop()
        if not args.keep_db and not args.reuse_db:
            stack.drop_database(db_name)
    results.update(
        scale=args.scale,
        started=started.isoformat(timespec="seconds"),
        finished=datetime.now(UTC).isoformat(timespec="seconds"),
        settings={
            "runs": args.runs,
            "duration_s": args.duration,
            "levels": args.levels,
            "audit_levels": args.audit_levels,
            "workers": args.workers,
            "quick": args.quick,
        },
        demo=asdict(demo) if demo else None,
        machine=machine(),
    )
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = "-quick" if args.quick else ""
    out = out_dir / f"scale-{scale_slug}{suffix}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    say(f"Figures: {out}")
    from bench import report

    sys.stdout.write(report.render(results))
    if not args.no_docs:
        report.write_docs(results, ROOT / "docs" / "performance.md")
        say("docs/performance.md updated")
    return 0


def _has_demo(db_name: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(stack.database_url(db_name)) as conn:
            row = conn.execute("SELECT count(*) FROM accounts_user").fetchone()
            return bool(row and row[0])
    except psycopg.Error:
        return False


def measure(
    args: argparse.Namespace, base_on: str, base_off: str, meters: dict[str, Any]
) -> dict[str, Any]:
    from django.utils import timezone

    from bench import floors, http, pages
    from bench.load import run_wrk
    from bosam.accounts.demo import DEMO_PASSWORD

    sessions: dict[str, list[http.Session]] = {}

    def session_for(username: str) -> http.Session:
        if username not in sessions:
            sessions[username] = [http.login(base_on, username, DEMO_PASSWORD)]
        return sessions[username][0]

    def probe(path: str, username: str) -> http.Timed:
        return http.get(base_on, path, session_for(username))

    say("Finding the pages …")
    found = pages.discover(probe, random.Random(2022), args.pages)
    if args.pages:
        found = [p for p in found if p.kind == "floor" or re.search(args.pages, p.key)]
    per_user = min(max(args.levels), 10)
    say(f"Logging in {per_user} browser sessions per user …")
    for username in pages.sessions_needed(found):
        session_for(username)
        more = http.login_many(base_on, username, DEMO_PASSWORD, per_user - 1)
        sessions[username].extend(more)
    say(pages.describe(found, sessions))

    say("Warming up …")
    for page in found:
        for base in (base_on, base_off):
            run_wrk(base, page.paths, sessions[page.username], 2, 1 if args.quick else 2)

    load: dict[str, Any] = {
        p.key: {"kind": p.kind, "user": p.username, "urls": len(p.paths), "on": {}, "off": {}}
        for p in found
    }
    total = args.runs * len(found) * (len(args.levels) + len(args.audit_levels))
    done = 0
    began = time.monotonic()
    for run in range(args.runs):
        for level in args.levels:
            for page in found:
                targets = [("on", base_on)]
                if level in args.audit_levels:
                    targets.append(("off", base_off))
                if run % 2:
                    targets.reverse()  # neither server always goes first
                for audit, base in targets:
                    result = run_wrk(
                        base,
                        page.paths,
                        sessions[page.username],
                        level,
                        args.duration,
                        meters[base],
                    )
                    load[page.key][audit].setdefault(str(level), []).append(asdict(result))
                    done += 1
                    if result.not_ok or result.errors:
                        say(
                            f"  ! {page.key} c={level}: {result.not_ok} not 200, "
                            f"{result.errors} errors"
                        )
                say(
                    f"  run {run + 1} c={level:<3} {page.key:<50} "
                    f"p50 {load[page.key]['on'][str(level)][-1]['p50_ms']:7.1f} ms "
                    f"p95 {load[page.key]['on'][str(level)][-1]['p95_ms']:7.1f} ms "
                    f"[{done}/{total}, {time.monotonic() - began:.0f} s]"
                )

    year = timezone.localdate().year - 1
    say(f"Timing the annual report for {year} and the landlord-file import …")
    report_runs = max(3, args.runs)
    try:
        report_times = floors.time_report(base_on, session_for("chef"), year, report_runs)
    except Exception as exc:  # keep the page figures even if the report cannot be timed
        say(f"  ! the annual report could not be timed: {exc}")
        report_times = {"report (failed)": {"status": str(exc)[:200]}}
    import_times = floors.time_import(report_runs)
    return {"load": load, "report": report_times, "report_year": year, "import": import_times}


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    mhz = re.search(r"^cpu MHz\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    import psycopg

    with psycopg.connect(stack.ADMIN_URL) as conn:
        pg_row = conn.execute("SHOW server_version").fetchone()
    return {
        "cpu": model.group(1).strip() if model else "?",
        "mhz": mhz.group(1).strip() if mhz else "?",
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "python": sys.version.split()[0],
        "postgresql": pg_row[0] if pg_row else "?",
    }
