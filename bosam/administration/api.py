"""The administration API: the organisation (read for every signed-in client, write for the
system administrator), users and their roles, and every catalogue. Input is validated by the
pages' own forms and written by the same services, so the API accepts, refuses and audits exactly
as the pages do."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.models import ApiToken, Committee, Office, Unit, User
from bosam.accounts.permissions import HasCapability, user_can
from bosam.accounts.roles import Capability, Role
from bosam.administration.forms import (
    CommitteeForm,
    OfficeForm,
    PasswordForm,
    UnitForm,
    UserCreateForm,
    UserEditForm,
)
from bosam.administration.services import organisation as organisation_services
from bosam.administration.services import users as user_services
from bosam.administration.views.catalogues import _form_class
from bosam.core.api import form_cleaned_data, with_etag
from bosam.core.catalogues import Catalogue, all_catalogues, catalogue_by_key
from bosam.core.search_terms import clean_query

USER_ADMIN = (Capability.USER_ADMIN,)
CATALOGUE_ADMIN = (Capability.CATALOGUE_ADMIN,)


def _form_data(request: Request, current: dict[str, Any] | None = None) -> QueryDict:
    """The request body as form data; for a partial update (PATCH) the fields not sent keep
    their current values, as if the page's form had been submitted unchanged."""
    data = QueryDict(mutable=True)
    for name, value in (current or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = str(value)
    if not isinstance(request.data, dict):
        raise DrfValidationError(_("Skicka ett JSON-objekt med fälten."))
    for name, value in request.data.items():
        if isinstance(value, bool):
            data.pop(name, None)
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    return data


# --- organisation -------------------------------------------------------------------------

# What the administrator edits of each kind (the pages' forms edit the same).
FIELDS = {
    "committee": ["name", "short_name", "active"],
    "office": ["name", "committee", "active"],
    "unit": ["name", "office", "is_housing_coordination", "active"],
}


class CommitteeOutputSerializer(serializers.ModelSerializer[Committee]):
    class Meta:
        model = Committee
        fields = ["id", *FIELDS["committee"]]


class OfficeOutputSerializer(serializers.ModelSerializer[Office]):
    class Meta:
        model = Office
        fields = ["id", *FIELDS["office"]]


class UnitOutputSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", *FIELDS["unit"]]


ORGANISATION = {
    "committee": (Committee, CommitteeForm, CommitteeOutputSerializer),
    "office": (Office, OfficeForm, OfficeOutputSerializer),
    "unit": (Unit, UnitForm, UnitOutputSerializer),
}


class OrganisationListApi(APIView):
    """Every committee, office or unit (inactive ones too: old records refer to them). Any
    signed-in client may read the organisation: creating a head lease or a household needs its
    ids."""

    permission_classes = [IsAuthenticated]
    kind = ""

    def get(self, request: Request) -> Response:
        model, _form, output = ORGANISATION[self.kind]
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(model._default_manager.order_by("name"), request, self)
        return paginator.get_paginated_response(output(page or [], many=True).data)


class OrganisationDetailApi(APIView):
    permission_classes = [IsAuthenticated]
    kind = ""

    def get(self, request: Request, entry_id: int) -> Response:
        model, _form, output = ORGANISATION[self.kind]
        entry = get_object_or_404(model, pk=entry_id)
        return with_etag(Response(output(entry).data), entry)


class OrganisationCreateApi(APIView):
    """Create a committee, office or unit (system administrator); audited like the page."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]
    kind = ""

    def post(self, request: Request) -> Response:
        model, form_class, output = ORGANISATION[self.kind]
        values = form_cleaned_data(form_class(_form_data(request)))
        entry = organisation_services.organisation_entry_create(
            model=model, values=values, created_by=request.user
        )
        return Response(output(entry).data, status=201)


class OrganisationUpdateApi(APIView):
    """Rename, move or deactivate (PATCH: only the fields sent change)."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]
    kind = ""

    def patch(self, request: Request, entry_id: int) -> Response:
        model, form_class, output = ORGANISATION[self.kind]
        entry = get_object_or_404(model, pk=entry_id)
        current = {name: _raw(entry, name) for name in FIELDS[self.kind]}
        values = form_cleaned_data(form_class(_form_data(request, current), instance=entry))
        entry.refresh_from_db()  # the ModelForm wrote into the instance; compare with the saved
        organisation_services.organisation_entry_update(
            entry=entry, values=values, updated_by=request.user
        )
        return with_etag(Response(output(entry).data), entry)


def _raw(entry: models.Model, name: str) -> Any:
    field = entry._meta.get_field(name)
    return getattr(entry, field.attname)  # type: ignore[union-attr]


def organisation_views(kind: str) -> dict[str, Any]:
    """The four operations of one kind, each named in the schema after the kind."""
    serializer = ORGANISATION[kind][2]
    tag = ["administration"]
    body = inline_serializer(
        name=f"{kind.title()}Input",
        fields={name: serializers.CharField(required=False) for name in FIELDS[kind]},
    )
    return {
        "list": extend_schema(responses=serializer(many=True), tags=tag)(
            type(f"{kind.title()}ListApi", (OrganisationListApi,), {"kind": kind})
        ),
        "detail": extend_schema(responses=serializer, tags=tag)(
            type(f"{kind.title()}DetailApi", (OrganisationDetailApi,), {"kind": kind})
        ),
        "create": extend_schema(request=body, responses={201: serializer}, tags=tag)(
            type(f"{kind.title()}CreateApi", (OrganisationCreateApi,), {"kind": kind})
        ),
        "update": extend_schema(request=body, responses=serializer, tags=tag)(
            type(f"{kind.title()}UpdateApi", (OrganisationUpdateApi,), {"kind": kind})
        ),
    }


# --- users --------------------------------------------------------------------------------


class UserOutputSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "unit",
            "is_active",
            "is_service_account",
            "last_login",
        ]


def _user(user_id: int) -> User:
    return get_object_or_404(User.objects.select_related("unit"), pk=user_id)


class UserListApi(APIView):
    """Users, filtered like the user list page (name or user name, role, unit, inactive)."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "UserListFilter"

        q = serializers.CharField(required=False, allow_blank=True)
        role = serializers.ChoiceField(choices=Role.choices, required=False)
        unit = serializers.IntegerField(required=False)
        inactive = serializers.BooleanField(required=False, default=False)

    @extend_schema(parameters=[FilterSerializer], responses=UserOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        users = User.objects.select_related("unit").order_by("username")
        if not data["inactive"]:
            users = users.filter(is_active=True)
        if data.get("role"):
            users = users.filter(role=data["role"])
        if data.get("unit"):
            users = users.filter(unit_id=data["unit"])
        if data.get("q"):
            text = clean_query(data["q"])  # typed, but no search: nobody, never everybody
            q = models.Q(pk__in=[])
            if text:
                q = models.Q()
                for name in ("username", "first_name", "last_name"):
                    q |= models.Q(**{f"{name}__icontains": text})
            users = users.filter(q)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(users, request, view=self) or []
        return paginator.get_paginated_response(UserOutputSerializer(page, many=True).data)


class UserDetailApi(APIView):
    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(responses=UserOutputSerializer)
    def get(self, request: Request, user_id: int) -> Response:
        user = _user(user_id)
        return with_etag(Response(UserOutputSerializer(user).data), user)


class UserCreateApi(APIView):
    """A new user with a role and unit; a service account gets no password (it uses a token)."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "UserCreateInput"

        username = serializers.CharField()
        first_name = serializers.CharField(required=False, allow_blank=True)
        last_name = serializers.CharField(required=False, allow_blank=True)
        email = serializers.EmailField(required=False, allow_blank=True)
        role = serializers.ChoiceField(choices=Role.choices)
        unit = serializers.IntegerField(required=False, allow_null=True)
        is_service_account = serializers.BooleanField(required=False, default=False)
        password = serializers.CharField(required=False, allow_blank=True, write_only=True)

    @extend_schema(request=InputSerializer, responses={201: UserOutputSerializer})
    def post(self, request: Request) -> Response:
        data = _form_data(request)
        if "password" in data:
            data["password1"] = data["password2"] = data.pop("password")[0]
        values = form_cleaned_data(UserCreateForm(data))
        user = user_services.user_create(
            created_by=request.user,
            username=values["username"],
            first_name=values["first_name"],
            last_name=values["last_name"],
            email=values["email"],
            role=values["role"],
            unit=values["unit"],
            is_service_account=values["is_service_account"],
            password=values.get("password1") or "",
        )
        return Response(UserOutputSerializer(user).data, status=201)


class UserUpdateApi(APIView):
    """Change name, e-mail, role or unit (PATCH: only the fields sent change)."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "UserUpdateInput"

        first_name = serializers.CharField(required=False, allow_blank=True)
        last_name = serializers.CharField(required=False, allow_blank=True)
        email = serializers.EmailField(required=False, allow_blank=True)
        role = serializers.ChoiceField(choices=Role.choices, required=False)
        unit = serializers.IntegerField(required=False, allow_null=True)

    @extend_schema(request=InputSerializer, responses=UserOutputSerializer)
    def patch(self, request: Request, user_id: int) -> Response:
        user = _user(user_id)
        current = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": user.role,
            "unit": user.unit_id,
        }
        values = form_cleaned_data(UserEditForm(_form_data(request, current)))
        user_services.user_update(user=user, updated_by=request.user, **values)
        return with_etag(Response(UserOutputSerializer(user).data), user)


class UserSetActiveApi(APIView):
    """Deactivate or reactivate an account (one cannot deactivate oneself)."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "UserSetActiveInput"

        active = serializers.BooleanField()

    @extend_schema(request=InputSerializer, responses=UserOutputSerializer)
    def post(self, request: Request, user_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(user_id)
        user_services.user_set_active(
            user=user, active=data.validated_data["active"], changed_by=request.user
        )
        return Response(UserOutputSerializer(user).data)


class UserPasswordApi(APIView):
    """Set a new password; it must pass the same password rules as on the page."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "UserPasswordInput"

        password = serializers.CharField(write_only=True)

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request: Request, user_id: int) -> Response:
        user = _user(user_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        password = data.validated_data["password"]
        form_cleaned_data(PasswordForm({"password1": password, "password2": password}))
        user_services.user_password_set(user=user, password=password, changed_by=request.user)
        return Response(status=204)


class UserUnlockApi(APIView):
    """Lift a lockout after failed logins."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, user_id: int) -> Response:
        user_services.user_unlock(user=_user(user_id), unlocked_by=request.user)
        return Response(status=204)


class ApiTokenOutputSerializer(serializers.ModelSerializer[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]


class ApiTokenInputSerializer(serializers.Serializer[Any]):
    class Meta:
        ref_name = "ApiTokenCreateInput"

    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


ISSUED_TOKEN = inline_serializer(
    "IssuedApiToken", {"key": serializers.CharField(), "token": ApiTokenOutputSerializer()}
)


def _issue(request: Request, user: User) -> Response:
    data = ApiTokenInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    token, key = user_services.api_token_create(
        user=user, created_by=request.user, **data.validated_data
    )
    return Response({"key": key, "token": ApiTokenOutputSerializer(token).data}, status=201)


class UserTokenListApi(APIView):
    """A user's API keys (never the keys themselves): name, first characters, expiry, last use."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(responses=ApiTokenOutputSerializer(many=True))
    def get(self, request: Request, user_id: int) -> Response:
        tokens = user_services.api_tokens_of(_user(user_id))
        return Response(ApiTokenOutputSerializer(tokens, many=True).data)


class UserTokenCreateApi(APIView):
    """Issue a service account's API key; the key is in this response only."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(request=ApiTokenInputSerializer, responses={201: ISSUED_TOKEN})
    def post(self, request: Request, user_id: int) -> Response:
        user = _user(user_id)
        if not user_services.may_manage_token(request.user, user):
            raise PermissionDenied(_("Bara tjänstekonton får API-nycklar av systemförvaltaren."))
        return _issue(request, user)


class UserTokenRevokeApi(APIView):
    """Revoke any user's key (a person who left, a key that leaked)."""

    required_capabilities = USER_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, user_id: int, token_id: int) -> Response:
        token = get_object_or_404(ApiToken, pk=token_id, user_id=user_id)
        user_services.api_token_revoke(token=token, revoked_by=request.user)
        return Response(status=204)


class MyTokenListApi(APIView):
    """The caller's own API keys."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ApiTokenOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        tokens = user_services.api_tokens_of(request.user)  # type: ignore[arg-type]
        return Response(ApiTokenOutputSerializer(tokens, many=True).data)


class MyTokenCreateApi(APIView):
    """A new key for the caller; the key is in this response only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ApiTokenInputSerializer, responses={201: ISSUED_TOKEN})
    def post(self, request: Request) -> Response:
        return _issue(request, request.user)  # type: ignore[arg-type]


class MyTokenRevokeApi(APIView):
    """Revoke one of the caller's own keys."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, token_id: int) -> Response:
        token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
        user_services.api_token_revoke(token=token, revoked_by=request.user)
        return Response(status=204)


# --- catalogues ---------------------------------------------------------------------------


def _catalogue(request: Request, key: str, *, write: bool = False) -> Catalogue:
    catalogue = catalogue_by_key(key)
    if catalogue is None:
        raise Http404
    if write and not user_can(request.user, Capability(catalogue.capability)):
        raise PermissionDenied
    return catalogue


def _columns(catalogue: Catalogue) -> list[str]:
    return [
        n for n in (catalogue.code_field, *catalogue.create_only_fields, *catalogue.fields) if n
    ]


def _entry_data(catalogue: Catalogue, entry: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {"id": str(entry.pk)}
    for name in _columns(catalogue):
        value = _raw(entry, name)
        data[name] = (
            value if isinstance(value, bool | int | float | str) or value is None else str(value)
        )
    return data


CATALOGUE_ENTRY = inline_serializer(
    "CatalogueEntry",
    {"id": serializers.CharField(), "code": serializers.CharField(required=False)},
)


class CatalogueListApi(APIView):
    """Every catalogue (usages, intervention types, conditions, end reasons …) with its entries'
    codes: an integration needs them to fill in a head lease or an intervention. Any signed-in
    client may read them."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "CatalogueList",
            {
                "key": serializers.CharField(),
                "label": serializers.CharField(),
                "fields": serializers.ListField(child=serializers.CharField()),
                "entries": serializers.ListField(child=serializers.DictField()),
            },
            many=True,
        )
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "key": catalogue.key,
                    "label": str(catalogue.label),
                    "fields": _columns(catalogue),
                    "entries": [
                        _entry_data(catalogue, entry)
                        for entry in catalogue.model._default_manager.all()
                    ],
                }
                for catalogue in all_catalogues()
            ]
        )


class CatalogueEntryCreateApi(APIView):
    """A new entry in one catalogue (system administrator), validated by the page's form."""

    required_capabilities = CATALOGUE_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(
        request=inline_serializer("CatalogueEntryInput", {"code": serializers.CharField()}),
        responses={201: CATALOGUE_ENTRY},
    )
    def post(self, request: Request, key: str) -> Response:
        catalogue = _catalogue(request, key, write=True)
        values = form_cleaned_data(_form_class(catalogue)(_form_data(request)))
        entry = organisation_services.catalogue_entry_create(
            catalogue=catalogue, values=values, created_by=request.user
        )
        return Response(_entry_data(catalogue, entry), status=201)


class CatalogueEntryUpdateApi(APIView):
    """Change an entry (PATCH: only the fields sent change; a used code stays fixed)."""

    required_capabilities = CATALOGUE_ADMIN
    permission_classes = [HasCapability]

    @extend_schema(
        request=inline_serializer("CatalogueEntryUpdateInput", {"code": serializers.CharField()}),
        responses=CATALOGUE_ENTRY,
    )
    def patch(self, request: Request, key: str, entry_id: str) -> Response:
        catalogue = _catalogue(request, key, write=True)
        try:
            entry = catalogue.model._default_manager.get(pk=entry_id)
        # A malformed id (e.g. not a UUID) is as unknown as a missing one.
        except (ObjectDoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
            raise Http404 from exc
        current = {name: _raw(entry, name) for name in _columns(catalogue)}
        form = _form_class(catalogue)(_form_data(request, current), instance=entry)
        values = form_cleaned_data(form)
        entry.refresh_from_db()
        organisation_services.catalogue_entry_update(
            catalogue=catalogue, entry=entry, values=values, updated_by=request.user
        )
        return with_etag(Response(_entry_data(catalogue, entry)), entry)
