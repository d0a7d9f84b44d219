"""`manage.py worker`: Bosam's background worker, the second process next to the web server.

It is django-tasks-db's `db_worker` (runs the tasks stored in the database, one at a time) plus a
thread that every BOSAM_SCHEDULE_INTERVAL_SECONDS records the worker's sign of life (for
/healthz) and enqueues the scheduled jobs that are due. A lost database connection is dropped and
opened again on the next round, so the worker continues once the database is back."""

import logging
import os
import threading
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from bosam.core.startup import refuse_unsafe_start
from bosam.scheduling.services import schedule_tick, worker_heartbeat

logger = logging.getLogger("bosam.worker")


def _schedule_loop(worker_id: str, interval: float, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            worker_heartbeat(worker_id=worker_id)
            schedule_tick()
        except Exception:
            logger.exception("The schedule could not be looked at; trying again")
            connection.close()
        stop.wait(interval)


class Command(DbWorkerCommand):
    help = "Bosams bakgrundsarbetare: kör köade jobb och lägger schemalagda jobb i kön."

    def handle(self, *args: Any, **options: Any) -> None:
        # The same refusal as the web server's (config/wsgi.py): no worker on a configuration
        # that would lose the audit trail's protection or write to a stray SQLite file.
        refuse_unsafe_start()
        reload = options.get("reload", False) and not options.get("batch", False)
        # With autoreload, only the child process (the one that runs tasks) keeps the schedule.
        if not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            stop = threading.Event()
            threading.Thread(
                target=_schedule_loop,
                args=(options["worker_id"], settings.BOSAM_SCHEDULE_INTERVAL_SECONDS, stop),
                name="bosam-schedule",
                daemon=True,
            ).start()
        if reload:
            super().handle(*args, **options)
            return
        while True:
            try:
                super().handle(*args, **options)
                return
            except OperationalError:
                # The database went away: wait, reconnect and go on with the queue.
                logger.warning("The database is unavailable; the worker tries again in 5 s")
                connection.close()
                time.sleep(5)
