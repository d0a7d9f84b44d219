"""Pages for head leases (avtal): the list, one lease, register, change and end."""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bosam.accounts.models import Committee
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.export import Cell
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.properties import selectors, services
from bosam.properties.forms import HeadLeaseEndForm, HeadLeaseForm
from bosam.properties.hooks import head_lease_timeline
from bosam.properties.models import Apartment, HeadLease, Landlord, Usage
from bosam.properties.rules import (
    LeaseStatus,
    end_if_notice_given,
    ends_soon,
    format_org_number,
    lease_status,
    notice_end_date,
)
from bosam.properties.views.common import (
    Column,
    export_response,
    int_param,
    paginate,
    query_without_page,
    sort_headers,
)

READ = (Capability.REGISTER_VIEW,)
EDIT = (Capability.REGISTER_EDIT,)

STATUS_LABELS = {
    LeaseStatus.PLANNED: gettext_lazy("Kommande"),
    LeaseStatus.ACTIVE: gettext_lazy("Löpande"),
    LeaseStatus.UNDER_NOTICE: gettext_lazy("Uppsagt"),
    LeaseStatus.ENDED: gettext_lazy("Avslutat"),
}

COLUMNS = [
    Column(gettext_lazy("Avtal"), "number"),
    Column(gettext_lazy("Objekt"), "address"),
    Column(gettext_lazy("Hyresvärd"), "landlord"),
    Column(gettext_lazy("Användning")),
    Column(gettext_lazy("Nämnd")),
    Column(gettext_lazy("Start"), "start"),
    Column(gettext_lazy("Slut"), "end"),
    Column(gettext_lazy("Status")),
    Column(gettext_lazy("Hyra/mån (kr)"), "rent", numeric=True),
]
EXPORT_HEADERS = [
    gettext_lazy("Avtalsnummer"),
    gettext_lazy("Gatuadress"),
    gettext_lazy("Lägenhetsnummer"),
    gettext_lazy("Område"),
    gettext_lazy("Objektnummer"),
    gettext_lazy("Hyresvärd"),
    gettext_lazy("Organisationsnummer"),
    gettext_lazy("Användning"),
    gettext_lazy("Nämnd"),
    gettext_lazy("Startdatum"),
    gettext_lazy("Slutdatum"),
    gettext_lazy("Uppsagt den"),
    gettext_lazy("Uppsägningstid (månader)"),
    gettext_lazy("Status"),
    gettext_lazy("Nytt eller återanvänt objekt"),
    gettext_lazy("Månadshyra"),
    gettext_lazy("Avslutsorsak"),
]


def with_status(leases: Iterable[HeadLease], today: date) -> list[HeadLease]:
    """Attach the status (and its label) each lease has today, for templates."""
    result = list(leases)
    for lease in result:
        status = lease_status(
            start_date=lease.start_date,
            end_date=lease.end_date,
            notice_given_on=lease.notice_given_on,
            today=today,
        )
        lease.status = status  # type: ignore[attr-defined]
        lease.status_label = STATUS_LABELS[status]  # type: ignore[attr-defined]
        lease.ends_soon = status != LeaseStatus.ENDED and ends_soon(  # type: ignore[attr-defined]
            end_date=lease.end_date, today=today
        )
    return result


def _filters(request: AuthedHttpRequest) -> selectors.HeadLeaseFilters:
    get = request.GET
    status = get.get("status", "")
    return selectors.HeadLeaseFilters(
        query=get.get("q", ""),
        status=status if status in LeaseStatus._value2member_map_ else "",
        usage_id=int_param(request, "usage"),
        landlord_id=int_param(request, "landlord"),
        committee_id=int_param(request, "committee"),
        district=get.get("district", ""),
        ending_soon=get.get("ending_soon") == "1",
        vacant=get.get("vacant") == "1" and selectors.vacancy_known(),
        started_in=int_param(request, "started_in"),
        reused=get.get("reused", "") if get.get("reused") in ("yes", "no") else "",
        sort=get.get("sort", "-start"),
    )


def _export_rows(leases: Iterator[HeadLease], today: date) -> Iterator[Sequence[Cell]]:
    for lease in leases:
        apartment = lease.apartment
        status = lease_status(
            start_date=lease.start_date,
            end_date=lease.end_date,
            notice_given_on=lease.notice_given_on,
            today=today,
        )
        yield [
            lease.number,
            apartment.street_address,
            apartment.apartment_number,
            apartment.district,
            apartment.landlord_object_number,
            lease.landlord.name,
            format_org_number(lease.landlord.org_number),
            lease.usage.name,
            lease.committee.name,
            lease.start_date,
            lease.end_date,
            lease.notice_given_on,
            lease.notice_period_months,
            str(STATUS_LABELS[status]),
            _("återanvänt") if getattr(lease, "is_reused", False) else _("nytt"),
            lease.monthly_rent,
            lease.end_reason.name if lease.end_reason else "",
        ]


@capability_required(*READ)
def head_lease_list(request: AuthedHttpRequest) -> HttpResponse:
    """Every head lease, searchable, filtered and sorted; exportable as XLSX or CSV."""
    today = timezone.localdate()
    filters = _filters(request)
    leases = selectors.head_lease_list(user=request.user, filters=filters, today=today)
    export = export_response(
        request,
        name=_("avtal"),
        object_type="properties.headlease",
        headers=EXPORT_HEADERS,
        rows=_export_rows(leases.iterator(chunk_size=2000), today),
    )
    if export is not None:
        return export
    page = paginate(request, leases)
    page.object_list = with_status(page.object_list, today)
    context = {
        "page": page,
        "filters": filters,
        "headers": sort_headers(request, COLUMNS, filters.sort),
        "statuses": [(s.value, STATUS_LABELS[s]) for s in LeaseStatus],
        "usages": list(Usage.objects.order_by("sort_order", "name")),
        "committees": list(Committee.objects.order_by("name")),
        "landlords": list(Landlord.objects.order_by("name").only("id", "name")),
        "districts": selectors.district_choices(),
        "vacancy_known": selectors.vacancy_known(),
        "query_string": query_without_page(request),
        "can_edit": request.user.has_capability(Capability.REGISTER_EDIT),
    }
    if request.htmx:
        return TemplateResponse(request, "properties/head_lease_list.html#results", context)
    return TemplateResponse(request, "properties/head_lease_list.html", context)


def get_head_lease(request: AuthedHttpRequest, head_lease_id: int) -> HeadLease:
    try:
        return selectors.head_lease_get(user=request.user, head_lease_id=head_lease_id)
    except HeadLease.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(*READ)
def head_lease_detail(request: AuthedHttpRequest, head_lease_id: int) -> HttpResponse:
    """One head lease, with the day notice given today would end it."""
    lease = get_head_lease(request, head_lease_id)
    today = timezone.localdate()
    with_status([lease], today)
    notice_today = None
    if lease.status in (LeaseStatus.ACTIVE, LeaseStatus.PLANNED):  # type: ignore[attr-defined]
        notice_today = end_if_notice_given(
            start_date=lease.start_date,
            end_date=lease.end_date,
            notice_period_months=lease.notice_period_months,
            notice_given_on=today,
        )
    return TemplateResponse(
        request,
        "properties/head_lease_detail.html",
        {
            "lease": lease,
            "today": today,
            "notice_today": notice_today,
            "sublets": head_lease_timeline(lease, request.user),
            "can_edit": request.user.has_capability(Capability.REGISTER_EDIT),
        },
    )


def _form_initial(lease: HeadLease) -> dict[str, object]:
    return {
        "number": lease.number,
        "start_date": lease.start_date,
        "end_date": lease.end_date,
        "notice_period_months": lease.notice_period_months,
        "security_of_tenure_waived": lease.security_of_tenure_waived,
        "monthly_rent": str(lease.monthly_rent).replace(".", ","),
        "committee": lease.committee_id,
        "usage": lease.usage_id,
        "notes": lease.notes,
    }


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def head_lease_create(request: AuthedHttpRequest, apartment_id: int) -> HttpResponse:
    """Register a head lease on an apartment (from the apartment's page)."""
    try:
        apartment = selectors.apartment_get(user=request.user, apartment_id=apartment_id)
    except Apartment.DoesNotExist as exc:
        raise Http404 from exc
    form = HeadLeaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lease = services.head_lease_create(
                by=request.user, apartment=apartment, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Avtal %(number)s är registrerat.") % {"number": lease.number}
            )
            return redirect("properties:head_lease_detail", head_lease_id=lease.pk)
    return TemplateResponse(
        request, "properties/head_lease_form.html", {"form": form, "apartment": apartment}
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(HeadLease, "head_lease_id"))
def head_lease_edit(request: AuthedHttpRequest, head_lease_id: int) -> HttpResponse:
    lease = get_head_lease(request, head_lease_id)
    form = HeadLeaseForm(request.POST or None, initial=_form_initial(lease))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["number"] = data["number"] or lease.number
        try:
            services.head_lease_update(head_lease=lease, by=request.user, **data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("properties:head_lease_detail", head_lease_id=lease.pk)
    return TemplateResponse(
        request,
        "properties/head_lease_form.html",
        {"form": form, "lease": lease, "apartment": lease.apartment},
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
def head_lease_end(request: AuthedHttpRequest, head_lease_id: int) -> HttpResponse:
    """End a head lease: a reason, and the last day or the day notice was given (the last day is
    then computed by the notice rule, shown before saving)."""
    lease = get_head_lease(request, head_lease_id)
    if lease.end_reason_id:
        messages.info(request, _("Avtalet är redan avslutat."))
        return redirect("properties:head_lease_detail", head_lease_id=lease.pk)
    form = HeadLeaseEndForm(request.POST or None, initial={"notice_given_on": timezone.localdate()})
    preview = _notice_preview(lease, request.GET.get("notice_given_on") or None)
    if request.htmx and request.method == "GET":
        return TemplateResponse(
            request, "properties/head_lease_end.html#preview", {"preview": preview, "lease": lease}
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        end_date = data["end_date"] or end_if_notice_given(
            start_date=lease.start_date,
            end_date=lease.end_date,
            notice_period_months=lease.notice_period_months,
            notice_given_on=data["notice_given_on"],
        )
        try:
            services.head_lease_end(
                head_lease=lease,
                end_date=end_date,
                reason=data["reason"],
                note=data["note"],
                by=request.user,
                notice_given_on=data["notice_given_on"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("Avtal %(number)s avslutas %(day)s.")
                % {"number": lease.number, "day": end_date.isoformat()},
            )
            return redirect("properties:head_lease_detail", head_lease_id=lease.pk)
    return TemplateResponse(
        request,
        "properties/head_lease_end.html",
        {
            "form": form,
            "lease": lease,
            "preview": preview or _notice_preview(lease, timezone.localdate().isoformat()),
        },
    )


def _notice_preview(lease: HeadLease, notice_text: str | None) -> dict[str, date] | None:
    """The last day if notice is given on the day, for the end form's live hint."""
    if not notice_text:
        return None
    try:
        notice_day = date.fromisoformat(notice_text)
    except ValueError:
        return None
    return {
        "notice_given_on": notice_day,
        "by_notice": notice_end_date(notice_day, lease.notice_period_months),
        "end_date": end_if_notice_given(
            start_date=lease.start_date,
            end_date=lease.end_date,
            notice_period_months=lease.notice_period_months,
            notice_given_on=notice_day,
        ),
    }
