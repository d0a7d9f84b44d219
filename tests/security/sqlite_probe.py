"""Two real connections on one SQLite file with production's database settings (issue 21, item 4).

Run by tests/security/test_sqlite_concurrency.py as
`python -m tests.security.sqlite_probe <scenario> <file>`; prints one JSON object.

- `reader_during_import`: one thread accepts a landlord's list (one long write transaction)
  while a second reads, and a third writes once; says when each read and the write finished.
- `publish_twice`: two managers publish the same year at the same moment.
"""

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.security.sqlite_file_settings"


def _setup(path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    from bosam.testing import seed_catalogues

    seed_catalogues()


def _thread(target: Callable[[], None]) -> threading.Thread:
    from django.db import connection

    def run() -> None:
        try:
            target()
        finally:
            connection.close()

    return threading.Thread(target=run)


def reader_during_import(rows: int) -> dict[str, Any]:
    from django.db import connection, transaction

    from bosam.accounts.roles import Role
    from bosam.prevention.models import Notification
    from bosam.prevention.services import landlord_import_accept, landlord_import_upload
    from bosam.properties.models import Landlord
    from bosam.testing import make_org, make_user

    org = make_org()
    user = make_user("vera", Role.PREVENTION_CASEWORKER, org.housing_unit)
    landlord = Landlord.objects.create(name="Hyresbolaget AB", org_number="5566778899")
    lines = ["Personnummer;Namn;Adress;Skuld;Antal månader"]
    for i in range(rows):
        # Coordination-free, valid test numbers: 1980-01-01 plus i days, serial from i.
        lines.append(f"{_pnr(i)};Testsson, Test {i};Storgatan {i};{1000 + i};2")
    batch = landlord_import_upload(
        landlord=landlord,
        filename="lista.csv",
        content="\n".join(lines).encode(),
        period=date(2022, 5, 15),
        uploaded_by=user,
    )
    connection.close()
    started = threading.Event()
    result: dict[str, Any] = {"reads": [], "write_done": None, "write_error": None}

    reads_done = threading.Event()

    def accept() -> None:
        result["import_started"] = time.monotonic()
        with transaction.atomic():
            landlord_import_accept(landlord_import=batch, accepted_by=user, unit=org.housing_unit)
            # The list is written and its transaction still holds the write lock: the reads
            # happen now, inside the import, however fast or slow the machine is. (Were readers
            # blocked by a writer, they would wait past the timeout and the test would fail.)
            started.set()
            reads_done.wait(timeout=60)
        result["import_done"] = time.monotonic()

    def read() -> None:
        started.wait()
        try:
            for _ in range(20):
                Notification.objects.count()
                Landlord.objects.filter(org_number="5566778899").exists()
                result["reads"].append(time.monotonic())
        finally:
            reads_done.set()

    def write() -> None:
        started.wait()
        try:
            Landlord.objects.create(name="Brf Örnen", org_number="7690123453")
        except Exception as exc:  # noqa: BLE001 - reported to the test
            result["write_error"] = f"{type(exc).__name__}: {exc}"
        result["write_done"] = time.monotonic()

    threads = [_thread(accept), _thread(read), _thread(write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result["notifications"] = Notification.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        result["journal_mode"] = cursor.fetchone()[0]
    return result


def _pnr(i: int) -> str:
    from datetime import timedelta

    from stdnum import luhn

    born = date(1980, 1, 1) + timedelta(days=i // 50)
    body = f"{born:%y%m%d}{(i % 50) * 2 + 100:03d}"
    return f"{born:%Y}{body[2:]}{luhn.calc_check_digit(body)}"


def publish_twice() -> dict[str, Any]:
    from django.utils import timezone

    from bosam.accounts.roles import Role
    from bosam.core.errors import ApplicationError
    from bosam.reporting.models import PublishedReport
    from bosam.reporting.services import report_publish
    from bosam.testing import make_org, make_user

    org = make_org()
    managers = [make_user(f"maja{i}", Role.MANAGER, org.housing_unit) for i in (1, 2)]
    year = timezone.localdate().year - 1
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(manager: Any) -> Callable[[], None]:
        def run() -> None:
            barrier.wait()
            try:
                report_publish(year=year, published_by=manager)
            except ApplicationError as exc:
                outcomes.append(f"refused:{exc.code}")
            except Exception as exc:  # noqa: BLE001 - reported to the test
                outcomes.append(f"error:{type(exc).__name__}: {exc}")
            else:
                outcomes.append("published")

        return run

    threads = [_thread(publish(m)) for m in managers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"outcomes": sorted(outcomes), "reports": PublishedReport.objects.count()}


def main() -> None:
    scenario, path = sys.argv[1], sys.argv[2]
    _setup(path)
    if scenario == "reader_during_import":
        result = reader_during_import(int(sys.argv[3]))
    else:
        result = publish_twice()
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
