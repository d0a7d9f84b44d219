"""The summary in the seed's words: "In total the unit carried out 428 interventions …".
One sentence per headline figure, written only when the figure is in the report."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from bosam.reporting.report import FigureLine, Report

Sentence = Callable[[Report, dict[str, FigureLine]], str]


def _interventions(report: Report, lines: dict[str, FigureLine]) -> str:
    return _("Totalt genomfördes %(value)s insatser under %(year)s.") % {
        "value": lines["interventions_total"].display,
        "year": report.year,
    }


def _stay_in_home(report: Report, lines: dict[str, FigureLine]) -> str:
    line = lines["interventions_stay_in_home"]
    return _(
        "%(value)s kvarboendeinsatser under %(year)s, jämfört med %(previous)s under %(before)s."
    ) % {
        "value": line.display,
        "year": report.year,
        "previous": line.previous_display,
        "before": report.previous_year,
    }


def _agreements(report: Report, lines: dict[str, FigureLine]) -> str:
    text = _("%(value)s nya avtal tecknades under året") % {
        "value": lines["agreements_new"].display
    }
    if "agreements_new_objects" in lines and "agreements_reused_objects" in lines:
        text += _(
            ": %(new)s var nya objekt och %(reused)s var lägenhetsobjekt som återanvändes och "
            "fick ett nytt avtal"
        ) % {
            "new": lines["agreements_new_objects"].display,
            "reused": lines["agreements_reused_objects"].display,
        }
    return text + "."


def _takeover(report: Report, lines: dict[str, FigureLine]) -> str:
    line = lines["takeover_goal_fulfilment"]
    return _(
        "Måluppfyllelsen för övertagande till eget avtal i stödboende var %(value)s, jämfört "
        "med %(previous)s under %(before)s."
    ) % {"value": line.display, "previous": line.previous_display, "before": report.previous_year}


def _advice(report: Report, lines: dict[str, FigureLine]) -> str:
    return _("%(value)s ärenden om bostadsrådgivning kom in under %(year)s.") % {
        "value": lines["advice_cases_received"].display,
        "year": report.year,
    }


SENTENCES: list[tuple[str, Sentence]] = [
    ("interventions_total", _interventions),
    ("interventions_stay_in_home", _stay_in_home),
    ("agreements_new", _agreements),
    ("takeover_goal_fulfilment", _takeover),
    ("advice_cases_received", _advice),
]


def summary_sentences(report: Report) -> list[str]:
    lines = {line.key: line for line in report.lines}
    return [sentence(report, lines) for key, sentence in SENTENCES if key in lines]
