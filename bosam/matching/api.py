"""The matching API: one class per operation, the same services and selectors as the pages, so
permissions and audit are the same. Decline reasons are named by their stable `code`."""

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

from bosam.accounts.models import Committee
from bosam.accounts.permissions import HasCapability
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.errors import AccessDenied
from bosam.households.models import Household
from bosam.households.selectors import household_visible_to
from bosam.matching import selectors, services
from bosam.matching.models import DeclineReason, HousingRequest, Offer
from bosam.properties.models import HeadLease, Usage

READ = selectors.READ_CAPABILITIES
WORK = (Capability.MATCHING_WORK,)
REQUEST = (Capability.HOUSING_REQUEST, Capability.MATCHING_WORK)


class MatchingRequestSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    household_id = serializers.UUIDField()
    unit_id = serializers.IntegerField()
    received_on = serializers.DateField()
    usage_category = serializers.CharField()
    committee_id = serializers.IntegerField()
    household_size = serializers.IntegerField()
    rooms_wanted = serializers.IntegerField()
    needs_wheelchair_access = serializers.BooleanField()
    needs_ground_floor_or_lift = serializers.BooleanField()
    districts_preferred = serializers.ListField(child=serializers.CharField())
    districts_avoided = serializers.ListField(child=serializers.CharField())
    other_needs = serializers.CharField()
    urgency = serializers.CharField()
    urgency_reason = serializers.CharField()
    needed_by = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)


class MatchingOfferSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    request_id = serializers.UUIDField()
    request_reference = serializers.CharField(source="request.reference")
    head_lease_id = serializers.IntegerField()
    apartment_id = serializers.IntegerField()
    apartment = serializers.CharField()
    available_from = serializers.DateField()
    offered_on = serializers.DateField()
    score = serializers.IntegerField()
    explanation = serializers.CharField()
    state = serializers.CharField()
    answered_on = serializers.DateField(allow_null=True)
    decline_reason = serializers.CharField(
        source="decline_reason.code", allow_null=True, default=None
    )
    declined_by = serializers.CharField(
        source="decline_reason.declined_by", allow_null=True, default=None
    )
    answer_note = serializers.CharField()
    sublet_id = serializers.UUIDField(allow_null=True)


class MatchingVacancySerializer(serializers.Serializer[Any]):
    head_lease_id = serializers.IntegerField(source="head_lease.pk")
    apartment = serializers.CharField()
    district = serializers.CharField(source="apartment.district")
    room_count = serializers.IntegerField(source="apartment.room_count")
    usage = serializers.CharField(source="head_lease.usage.code")
    committee_id = serializers.IntegerField(source="head_lease.committee_id")
    free_from = serializers.DateField()
    cause = serializers.CharField()
    open_offer_id = serializers.UUIDField(source="open_offer.pk", allow_null=True, default=None)


class MatchingScorePartSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    points = serializers.IntegerField()
    max_points = serializers.IntegerField()
    explanation = serializers.CharField()


class MatchingExclusionSerializer(serializers.Serializer[Any]):
    rule = serializers.CharField()
    message = serializers.CharField()


class MatchingProposalSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    request_id = serializers.UUIDField(source="request.id")
    request_reference = serializers.CharField(source="request.reference")
    head_lease_id = serializers.IntegerField(source="vacancy.id")
    apartment = serializers.CharField(source="vacancy.label")
    points = serializers.IntegerField()
    max_points = serializers.IntegerField()
    explanation = serializers.CharField()
    parts = MatchingScorePartSerializer(many=True)


class MatchingExcludedSerializer(serializers.Serializer[Any]):
    request_id = serializers.UUIDField(source="request.id")
    request_reference = serializers.CharField(source="request.reference")
    head_lease_id = serializers.IntegerField(source="vacancy.id")
    apartment = serializers.CharField(source="vacancy.label")
    exclusions = MatchingExclusionSerializer(many=True)


class MatchingRankingSerializer(serializers.Serializer[Any]):
    proposals = MatchingProposalSerializer(many=True)
    excluded = MatchingExcludedSerializer(many=True)


def _request(request: Request, request_id: UUID) -> HousingRequest:
    try:
        return selectors.request_get(user=request.user, request_id=request_id)
    except HousingRequest.DoesNotExist as exc:
        raise Http404 from exc


def _offer(request: Request, offer_id: UUID) -> Offer:
    try:
        return selectors.offer_get(user=request.user, offer_id=offer_id)
    except Offer.DoesNotExist as exc:
        raise Http404 from exc


class RequestListApi(APIView):
    """Requests the user may see (a social worker: own unit's), open and longest waiting first."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingRequestListFilter"

        status = serializers.ChoiceField(
            choices=HousingRequest.Status.choices, required=False, default=""
        )
        urgency = serializers.ChoiceField(
            choices=HousingRequest.Urgency.choices, required=False, default=""
        )

    @extend_schema(parameters=[FilterSerializer], responses=MatchingRequestSerializer(many=True))
    def get(self, request: Request) -> Response:
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = selectors.RequestFilters(**params.validated_data)
        paginator = LimitOffsetPagination()
        page = (
            paginator.paginate_queryset(
                selectors.request_list(user=request.user, filters=filters), request, view=self
            )
            or []
        )
        audit_list(actor=request.user, objects=page)
        return paginator.get_paginated_response(MatchingRequestSerializer(page, many=True).data)


class RequestCreateApi(APIView):
    """A request for an apartment for a household of the user's unit."""

    required_capabilities = REQUEST
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingRequestCreateInput"

        household = serializers.UUIDField()
        usage_category = serializers.ChoiceField(choices=Usage.Category.choices)
        committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all())
        household_size = serializers.IntegerField(min_value=1)
        rooms_wanted = serializers.IntegerField(min_value=1)
        needs_wheelchair_access = serializers.BooleanField(required=False, default=False)
        needs_ground_floor_or_lift = serializers.BooleanField(required=False, default=False)
        districts_preferred = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        districts_avoided = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        other_needs = serializers.CharField(required=False, allow_blank=True, default="")
        urgency = serializers.ChoiceField(
            choices=HousingRequest.Urgency.choices, required=False, default="normal"
        )
        urgency_reason = serializers.CharField(required=False, allow_blank=True, default="")
        needed_by = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses={201: MatchingRequestSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        household = Household.objects.filter(pk=values.pop("household")).first()
        if household is None:
            raise Http404
        if not household_visible_to(request.user).filter(pk=household.pk).exists():
            audit_record(actor=request.user, action=AuditAction.DENIED, obj=household)
            raise AccessDenied(_("Du kan bara beställa bostad för hushåll på din egen enhet."))
        made = services.request_create(created_by=request.user, household=household, **values)
        return Response(MatchingRequestSerializer(made).data, status=201)


class RequestDetailApi(APIView):
    """One request with its offers."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class OutputSerializer(MatchingRequestSerializer):
        class Meta:
            ref_name = "MatchingRequestDetail"

        offers = MatchingOfferSerializer(many=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, request_id: UUID) -> Response:
        found = _request(request, request_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
        body = dict(MatchingRequestSerializer(found).data)
        body["offers"] = MatchingOfferSerializer(
            selectors.offers_for_request(request=found), many=True
        ).data
        return Response(body)


class RequestWithdrawApi(APIView):
    """Withdraw a request (its open offer is taken back with it)."""

    required_capabilities = REQUEST
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingRequestWithdrawInput"

        reason = serializers.CharField(allow_blank=True)

    @extend_schema(request=InputSerializer, responses=MatchingRequestSerializer)
    def post(self, request: Request, request_id: UUID) -> Response:
        found = _request(request, request_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.request_withdraw(
            request=found, withdrawn_by=request.user, reason=data.validated_data["reason"]
        )
        return Response(MatchingRequestSerializer(found).data)


class RequestProposalsApi(APIView):
    """The vacancies ranked for a request, each explained; the excluded ones with the rule."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    @extend_schema(responses=MatchingRankingSerializer)
    def get(self, request: Request, request_id: UUID) -> Response:
        found = _request(request, request_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
        ranked = selectors.proposals_for_request(request=found, today=timezone.localdate())
        return Response(MatchingRankingSerializer(ranked.ranking).data)


class RequestWhyNotApi(APIView):
    """Why a given head lease's apartment is not proposed for the request."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    class QuerySerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingWhyNotQuery"

        head_lease = serializers.PrimaryKeyRelatedField(queryset=HeadLease.objects.all())

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingWhyNotAnswer"

        proposed = serializers.BooleanField()
        reasons = serializers.ListField(child=serializers.CharField())
        rules = serializers.ListField(child=serializers.CharField())
        proposal = MatchingProposalSerializer(allow_null=True)

    @extend_schema(parameters=[QuerySerializer], responses=OutputSerializer)
    def get(self, request: Request, request_id: UUID) -> Response:
        found = _request(request, request_id)
        params = self.QuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
        answer = selectors.why_not_answer(
            request=found,
            head_lease=params.validated_data["head_lease"],
            today=timezone.localdate(),
        )
        return Response(
            self.OutputSerializer(
                {
                    "proposed": not answer.reasons,
                    "reasons": answer.reasons,
                    "rules": [e.rule for e in answer.rules_excluding],
                    "proposal": answer.proposal,
                }
            ).data
        )


class VacancyListApi(APIView):
    """Vacant apartments and those becoming free, earliest first."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    @extend_schema(responses=MatchingVacancySerializer(many=True))
    def get(self, request: Request) -> Response:
        found = selectors.vacancies(today=timezone.localdate())
        return Response(MatchingVacancySerializer(found, many=True).data)


class VacancyProposalsApi(APIView):
    """The waiting requests ranked for a vacancy, each explained; the excluded with the rule."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    @extend_schema(responses=MatchingRankingSerializer)
    def get(self, request: Request, head_lease_id: int) -> Response:
        vacancy = selectors.vacancy_get(head_lease_id=head_lease_id, today=timezone.localdate())
        if vacancy is None:
            raise Http404
        ranked = selectors.proposals_for_vacancy(vacancy=vacancy, today=timezone.localdate())
        audit_list(actor=request.user, objects=list(ranked.requests.values()))
        return Response(MatchingRankingSerializer(ranked.ranking).data)


class OfferListApi(APIView):
    """Offers on the requests the user may see."""

    required_capabilities = READ
    permission_classes = [HasCapability]

    class FilterSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingOfferListFilter"

        state = serializers.ChoiceField(choices=Offer.State.choices, required=False, default="")

    @extend_schema(parameters=[FilterSerializer], responses=MatchingOfferSerializer(many=True))
    def get(self, request: Request) -> Response:
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        paginator = LimitOffsetPagination()
        page = (
            paginator.paginate_queryset(
                selectors.offer_list(user=request.user, **params.validated_data),
                request,
                view=self,
            )
            or []
        )
        audit_list(actor=request.user, objects=page)
        return paginator.get_paginated_response(MatchingOfferSerializer(page, many=True).data)


class OfferCreateApi(APIView):
    """Offer a vacancy to a waiting request. 400 `vacancy_taken` when another coordinator was
    first."""

    required_capabilities = WORK
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingOfferCreateInput"

        request = serializers.UUIDField()
        head_lease = serializers.PrimaryKeyRelatedField(queryset=HeadLease.objects.all())
        note = serializers.CharField(required=False, allow_blank=True, default="")
        override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: MatchingOfferSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        found = _request(request, values.pop("request"))
        made = services.offer_make(offered_by=request.user, request=found, **values)
        return Response(MatchingOfferSerializer(made).data, status=201)


class OfferDetailApi(APIView):
    required_capabilities = READ
    permission_classes = [HasCapability]

    @extend_schema(responses=MatchingOfferSerializer)
    def get(self, request: Request, offer_id: UUID) -> Response:
        found = _offer(request, offer_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
        return Response(MatchingOfferSerializer(found).data)


class OfferAcceptApi(APIView):
    """Yes: the sublet is made in the same step."""

    required_capabilities = REQUEST
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingOfferAcceptInput"

        move_in = serializers.DateField(required=False, allow_null=True, default=None)
        monthly_rent = serializers.DecimalField(
            max_digits=10, decimal_places=2, required=False, allow_null=True, default=None
        )
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=MatchingOfferSerializer)
    def post(self, request: Request, offer_id: UUID) -> Response:
        found = _offer(request, offer_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.offer_accept(offer=found, answered_by=request.user, **data.validated_data)
        return Response(MatchingOfferSerializer(found).data)


class OfferDeclineApi(APIView):
    """No, with a catalogue reason (its code); the vacancy returns to the pool."""

    required_capabilities = REQUEST
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingOfferDeclineInput"

        reason = serializers.SlugRelatedField(
            slug_field="code", queryset=DeclineReason.objects.all()
        )
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=MatchingOfferSerializer)
    def post(self, request: Request, offer_id: UUID) -> Response:
        found = _offer(request, offer_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.offer_decline(offer=found, answered_by=request.user, **data.validated_data)
        return Response(MatchingOfferSerializer(found).data)


class OfferWithdrawApi(APIView):
    required_capabilities = WORK
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingOfferWithdrawInput"

        reason = serializers.CharField(allow_blank=True)

    @extend_schema(request=InputSerializer, responses=MatchingOfferSerializer)
    def post(self, request: Request, offer_id: UUID) -> Response:
        found = _offer(request, offer_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.offer_withdraw(
            offer=found, withdrawn_by=request.user, reason=data.validated_data["reason"]
        )
        return Response(MatchingOfferSerializer(found).data)


class MatchingDaysSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField(source="summary.count")
    total = serializers.IntegerField(source="summary.total")
    mean = serializers.FloatField(source="summary.mean", allow_null=True)
    median = serializers.FloatField(source="summary.median", allow_null=True)
    ids = serializers.ListField(child=serializers.CharField())


class MatchingCountSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.CharField())


class MatchingFigureRowSerializer(serializers.Serializer[Any]):
    usage_category = serializers.CharField()
    usage_label = serializers.CharField()
    committee_id = serializers.IntegerField(allow_null=True)
    committee_name = serializers.CharField()
    requests_received = MatchingCountSerializer()
    days_to_offer = MatchingDaysSerializer()
    days_to_move_in = MatchingDaysSerializer()
    offers_declined = MatchingCountSerializer()
    vacancy_days_before_tenant = MatchingDaysSerializer()


class MatchingDeclineRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    declined_by = serializers.CharField()
    count = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.CharField())


class FiguresApi(APIView):
    """The year's matching figures per usage and committee, with the ids behind each."""

    required_capabilities = (Capability.STATISTICS, Capability.MATCHING_WORK)
    permission_classes = [HasCapability]

    class QuerySerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingFiguresQuery"

        year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "MatchingFigures"

        year = serializers.IntegerField()
        rows = MatchingFigureRowSerializer(many=True)
        declined_by_reason = MatchingDeclineRowSerializer(many=True)

    @extend_schema(parameters=[QuerySerializer], responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        params = self.QuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        year = params.validated_data.get("year") or timezone.localdate().year
        return Response(self.OutputSerializer(selectors.matching_figures(year)).data)
