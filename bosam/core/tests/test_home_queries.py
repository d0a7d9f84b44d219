"""The start page gathers every module's work queue for the role: its query count has a ceiling
per role, so a module whose panel runs a query per row shows up here (each app's own tests check
that its panel does not grow with rows)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CEILING = 20


@pytest.mark.parametrize(
    "persona",
    [
        "coordinator",
        "prevention_caseworker",
        "adviser",
        "social_worker_a",
        "manager",
        "finance",
        "sysadmin",
        "committee_reader",
    ],
)
def test_start_page_queries_stay_under_the_ceiling(
    client, request, persona, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    client.get(reverse("core:home"))  # warm per-process caches
    with django_assert_max_num_queries(CEILING):
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
