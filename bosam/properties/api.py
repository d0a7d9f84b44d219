"""The register's API: one class per operation, the same services and selectors as the pages, so
permissions and audit are the same. Usages and end reasons are named by their stable `code`,
committees, landlords and apartments by id."""

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.models import Committee
from bosam.accounts.permissions import HasCapability
from bosam.accounts.roles import Capability
from bosam.properties import selectors, services
from bosam.properties.models import Apartment, EndReason, HeadLease, Landlord, Usage
from bosam.properties.rules import LeaseStatus, lease_status

READ = (Capability.REGISTER_VIEW,)
EDIT = (Capability.REGISTER_EDIT,)


def _code(model: Any) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all())


def _paginated(request: Request, view: APIView, queryset: Any, serializer: Any) -> Response:
    paginator = LimitOffsetPagination()
    page: list[Any] = paginator.paginate_queryset(queryset, request, view=view) or []
    return paginator.get_paginated_response(serializer(page, many=True).data)


# --- landlords --------------------------------------------------------------------------------


class LandlordContactOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    title = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class LandlordOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    org_number = serializers.CharField()
    kind = serializers.CharField()
    street_address = serializers.CharField()
    postcode = serializers.CharField()
    town = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    notes = serializers.CharField()


class LandlordDetailOutputSerializer(LandlordOutputSerializer):
    contacts = LandlordContactOutputSerializer(many=True, source="contacts.all")


class LandlordListApi(APIView):
    """Landlords, searchable by name or organisation number."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesLandlordListFilter"

        q = serializers.CharField(required=False, default="")
        kind = serializers.ChoiceField(choices=Landlord.Kind.choices, required=False, default="")
        new_in_year = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(parameters=[FilterSerializer], responses=LandlordOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        landlords = selectors.landlord_list(
            user=request.user, query=data["q"], kind=data["kind"], new_in_year=data["new_in_year"]
        )
        return _paginated(request, self, landlords, LandlordOutputSerializer)


class LandlordDetailApi(APIView):
    required_capabilities = READ
    permission_classes = [HasCapability]

    @extend_schema(responses=LandlordDetailOutputSerializer)
    def get(self, request: Request, landlord_id: int) -> Response:
        try:
            landlord = selectors.landlord_get(user=request.user, landlord_id=landlord_id)
        except Landlord.DoesNotExist as exc:
            raise Http404 from exc
        return Response(LandlordDetailOutputSerializer(landlord).data)


class LandlordCreateApi(APIView):
    """Register a landlord; the organisation number is validated (python-stdnum, se.orgnr)."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesLandlordCreateInput"

        name = serializers.CharField(max_length=200)
        org_number = serializers.CharField(max_length=13)
        kind = serializers.ChoiceField(choices=Landlord.Kind.choices, default=Landlord.Kind.PRIVATE)
        street_address = serializers.CharField(required=False, allow_blank=True, default="")
        postcode = serializers.CharField(required=False, allow_blank=True, default="")
        town = serializers.CharField(required=False, allow_blank=True, default="")
        phone = serializers.CharField(required=False, allow_blank=True, default="")
        email = serializers.EmailField(required=False, allow_blank=True, default="")
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: LandlordOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        landlord = services.landlord_create(by=request.user, **data.validated_data)
        return Response(LandlordOutputSerializer(landlord).data, status=status.HTTP_201_CREATED)


# --- apartments -------------------------------------------------------------------------------


class ApartmentOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    landlord_id = serializers.IntegerField()
    landlord_object_number = serializers.CharField()
    street_address = serializers.CharField()
    apartment_number = serializers.CharField()
    postcode = serializers.CharField()
    town = serializers.CharField()
    district = serializers.CharField()
    rooms = serializers.CharField()
    room_count = serializers.IntegerField()
    living_area = serializers.DecimalField(max_digits=6, decimal_places=1)
    floor = serializers.IntegerField(allow_null=True)
    has_lift = serializers.BooleanField()
    wheelchair_accessible = serializers.BooleanField()
    notes = serializers.CharField()


class ApartmentListApi(APIView):
    """Apartment objects, filtered like the list page (usage and committee of today's lease)."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesApartmentListFilter"

        q = serializers.CharField(required=False, default="")
        landlord = serializers.IntegerField(required=False, allow_null=True, default=None)
        district = serializers.CharField(required=False, default="")
        usage = serializers.IntegerField(required=False, allow_null=True, default=None)
        committee = serializers.IntegerField(required=False, allow_null=True, default=None)
        leased = serializers.ChoiceField(choices=["", "yes", "no"], required=False, default="")

    @extend_schema(parameters=[FilterSerializer], responses=ApartmentOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        apartments = selectors.apartment_list(
            user=request.user,
            filters=selectors.ApartmentFilters(
                query=data["q"],
                landlord_id=data["landlord"],
                district=data["district"],
                usage_id=data["usage"],
                committee_id=data["committee"],
                leased=data["leased"],
            ),
        )
        return _paginated(request, self, apartments, ApartmentOutputSerializer)


class ApartmentDetailApi(APIView):
    required_capabilities = READ
    permission_classes = [HasCapability]

    @extend_schema(responses=ApartmentOutputSerializer)
    def get(self, request: Request, apartment_id: int) -> Response:
        try:
            apartment = selectors.apartment_get(user=request.user, apartment_id=apartment_id)
        except Apartment.DoesNotExist as exc:
            raise Http404 from exc
        return Response(ApartmentOutputSerializer(apartment).data)


class ApartmentCreateApi(APIView):
    """Register an apartment object with the landlord's object number (unique per landlord)."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesApartmentCreateInput"

        landlord = serializers.PrimaryKeyRelatedField(queryset=Landlord.objects.all())
        landlord_object_number = serializers.CharField(max_length=40)
        street_address = serializers.CharField(max_length=200)
        apartment_number = serializers.CharField(required=False, allow_blank=True, default="")
        postcode = serializers.CharField(required=False, allow_blank=True, default="")
        town = serializers.CharField(max_length=100)
        district = serializers.CharField(required=False, allow_blank=True, default="")
        rooms = serializers.CharField(max_length=20)
        room_count = serializers.IntegerField(min_value=1)
        living_area = serializers.DecimalField(max_digits=6, decimal_places=1)
        floor = serializers.IntegerField(required=False, allow_null=True, default=None)
        has_lift = serializers.BooleanField(required=False, default=False)
        wheelchair_accessible = serializers.BooleanField(required=False, default=False)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: ApartmentOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        apartment = services.apartment_create(by=request.user, **data.validated_data)
        return Response(ApartmentOutputSerializer(apartment).data, status=status.HTTP_201_CREATED)


# --- head leases ------------------------------------------------------------------------------


class HeadLeaseOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    apartment_id = serializers.IntegerField()
    landlord_id = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    notice_period_months = serializers.IntegerField()
    notice_given_on = serializers.DateField(allow_null=True)
    security_of_tenure_waived = serializers.BooleanField()
    monthly_rent = serializers.DecimalField(max_digits=10, decimal_places=2)
    committee_id = serializers.IntegerField()
    usage = serializers.CharField(source="usage.code")
    end_reason = serializers.CharField(source="end_reason.code", allow_null=True, default=None)
    end_note = serializers.CharField()
    notes = serializers.CharField()
    status = serializers.SerializerMethodField()
    on_reused_object = serializers.SerializerMethodField()

    def get_status(self, lease: HeadLease) -> str:
        return str(
            lease_status(
                start_date=lease.start_date,
                end_date=lease.end_date,
                notice_given_on=lease.notice_given_on,
                today=timezone.localdate(),
            )
        )

    def get_on_reused_object(self, lease: HeadLease) -> bool | None:
        return getattr(lease, "is_reused", None)


class HeadLeaseListApi(APIView):
    """Head leases, filtered like the list page."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesHeadLeaseListFilter"

        q = serializers.CharField(required=False, default="")
        status = serializers.ChoiceField(
            choices=[s.value for s in LeaseStatus], required=False, default=""
        )
        usage = serializers.IntegerField(required=False, allow_null=True, default=None)
        landlord = serializers.IntegerField(required=False, allow_null=True, default=None)
        committee = serializers.IntegerField(required=False, allow_null=True, default=None)
        district = serializers.CharField(required=False, default="")
        ending_soon = serializers.BooleanField(required=False, default=False)
        started_in = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(parameters=[FilterSerializer], responses=HeadLeaseOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        leases = selectors.head_lease_list(
            user=request.user,
            filters=selectors.HeadLeaseFilters(
                query=data["q"],
                status=data["status"],
                usage_id=data["usage"],
                landlord_id=data["landlord"],
                committee_id=data["committee"],
                district=data["district"],
                ending_soon=data["ending_soon"],
                started_in=data["started_in"],
            ),
        )
        return _paginated(request, self, leases, HeadLeaseOutputSerializer)


def _head_lease(request: Request, head_lease_id: int) -> HeadLease:
    try:
        return selectors.head_lease_get(user=request.user, head_lease_id=head_lease_id)
    except HeadLease.DoesNotExist as exc:
        raise Http404 from exc


class HeadLeaseDetailApi(APIView):
    required_capabilities = READ
    permission_classes = [HasCapability]

    @extend_schema(responses=HeadLeaseOutputSerializer)
    def get(self, request: Request, head_lease_id: int) -> Response:
        return Response(HeadLeaseOutputSerializer(_head_lease(request, head_lease_id)).data)


class HeadLeaseCreateApi(APIView):
    """Register a head lease on an apartment; refused (400, `overlapping_lease`) if it would
    overlap another lease on it."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesHeadLeaseCreateInput"

        apartment = serializers.PrimaryKeyRelatedField(queryset=Apartment.objects.all())
        number = serializers.CharField(required=False, allow_blank=True, default="")
        start_date = serializers.DateField()
        end_date = serializers.DateField(required=False, allow_null=True, default=None)
        notice_period_months = serializers.IntegerField(min_value=0, max_value=24, default=3)
        security_of_tenure_waived = serializers.BooleanField(required=False, default=True)
        monthly_rent = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
        committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all())
        usage = _code(Usage)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: HeadLeaseOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lease = services.head_lease_create(by=request.user, **data.validated_data)
        lease = _head_lease(request, lease.pk)
        return Response(HeadLeaseOutputSerializer(lease).data, status=status.HTTP_201_CREATED)


class HeadLeaseEndApi(APIView):
    """End a head lease: its last day and a reason code (e.g. `returned_to_landlord`,
    `tenant_took_over`), optionally the day notice was given."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PropertiesHeadLeaseEndInput"

        end_date = serializers.DateField()
        reason = _code(EndReason)
        note = serializers.CharField(required=False, allow_blank=True, default="")
        notice_given_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses=HeadLeaseOutputSerializer)
    def post(self, request: Request, head_lease_id: int) -> Response:
        lease = _head_lease(request, head_lease_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.head_lease_end(head_lease=lease, by=request.user, **data.validated_data)
        return Response(HeadLeaseOutputSerializer(_head_lease(request, head_lease_id)).data)
