"""Pages for landlords: the list, one landlord with contacts and agreements, register, change."""

from collections.abc import Iterator, Sequence

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.export import Cell
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.properties import selectors, services
from bosam.properties.forms import ContactForm, LandlordForm
from bosam.properties.models import Landlord, LandlordContact
from bosam.properties.rules import format_org_number
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
    Column(gettext_lazy("Namn"), "name"),
    Column(gettext_lazy("Organisationsnummer")),
    Column(gettext_lazy("Typ")),
    Column(gettext_lazy("Objekt"), "apartments", numeric=True),
    Column(gettext_lazy("Avtal i dag"), numeric=True),
    Column(gettext_lazy("Första avtal"), "first"),
]
EXPORT_HEADERS = [
    gettext_lazy("Namn"),
    gettext_lazy("Organisationsnummer"),
    gettext_lazy("Typ"),
    gettext_lazy("Postadress"),
    gettext_lazy("Postnummer"),
    gettext_lazy("Ort"),
    gettext_lazy("Telefon"),
    gettext_lazy("E-post"),
    gettext_lazy("Objekt"),
    gettext_lazy("Avtal i dag"),
    gettext_lazy("Första avtal"),
]


def _export_rows(landlords: Iterator[Landlord]) -> Iterator[Sequence[Cell]]:
    for landlord in landlords:
        yield [
            landlord.name,
            format_org_number(landlord.org_number),
            landlord.get_kind_display(),
            landlord.street_address,
            landlord.postcode,
            landlord.town,
            landlord.phone,
            landlord.email,
            getattr(landlord, "apartment_count", 0),
            getattr(landlord, "running_count", 0),
            getattr(landlord, "first_lease_start", None),
        ]


OBJECTS_SHOWN = 50


@capability_required(*READ)
def landlord_list(request: AuthedHttpRequest) -> HttpResponse:
    """Landlords; "new in a year" are those whose first head lease started that year."""
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    kind = kind if kind in Landlord.Kind.values else ""
    new_in_year = int_param(request, "new_in")
    sort = request.GET.get("sort", "name")
    landlords = selectors.landlord_list(
        user=request.user, query=query, kind=kind, new_in_year=new_in_year, sort=sort
    )
    export = export_response(
        request,
        name=_("hyresvardar"),
        object_type="properties.landlord",
        headers=EXPORT_HEADERS,
        rows=_export_rows(landlords.iterator(chunk_size=2000)),
    )
    if export is not None:
        return export
    this_year = timezone.localdate().year
    context = {
        "page": paginate(request, landlords),
        "query": query,
        "kind": kind,
        "kinds": Landlord.Kind.choices,
        "new_in_year": new_in_year,
        "years": list(range(this_year, 2014, -1)),
        "this_year": this_year,
        "headers": sort_headers(request, COLUMNS, sort),
        "query_string": query_without_page(request),
        "can_edit": request.user.has_capability(Capability.REGISTER_EDIT),
    }
    if request.htmx:
        return TemplateResponse(request, "properties/landlord_list.html#results", context)
    return TemplateResponse(request, "properties/landlord_list.html", context)


def _get_landlord(request: AuthedHttpRequest, landlord_id: int) -> Landlord:
    try:
        return selectors.landlord_get(user=request.user, landlord_id=landlord_id)
    except Landlord.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(*READ)
def landlord_detail(request: AuthedHttpRequest, landlord_id: int) -> HttpResponse:
    landlord = _get_landlord(request, landlord_id)
    today = timezone.localdate()
    leases = with_status(
        selectors.landlord_head_leases(user=request.user, landlord=landlord), today
    )
    first = min((lease.start_date for lease in leases), default=None)
    return TemplateResponse(
        request,
        "properties/landlord_detail.html",
        {
            "landlord": landlord,
            "org_number": format_org_number(landlord.org_number),
            "contacts": list(landlord.contacts.all()),
            "leases": leases,
            "first_lease_start": first,
            "new_this_year": first is not None and first.year == today.year,
            "apartment_count": landlord.apartments.count(),
            # The first objects, linked; the whole list is the object list filtered by landlord.
            "apartments": list(
                landlord.apartments.order_by("street_address", "apartment_number")[:OBJECTS_SHOWN]
            ),
            "contact_form": ContactForm(),
            "can_edit": request.user.has_capability(Capability.REGISTER_EDIT),
        },
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def landlord_create(request: AuthedHttpRequest) -> HttpResponse:
    form = LandlordForm(request.POST or None, initial={"kind": Landlord.Kind.PRIVATE})
    if request.method == "POST" and form.is_valid():
        try:
            landlord = services.landlord_create(by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Hyresvärden är registrerad."))
            return redirect("properties:landlord_detail", landlord_id=landlord.pk)
    return TemplateResponse(request, "properties/landlord_form.html", {"form": form})


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(Landlord, "landlord_id"))
def landlord_edit(request: AuthedHttpRequest, landlord_id: int) -> HttpResponse:
    landlord = _get_landlord(request, landlord_id)
    initial = {name: getattr(landlord, name) for name in services.LANDLORD_FIELDS}
    initial["org_number"] = format_org_number(landlord.org_number)
    form = LandlordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.landlord_update(landlord=landlord, by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("properties:landlord_detail", landlord_id=landlord.pk)
    return TemplateResponse(
        request, "properties/landlord_form.html", {"form": form, "landlord": landlord}
    )


@capability_required(*EDIT)
@require_POST
@one_time_submission
def contact_add(request: AuthedHttpRequest, landlord_id: int) -> HttpResponse:
    landlord = _get_landlord(request, landlord_id)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.landlord_contact_add(landlord=landlord, by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Kontaktpersonen är tillagd."))
    else:
        messages.error(
            request,
            _("Kontaktpersonen kunde inte läggas till: %(errors)s")
            % {
                "errors": "; ".join(
                    f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()
                )
            },
        )
    return redirect("properties:landlord_detail", landlord_id=landlord.pk)


@capability_required(*EDIT)
@require_POST
def contact_remove(request: AuthedHttpRequest, landlord_id: int, contact_id: int) -> HttpResponse:
    landlord = _get_landlord(request, landlord_id)
    contact = LandlordContact.objects.filter(pk=contact_id, landlord=landlord).first()
    if contact is None:
        raise Http404
    services.landlord_contact_remove(contact=contact, by=request.user)
    messages.success(request, _("Kontaktpersonen är borttagen."))
    return redirect("properties:landlord_detail", landlord_id=landlord.pk)
