"""The tenancies API: one class per operation, the same services and selectors as the pages, so
permissions and audit are the same. Catalogue entries are named by their stable `code`."""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.permissions import HasCapability
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.errors import AccessDenied
from bosam.households.models import Household
from bosam.households.selectors import household_visible_to
from bosam.properties.models import HeadLease
from bosam.tenancies import rules, selectors, services
from bosam.tenancies.models import Condition, FollowUp, Sublet
from bosam.tenancies.services.takeover import Decision

READ = (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT)
EDIT = (Capability.TENANCY_EDIT,)


class SubletOutputSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    number = serializers.CharField()
    household_id = serializers.UUIDField()
    apartment_id = serializers.IntegerField()
    apartment = serializers.CharField()
    head_lease_id = serializers.IntegerField()
    kind = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    monthly_rent = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit_id = serializers.IntegerField()
    committee_id = serializers.IntegerField()
    takeover_planned = serializers.BooleanField()
    planned_takeover_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    outcome = serializers.CharField()
    end_reason = serializers.CharField(source="end_reason.code", allow_null=True, default=None)


class FollowUpOutputSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    planned_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    participants = serializers.CharField()
    notes = serializers.CharField()


class SubletDetailOutputSerializer(SubletOutputSerializer):
    conditions: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Condition.objects.all()
    )
    conditions_text = serializers.CharField()
    follow_ups = FollowUpOutputSerializer(many=True)


def _sublet(request: Request, sublet_id: UUID) -> Sublet:
    try:
        return selectors.sublet_get(user=request.user, sublet_id=sublet_id)
    except Sublet.DoesNotExist as exc:
        raise Http404 from exc


class SubletListApi(APIView):
    """Sublets the user may see (a social worker: own unit's), newest first."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "SubletListFilter"

        q = serializers.CharField(required=False, default="")
        status = serializers.ChoiceField(choices=Sublet.Status.choices, required=False, default="")
        kind = serializers.ChoiceField(choices=Sublet.Kind.choices, required=False, default="")
        takeover_due = serializers.BooleanField(required=False, default=False)

    @extend_schema(parameters=[FilterSerializer], responses=SubletOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        sublets = selectors.sublet_list(
            user=request.user,
            filters=selectors.SubletFilters(
                query=data["q"],
                status=data["status"],
                kind=data["kind"],
                takeover_due=data["takeover_due"],
            ),
            today=timezone.localdate(),
        )
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(sublets, request, view=self) or []
        audit_list(actor=request.user, objects=page)
        return paginator.get_paginated_response(SubletOutputSerializer(page, many=True).data)


class SubletDetailApi(APIView):
    """One sublet with its conditions and follow-ups."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    @extend_schema(responses=SubletDetailOutputSerializer)
    def get(self, request: Request, sublet_id: UUID) -> Response:
        sublet = _sublet(request, sublet_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=sublet)
        return Response(SubletDetailOutputSerializer(sublet).data)


class SubletCreateApi(APIView):
    """Place a household on a head lease; records the placement intervention."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "SubletCreateInput"

        household_id = serializers.UUIDField()
        head_lease_id = serializers.IntegerField()
        start_date = serializers.DateField()
        end_date = serializers.DateField(required=False, allow_null=True, default=None)
        monthly_rent = serializers.DecimalField(
            max_digits=10, decimal_places=2, min_value=Decimal("0")
        )
        kind = serializers.ChoiceField(choices=Sublet.Kind.choices, required=False, default="")
        conditions: Any = serializers.SlugRelatedField(
            slug_field="code", many=True, queryset=Condition.objects.all(), required=False
        )
        conditions_text = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: SubletDetailOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        household = Household.objects.filter(pk=values.pop("household_id")).first()
        if household is None:
            raise Http404
        if not household_visible_to(request.user).filter(pk=household.pk).exists():
            audit_record(actor=request.user, action=AuditAction.DENIED, obj=household)
            raise AccessDenied(_("Du har inte behörighet till det här hushållet."))
        head_lease = HeadLease.objects.filter(pk=values.pop("head_lease_id")).first()
        if head_lease is None:
            raise Http404
        sublet = services.sublet_create(
            created_by=request.user,
            household=household,
            head_lease=head_lease,
            conditions=values.pop("conditions", []),
            **values,
        )
        return Response(SubletDetailOutputSerializer(sublet).data, status=201)


class FollowUpCreateApi(APIView):
    """Plan a follow-up, or record one already held (with `done_on` and notes)."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "FollowUpCreateInput"

        kind = serializers.ChoiceField(
            choices=FollowUp.Kind.choices, default=FollowUp.Kind.HOME_VISIT
        )
        planned_on = serializers.DateField()
        done_on = serializers.DateField(required=False, allow_null=True, default=None)
        participants = serializers.CharField(required=False, allow_blank=True, default="")
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: FollowUpOutputSerializer})
    def post(self, request: Request, sublet_id: UUID) -> Response:
        sublet = _sublet(request, sublet_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        follow_up = services.follow_up_plan(
            sublet=sublet,
            planned_by=request.user,
            planned_on=values["planned_on"],
            kind=values["kind"],
        )
        if values["done_on"] is not None:
            follow_up = services.follow_up_record(
                follow_up=follow_up,
                recorded_by=request.user,
                done_on=values["done_on"],
                notes=values["notes"],
                participants=values["participants"],
            )
        return Response(FollowUpOutputSerializer(follow_up).data, status=201)


class TakeoverApi(APIView):
    """Assess the household against the takeover criteria and decide: take over (ends the sublet
    and the head lease), extend, or only assess."""

    required_capabilities = EDIT
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "TakeoverInput"

        assessed_on = serializers.DateField()
        rent_paid_on_time = serializers.BooleanField()
        conditions_kept = serializers.BooleanField()
        no_disturbance = serializers.BooleanField()
        landlord_consent = serializers.BooleanField()
        decision = serializers.ChoiceField(
            choices=[Decision.TAKE_OVER, Decision.EXTEND, Decision.ASSESS_ONLY]
        )
        takeover_date = serializers.DateField(required=False, allow_null=True, default=None)
        new_planned_date = serializers.DateField(required=False, allow_null=True, default=None)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=SubletOutputSerializer)
    def post(self, request: Request, sublet_id: UUID) -> Response:
        sublet = _sublet(request, sublet_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        sublet = services.takeover_decide(
            sublet=sublet,
            decided_by=request.user,
            assessed_on=values["assessed_on"],
            criteria=rules.TakeoverCriteria(
                rent_paid_on_time=values["rent_paid_on_time"],
                conditions_kept=values["conditions_kept"],
                no_disturbance=values["no_disturbance"],
                landlord_consent=values["landlord_consent"],
            ),
            decision=values["decision"],
            takeover_date=values["takeover_date"],
            new_planned_date=values["new_planned_date"],
            notes=values["notes"],
        )
        return Response(SubletOutputSerializer(sublet).data)
