"""User administration: list, create, edit unit and role, deactivate, password, unlock."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.models import User
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.administration.forms import (
    ApiTokenForm,
    PasswordForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from bosam.administration.services import users as services
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.search_terms import clean_query
from bosam.core.submissions import one_time_submission

ADMIN = (Capability.USER_ADMIN,)


def _locked_usernames(usernames: list[str]) -> set[str]:
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        ).values_list("username", flat=True)
    )


@capability_required(*ADMIN)
def user_list(request: AuthedHttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    qs = User.objects.select_related("unit").order_by("username")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            text = clean_query(data["q"])
            if not text:
                qs = qs.none()  # typed, but no search (see clean_query)
            for word in text.split():
                qs = qs.filter(
                    Q(username__icontains=word)
                    | Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                )
        if data["role"]:
            qs = qs.filter(role=data["role"])
        if data["unit"]:
            qs = qs.filter(unit=data["unit"])
        if not data["inactive"]:
            qs = qs.filter(is_active=True)
    else:
        qs = qs.filter(is_active=True)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    locked = _locked_usernames([u.username for u in page.object_list])
    return TemplateResponse(
        request,
        "administration/user_list.html",
        {"form": form, "page": page, "locked": locked},
    )


@capability_required(*ADMIN)
@require_http_methods(["GET", "POST"])
@one_time_submission
def user_create(request: AuthedHttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                created_by=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
                is_service_account=data["is_service_account"],
                password=data["password1"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Användaren är skapad."))
            return redirect("administration:user_detail", user_id=user.pk)
    return TemplateResponse(request, "administration/user_form.html", {"form": form})


def user_detail_response(
    request: AuthedHttpRequest,
    user: User,
    *,
    password_form: PasswordForm | None = None,
    new_key: str = "",
    token_form: ApiTokenForm | None = None,
    status: int = 200,
) -> TemplateResponse:
    """The user's page; a new API key is shown here once, in the response that created it."""
    return TemplateResponse(
        request,
        "administration/user_detail.html",
        {
            "account": user,
            "locked": bool(_locked_usernames([user.username])),
            "tokens": services.api_tokens_of(user),
            "token_form": token_form or ApiTokenForm(),
            "password_form": password_form or PasswordForm(),
            "new_key": new_key,
        },
        status=status,
    )


@capability_required(*ADMIN)
def user_detail(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    return user_detail_response(
        request, get_object_or_404(User.objects.select_related("unit"), pk=user_id)
    )


@capability_required(*ADMIN)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(User, "user_id"))
def user_edit(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "unit": user.unit_id,
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=user, updated_by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("administration:user_detail", user_id=user.pk)
    return TemplateResponse(
        request, "administration/user_form.html", {"form": form, "account": user}
    )


@capability_required(*ADMIN)
@require_POST
def user_set_active(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(user=user, active=active, changed_by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Kontot är aktiverat.") if active else _("Kontot är inaktiverat.")
        )
    return redirect("administration:user_detail", user_id=user.pk)


@capability_required(*ADMIN)
@require_POST
def user_password(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            services.user_password_set(
                user=user, password=form.cleaned_data["password1"], changed_by=request.user
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Lösenordet är bytt och eventuell spärr hävd."))
            return redirect("administration:user_detail", user_id=user.pk)
    return user_detail_response(request, user, password_form=form, status=400)


@capability_required(*ADMIN)
@require_POST
def user_unlock(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    services.user_unlock(user=user, unlocked_by=request.user)
    messages.success(request, _("Spärren är hävd; användaren kan logga in igen."))
    return redirect("administration:user_detail", user_id=user.pk)
