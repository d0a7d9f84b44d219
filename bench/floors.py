"""Timings that are not pages under load: the annual report against hand-written SQL for its
figures, and the landlord-file import against PostgreSQL COPY of the same rows."""

import io
import random
import re
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db import connection
from django.urls import NoReverseMatch, reverse
from stdnum import luhn

from bench.http import Session, Timed, get, post
from bench.stack import say

LANDLORD_ROWS = 10_000
LANDLORD_HEADER = [
    "Personnummer",
    "Hyresgäst",
    "Adress",
    "Postnummer",
    "Ort",
    "Objektnummer",
    "Skuld",
    "Antal månader",
    "Period",
    "Uppsägning delgiven",
]
FIRST = "Anna Eva Maria Karin Sara Lena Amina Olena Lars Johan Ahmed Ali Oleksandr Jonas".split()
LAST = "Andersson Johansson Karlsson Nilsson Ali Mohamed Kovalenko Kaya Nguyen Åkesson".split()


def median_seconds(action: Callable[[], Any], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


# --- the annual report -------------------------------------------------------------------------


def _table(app_label: str, model: str) -> str | None:
    try:
        return str(apps.get_model(app_label, model)._meta.db_table)
    except LookupError:
        return None


def report_sql(year: int) -> list[str]:
    """The report's figures as one hand-written aggregate each: what the database alone costs.
    Grows with the modules: a figure whose table is not there yet is left out."""
    start, end = f"'{year - 1}-01-01'", f"'{year}-12-31'"  # the year and the one before
    queries = []
    interventions = _table("households", "Intervention")
    types = _table("households", "InterventionType")
    if interventions and types:
        queries += [
            # interventions in total, by type, both years
            f"""SELECT extract(year FROM i.performed_on) AS y, t.code, count(*)
                FROM {interventions} i JOIN {types} t ON t.id = i.intervention_type_id
                WHERE i.performed_on BETWEEN {start} AND {end} AND t.counts_in_total
                GROUP BY 1, 2""",
            # stay-in-home interventions and each committee's share
            f"""SELECT extract(year FROM i.performed_on) AS y, t.kind, i.committee_id, count(*)
                FROM {interventions} i JOIN {types} t ON t.id = i.intervention_type_id
                WHERE i.performed_on BETWEEN {start} AND {end}
                GROUP BY 1, 2, 3""",
        ]
    households = _table("households", "Household")
    if households:
        queries.append(f"SELECT unit_id, count(*) FROM {households} GROUP BY 1")
    for app_label, model, column in [
        ("properties", "HeadLease", "start_date"),
        ("prevention", "Notification", "received_on"),
        ("advice", "AdviceCase", "received_on"),
    ]:
        table = _table(app_label, model)
        if table:
            fields = {f.column for f in apps.get_model(app_label, model)._meta.concrete_fields}
            if column in fields:
                queries.append(
                    f"""SELECT extract(year FROM {column}), count(*) FROM {table}
                        WHERE {column} BETWEEN {start} AND {end} GROUP BY 1"""
                )
    return queries


def run_report_sql(queries: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in queries:
            cursor.execute(sql)
            cursor.fetchall()


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _pdf_end_to_end(base: str, session: Session, year: int) -> Timed:
    """Start the PDF job as the button does (POST), then poll until the PDF downloads: the time a
    manager waits. A 404 from the PDF's URL means the job is not done yet."""
    started = time.perf_counter()
    start = post(base, reverse("reporting:report_pdf_start", args=[year]), session)
    match = re.search(r"/jobb/([0-9a-f-]{36})/", start.location)
    if start.status not in (200, 302) or not match:
        return Timed(start.status, time.perf_counter() - started, 0, b"")
    pdf_path = reverse("reporting:report_job_pdf", args=[match.group(1)])
    while time.perf_counter() - started < 120:
        answer = get(base, pdf_path, session)
        if answer.status == 200:
            return Timed(200, time.perf_counter() - started, answer.size, b"")
        time.sleep(0.1)
    return Timed(504, time.perf_counter() - started, 0, b"")


def time_report(base: str, session: Session, year: int, runs: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    queries = report_sql(year)
    if queries:
        run_report_sql(queries)  # warm the cache as the pages are warmed
        median, times = median_seconds(lambda: run_report_sql(queries), runs)
        results["floor: hand-written SQL for the figures"] = {
            "median_s": median,
            "times": times,
            "queries": len(queries),
        }
    actions: dict[str, Callable[[], Timed]] = {}
    web = _url("reporting:report_year", year)
    if web:
        actions["report page (web)"] = lambda: get(base, web, session)
    if _url("reporting:report_pdf_start", year):
        actions["report PDF (start, wait, download)"] = lambda: _pdf_end_to_end(base, session, year)
    for fmt in ("xlsx", "csv"):
        path = _url("reporting:report_export", year, fmt)
        if path:
            actions[f"report {fmt.upper()}"] = lambda p=path: get(base, p, session)  # type: ignore[misc]
    for name, action in actions.items():
        first = action()  # warms the worker; its status tells whether the page works at all
        if first.status != 200:
            results[name] = {"status": first.status}
            continue
        answers: list[Timed] = []
        if first.seconds > 20:  # that slow is clear from one (cold) run; the bench must end
            answers.append(first)
        for _ in range(runs if not answers else 0):
            answers.append(action())
        times = [a.seconds for a in answers]
        results[name] = {"median_s": statistics.median(times), "times": times, "bytes": first.size}
    return results


# --- the landlord file -------------------------------------------------------------------------


def landlord_file(rows: int, seed: int = 2022) -> bytes:
    """A landlord's monthly arrears list as landlords send it: semicolon-separated, Windows-1252,
    Swedish amounts (`12 345,50 kr`) and dates."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(";".join(LANDLORD_HEADER) + "\r\n")
    today = date(2026, 11, 1)
    used: set[str] = set()
    for _line in range(rows):
        while True:  # one row per tenant: a repeated tenant is refused as a duplicate
            born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 55))
            body = f"{born:%y%m%d}97{rng.randint(0, 9)}"
            if body not in used:
                used.add(body)
                break
        pnr = f"{born:%Y%m%d}-{body[6:]}{luhn.calc_check_digit(body)}"
        debt = rng.randint(3000, 60000) + rng.choice([0, 0.5])
        amount = f"{debt:,.2f}".replace(",", " ").replace(".", ",") + " kr"
        out.write(
            ";".join(
                [
                    pnr,
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    f"Hagebygatan {rng.randint(1, 120)}",
                    f"60{rng.randint(2, 3)} {rng.randint(10, 99)}",
                    "Norrköping",
                    f"OBJ-{rng.randint(1, 40000):05d}",
                    amount,
                    str(rng.randint(1, 4)),
                    f"{today:%Y-%m}",
                    f"{today - timedelta(days=rng.randint(0, 25)):%Y-%m-%d}"
                    if rng.random() < 0.3
                    else "",
                ]
            )
            + "\r\n"
        )
    return out.getvalue().encode("cp1252")


def copy_floor(content: bytes) -> None:
    """PostgreSQL COPY of the same rows into a table of the same columns, and commit."""
    text = content.decode("cp1252")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_landlord_rows ("
            + ", ".join(f"c{i} text" for i in range(len(LANDLORD_HEADER)))
            + ")"
        )
        cursor.execute("TRUNCATE bench_landlord_rows")
        with cursor.copy(
            "COPY bench_landlord_rows FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        ) as copy:
            copy.write(text)


def time_import(runs: int) -> dict[str, dict[str, Any]]:
    from bosam.core.tabular import parse_swedish_decimal, read_table

    content = landlord_file(LANDLORD_ROWS)
    say(f"  landlord file: {LANDLORD_ROWS} rows, {len(content) / 1e6:.1f} MB")
    results: dict[str, dict[str, Any]] = {}
    median, times = median_seconds(lambda: copy_floor(content), runs)
    results["floor: PostgreSQL COPY"] = {"median_s": median, "times": times}

    def read_and_parse() -> None:
        table = read_table(content, "hyresvardens-lista.csv")
        for row in table.rows:
            parse_swedish_decimal(row.values["Skuld"])

    median, times = median_seconds(read_and_parse, runs)
    results["reading the file (core.tabular, amounts parsed)"] = {
        "median_s": median,
        "times": times,
    }
    importer = _landlord_importer()
    if importer is None:
        results["landlord-file import (prevention)"] = {"missing": "not on main yet"}
    else:
        try:
            results["landlord-file import (prevention)"] = importer(content, runs)
        except Exception as exc:  # the bench reports a broken import instead of stopping
            results["landlord-file import (prevention)"] = {"missing": f"failed: {exc}"}
    return results


def _landlord_importer() -> Callable[[bytes, int], dict[str, Any]] | None:
    """Prevention's import service, once it exists (see bench/README.md to wire it)."""
    try:
        from bench import prevention_import
    except ImportError:  # prevention's import service is not on this branch yet
        return None
    return prevention_import.time_import  # type: ignore[no-any-return]
