"""API tokens: every user their own; the user administrator those of service accounts.
A new key is shown once, in the response that made it; only its existence is kept visible."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from bosam.accounts.models import User
from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.administration.services import users as services
from bosam.administration.views.users import user_detail_response


@login_required
@require_http_methods(["GET", "POST"])
def my_api_token(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    new_key = ""
    if request.method == "POST":
        if request.POST.get("action") == "create":
            new_key = services.api_token_create(user=user, created_by=user)
        elif services.api_token_revoke(user=user, revoked_by=user):
            messages.success(request, _("API-nyckeln är återkallad."))
            return redirect("administration:my_api_token")
    token = Token.objects.filter(user=user).first()
    return TemplateResponse(
        request,
        "administration/my_api_token.html",
        {"token_created": token.created if token else None, "new_key": new_key},
    )


@capability_required(Capability.USER_ADMIN)
@require_POST
def service_account_token(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    if not services.may_manage_token(request.user, user):
        raise PermissionDenied(_("Bara tjänstekonton får API-nycklar av systemförvaltaren."))
    if request.POST.get("action") == "create":
        key = services.api_token_create(user=user, created_by=request.user)
        return user_detail_response(request, user, new_key=key)
    services.api_token_revoke(user=user, revoked_by=request.user)
    messages.success(request, _("API-nyckeln är återkallad."))
    return redirect("administration:user_detail", user_id=user.pk)
