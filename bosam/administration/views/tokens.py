"""API keys: every user their own; the user administrator issues those of service accounts and
may revoke anyone's. A new key is shown once, in the response that made it; afterwards the list
shows its name, its first characters, when it expires and when it was last used."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bosam.accounts.models import ApiToken, User
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.administration.forms import ApiTokenForm
from bosam.administration.services import users as services
from bosam.administration.views.users import user_detail_response


@login_required
@require_http_methods(["GET", "POST"])
def my_api_token(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    new_key = ""
    form = ApiTokenForm()
    if request.method == "POST":
        if request.POST.get("action") == "create":
            form = ApiTokenForm(request.POST)
            if form.is_valid():
                _token, new_key = services.api_token_create(
                    user=user, created_by=user, **form.cleaned_data
                )
                form = ApiTokenForm()
        else:
            token = get_object_or_404(ApiToken, pk=request.POST.get("token"), user=user)
            services.api_token_revoke(token=token, revoked_by=user)
            messages.success(request, _("API-nyckeln är återkallad."))
            return redirect("administration:my_api_token")
    return TemplateResponse(
        request,
        "administration/my_api_token.html",
        {"tokens": services.api_tokens_of(user), "new_key": new_key, "token_form": form},
    )


@capability_required(Capability.USER_ADMIN)
@require_POST
def service_account_token(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    if request.POST.get("action") == "create":
        if not services.may_manage_token(request.user, user):
            raise PermissionDenied(_("Bara tjänstekonton får API-nycklar av systemförvaltaren."))
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return user_detail_response(request, user, token_form=form, status=400)
        _token, key = services.api_token_create(
            user=user, created_by=request.user, **form.cleaned_data
        )
        return user_detail_response(request, user, new_key=key)
    token = get_object_or_404(ApiToken, pk=request.POST.get("token"), user=user)
    services.api_token_revoke(token=token, revoked_by=request.user)
    messages.success(request, _("API-nyckeln är återkallad."))
    return redirect("administration:user_detail", user_id=user.pk)
