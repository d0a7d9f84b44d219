"""The figures as Markdown: one section per scale in docs/performance.md, between markers, so the
hand-written text around them stays."""

import re
import statistics
from pathlib import Path
from typing import Any

MINIMAL_FLOOR = "floor: minimal view"
PAGE_P95_TARGET_MS = 100.0
TARGET_LEVEL = "20"
AUDIT_TARGET = 0.10
REPORT_TARGETS = {"page": 1.0, "pdf": 3.0}
IMPORT_TARGET_S = 5.0


def _answered(runs: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Runs in which at least one request was answered (a run can end before the first answer
    when the machine is overloaded; its percentiles would read 0)."""
    return [run for run in runs or [] if run["requests"]]


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in _answered(runs))


def _rps(runs: list[dict[str, Any]]) -> float:
    return statistics.median(r["requests"] / r["seconds"] if r["seconds"] else 0.0 for r in runs)


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def render(results: dict[str, Any]) -> str:
    load = results["load"]
    levels = [str(level) for level in results["settings"]["levels"]]
    audit_levels = [str(level) for level in results["settings"]["audit_levels"]]
    floor = load.get(MINIMAL_FLOOR, {}).get("on", {})
    m = results["machine"]
    s = results["settings"]
    lines = [
        f"Run {results['started']} – {results['finished']} (UTC); {m['cpu']}, {m['nproc']} cores "
        f"(nproc), {m['memory_gb']} GB; Python {m['python']}, PostgreSQL {m['postgresql']}; "
        f"gunicorn {s['workers']} sync workers; wrk, 1 thread; {s['duration_s']:g} s per "
        f"measurement, median of {s['runs']} run(s){' (quick)' if s['quick'] else ''}.",
        "",
    ]
    loads = [
        r["load_before"]
        for p in load.values()
        for a in ("on", "off")
        for rs in p[a].values()
        for r in rs
    ]
    if loads:
        busy = statistics.median(loads) > m["nproc"] * 0.5
        lines += [
            f"Machine load (1-minute load average as each measurement began): median "
            f"{statistics.median(loads):.1f}, max {max(loads):.1f} on {m['nproc']} cores."
            + (
                " **The machine was busy with other work during this run: absolute figures are "
                "pessimistic; the ratios to the floors, measured interleaved, are the figures "
                "to read.**"
                if busy
                else ""
            ),
            "",
        ]
    demo = results.get("demo")
    if demo:
        apps = ", ".join(
            f"{k} {v:.1f} s" for k, v in sorted(demo["per_app"].items(), key=lambda kv: -kv[1])
        )
        lines += [
            f"**Demo city**: built in {demo['seconds']:.1f} s (after "
            f"{demo['migrate_seconds']:.1f} s of migrations); per app: {apps}.",
            "",
        ]
    header = ["Page", "Kind"]
    for level in levels:
        header += [f"p50 @{level}", f"p95 @{level}", f"rps @{level}"]
    header += ["CPU ms/req (app + db)", "× floor (CPU)", "× floor (p50 @1)"]
    header += ["audit cost (CPU)"] + [f"audit cost (p50 @{level})" for level in audit_levels]
    header += [f"p95 target @{TARGET_LEVEL}"]
    floor_cpu = _cpu(load.get(MINIMAL_FLOOR, {}).get("on", {}))
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, page in load.items():
        row = [f"`{key}`", page["kind"]]
        for level in levels:
            runs = page["on"].get(level, [])
            if runs and not _answered(runs):
                row += ["no answer", "no answer", "0"]
            elif runs:
                row += [
                    _fmt(_median(runs, "p50_ms")),
                    _fmt(_median(runs, "p95_ms")),
                    _fmt(_rps(runs)),
                ]
            else:
                row += ["–", "–", "–"]
        cpu = _cpu(page["on"])
        if cpu:
            app = _cpu(page["on"], "app_cpu_ms")
            row.append(f"{_fmt(cpu)} ({_fmt(app)} + {_fmt(cpu - app)})")
            row.append(f"{cpu / floor_cpu:.1f}×" if floor_cpu else "–")
        else:
            row += ["–", "–"]
        row.append(_ratio(page["on"], floor, "1", "p50_ms", higher_is_worse=True))
        row.append(_audit_cpu(page, audit_levels))
        for level in audit_levels:
            row.append(_audit_cost(page, level))
        row.append(_target(page))
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "Latencies in ms; rps = requests per second over the run; @N = N concurrent connections, "
        "each sending its next request as soon as the last is answered. CPU ms/req: CPU time of "
        "the gunicorn workers plus the database's backends per answered request (median over all "
        "runs and levels), which other work on the machine does not inflate. × floor: the page's "
        "CPU per request, and its p50 at 1 connection, divided by the minimal floor view's. Audit "
        "cost: CPU per request, and p50, with audit on against the same page on the server with "
        "audit off (latency differences within noise can come out negative).",
        "",
    ]
    lines += _report_section(results)
    lines += _import_section(results)
    bad = [
        f"{key} @{level}: {sum(r['not_ok'] for r in runs)} non-200, "
        f"{sum(r['errors'] for r in runs)} errors"
        for key, page in load.items()
        for level, runs in page["on"].items()
        if any(r["not_ok"] or r["errors"] for r in runs)
    ]
    if bad:
        lines += ["", "**Answers other than 200 during load**: " + "; ".join(bad) + "."]
    return "\n".join(lines) + "\n"


def _cpu(by_level: dict[str, Any], key: str = "") -> float:
    """Median CPU per request over every answered run at every level (it hardly depends on the
    level, and it does not depend on what else the machine is doing)."""
    runs = [r for rs in by_level.values() for r in _answered(rs) if "app_cpu_ms" in r]
    if not runs:
        return 0.0
    if key:
        return statistics.median(r[key] for r in runs)
    return statistics.median(r["app_cpu_ms"] + r["db_cpu_ms"] for r in runs)


def _audit_cpu(page: dict[str, Any], levels: list[str]) -> str:
    if page["kind"] == "floor":
        return "–"
    on = _cpu({lv: page["on"].get(lv, []) for lv in levels})
    off = _cpu({lv: page["off"].get(lv, []) for lv in levels})
    if not on or not off:
        return "–"
    cost = on / off - 1
    return f"{cost * 100:+.0f} %{' ✘' if cost > AUDIT_TARGET else ''}"


def _ratio(
    runs: dict[str, Any], floor: dict[str, Any], level: str, key: str, *, higher_is_worse: bool
) -> str:
    if not _answered(runs.get(level)) or not _answered(floor.get(level)):
        return "–"
    if key == "rps":
        page_value, floor_value = _rps(runs[level]), _rps(floor[level])
    else:
        page_value, floor_value = _median(runs[level], key), _median(floor[level], key)
    if not page_value or not floor_value:
        return "–"
    ratio = page_value / floor_value if higher_is_worse else floor_value / page_value
    return f"{ratio:.1f}×"


def _audit_cost(page: dict[str, Any], level: str) -> str:
    on, off = _answered(page["on"].get(level)), _answered(page["off"].get(level))
    if not on or not off or page["kind"] == "floor":
        return "–"
    if not _median(off, "p50_ms"):
        return "–"
    cost = _median(on, "p50_ms") / _median(off, "p50_ms") - 1
    flag = " ✘" if cost > AUDIT_TARGET else ""
    return f"{cost * 100:+.0f} %{flag}"


def _target(page: dict[str, Any]) -> str:
    runs = page["on"].get(TARGET_LEVEL)
    if not runs or page["kind"] == "floor":
        return "–"
    if not _answered(runs):
        return "✘ no answer"
    p95 = _median(runs, "p95_ms")
    if p95 <= PAGE_P95_TARGET_MS:
        return "✔"
    return f"✘ +{p95 - PAGE_P95_TARGET_MS:.0f} ms"


def _report_section(results: dict[str, Any]) -> list[str]:
    lines = [f"**Annual report {results['report_year']}** (as `chef`; one request at a time):", ""]
    lines += ["| What | median | runs | target |", "|---|---|---|---|"]
    floor = None
    for name, item in results["report"].items():
        if "median_s" not in item:
            lines.append(f"| `{name}` | answered {item.get('status')} | – | – |")
            continue
        if name.startswith("floor"):
            floor = item["median_s"]
        target = ""
        lowered = name.lower()
        limit = REPORT_TARGETS["pdf"] if "pdf" in lowered else None
        if limit is None and not name.startswith("floor") and not lowered.endswith(("xlsx", "csv")):
            limit = REPORT_TARGETS["page"]
        if limit is not None:
            verdict = "✔" if item["median_s"] <= limit else f"✘ +{item['median_s'] - limit:.2f} s"
            target = f"< {limit:g} s {verdict}"
        ratio = (
            f" ({item['median_s'] / floor:.0f}× the SQL)"
            if floor and name != "floor: hand-written SQL for the figures"
            else ""
        )
        times = ", ".join(f"{t * 1000:.0f}" for t in item["times"])
        lines.append(
            f"| `{name}` | {item['median_s'] * 1000:.0f} ms{ratio} | {times} ms | {target} |"
        )
    if not any(name.startswith("report ") for name in results["report"]):
        lines.append("| the report's page, PDF and XLSX | not on main yet | – | 1 s / 3 s |")
    return [*lines, ""]


def _import_section(results: dict[str, Any]) -> list[str]:
    lines = ["**Landlord file, 10,000 rows** (semicolon CSV, Windows-1252, Swedish amounts):", ""]
    lines += ["| What | median | runs | target |", "|---|---|---|---|"]
    floor = None
    for name, item in results["import"].items():
        if "median_s" not in item:
            lines.append(f"| {name} | {item.get('missing', '?')} | – | < {IMPORT_TARGET_S:g} s |")
            continue
        if name.startswith("floor"):
            floor = item["median_s"]
        ratio = (
            f" ({item['median_s'] / floor:.0f}× COPY)"
            if floor and not name.startswith("floor")
            else ""
        )
        times = ", ".join(f"{t * 1000:.0f}" for t in item["times"]) + " ms"
        if "extrapolated_from_1000_rows_s" in item:
            sample = item["extrapolated_from_1000_rows_s"]
            times = f"1,000 rows took {sample:.1f} s; ×10 (not run in full)"
        target = ""
        if "import" in name:
            ok = item["median_s"] <= IMPORT_TARGET_S
            target = f"< {IMPORT_TARGET_S:g} s " + (
                "✔" if ok else f"✘ +{item['median_s'] - IMPORT_TARGET_S:.1f} s"
            )
        lines.append(f"| {name} | {item['median_s'] * 1000:.0f} ms{ratio} | {times} | {target} |")
    return [*lines, ""]


def write_docs(results: dict[str, Any], path: Path) -> None:
    slug = f"{results['scale']:g}"
    quick = "-quick" if results["settings"]["quick"] else ""
    start, end = (
        f"<!-- bench:scale-{slug}{quick}:start -->",
        f"<!-- bench:scale-{slug}{quick}:end -->",
    )
    title = f"### Scale {slug}{' (quick run)' if quick else ''}"
    block = f"{start}\n{title}\n\n{render(results)}{end}"
    text = path.read_text() if path.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
