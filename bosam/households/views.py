"""Pages for persons and households. Thin: forms in, services and selectors do the work,
and every page that shows a person writes its audit rows."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import AuditPerson, audit_list, audit_record, audit_records
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.search_terms import clean_query
from bosam.core.submissions import one_time_submission
from bosam.households import selectors, services
from bosam.households.forms import HouseholdForm, MemberAddForm, MergeForm, PersonForm
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.overview import member_summary, overview_for

READ = (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT)
EDIT = (Capability.HOUSEHOLD_EDIT,)


def _get_person(request: AuthedHttpRequest, person_id: UUID) -> Person:
    try:
        return selectors.person_get(user=request.user, person_id=person_id)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


def _get_household(request: AuthedHttpRequest, household_id: UUID) -> Household:
    try:
        return selectors.household_get(user=request.user, household_id=household_id)
    except Household.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


@capability_required(*READ)
def person_list(request: AuthedHttpRequest) -> HttpResponse:
    """Search by full or partial number or by name; results show masked numbers."""
    query = request.GET.get("q", "").strip()
    persons, more = selectors.person_search(user=request.user, query=query)
    audit_list(actor=request.user, objects=persons)
    context = {
        "query": query,
        "searched": bool(clean_query(query)),
        "persons": persons,
        "more": more,
        "can_edit": request.user.has_capability(Capability.HOUSEHOLD_EDIT),
    }
    if request.htmx:
        return TemplateResponse(request, "households/person_list.html#results", context)
    return TemplateResponse(request, "households/person_list.html", context)


@capability_required(*READ)
def person_detail(request: AuthedHttpRequest, person_id: UUID) -> HttpResponse:
    person = _get_person(request, person_id)
    if person.merged_into_id:
        messages.info(request, _("Posten är sammanslagen. Du visas den post som gäller."))
        return redirect("households:person_detail", person_id=person.merged_into_id)
    memberships = selectors.person_memberships(person=person)
    visible = set(
        selectors.household_visible_to(request.user)
        .filter(pk__in=[m.household_id for m in memberships])
        .values_list("pk", flat=True)
    )
    shown = [m for m in memberships if m.household_id in visible]
    today = timezone.localdate()
    # The same overview as on the household page, across every household the person has
    # belonged to (that the reader may see); advice cases are the person's own.
    households = list({m.household_id: m.household for m in shown}.values())
    overview = overview_for(user=request.user, households=households, persons=[person], today=today)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=person)
    if overview.entries:
        # The timeline shows the households' records: a read of each, naming its members.
        audit_records(actor=request.user, action=AuditAction.VIEW, objects=households)
    return TemplateResponse(
        request,
        "households/person_detail.html",
        {
            "person": person,
            "memberships": shown,
            "merged_from": list(person.merged_from.all()),
            "overview": overview,
            "today": today,
        },
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def person_create(request: AuthedHttpRequest) -> HttpResponse:
    """Register a person. The service searches first; a likely duplicate is shown, not created."""
    form = PersonForm(request.POST or None, initial={"personal_number": request.GET.get("pnr", "")})
    candidates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_register(
                registered_by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                personal_number=data["personal_number"],
                birth_date=data["birth_date"],
                no_number_reason=data["no_number_reason"],
                allow_possible_duplicate=data["confirm_new_person"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            ids = exc.extra.get("existing", [])
            candidates = list(selectors.person_visible_to(request.user).filter(pk__in=ids))
            audit_list(actor=request.user, objects=candidates)
        else:
            messages.success(request, _("Personen är registrerad."))
            return redirect("households:person_detail", person_id=person.pk)
    return TemplateResponse(
        request, "households/person_form.html", {"form": form, "candidates": candidates}
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(Person, "person_id"))
def person_edit(request: AuthedHttpRequest, person_id: UUID) -> HttpResponse:
    person = _get_person(request, person_id)
    initial = {
        "personal_number": person.formatted_number,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date,
        "no_number_reason": person.no_number_reason,
    }
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_update(
                person=person,
                updated_by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                personal_number=data["personal_number"],
                birth_date=data["birth_date"],
                no_number_reason=data["no_number_reason"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("households:person_detail", person_id=person.pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=person)
    return TemplateResponse(
        request, "households/person_form.html", {"form": form, "person": person}
    )


@capability_required(Capability.PERSONAL_DATA_ALL)
@require_http_methods(["GET", "POST"])
def person_merge(request: AuthedHttpRequest, person_id: UUID) -> HttpResponse:
    """Merge a duplicate record into this one (housing unit only; the merge is audited)."""
    if not request.user.has_capability(Capability.HOUSEHOLD_EDIT):
        raise PermissionDenied
    keep = _get_person(request, person_id)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        duplicate = _find_duplicate(request, form.cleaned_data["duplicate_number"])
        if duplicate is None:
            form.add_error(
                "duplicate_number", _("Ingen person hittades med det id:t eller numret.")
            )
        else:
            try:
                services.person_merge(
                    keep=keep,
                    duplicate=duplicate,
                    merged_by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Posterna är sammanslagna."))
                return redirect("households:person_detail", person_id=keep.pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=keep)  # the form names them
    return TemplateResponse(request, "households/person_merge.html", {"form": form, "person": keep})


def _find_duplicate(request: AuthedHttpRequest, text: str) -> Person | None:
    text = text.strip()
    try:
        return selectors.person_get(user=request.user, person_id=UUID(text))
    except (ValueError, Person.DoesNotExist):
        pass
    return selectors.person_by_number(user=request.user, personal_number=text)


@capability_required(*READ)
def household_list(request: AuthedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    paginator = Paginator(selectors.household_list(user=request.user, query=query), 50)
    # A search by member answers with its first page only: more matches need a narrower term.
    page = paginator.get_page(1 if query else request.GET.get("page"))
    audit_list(actor=request.user, objects=page.object_list)
    return TemplateResponse(
        request,
        "households/household_list.html",
        {"page": page, "query": query, "more": bool(query) and page.has_next()},
    )


@capability_required(*READ)
def household_detail(request: AuthedHttpRequest, household_id: UUID) -> HttpResponse:
    household = _get_household(request, household_id)
    today = timezone.localdate()
    members = household.current_members_cached()
    former = list(
        HouseholdMember.objects.filter(household=household, end_date__isnull=False)
        .select_related("person")
        .order_by("-end_date")
    )
    everyone = list({m.person_id: m.person for m in [*members, *former]}.values())
    overview = overview_for(
        user=request.user, households=[household], persons=everyone, today=today
    )
    # One read of the household, naming each person it concerns (former members too: the
    # timeline shows their records).
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=household,
        people=[AuditPerson(id=p.pk, label=p.full_name) for p in everyone],
    )
    return TemplateResponse(
        request,
        "households/household_detail.html",
        {
            "household": household,
            "members": members,
            "former_members": former,
            "children": [m for m in members if m.person.is_child_on(today)],
            "member_form": MemberAddForm(),
            "overview": overview,
            "summary": member_summary(household, today) + overview.summary,
            "today": today,
        },
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@one_time_submission
def household_create(request: AuthedHttpRequest, person_id: UUID) -> HttpResponse:
    """A new household with this person as applicant; a social worker's is their own unit's."""
    person = _get_person(request, person_id)
    user = request.user
    form = HouseholdForm(request.POST or None, initial={"unit": user.unit_id})
    if not user.has_capability(Capability.PERSONAL_DATA_ALL):
        form.fields["unit"].queryset = form.fields["unit"].queryset.filter(pk=user.unit_id)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = services.household_create(created_by=user, applicant=person, **data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Hushållet är skapat."))
            return redirect("households:household_detail", household_id=household.pk)
    audit_record(actor=user, action=AuditAction.VIEW, obj=person)  # the form names the person
    return TemplateResponse(
        request, "households/household_form.html", {"form": form, "person": person}
    )


@capability_required(*EDIT)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(Household, "household_id"))
def household_edit(request: AuthedHttpRequest, household_id: UUID) -> HttpResponse:
    household = _get_household(request, household_id)
    user = request.user
    fields = ["unit", "care_of", "street_address", "postcode", "town", "phone", "email", "notes"]
    form = HouseholdForm(
        request.POST or None, initial={name: getattr(household, name) for name in fields}
    )
    if not user.has_capability(Capability.PERSONAL_DATA_ALL):
        form.fields["unit"].queryset = form.fields["unit"].queryset.filter(pk=user.unit_id)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(household=household, updated_by=user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("households:household_detail", household_id=household.pk)
    else:
        audit_record(actor=user, action=AuditAction.VIEW, obj=household)
    return TemplateResponse(
        request, "households/household_form.html", {"form": form, "household": household}
    )


@capability_required(*EDIT)
@require_POST
@one_time_submission
def member_add(request: AuthedHttpRequest, household_id: UUID) -> HttpResponse:
    """Add a member: an existing person by number, or a new person registered on the spot."""
    household = _get_household(request, household_id)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            person = _existing_or_new_person(request, data)
            services.household_member_add(
                household=household, person=person, relation=data["relation"], added_by=request.user
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("%(name)s är tillagd i hushållet.") % {"name": person})
            return redirect("households:household_detail", household_id=household.pk)
    messages.error(
        request,
        _("Medlemmen kunde inte läggas till: %(errors)s")
        % {"errors": "; ".join(str(e) for errs in form.errors.values() for e in errs)},
    )
    return redirect("households:household_detail", household_id=household.pk)


def _existing_or_new_person(request: AuthedHttpRequest, data: dict[str, object]) -> Person:
    """The person with the typed number among those the user may see (as the API's member add
    takes only a person the user may open), else a new person registered from the form. A
    number belonging to someone the user may not see matches nobody; registering it is then
    refused as a duplicate number, without naming anyone."""
    number = str(data.get("personal_number") or "")
    if number:
        existing = selectors.person_by_number(user=request.user, personal_number=number)
        if existing is not None:
            return existing
    return services.person_register(
        registered_by=request.user,
        first_name=str(data["first_name"]),
        last_name=str(data["last_name"]),
        personal_number=number,
        birth_date=data.get("birth_date"),  # type: ignore[arg-type]
        no_number_reason=str(data.get("no_number_reason") or ""),
        allow_possible_duplicate=False,
    )


@capability_required(*EDIT)
@require_POST
def member_end(request: AuthedHttpRequest, household_id: UUID, member_id: UUID) -> HttpResponse:
    household = _get_household(request, household_id)
    member = (
        HouseholdMember.objects.filter(pk=member_id, household=household, end_date__isnull=True)
        .select_related("person", "household")
        .first()
    )
    if member is None:
        raise Http404
    services.household_member_end(member=member, ended_by=request.user)
    messages.success(request, _("%(name)s har flyttat från hushållet.") % {"name": member.person})
    return redirect("households:household_detail", household_id=household.pk)
