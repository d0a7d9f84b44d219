"""Every figure of the annual report. Importing the package registers them all."""

from bosam.reporting.figures import advice, interventions, prevention, register, tenancies
from bosam.reporting.figures.base import (
    REGISTRY,
    BreakdownRow,
    Figure,
    FigureValue,
    Measure,
    Section,
    figures_in_order,
)

__all__ = [
    "REGISTRY",
    "BreakdownRow",
    "Figure",
    "FigureValue",
    "Measure",
    "Section",
    "figures_in_order",
    "advice",
    "interventions",
    "prevention",
    "register",
    "tenancies",
]
