"""The committees' PDF: cover, summary in the seed's style, charts, breakdowns per committee and
the appendix of definitions. Rendered from a `Report` that is already suppressed, so it holds no
personal data and no small numbers."""

from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from bosam.reporting.report import Report, attach_charts
from bosam.reporting.summary import summary_sentences

Progress = Callable[[int, str], None]


def render_report_pdf(report: Report, progress: Progress | None = None) -> bytes:
    attach_charts(report)
    html = render_to_string(
        "reporting/report_pdf.html",
        {
            "report": report,
            "summary": summary_sentences(report),
            "municipality_name": settings.BOSAM_MUNICIPALITY_NAME,
            "generated_at": timezone.localtime(),
        },
    )
    if progress:
        progress(70, gettext("Sätter PDF-sidorna"))
    # Imported here: WeasyPrint takes seconds to load, and every worker would pay it at start.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
