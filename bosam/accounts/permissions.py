"""Capability checks for views and the API. Object-level scoping lives in each app's selectors."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from bosam.accounts.roles import Capability

ViewFunc = Callable[..., HttpResponse]


def user_can(user: Any, *capabilities: Capability) -> bool:
    """True when the (logged-in) user has at least one of the capabilities."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(user.has_capability(cap) for cap in capabilities)


def capability_required(*capabilities: Capability) -> Callable[[ViewFunc], ViewFunc]:
    """A view decorator: log in first, then at least one of the capabilities, else 403."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not user_can(request.user, *capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded = login_required(wrapped)
        # Read by the role-matrix test, which checks every page against every role.
        guarded.required_capabilities = capabilities  # type: ignore[attr-defined]
        return guarded

    return decorator


class HasCapability(BasePermission):
    """DRF permission: the view lists `required_capabilities`; the user needs one of them."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        required: tuple[Capability, ...] = getattr(view, "required_capabilities", ())
        if not required:
            return False  # fail closed: an API view must say what it needs
        return user_can(request.user, *required)
