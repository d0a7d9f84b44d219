"""The persons and households API: one class per operation, the same selectors and services as
the pages, so scoping, refusals and audit rows are the same whether a person or a program asks."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.models import Unit
from bosam.accounts.permissions import HasCapability, user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.api import SearchPagination, with_etag
from bosam.core.errors import ApplicationError
from bosam.households import selectors, services
from bosam.households.errors import HouseholdError, HouseholdErrorCode
from bosam.households.models import Household, HouseholdMember, Person

READ = (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT)
EDIT = (Capability.HOUSEHOLD_EDIT,)
SEARCH = OpenApiParameter(
    "q", str, description="Personnummer (helt eller delvis) eller namn.", required=False
)


class BaseApi(APIView):
    permission_classes = [HasCapability]
    required_capabilities: tuple[Capability, ...] = ()


def _person(user: Any, person_id: UUID) -> Person:
    try:
        return selectors.person_get(user=user, person_id=person_id)
    except Person.DoesNotExist as exc:
        raise NotFound(_("Personen finns inte.")) from exc


def _household(user: Any, household_id: UUID) -> Household:
    try:
        return selectors.household_get(user=user, household_id=household_id)
    except Household.DoesNotExist as exc:
        raise NotFound(_("Hushållet finns inte.")) from exc


def _paginated(
    view: APIView, request: Request, qs: QuerySet[Any], output: Any, *, search: bool = False
) -> Response:
    """One page of a list, each record on it audited as listed. A search answers with its
    first page only (`SearchPagination`)."""
    paginator = SearchPagination() if search else LimitOffsetPagination()
    page = paginator.paginate_queryset(qs, request, view=view) or []
    audit_list(actor=request.user, objects=page)
    return paginator.get_paginated_response(output(page, many=True).data)


def _check_unit(user: Any, unit: Unit) -> None:
    """A social worker's households belong to their own unit; the housing unit may choose any."""
    if not unit.active:
        raise HouseholdError(
            _("Enheten är inaktiverad."),
            code=HouseholdErrorCode.UNIT_NOT_ALLOWED,
            extra={"field": "unit"},
        )
    if not user_can(user, Capability.PERSONAL_DATA_ALL) and unit.pk != user.unit_id:
        raise HouseholdError(
            _("Du kan bara välja din egen enhet."),
            code=HouseholdErrorCode.UNIT_NOT_ALLOWED,
            extra={"field": "unit"},
        )


class PersonSummarySerializer(serializers.Serializer[Person]):
    """A person as lists show them: the number masked."""

    id = serializers.UUIDField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    masked_number = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)


class PersonInputSerializer(serializers.Serializer[Any]):
    personal_number = serializers.CharField(required=False, allow_blank=True, max_length=15)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    birth_date = serializers.DateField(required=False, allow_null=True)
    no_number_reason = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("personal_number"):
            errors = {}
            if not attrs.get("birth_date"):
                errors["birth_date"] = _("Ange födelsedatum när personnummer saknas.")
            if not attrs.get("no_number_reason"):
                errors["no_number_reason"] = _("Ange varför personen saknar svenskt nummer.")
            if errors:
                raise serializers.ValidationError(errors)
        return attrs


class PersonDetailSerializer(serializers.Serializer[Person]):
    """One person with the full number: only the detail shows it, and the read is audited."""

    id = serializers.UUIDField()
    personal_number = serializers.CharField(source="formatted_number")
    number_kind = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    no_number_reason = serializers.CharField()
    merged_into = serializers.UUIDField(source="merged_into_id", allow_null=True)


class PersonListApi(BaseApi):
    required_capabilities = READ

    class OutputSerializer(PersonSummarySerializer):
        pass

    @extend_schema(parameters=[SEARCH], responses=OutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        qs = selectors.person_search_queryset(user=request.user, query=query)
        return _paginated(self, request, qs, self.OutputSerializer, search=True)


class PersonDetailApi(BaseApi):
    required_capabilities = READ

    class OutputSerializer(PersonDetailSerializer):
        households = serializers.SerializerMethodField()

        def get_households(self, person: Person) -> list[str]:
            return [str(pk) for pk in self.context["households"]]

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, person_id: UUID) -> Response:
        person = _person(request.user, person_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=person)
        households = (
            selectors.household_visible_to(request.user)
            .filter(memberships__person=person)
            .values_list("pk", flat=True)
            .distinct()
        )
        return with_etag(
            Response(self.OutputSerializer(person, context={"households": list(households)}).data),
            person,
        )


class PersonRegisterApi(BaseApi):
    """Register a person. Searches first: the same number is refused, and the same name and
    birth date is refused unless `confirm_new_person` says it is someone else."""

    required_capabilities = EDIT

    class InputSerializer(PersonInputSerializer):
        confirm_new_person = serializers.BooleanField(required=False, default=False)

    class OutputSerializer(PersonDetailSerializer):
        pass

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            person = services.person_register(
                registered_by=request.user,
                allow_possible_duplicate=data.pop("confirm_new_person"),
                **data,
            )
        except ApplicationError as exc:
            # Name only the existing records this user may open, and audit that they were shown.
            if "existing" in exc.extra:
                visible = list(
                    selectors.person_visible_to(request.user).filter(pk__in=exc.extra["existing"])
                )
                audit_list(actor=request.user, objects=visible)
                exc.extra["existing"] = [str(p.pk) for p in visible]
            raise
        return Response(self.OutputSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonUpdateApi(BaseApi):
    required_capabilities = EDIT

    class InputSerializer(PersonInputSerializer):
        pass

    class OutputSerializer(PersonDetailSerializer):
        pass

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request: Request, person_id: UUID) -> Response:
        person = _person(request.user, person_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = services.person_update(
            person=person, updated_by=request.user, **serializer.validated_data
        )
        return with_etag(Response(self.OutputSerializer(person).data), person)


class MemberSerializer(serializers.Serializer[HouseholdMember]):
    id = serializers.UUIDField()
    person = PersonSummarySerializer()
    relation = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)


class HouseholdSerializer(serializers.Serializer[Household]):
    id = serializers.UUIDField()
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")
    care_of = serializers.CharField()
    street_address = serializers.CharField()
    postcode = serializers.CharField()
    town = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    members = MemberSerializer(source="current_members_cached", many=True)


class HouseholdInputSerializer(serializers.Serializer[Any]):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    care_of = serializers.CharField(required=False, allow_blank=True, max_length=100)
    street_address = serializers.CharField(required=False, allow_blank=True, max_length=200)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=6)
    town = serializers.CharField(required=False, allow_blank=True, max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)


class HouseholdListApi(BaseApi):
    required_capabilities = READ

    class OutputSerializer(HouseholdSerializer):
        pass

    @extend_schema(parameters=[SEARCH], responses=OutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        qs = selectors.household_list(user=request.user, query=query)
        return _paginated(self, request, qs, self.OutputSerializer, search=bool(query.strip()))


class HouseholdDetailApi(BaseApi):
    required_capabilities = READ

    class OutputSerializer(HouseholdSerializer):
        notes = serializers.CharField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, household_id: UUID) -> Response:
        household = _household(request.user, household_id)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=household)
        return with_etag(Response(self.OutputSerializer(household).data), household)


class HouseholdCreateApi(BaseApi):
    """A new household with an applicant; a social worker creates it in their own unit."""

    required_capabilities = EDIT

    class InputSerializer(HouseholdInputSerializer):
        applicant = serializers.UUIDField()
        start_date = serializers.DateField(required=False, allow_null=True)

    class OutputSerializer(HouseholdSerializer):
        pass

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        applicant = _person(request.user, data.pop("applicant"))
        _check_unit(request.user, data["unit"])
        household = services.household_create(created_by=request.user, applicant=applicant, **data)
        household = _household(request.user, household.pk)
        return Response(self.OutputSerializer(household).data, status=status.HTTP_201_CREATED)


class HouseholdUpdateApi(BaseApi):
    """Change contact details or the responsible unit; fields left out stay as they are."""

    required_capabilities = EDIT

    class InputSerializer(HouseholdInputSerializer):
        pass

    class OutputSerializer(HouseholdSerializer):
        pass

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request: Request, household_id: UUID) -> Response:
        household = _household(request.user, household_id)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if "unit" in serializer.validated_data:
            _check_unit(request.user, serializer.validated_data["unit"])
        services.household_update(
            household=household, updated_by=request.user, **serializer.validated_data
        )
        household = _household(request.user, household.pk)
        return with_etag(Response(self.OutputSerializer(household).data), household)


class HouseholdMemberAddApi(BaseApi):
    required_capabilities = EDIT

    class InputSerializer(serializers.Serializer[Any]):
        person = serializers.UUIDField()
        relation = serializers.ChoiceField(choices=HouseholdMember.Relation.choices)
        start_date = serializers.DateField(required=False, allow_null=True)

    class OutputSerializer(MemberSerializer):
        pass

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request, household_id: UUID) -> Response:
        household = _household(request.user, household_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        member = services.household_member_add(
            household=household,
            person=_person(request.user, data["person"]),
            relation=data["relation"],
            start_date=data.get("start_date"),
            added_by=request.user,
        )
        return Response(self.OutputSerializer(member).data, status=status.HTTP_201_CREATED)


class HouseholdMemberEndApi(BaseApi):
    """A person leaves the household; the membership stays as history."""

    required_capabilities = EDIT

    class InputSerializer(serializers.Serializer[Any]):
        end_date = serializers.DateField(required=False, allow_null=True)

    class OutputSerializer(MemberSerializer):
        pass

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request: Request, household_id: UUID, member_id: UUID) -> Response:
        household = _household(request.user, household_id)
        member = (
            HouseholdMember.objects.filter(pk=member_id, household=household, end_date__isnull=True)
            .select_related("person", "household")
            .first()
        )
        if member is None:
            raise NotFound(_("Medlemskapet finns inte eller är redan avslutat."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.household_member_end(
            member=member, ended_by=request.user, end_date=serializer.validated_data.get("end_date")
        )
        return Response(self.OutputSerializer(member).data)
