"""The prevention API: one class per operation, the same services and selectors as the pages.

`NotificationCreateApi` is the integration point: a landlord's or the Enforcement Authority's
system (through a user with PREVENTION_WORK and a token) posts a notification; its
`external_reference` makes a retry harmless (refused as a duplicate, with the existing id)."""

from typing import Any, ClassVar
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.permissions import HasCapability
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.api import with_etag
from bosam.core.errors import ApplicationError
from bosam.prevention import figures, selectors, services
from bosam.prevention.models import Notification, OutreachAttempt, PreventionCase

WORK = (Capability.PREVENTION_WORK,)


class _CaseApi(APIView):
    permission_classes: ClassVar = [HasCapability]  # type: ignore[misc]
    required_capabilities = WORK

    def get_case(self, request: Request, case_id: UUID) -> PreventionCase:
        from django.http import Http404

        try:
            return selectors.case_get(user=request.user, case_id=case_id)
        except PreventionCase.DoesNotExist as exc:
            raise Http404 from exc


class CaseOutputSerializer(serializers.Serializer[PreventionCase]):
    class Meta:
        ref_name = "PreventionCase"

    id = serializers.UUIDField()
    household_id = serializers.UUIDField()
    status = serializers.CharField()
    opened_on = serializers.DateField()
    atervinningsfrist_ends_on = serializers.DateField(allow_null=True)
    atervinningsfrist_provisional = serializers.BooleanField()
    eviction_date = serializers.DateField(allow_null=True)
    debt_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    first_contact_on = serializers.DateField(allow_null=True)
    children_count = serializers.IntegerField()
    closed_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    stayed_because = serializers.CharField()


class NotificationCreateApi(APIView):
    permission_classes: ClassVar = [HasCapability]  # type: ignore[misc]
    required_capabilities = WORK

    class TenantSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionNotificationCreateTenant"

        personal_number = serializers.CharField(max_length=15)
        first_name = serializers.CharField(max_length=100, required=False, default="")
        last_name = serializers.CharField(max_length=100, required=False, default="")

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionNotificationCreateInput"

        source = serializers.ChoiceField(choices=Notification.Source.choices)  # type: ignore[assignment]
        kind = serializers.ChoiceField(
            choices=Notification.Kind.choices,
            required=False,
            default="",
            help_text="What the law calls the notice; sets stage and cause.",
        )
        stage = serializers.ChoiceField(
            choices=Notification.Stage.choices,
            required=False,
            default="",
            help_text="Older callers: the kind is derived from stage and cause.",
        )
        cause = serializers.ChoiceField(
            choices=Notification.Cause.choices, default=Notification.Cause.RENT_ARREARS
        )
        received_on = serializers.DateField(required=False)
        tenants = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=4)
        landlord_org_number = serializers.CharField(max_length=11, required=False, default="")
        landlord_name = serializers.CharField(max_length=200, required=False, default="")
        street_address = serializers.CharField(max_length=200)
        postcode = serializers.CharField(max_length=6, required=False, default="")
        town = serializers.CharField(max_length=100, required=False, default="")
        landlord_reference = serializers.CharField(max_length=40, required=False, default="")
        debt_amount = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        months_behind = serializers.IntegerField(
            min_value=0, max_value=120, required=False, allow_null=True
        )
        notice_served_on = serializers.DateField(
            required=False,
            allow_null=True,
            help_text="The underrättelse served on the tenant (12 kap. 44 § JB).",
        )
        committee_notice_on = serializers.DateField(
            required=False,
            allow_null=True,
            help_text="The landlord's meddelande to the social welfare committee.",
        )
        eviction_date = serializers.DateField(required=False, allow_null=True)
        note = serializers.CharField(required=False, default="", allow_blank=True)
        external_reference = serializers.CharField(max_length=100, required=False, default="")

        def validate_tenants(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
            tenant = NotificationCreateApi.TenantSerializer(data=value, many=True)
            tenant.is_valid(raise_exception=True)
            return list(tenant.validated_data)

    class OutputSerializer(serializers.Serializer[Notification]):
        class Meta:
            ref_name = "PreventionNotificationCreateOutput"

        id = serializers.UUIDField()
        case_id = serializers.UUIDField()
        household_id = serializers.UUIDField(source="case.household_id")
        kind = serializers.CharField()
        atervinningsfrist_ends_on = serializers.DateField(allow_null=True)
        atervinningsfrist_provisional = serializers.BooleanField()
        eviction_date = serializers.DateField(allow_null=True)

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        summary=(
            "Register a notification (underrättelse); "  # i18n: not UI (English API docs)
            "opens or joins the household's case"
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        landlord = None
        org_number = data.pop("landlord_org_number")
        landlord_name = data.pop("landlord_name")
        if org_number:
            landlord = services.landlord_for_notification(
                name=landlord_name, org_number=org_number, created_by=request.user
            )
        if request.user.unit is None:  # type: ignore[union-attr]
            raise ApplicationError(_("Användaren saknar enhet."), code="no_unit")
        notification = services.notification_register(
            registered_by=request.user,
            unit=request.user.unit,  # type: ignore[union-attr]
            landlord=landlord,
            tenants=[services.TenantInput(**t) for t in data.pop("tenants")],
            received_on=data.pop("received_on", None) or timezone.localdate(),
            **data,
        )
        return Response(self.OutputSerializer(notification).data, status=status.HTTP_201_CREATED)


class NotificationListApi(APIView):
    permission_classes: ClassVar = [HasCapability]  # type: ignore[misc]
    required_capabilities = WORK

    class OutputSerializer(serializers.Serializer[Notification]):
        class Meta:
            ref_name = "PreventionNotificationListOutput"

        id = serializers.UUIDField()
        case_id = serializers.UUIDField()
        source = serializers.CharField()  # type: ignore[assignment]
        kind = serializers.CharField()
        stage = serializers.CharField()
        cause = serializers.CharField()
        received_on = serializers.DateField()
        period = serializers.DateField()
        landlord_id = serializers.IntegerField(allow_null=True)
        street_address = serializers.CharField()
        debt_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
        months_behind = serializers.IntegerField(allow_null=True)
        notice_served_on = serializers.DateField(allow_null=True)
        committee_notice_on = serializers.DateField(allow_null=True)
        atervinningsfrist_ends_on = serializers.DateField(allow_null=True)
        atervinningsfrist_provisional = serializers.BooleanField()
        eviction_date = serializers.DateField(allow_null=True)
        external_reference = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer(many=True)}, summary="Notifications")
    def get(self, request: Request) -> Response:
        from rest_framework.pagination import LimitOffsetPagination

        qs = selectors.notification_list(
            user=request.user,
            source=request.query_params.get("source", ""),
            stage=request.query_params.get("stage", ""),
        )
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        audit_list(actor=request.user, objects=page)
        output = self.OutputSerializer(page, many=True)  # type: ignore[arg-type]
        return paginator.get_paginated_response(output.data)


class NotificationNoticesUpdateApi(_CaseApi):
    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionNotificationNoticesUpdateInput"

        notice_served_on = serializers.DateField(allow_null=True)
        committee_notice_on = serializers.DateField(allow_null=True)

    class OutputSerializer(serializers.Serializer[Notification]):
        class Meta:
            ref_name = "PreventionNotificationNoticesUpdateOutput"

        id = serializers.UUIDField()
        notice_served_on = serializers.DateField(allow_null=True)
        committee_notice_on = serializers.DateField(allow_null=True)
        atervinningsfrist_ends_on = serializers.DateField(allow_null=True)
        atervinningsfrist_provisional = serializers.BooleanField()

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer},
        summary=(
            "The two notices' dates; the återvinningsfrist "  # i18n: not UI (English API docs)
            "is computed again from the later one"
        ),
    )
    def put(self, request: Request, case_id: UUID, notification_id: UUID) -> Response:
        from django.http import Http404

        case = self.get_case(request, case_id)
        notification = Notification.objects.filter(pk=notification_id, case=case).first()
        if notification is None:
            raise Http404
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notification = services.notification_notices_update(
            notification=notification, updated_by=request.user, **serializer.validated_data
        )
        return with_etag(Response(self.OutputSerializer(notification).data), notification)


class CaseQueueApi(APIView):
    permission_classes: ClassVar = [HasCapability]  # type: ignore[misc]
    required_capabilities = WORK

    class OutputSerializer(CaseOutputSerializer):
        class Meta:
            ref_name = "PreventionCaseQueueOutput"

        next_deadline = serializers.DateField(allow_null=True)
        stands_out = serializers.BooleanField()

    @extend_schema(
        responses={200: OutputSerializer(many=True)},
        summary="Open cases, most urgent first (the work queue)",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.work_queue(user=request.user, today=timezone.localdate())
        audit_list(actor=request.user, objects=[row.case for row in rows])
        data = []
        for row in rows:
            item = dict(CaseOutputSerializer(row.case).data)
            item.update(next_deadline=row.deadline, stands_out=row.stands_out)
            data.append(item)
        return Response(data)


class CaseDetailApi(_CaseApi):
    @extend_schema(responses={200: CaseOutputSerializer}, summary="One prevention case")
    def get(self, request: Request, case_id: UUID) -> Response:
        case = self.get_case(request, case_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=case)
        return Response(CaseOutputSerializer(case).data)


class OutreachCreateApi(_CaseApi):
    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionOutreachCreateInput"

        method = serializers.ChoiceField(choices=OutreachAttempt.Method.choices)
        made_on = serializers.DateField()
        result = serializers.ChoiceField(choices=OutreachAttempt.Result.choices)
        note = serializers.CharField(required=False, default="", allow_blank=True)

    class OutputSerializer(serializers.Serializer[OutreachAttempt]):
        class Meta:
            ref_name = "PreventionOutreachCreateOutput"

        id = serializers.UUIDField()
        method = serializers.CharField()
        made_on = serializers.DateField()
        result = serializers.CharField()

    @extend_schema(
        request=InputSerializer, responses={201: OutputSerializer}, summary="Record outreach"
    )
    def post(self, request: Request, case_id: UUID) -> Response:
        case = self.get_case(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attempt = services.outreach_record(
            case=case, made_by=request.user, **serializer.validated_data
        )
        return Response(self.OutputSerializer(attempt).data, status=status.HTTP_201_CREATED)


class InterventionCreateApi(_CaseApi):
    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionInterventionCreateInput"

        type_code = serializers.CharField(max_length=60)
        performed_on = serializers.DateField()
        notes = serializers.CharField(required=False, default="", allow_blank=True)

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionInterventionCreateOutput"

        id = serializers.UUIDField()
        type_code = serializers.CharField(source="intervention_type.code")
        performed_on = serializers.DateField()

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        summary="Record a stay-in-home intervention (kvarboende insats)",
    )
    def post(self, request: Request, case_id: UUID) -> Response:
        case = self.get_case(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        intervention = services.case_intervention_record(
            case=case, performed_by=request.user, **serializer.validated_data
        )
        return Response(self.OutputSerializer(intervention).data, status=status.HTTP_201_CREATED)


class CaseCloseApi(_CaseApi):
    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionCaseCloseInput"

        outcome = serializers.ChoiceField(choices=PreventionCase.Outcome.choices)
        stayed_because = serializers.ChoiceField(
            choices=PreventionCase.StayedBecause.choices, required=False, default=""
        )
        closed_on = serializers.DateField()
        note = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(
        request=InputSerializer, responses={200: CaseOutputSerializer}, summary="Close a case"
    )
    def post(self, request: Request, case_id: UUID) -> Response:
        case = self.get_case(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.prevention_case_close(
            case=case, closed_by=request.user, **serializer.validated_data
        )
        return Response(CaseOutputSerializer(case).data)


class FiguresApi(APIView):
    permission_classes: ClassVar = [HasCapability]  # type: ignore[misc]
    required_capabilities = (Capability.STATISTICS,)

    class FigureSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionFiguresFigure"

        count = serializers.IntegerField()
        ids = serializers.ListField(child=serializers.CharField())

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PreventionFiguresOutput"

        year = serializers.IntegerField()
        notifications_received = serializers.DictField()
        households_reached = serializers.DictField()
        stay_in_home_interventions = serializers.DictField()
        outcomes = serializers.DictField()
        evictions = serializers.DictField()
        children_affected = serializers.DictField()

    @extend_schema(
        responses={200: OutputSerializer},
        summary="The year's prevention figures, each with the ids behind it",
    )
    def get(self, request: Request) -> Response:
        text = request.query_params.get("year", "")
        year = int(text) if text.isdigit() else timezone.localdate().year

        def fig(f: figures.Figure) -> dict[str, Any]:
            return {"count": f.count, "ids": f.ids}

        reached = figures.households_reached(year)
        return Response(
            {
                "year": year,
                "notifications_received": fig(figures.notifications_received(year)),
                "households_reached": {
                    **fig(reached),
                    "median_days_to_first_contact": reached.median_days,
                    "within_7_days": reached.within_7_days,
                },
                "stay_in_home_interventions": fig(figures.stay_in_home_interventions(year)),
                "outcomes": {k: fig(v) for k, v in figures.outcomes(year).by_outcome.items()},
                "evictions": fig(figures.evictions(year)),
                "children_affected": fig(figures.children_affected(year)),
            }
        )
