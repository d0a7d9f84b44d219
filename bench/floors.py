"""Timings that are not pages under load: the annual report against hand-written SQL for its
figures, and the landlord-file import against PostgreSQL COPY of the same rows."""

import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db import connection
from django.urls import reverse
from stdnum import luhn

from bench.http import Session, get
from bench.pages import _walk
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
    "Underrättelse skickad",
]


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


def report_urls(year: int) -> list[tuple[str, str]]:
    """The reporting app's pages that take a year: (name, path). Empty until reporting lands."""
    from django.urls import get_resolver

    found = []
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace != "reporting" or not pattern.name:
            continue
        converters = dict(getattr(pattern.pattern, "converters", {}))
        if list(converters) == ["year"]:
            found.append(
                (f"reporting:{pattern.name}", reverse(f"reporting:{pattern.name}", args=[year]))
            )
    return found


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
    for name, path in report_urls(year):
        answer = get(base, path, session)
        if answer.status != 200:
            results[name] = {"status": answer.status, "path": path}
            continue
        median, times = median_seconds(lambda p=path: get(base, p, session), runs)  # type: ignore[misc]
        results[name] = {"median_s": median, "times": times, "bytes": answer.size, "path": path}
    return results


# --- the landlord file -------------------------------------------------------------------------


def landlord_file(rows: int, seed: int = 2022) -> bytes:
    """A landlord's monthly arrears list as landlords send it: semicolon-separated, Windows-1252,
    Swedish amounts (`12 345,50 kr`) and dates."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(";".join(LANDLORD_HEADER) + "\r\n")
    today = date(2026, 11, 1)
    for line in range(rows):
        born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 55))
        body = f"{born:%y%m%d}98{rng.randint(0, 9)}"
        pnr = f"{born:%Y%m%d}-{body[6:]}{luhn.calc_check_digit(body)}"
        debt = rng.randint(3000, 60000) + rng.choice([0, 0.5])
        amount = f"{debt:,.2f}".replace(",", " ").replace(".", ",") + " kr"
        out.write(
            ";".join(
                [
                    pnr,
                    f"Hyresgäst {line} Åkesson",
                    f"Hagebygatan {rng.randint(1, 120)}",
                    f"60{rng.randint(2, 3)} {rng.randint(10, 99)}",
                    "Norrköping",
                    f"OBJ-{rng.randint(1, 40000):05d}",
                    amount,
                    str(rng.randint(1, 4)),
                    f"{today:%Y-%m}",
                    f"{today - timedelta(days=rng.randint(0, 25)):%Y-%m-%d}",
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
        results["landlord-file import (prevention)"] = importer(content, runs)
    return results


def _landlord_importer() -> Callable[[bytes, int], dict[str, Any]] | None:
    """Prevention's import service, once it exists (see bench/README.md to wire it)."""
    try:
        from bench import prevention_import  # type: ignore[attr-defined]
    except ImportError:
        return None
    return prevention_import.time_import  # type: ignore[no-any-return]
