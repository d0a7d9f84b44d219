"""gunicorn settings for `./dev serve` and the benchmark's servers (`-c config/gunicorn.conf.py`).

Command-line flags (bind, workers, log files) still win over what is set here."""

import threading
from typing import Any


def _warm_pdf_engine() -> None:
    # WeasyPrint is imported when the first PDF is made (bosam.reporting.pdf), so a worker starts
    # in a second instead of several. Importing it, and letting fontconfig find the fonts, right
    # after the worker is up spares the first manager who asks for the annual report's PDF those
    # seconds, without delaying the worker's first request.
    try:
        from weasyprint import HTML

        HTML(string="<p>Bosam</p>").write_pdf()
    except Exception:  # noqa: BLE001 - a warm-up only; the real PDF reports its own errors
        pass


def post_worker_init(worker: Any) -> None:
    threading.Thread(target=_warm_pdf_engine, name="warm-pdf", daemon=True).start()
