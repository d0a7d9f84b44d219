"""How a figure's value reads in Swedish: "428", "87 %", "1 234 567 kr", "12 dagar"."""

from decimal import Decimal

from bosam.reporting.figures.base import Measure, Number
from bosam.reporting.rules import Change

NBSP = "\u00a0"


def _grouped(value: Number) -> str:
    whole = int(value)
    text = f"{abs(whole):,}".replace(",", NBSP)
    fraction = Decimal(value) - whole
    if fraction:
        text += "," + f"{abs(fraction):.1f}"[2:]
    return ("−" if value < 0 else "") + text


def format_value(value: Number | None, measure: Measure) -> str:
    if value is None:
        return "–"
    number = _grouped(value)
    if measure == Measure.PERCENT:
        return f"{number}{NBSP}%"
    if measure == Measure.SEK:
        return f"{number}{NBSP}kr"
    if measure == Measure.DAYS:
        return f"{number}{NBSP}dagar" if value != 1 else f"{number}{NBSP}dag"
    return number


def format_change(change: Change | None, measure: Measure) -> str:
    if change is None:
        return ""
    sign = "+" if change.difference > 0 else ""
    unit = "{NBSP}procentenheter" if measure == Measure.PERCENT else ""
    text = f"{sign}{_grouped(change.difference)}{unit.format(NBSP=NBSP)}"
    if change.percent is not None and measure != Measure.PERCENT:
        percent_sign = "+" if change.percent > 0 else ""
        text += f" ({percent_sign}{_grouped(change.percent)}{NBSP}%)"
    return text
