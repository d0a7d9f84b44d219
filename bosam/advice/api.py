"""The advice API: one class per operation, the same services and selectors as the pages, so
permissions and audit are the same. Catalogue entries are named by their stable `code`."""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.permissions import HasCapability
from bosam.accounts.roles import Capability
from bosam.advice import selectors, services
from bosam.advice.catalogues import CATALOGUES
from bosam.advice.errors import AdviceError, AdviceErrorCode
from bosam.advice.figures import advice_figures
from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    AgeBand,
    DigitalHelpKind,
    HouseholdType,
    ReferralTarget,
)
from bosam.advice.rules import InvalidPeriod, period_from
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.errors import AccessDenied

READ = selectors.READ_CAPABILITIES
WORK = (Capability.ADVICE_WORK,)


def _code(model: Any) -> serializers.SlugRelatedField[Any]:
    # All entries, not only active: the service refuses a retired one with a clear message.
    return serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all())


class AdviceCaseOutputSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    received_on = serializers.DateField()
    channel = serializers.CharField(source="channel.code")
    reason = serializers.CharField(source="reason.code")
    anonymous = serializers.BooleanField(source="is_anonymous")
    person_id = serializers.UUIDField(allow_null=True)
    age_band = serializers.CharField()
    household_type = serializers.CharField()
    status = serializers.CharField()
    outcome = serializers.CharField(source="outcome.code", allow_null=True, default=None)
    closed_on = serializers.DateField(allow_null=True)
    adviser = serializers.CharField(source="adviser.username")
    notes = serializers.CharField()


class AdviceContactOutputSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    contact_on = serializers.DateField()
    minutes = serializers.IntegerField()
    advice_kinds: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=AdviceKind.objects.all()
    )
    digital_help_kinds: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=DigitalHelpKind.objects.all()
    )
    notes = serializers.CharField()


class AdviceReferralOutputSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    target = serializers.CharField(source="target.code")
    referred_on = serializers.DateField()
    special_reasons = serializers.CharField()


class AdviceCaseDetailOutputSerializer(AdviceCaseOutputSerializer):
    contacts = AdviceContactOutputSerializer(many=True)
    referrals = AdviceReferralOutputSerializer(many=True)
    earlier_case_ids = serializers.ListField(child=serializers.UUIDField())


def _case_get(request: Request, case_id: UUID, *, work: bool = False) -> AdviceCase:
    try:
        case = selectors.advice_case_get(user=request.user, case_id=case_id)
    except AdviceCase.DoesNotExist as exc:
        raise Http404 from exc
    if work and not selectors.advice_case_may_work(request.user, case):
        audit_record(actor=request.user, action=AuditAction.DENIED, obj=case)
        raise AccessDenied(_("Bara en rådgivare på ärendets enhet kan registrera arbete."))
    return case


class AdviceCaseListApi(APIView):
    """Cases the user may see, newest first, filtered like the list page."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceCaseListFilter"

        status = serializers.ChoiceField(choices=AdviceCase.Status.choices, required=False)
        mine = serializers.BooleanField(required=False, default=False)
        start = serializers.DateField(required=False)
        end = serializers.DateField(required=False)

    @extend_schema(parameters=[FilterSerializer], responses=AdviceCaseOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        cases = selectors.advice_case_list(user=request.user, **filters.validated_data)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(cases, request, view=self) or []
        audit_list(actor=request.user, objects=page)
        return paginator.get_paginated_response(AdviceCaseOutputSerializer(page, many=True).data)


class AdviceCaseCreateApi(APIView):
    """The intake: with a personal number (identified) or with age band and household type
    (anonymous)."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceCaseCreateInput"

        channel = _code(AdviceChannel)
        reason = _code(AdviceReason)
        personal_number = serializers.CharField(required=False, allow_blank=True, default="")
        first_name = serializers.CharField(required=False, allow_blank=True, default="")
        last_name = serializers.CharField(required=False, allow_blank=True, default="")
        age_band = serializers.ChoiceField(
            choices=AgeBand.choices, required=False, allow_blank=True, default=""
        )
        household_type = serializers.ChoiceField(
            choices=HouseholdType.choices, required=False, allow_blank=True, default=""
        )
        notes = serializers.CharField(required=False, allow_blank=True, default="")
        received_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses={201: AdviceCaseOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.advice_case_register(registered_by=request.user, **data.validated_data)
        return Response(AdviceCaseOutputSerializer(case).data, status=201)


class AdviceCaseDetailApi(APIView):
    """One case with its work, referrals and the person's earlier cases."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    @extend_schema(responses=AdviceCaseDetailOutputSerializer)
    def get(self, request: Request, case_id: UUID) -> Response:
        case = _case_get(request, case_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=case)
        earlier = (
            selectors.advice_case_earlier(user=request.user, person=case.person, exclude=case)
            if case.person is not None
            else []
        )
        audit_list(actor=request.user, objects=earlier)
        body = dict(AdviceCaseOutputSerializer(case).data)
        body["contacts"] = AdviceContactOutputSerializer(
            selectors.advice_case_contacts(case=case), many=True
        ).data
        body["referrals"] = AdviceReferralOutputSerializer(
            selectors.advice_case_referrals(case=case), many=True
        ).data
        body["earlier_case_ids"] = [str(c.pk) for c in earlier]
        return Response(body)


class AdviceContactCreateApi(APIView):
    """Record work on an open case."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceContactCreateInput"

        minutes = serializers.IntegerField()
        advice_kinds = serializers.SlugRelatedField(
            slug_field="code", queryset=AdviceKind.objects.all(), many=True, required=False
        )
        digital_help_kinds = serializers.SlugRelatedField(
            slug_field="code", queryset=DigitalHelpKind.objects.all(), many=True, required=False
        )
        notes = serializers.CharField(required=False, allow_blank=True, default="")
        contact_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses={201: AdviceContactOutputSerializer})
    def post(self, request: Request, case_id: UUID) -> Response:
        case = _case_get(request, case_id, work=True)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.advice_contact_record(
            case=case, recorded_by=request.user, **data.validated_data
        )
        return Response(AdviceContactOutputSerializer(contact).data, status=201)


class AdviceReferralCreateApi(APIView):
    """Refer the person onwards; the special reasons are required."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceReferralCreateInput"

        target = _code(ReferralTarget)
        special_reasons = serializers.CharField(allow_blank=True)
        referred_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses={201: AdviceReferralOutputSerializer})
    def post(self, request: Request, case_id: UUID) -> Response:
        case = _case_get(request, case_id, work=True)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = services.advice_referral_record(
            case=case, recorded_by=request.user, **data.validated_data
        )
        return Response(AdviceReferralOutputSerializer(referral).data, status=201)


class AdviceCaseCloseApi(APIView):
    """Close a case with its outcome; it still counts in the year it came in."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceCaseCloseInput"

        outcome = _code(AdviceOutcome)
        closed_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses=AdviceCaseOutputSerializer)
    def post(self, request: Request, case_id: UUID) -> Response:
        case = _case_get(request, case_id, work=True)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.advice_case_close(case=case, closed_by=request.user, **data.validated_data)
        return Response(AdviceCaseOutputSerializer(case).data)


class AdviceFigureSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.UUIDField())


class AdviceFigureRowSerializer(AdviceFigureSerializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label


class AdviceFiguresApi(APIView):
    """Figures for the cases received in a period (default: this year to date), with the case
    ids behind every number."""

    required_capabilities = (Capability.ADVICE_WORK, Capability.STATISTICS)
    permission_classes = [HasCapability]

    class PeriodSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceFiguresPeriod"

        start = serializers.DateField(required=False)
        end = serializers.DateField(required=False)

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AdviceFiguresOutput"

        start = serializers.DateField(source="period.start")
        end = serializers.DateField(source="period.end")
        received = AdviceFigureSerializer()
        identified = AdviceFigureSerializer()
        anonymous = AdviceFigureSerializer()
        with_digital_help = AdviceFigureSerializer()
        referred = AdviceFigureSerializer()
        still_open = AdviceFigureSerializer()
        people_more_than_once = serializers.IntegerField()
        cases_of_people_more_than_once = AdviceFigureSerializer()
        minutes_total = serializers.IntegerField()
        by_channel = AdviceFigureRowSerializer(many=True)
        by_reason = AdviceFigureRowSerializer(many=True)
        by_advice_kind = AdviceFigureRowSerializer(many=True)
        by_digital_help = AdviceFigureRowSerializer(many=True)
        by_referral_target = AdviceFigureRowSerializer(many=True)
        by_outcome = AdviceFigureRowSerializer(many=True)

    @extend_schema(parameters=[PeriodSerializer], responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        params = self.PeriodSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            period = period_from(
                params.validated_data.get("start"),
                params.validated_data.get("end"),
                today=timezone.localdate(),
            )
        except InvalidPeriod as exc:
            raise AdviceError(
                str(exc), code=AdviceErrorCode.INVALID_PERIOD, extra={"field": "end"}
            ) from exc
        figures = advice_figures(start=period.start, end=period.end)
        return Response(self.OutputSerializer(figures).data)


class AdviceCatalogueEntrySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class AdviceCatalogueListApi(APIView):
    """Every advice catalogue with its active entries (to build a client's choices)."""

    required_capabilities = (*READ, Capability.CATALOGUE_ADMIN)
    permission_classes = [HasCapability]

    @extend_schema(
        responses=inline_serializer(
            name="AdviceCatalogues",
            fields={slug: AdviceCatalogueEntrySerializer(many=True) for slug in CATALOGUES},
        )
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                slug: AdviceCatalogueEntrySerializer(
                    selectors.catalogue_entries(model), many=True
                ).data
                for slug, (model, _title) in CATALOGUES.items()
            }
        )
