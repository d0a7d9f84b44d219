"""API error shape: {"message", "code", "extra"} for every refusal, as the views show them."""

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import status
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from bosam.core.concurrency import StaleUpdate, etag_for
from bosam.core.errors import AccessDenied, ApplicationError
from bosam.core.search_terms import SEARCH_PAGE_SIZE


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, AccessDenied):
        return Response(
            {"message": exc.message, "code": exc.code, "extra": exc.extra},
            status=status.HTTP_403_FORBIDDEN,
        )
    if isinstance(exc, StaleUpdate):
        return Response(
            {"message": exc.message, "code": exc.code, "extra": exc.extra},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, ApplicationError):
        return Response(
            {"message": exc.message, "code": exc.code, "extra": exc.extra},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and not isinstance(exc, PermissionDenied):
        detail = response.data
        message = detail.get("detail") if isinstance(detail, dict) else None
        response.data = {
            "message": str(message) if message else _("Uppgifterna är inte giltiga."),
            "code": getattr(exc, "default_code", "error"),
            "extra": {} if message else {"fields": detail},
        }
    return response


def with_etag(response: Response, obj: Any) -> Response:
    """Give a record's response its version as `ETag`; a client that sends it back as
    `If-Match` on a write is refused with 409 (`stale_version`) if the record changed since."""
    response["ETag"] = etag_for(obj)
    return response


class BosamAutoSchema(AutoSchema):
    """Names a nested serializer after its API class: `PersonListApi.OutputSerializer` becomes
    the component `PersonListOutput`, so every API can call its serializers Input/Output
    (the house style) without colliding in the OpenAPI schema."""

    def get_serializer_name(
        self, serializer: Any, direction: Literal["request", "response"]
    ) -> str:
        qualname = type(serializer).__qualname__
        outer, _, inner = qualname.rpartition(".")
        if outer.endswith("Api"):
            return outer.removesuffix("Api") + inner.removesuffix("Serializer")
        return str(super().get_serializer_name(serializer, direction))


class SearchPagination(LimitOffsetPagination):
    """A search's answer: its first page only, at most `SEARCH_PAGE_SIZE` records. `count` says
    how many matched; when that is more than the page the client narrows the term (there is
    no next page: a search is not a way to page through the register)."""

    default_limit = SEARCH_PAGE_SIZE
    max_limit = SEARCH_PAGE_SIZE

    def get_offset(self, request: Request) -> int:
        return 0

    def get_next_link(self) -> str | None:
        return None

    def get_previous_link(self) -> str | None:
        return None


class ApiSchemaAccess(BasePermission):
    """The OpenAPI schema and its browsable docs: only for a signed-in user (session or token)
    when BOSAM_API_SCHEMA_REQUIRES_LOGIN is on (the default unless DEBUG). The schema names
    every operation and field an attacker would probe; an integrator has a token anyway."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not settings.BOSAM_API_SCHEMA_REQUIRES_LOGIN:
            return True
        return bool(request.user and request.user.is_authenticated)


def form_cleaned_data(form: Any) -> dict[str, Any]:
    """Validate API input with the page's own Django form, so a page and the API accept and
    refuse the same things; a refusal is a 400 whose `extra.fields` names each field."""
    if not form.is_valid():
        raise DrfValidationError(
            {field: [str(e) for e in errors] for field, errors in form.errors.items()}
        )
    return dict(form.cleaned_data)
