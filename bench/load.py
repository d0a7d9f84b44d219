"""Load with wrk (Debian's package): a closed loop of N connections, each sending its next request
as soon as the last one is answered, rotating over the page's URLs and the logged-in sessions.

wrk is one C event loop: on this 2-core machine, where it shares the CPUs with gunicorn and
PostgreSQL, it takes a few per cent of one core, and it keeps every latency in a histogram with
microsecond resolution, so p95 is read exactly (see docs/performance.md for why not locust).
"""

import os
import re
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.http import Session

_SCRIPT = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local counter = 0
bad = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local cookie = cookies[(counter %% #cookies) + 1]
  return wrk.format("GET", path, {["Cookie"] = cookie})
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("bad") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, not_ok, errors))
end
"""
_RESULT = re.compile(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    not_ok: int  # answers other than 200 (a lost session would show here as 302s)
    errors: int  # socket errors and timeouts
    load_before: float  # the machine's 1-minute load average as the run began
    # CPU used per answered request by the gunicorn workers and by the database's backends: what
    # a request costs, whatever else the machine is doing (wall-clock latency is not).
    app_cpu_ms: float = 0.0
    db_cpu_ms: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is missing: apt-get install wrk (./dev bench installs it as root)")
    return found


def run_wrk(
    base: str,
    paths: list[str],
    sessions: list[Session],
    connections: int,
    seconds: float,
    meter: "CpuMeter | None" = None,
) -> LoadResult:
    load_before = load_average()
    cpu_before = meter.ticks() if meter else {}
    script = _SCRIPT % {
        "paths": ", ".join(_lua_string(p) for p in paths),
        "cookies": ", ".join(_lua_string(s.cookie) for s in sessions),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        script_path = Path(handle.name)
    try:
        completed = subprocess.run(
            [
                wrk_path(),
                "-t1",  # one generator thread: the fewest CPU cycles taken from the server
                f"-c{connections}",
                f"-d{seconds:g}s",
                "--timeout",
                "30s",
                "-s",
                str(script_path),
                base + paths[0],
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        script_path.unlink()
    drain(base)
    cpu_used = cpu_delta(cpu_before, meter.ticks()) if meter else (0, 0)
    match = _RESULT.search(completed.stdout)
    if not match:
        raise RuntimeError(f"wrk gave no result:\n{completed.stdout}\n{completed.stderr}")
    requests, duration_us, p50, p95, p99, mean, not_ok, errors = map(int, match.groups())
    return LoadResult(
        requests=requests,
        seconds=duration_us / 1e6,
        p50_ms=p50 / 1000,
        p95_ms=p95 / 1000,
        p99_ms=p99 / 1000,
        mean_ms=mean / 1000,
        not_ok=not_ok,
        errors=errors,
        load_before=load_before,
        app_cpu_ms=_per_request(cpu_used[0], requests),
        db_cpu_ms=_per_request(cpu_used[1], requests),
    )


def _per_request(ticks: int, requests: int) -> float:
    return ticks * 1000 / TICKS_PER_SECOND / requests if requests else 0.0


TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _ticks(pid: int) -> int:
    """utime + stime of one process, in clock ticks (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@dataclass
class CpuMeter:
    """CPU ticks of one gunicorn (master and workers) and of the bench database's backends.
    Both servers share the database, but only one is loaded at a time."""

    master_pid: int
    database: str
    admin_url: str

    def ticks(self) -> dict[int, int]:
        """Ticks per process; compared per pid, so a backend that ends between two readings
        (connections live CONN_MAX_AGE seconds) is not counted as negative time."""
        import psycopg

        pids = [self.master_pid, *_children(self.master_pid)]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
            ).fetchall()
        ticks = {pid: _ticks(pid) for pid in pids}
        ticks.update({-row[0]: _ticks(row[0]) for row in rows})  # database backends: negative keys
        return ticks


def cpu_delta(before: dict[int, int], after: dict[int, int]) -> tuple[int, int]:
    """(app, database) ticks used between two readings by the processes alive at the second."""
    app = sum(t - before.get(pid, 0) for pid, t in after.items() if pid > 0)
    db = sum(t - before.get(pid, 0) for pid, t in after.items() if pid < 0)
    return max(app, 0), max(db, 0)


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def drain(base: str) -> None:
    """Wait until the requests wrk left in flight are answered: the next run starts on an idle
    server. gunicorn's sync workers take connections in order, so /healthz queues behind them."""
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=60) as response:
            response.read()
    except OSError:
        pass
