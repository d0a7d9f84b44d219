"""Pages for apartment objects: the list, one apartment with its timeline, register and change."""

from collections.abc import Iterator, Sequence

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
from bosam.properties.forms import ApartmentForm
from bosam.properties.hooks import apartment_timeline
from bosam.properties.models import Apartment, Landlord, Usage
from bosam.properties.views.common import (
    Column,
    export_response,
    int_param,
    paginate,
    query_without_page,
    sort_headers,
)
from bosam.properties.views.head_leases import with_status

READ = (Capability.REGISTER_VIEW,)
EDIT = (Capability.REGISTER_EDIT,)

COLUMNS = [
    Column(gettext_lazy("Adress"), "address"),
    Column(gettext_lazy("Lgh nr")),
    Column(gettext_lazy("Område"), "district"),
    Column(gettext_lazy("Hyresvärd"), "landlord"),
    Column(gettext_lazy("Storlek"), "rooms"),
    Column(gettext_lazy("Boarea (m²)"), numeric=True),
    Column(gettext_lazy("Avtal i dag")),
]
EXPORT_HEADERS = [
    gettext_lazy("Gatuadress"),
    gettext_lazy("Lägenhetsnummer"),
    gettext_lazy("Postnummer"),
    gettext_lazy("Ort"),
    gettext_lazy("Område"),
    gettext_lazy("Hyresvärd"),
    gettext_lazy("Objektnummer"),
    gettext_lazy("Storlek"),
    gettext_lazy("Antal rum"),
    gettext_lazy("Boarea"),
    gettext_lazy("Våning"),
    gettext_lazy("Hiss"),
    gettext_lazy("Rullstolstillgänglig"),
    gettext_lazy("Avtal i dag"),
    gettext_lazy("Användning i dag"),
]


def _filters(request: AuthedHttpRequest) -> selectors.ApartmentFilters:
    get = request.GET
    return selectors.ApartmentFilters(
        query=get.get("q", ""),
        landlord_id=int_param(request, "landlord"),
        district=get.get("district", ""),
        usage_id=int_param(request, "usage"),
        committee_id=int_param(request, "committee"),
        leased=get.get("leased", "") if get.get("leased") in ("yes", "no") else "",
        wheelchair_accessible=get.get("wheelchair") == "1",
        sort=get.get("sort", "address"),
    )


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nej")


def _export_rows(apartments: Iterator[Apartment]) -> Iterator[Sequence[Cell]]:
    for a in apartments:
        yield [
            a.street_address,
            a.apartment_number,
            a.postcode,
            a.town,
            a.district,
            a.landlord.name,
            a.landlord_object_number,
            a.rooms,
            a.room_count,
            a.living_area,
            a.floor,
            _yes_no(a.has_lift),
            _yes_no(a.wheelchair_accessible),
            getattr(a, "current_lease_number", None) or "",
            getattr(a, "current_usage", None) or "",
        ]


@capability_required(*READ)
def apartment_list(request: AuthedHttpRequest) -> HttpResponse:
    filters = _filters(request)
    apartments = selectors.apartment_list(user=request.user, filters=filters)
    export = export_response(
        request,
        name=_("lägenhetsobjekt"),
        object_type="properties.apartment",
        headers=EXPORT_HEADERS,
        rows=_export_rows(apartments.iterator(chunk_size=2000)),
    )
    if export is not None:
        return export
    context = {
        "page": paginate(request, apartments),
        "filters": filters,
        "headers": sort_headers(request, COLUMNS, filters.sort),
        "usages": list(Usage.objects.order_by("sort_order", "name")),
        "committees": list(Committee.objects.order_by("name")),
        "landlords": list(Landlord.objects.order_by("name").only("id", "name")),
        "districts": selectors.district_choices(),
        "query_string": query_without_page(request),
        "can_edit": request.user.has_capability(Capability.REGISTER_EDIT),
    }
    if request.htmx:
        return TemplateResponse(request, "properties/apartment_list.html#results", context)
    return TemplateResponse(request, "properties/apartment_list.html", context)


def _get_apartment(request: AuthedHttpRequest, apartment_id: int) -> Apartment:
    try:
        return selectors.apartment_get(user=request.user, apartment_id=apartment_id)
    except Apartment.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(*READ)
def apartment_detail(request: AuthedHttpRequest, apartment_id: int) -> HttpResponse:
    """An apartment with its head leases and the timeline every module contributes to."""
    apartment = _get_apartment(request, apartment_id)
    today = timezone.localdate()
    leases = with_status(
        selectors.apartment_head_leases(user=request.user, apartment=apartment), today
    )
    return TemplateResponse(
        request,
        "properties/apartment_detail.html",
        {
            "apartment": apartment,
            "leases": leases,
            "timeline": apartment_timeline(apartment, request.user),
            "today": today,
            "can_edit": request.user.has_capability(Capability.REGISTER_EDIT),
        },
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def apartment_create(request: AuthedHttpRequest) -> HttpResponse:
    initial = {"town": "", "landlord": int_param(request, "landlord")}
    form = ApartmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            apartment = services.apartment_create(by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Objektet är registrerat."))
            return redirect("properties:apartment_detail", apartment_id=apartment.pk)
    return TemplateResponse(request, "properties/apartment_form.html", {"form": form})


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(Apartment, "apartment_id"))
def apartment_edit(request: AuthedHttpRequest, apartment_id: int) -> HttpResponse:
    apartment = _get_apartment(request, apartment_id)
    initial = {name: getattr(apartment, name) for name in services.APARTMENT_FIELDS}
    initial["landlord"] = apartment.landlord_id
    initial["living_area"] = str(apartment.living_area).replace(".", ",")
    form = ApartmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.apartment_update(apartment=apartment, by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("properties:apartment_detail", apartment_id=apartment.pk)
    return TemplateResponse(
        request, "properties/apartment_form.html", {"form": form, "apartment": apartment}
    )
