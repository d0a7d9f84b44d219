"""`python -m bench.audit_trail DBNAME`: the audit trail's reads and writes, timed in-process.

The log follow-up's searches (by person, by actor, outside the reader's unit, a date range, the
newest page, each with the paginator's count) and one list page's worth of audit rows written
(100, inside a rolled-back transaction). Run it on a demo database before and after a change to
the trail's table (e.g. `manage.py migrate audit 0005` for the unpartitioned table, then `migrate`
again); prints the median of 15 runs per item in milliseconds."""

import os
import statistics
import sys
import time
from collections.abc import Callable


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args[0]}",
        DEBUG="true",
    )
    import django

    django.setup()
    from datetime import timedelta

    from django.core.paginator import Paginator
    from django.db import connection, transaction
    from django.utils import timezone

    from bosam.accounts.models import User
    from bosam.audit.models import AuditAction, AuditEvent
    from bosam.audit.selectors import AuditFilter, audit_event_search
    from bosam.audit.services import _insert, _Shared

    admin = User.objects.get(username="admin")
    person = AuditEvent.objects.exclude(person_id=None).values_list("person_id", flat=True)[500]
    actor = AuditEvent.objects.exclude(actor=None).values_list("actor_id", flat=True)[500]
    today = timezone.localdate()

    def search(filters: AuditFilter) -> Callable[[], None]:
        def run() -> None:
            page = Paginator(audit_event_search(user=admin, filters=filters), 100).get_page(1)
            list(page.object_list)
            _ = page.paginator.count

        return run

    def write() -> None:
        with transaction.atomic():
            shared = _Shared.now(actor=admin, action=AuditAction.LIST, reason="")
            rows = []
            for i in range(100):
                rows.extend(
                    shared.rows(
                        object_type="households.household",
                        object_id=str(i),
                        object_label="x",
                        people=(),
                        record_unit_id=None,
                    )
                )
            _insert(rows)
            transaction.set_rollback(True)

    items: dict[str, Callable[[], None]] = {
        "newest page": search(AuditFilter()),
        "by person": search(AuditFilter(person_ids=(person,))),
        "by actor": search(AuditFilter(actor_id=actor)),
        "outside own unit": search(AuditFilter(outside_own_unit=True)),
        "last 30 days": search(AuditFilter(date_from=today - timedelta(days=30), date_to=today)),
        "write 100 rows": write,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = 'audit_auditevent'::regclass")
        kind = {"p": "partitioned", "r": "one table"}[cursor.fetchone()[0]]
    print(f"audit trail: {AuditEvent.objects.count()} events, {kind}")  # noqa: T201
    for name, run in items.items():
        run()  # warm
        times = []
        for _ in range(15):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {name:<18} {statistics.median(times):7.2f} ms")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
