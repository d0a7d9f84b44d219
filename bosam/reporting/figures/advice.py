"""Housing advice (bostadsrådgivning): the seed's cases received, and what help they got.

Counted by the advice module's own figures (`bosam.advice.figures`), a case counting in the year
it came in. Advice cases belong to no committee, so these figures are for the whole municipality.
"""

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.advice import figures as advice
from bosam.advice.figures import Figure as AdviceFigure
from bosam.advice.figures import FigureRow
from bosam.advice.rules import year_period
from bosam.reporting.figures.base import BreakdownRow, FigureValue, LazyIds, Section, figure
from bosam.reporting.figures.memo import memo

advice_figures = memo(advice.advice_figures)

MODEL = "advice.advicecase"


def _lazy(figure: AdviceFigure | FigureRow) -> LazyIds:
    """The figure's count now; its cases (a second query) only when they are asked for."""
    return LazyIds(figure.count, lambda: figure.ids)


def _breakdown(rows: Sequence[FigureRow]) -> tuple[BreakdownRow, ...]:
    return tuple(
        BreakdownRow(key=r.code, label=r.label, value=r.count, record_ids=_lazy(r))
        for r in rows
        if r.count
    )


@figure(
    "advice_cases_received",
    label=_("Inkomna ärenden om bostadsrådgivning"),
    definition=_(
        "Antal ärenden om bostadsrådgivning som kom in under året (mottagningsdatum 1 januari–"
        "31 december), öppna som avslutade, med personnummer eller anonyma. Ett ärende räknas "
        "det år det kom in. Uppdelat på anledningen till att personen sökte råd."
    ),
    section=Section.ADVICE,
    order=510,
    per_committee=False,
    breakdown_label=_("Anledning"),
    headline=True,
)
def cases_received(year: int, committee: Committee | None = None) -> FigureValue:
    period = year_period(year)
    figures = advice_figures(start=period.start, end=period.end)
    # advice_figures().received is advice_cases_received(year): the same filter on received_on.
    return FigureValue(
        value=figures.received.count,
        record_ids=_lazy(figures.received),
        model_label=MODEL,
        breakdown=_breakdown(figures.by_reason),
    )


@figure(
    "advice_cases_digital_help",
    label=_("Rådgivningsärenden med praktisk digital hjälp"),
    definition=_(
        "Av de ärenden om bostadsrådgivning som kom in under året: de där minst en kontakt gav "
        "praktisk digital hjälp (t.ex. att registrera sig i bostadskön, söka och ansöka på "
        "nätet, e-legitimation). Uppdelat på slag av hjälp; ett ärende kan få flera slag."
    ),
    section=Section.ADVICE,
    order=520,
    per_committee=False,
    breakdown_label=_("Digital hjälp"),
)
def cases_with_digital_help(year: int, committee: Committee | None = None) -> FigureValue:
    period = year_period(year)
    figures = advice_figures(start=period.start, end=period.end)
    return FigureValue(
        value=figures.with_digital_help.count,
        record_ids=_lazy(figures.with_digital_help),
        model_label=MODEL,
        breakdown=_breakdown(figures.by_digital_help),
    )


@figure(
    "advice_cases_referred",
    label=_("Rådgivningsärenden med hänvisning"),
    definition=_(
        "Av de ärenden om bostadsrådgivning som kom in under året: de som hänvisades vidare, "
        "t.ex. till socialkontoret eller kompetensförsörjningskontoret när särskilda skäl finns. "
        "Uppdelat på vart de hänvisades; ett ärende kan hänvisas till flera."
    ),
    section=Section.ADVICE,
    order=530,
    per_committee=False,
    breakdown_label=_("Hänvisad till"),
)
def cases_referred(year: int, committee: Committee | None = None) -> FigureValue:
    period = year_period(year)
    figures = advice_figures(start=period.start, end=period.end)
    return FigureValue(
        value=figures.referred.count,
        record_ids=_lazy(figures.referred),
        model_label=MODEL,
        breakdown=_breakdown(figures.by_referral_target),
    )
