"""The outreach letter as a PDF (WeasyPrint), from the text stored on the outreach attempt."""

from django.template.loader import render_to_string

from bosam.prevention.models import OutreachAttempt


def outreach_letter_pdf(*, attempt: OutreachAttempt, municipality: str) -> bytes:
    subject, _sep, body = attempt.letter_text.partition("\n\n")
    household = attempt.case.household
    members = household.current_members_cached()
    html = render_to_string(
        "prevention/letter_pdf.html",
        {
            "subject": subject,
            "paragraphs": [p for p in body.split("\n\n") if p.strip()],
            "recipient": members[0].person.full_name if members else "",
            "household": household,
            "made_on": attempt.made_on,
            "municipality": municipality,
        },
    )
    # Imported here: WeasyPrint takes seconds to load, and every worker would pay it at start.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
