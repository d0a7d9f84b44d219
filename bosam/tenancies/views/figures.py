"""The tenancy figures with their definitions, and the manager's yearly target."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.tenancies import selectors, services
from bosam.tenancies.forms import GoalTargetForm
from bosam.tenancies.models import Sublet
from bosam.tenancies.rules import GOAL_FULFILMENT_DEFINITION

FIGURES = (Capability.STATISTICS,)


@capability_required(*FIGURES)
@require_http_methods(["GET", "POST"])
def figures(request: AuthedHttpRequest) -> HttpResponse:
    """Goal fulfilment per year beside its definition and target, vacancy cost per committee
    and placements. The manager sets the year's target here. No personal data: counts only."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("ar", this_year))
    except ValueError:
        year = this_year
    form = GoalTargetForm(request.POST or None, initial={"year": year})
    if request.method == "POST":
        if not request.user.has_capability(Capability.REPORT_PUBLISH):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.goal_target_set(set_by=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Målet är sparat."))
                return redirect(f"{request.path}?ar={form.cleaned_data['year']}")
    goal_years = [selectors.takeover_goal_fulfilment(y) for y in range(year - 4, year + 1)]
    vacancy = selectors.vacancy_days_and_cost(year)
    placements = selectors.placements_in(year)
    return TemplateResponse(
        request,
        "tenancies/figures.html",
        {
            "year": year,
            "years": list(range(this_year, this_year - 8, -1)),
            "goal_years": goal_years,
            "definition": GOAL_FULFILMENT_DEFINITION,
            "vacancy": vacancy,
            "vacancy_total_days": sum(row.days for row in vacancy),
            "vacancy_total_cost": sum((row.cost for row in vacancy), start=0),
            "placements": placements,
            "placements_by_kind": [
                (Sublet.Kind(kind).label, count)
                for kind, count in sorted(placements.by_kind.items())
            ],
            "form": form,
            "can_set_target": request.user.has_capability(Capability.REPORT_PUBLISH),
        },
    )
