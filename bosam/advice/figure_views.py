"""The figures page (any period, with CSV/XLSX export) and the catalogue pages."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.advice import services
from bosam.advice.catalogues import CATALOGUES
from bosam.advice.figures import AdviceFigures, FigureRow, advice_figures
from bosam.advice.forms import CatalogueEntryForm, PeriodForm
from bosam.advice.models import CatalogueEntry
from bosam.advice.rules import InvalidPeriod, Period, format_minutes, period_from
from bosam.core.edit_guards import guard_stale_edit
from bosam.core.errors import ApplicationError
from bosam.core.export import Cell, csv_response, xlsx_response
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission

FIGURES = (Capability.ADVICE_WORK, Capability.STATISTICS)


def _sections(figures: AdviceFigures) -> list[tuple[str | Promise, list[FigureRow]]]:
    return [
        (_("Kontaktväg"), figures.by_channel),
        (_("Anledning"), figures.by_reason),
        (_("Råd som getts"), figures.by_advice_kind),
        (_("Digital hjälp"), figures.by_digital_help),
        (_("Hänvisning"), figures.by_referral_target),
        (_("Utfall"), figures.by_outcome),
    ]


def _summary(figures: AdviceFigures) -> list[tuple[str | Promise, int | str]]:
    return [
        (_("Inkomna ärenden"), figures.received.count),
        (_("varav med personnummer"), figures.identified.count),
        (_("varav anonyma"), figures.anonymous.count),
        (_("Ärenden med digital hjälp"), figures.with_digital_help.count),
        (_("Ärenden med hänvisning"), figures.referred.count),
        (_("Ärenden som fortfarande är öppna"), figures.still_open.count),
        (_("Personer som fått hjälp mer än en gång"), figures.people_more_than_once),
        (_("Nedlagd tid"), format_minutes(figures.minutes_total)),
    ]


@capability_required(*FIGURES)
def figures(request: AuthedHttpRequest) -> HttpResponse:
    """Cases received in a period and what came of them; a year at a time by default."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    period: Period | None = None
    if not form.is_bound:
        period = period_from(None, None, today=today)
    elif form.is_valid():
        try:
            period = period_from(form.cleaned_data["start"], form.cleaned_data["end"], today=today)
        except InvalidPeriod as exc:
            form.add_error("end", str(exc))
    result = advice_figures(start=period.start, end=period.end) if period else None
    export = request.GET.get("export")
    if result is not None and export in ("csv", "xlsx"):
        return _export(result, export)
    years = list(range(today.year, today.year - 6, -1))
    return TemplateResponse(
        request,
        "advice/figures.html",
        {
            "form": form,
            "figures": result,
            "summary": _summary(result) if result else [],
            "sections": _sections(result) if result else [],
            "years": [(y, date(y, 1, 1), date(y, 12, 31)) for y in years],
            "querystring": request.GET.urlencode(),
        },
    )


def _export(result: AdviceFigures, kind: str) -> HttpResponse:
    rows: list[list[Cell]] = [[str(label), "", value] for label, value in _summary(result)]
    for title, section in _sections(result):
        rows.extend([str(title), row.label, row.count] for row in section)
    name = f"bostadsradgivning_{result.period.start:%Y%m%d}_{result.period.end:%Y%m%d}"
    headers = [_("Område"), _("Kategori"), _("Antal")]
    if kind == "xlsx":
        return xlsx_response(name, headers, rows)
    return csv_response(name, headers, rows)


def _catalogue(slug: str) -> tuple[type[CatalogueEntry], str | Promise]:
    try:
        return CATALOGUES[slug]
    except KeyError as exc:
        raise Http404 from exc


@capability_required(Capability.CATALOGUE_ADMIN)
def catalogue_index(request: AuthedHttpRequest) -> HttpResponse:
    catalogues = [
        {"slug": slug, "title": title, "entries": list(model._default_manager.all())}
        for slug, (model, title) in CATALOGUES.items()
    ]
    return TemplateResponse(request, "advice/catalogue_index.html", {"catalogues": catalogues})


def _catalogue_entry(slug: str, entry_id: int | None = None) -> Any:
    """The entry an edit page shows (for its version); None on the create page."""
    if entry_id is None or slug not in CATALOGUES:
        return None
    return CATALOGUES[slug][0]._base_manager.filter(pk=entry_id).first()


@capability_required(Capability.CATALOGUE_ADMIN)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(_catalogue_entry)
@one_time_submission
def catalogue_entry_edit(
    request: AuthedHttpRequest, slug: str, entry_id: int | None = None
) -> HttpResponse:
    """Add an entry, or rename, reorder or retire one. Entries are never deleted: old cases
    keep pointing at them."""
    model, title = _catalogue(slug)
    entry: Any = None
    initial: dict[str, Any] = {}
    if entry_id is not None:
        entry = model._default_manager.filter(pk=entry_id).first()
        if entry is None:
            raise Http404
        initial = {"name": entry.name, "sort_order": entry.sort_order, "active": entry.active}
    form = CatalogueEntryForm(request.POST or None, initial=initial, editing=entry is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.catalogue_entry_save(
                model=model,
                saved_by=request.user,
                entry=entry,
                code=data.get("code", ""),
                name=data["name"],
                active=data["active"],
                sort_order=data["sort_order"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Katalogen är sparad."))
            return redirect("advice:catalogue_index")
    return TemplateResponse(
        request,
        "advice/catalogue_form.html",
        {"form": form, "entry": entry, "catalogue_title": title},
    )
