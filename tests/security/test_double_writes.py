"""Issue 21, item 6: no double writes. A household has one open request of each kind; a form
sent twice creates one record; an API create retried with the same Idempotency-Key creates one."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from bosam.accounts.models import User
from bosam.matching.errors import MatchingError, MatchingErrorCode
from bosam.matching.models import HousingRequest
from bosam.matching.tests.factories import make_client, make_request
from bosam.testing import Org

pytestmark = pytest.mark.django_db


def test_a_household_cannot_have_two_open_requests_of_the_same_kind(
    org: Org, social_worker_a: User
) -> None:
    # given a household with an open request for supported housing
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    # when the social worker requests the same kind again
    with pytest.raises(MatchingError) as refused:
        make_request(social_worker_a, household, org.committee)
    # then it is refused, naming the open request
    assert refused.value.code == MatchingErrorCode.DUPLICATE_OPEN_REQUEST
    assert first.reference in refused.value.message
    assert refused.value.extra["field"] == "usage_category"
    assert HousingRequest.objects.filter(household=household).count() == 1


def test_another_kind_or_a_closed_request_does_not_block_a_new_one(
    org: Org, social_worker_a: User
) -> None:
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    make_request(social_worker_a, household, org.committee, usage_category="training_apartment")
    from bosam.matching import services

    services.request_withdraw(request=first, withdrawn_by=social_worker_a, reason="Fel")
    make_request(social_worker_a, household, org.committee)
    assert HousingRequest.objects.filter(household=household).count() == 3


def test_the_database_refuses_a_second_open_request_of_the_same_kind(
    org: Org, social_worker_a: User
) -> None:
    # given an open request (made through the service)
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    # when a second open one of the same kind is written past the service
    twin = HousingRequest.objects.get(pk=first.pk)
    twin.pk = None
    twin.id = None
    twin.reference = "B-DUBBLETT"
    twin._state.adding = True
    # then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_second_request_from_the_form_is_refused_with_a_clear_message(
    client: Client, org: Org, social_worker_a: User
) -> None:
    household = make_client(org.unit_a)
    first = make_request(social_worker_a, household, org.committee)
    client.force_login(social_worker_a)
    response = client.post(
        reverse("matching:request_create"),
        {
            "household": household.pk,
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 1,
            "rooms_wanted": 2,
            "urgency": "normal",
        },
    )
    assert response.status_code == 200
    assert "redan en öppen beställning" in response.content.decode()
    assert first.reference in response.content.decode()
    assert HousingRequest.objects.filter(household=household).count() == 1
