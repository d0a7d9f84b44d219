"""The prevention figures for a year (no personal data: counts only)."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.prevention import figures
from bosam.prevention.models import PreventionCase


@capability_required(Capability.STATISTICS)
def figures_page(request: AuthedHttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() and 2000 <= int(text) <= this_year else this_year
    reached = figures.households_reached(year)
    outcomes = figures.outcomes(year)
    return TemplateResponse(
        request,
        "prevention/figures.html",
        {
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "notifications": figures.notifications_received(year),
            "reached": reached,
            "interventions": figures.stay_in_home_interventions(year),
            "outcomes": [
                (label, outcomes.by_outcome[value].count)
                for value, label in PreventionCase.Outcome.choices
            ],
            "evictions": figures.evictions(year),
            "children": figures.children_affected(year),
            "with_children": figures.households_with_children_notified(year),
        },
    )
