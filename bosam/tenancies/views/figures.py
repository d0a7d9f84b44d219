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
from bosam.core.edit_guards import guard_stale_edit
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.tenancies import selectors, services
from bosam.tenancies.forms import GoalTargetForm, TenancySettingsForm
from bosam.tenancies.models import Sublet, SubletEndReason, TenancySettings
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


@capability_required(Capability.REPORT_PUBLISH)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(lambda **_: TenancySettings.objects.filter(pk=1).first())
def tenancy_settings(request: AuthedHttpRequest) -> HttpResponse:
    """The manager's settings: months to a planned takeover, follow-up interval, and the end
    reasons goal fulfilment leaves out."""
    current = services.tenancy_settings_get()
    form = TenancySettingsForm(
        request.POST or None,
        initial={
            "months_to_takeover": current.months_to_takeover,
            "follow_up_interval_months": current.follow_up_interval_months,
            "excluded_reasons": list(SubletEndReason.objects.filter(excluded_from_goal=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tenancy_settings_update(
                updated_by=request.user,
                months_to_takeover=data["months_to_takeover"],
                follow_up_interval_months=data["follow_up_interval_months"],
                excluded_reason_codes={r.code for r in data["excluded_reasons"]},
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("tenancies:tenancy_settings")
    return TemplateResponse(request, "tenancies/tenancy_settings.html", {"form": form})
