"""Query discipline: the prevention pages run as many SQL queries for one row as for many.

Each test opens the small case once to warm per-process caches, counts its queries, and asserts
the large case runs exactly as many (`django_assert_num_queries`). Timing belongs to the
benchmarks (bench/), not here.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from bosam.households.models import HouseholdMember, InterventionType
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention.models import LetterTemplate, Notification, OutreachAttempt, PreventionCase
from bosam.prevention.services import (
    case_intervention_record,
    letter_template_save,
    outreach_letter_send,
    outreach_record,
    prevention_case_close,
)
from bosam.prevention.tests.factories import make_landlord, personal_number, register
from bosam.testing import page_query_count

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]

_serial = iter(range(300, 1000))


def _template(by) -> LetterTemplate:  # type: ignore[no-untyped-def]
    return letter_template_save(
        saved_by=by,
        name=f"Mall {next(_serial)}",
        subject="Vi vill hjälpa dig",
        body="Hej! Ring oss.",
    )


def _case(org, by, size: int, *, close: bool = False) -> PreventionCase:  # type: ignore[no-untyped-def]
    """A case of a household with `size` children, `size` notifications from different
    landlords, `size` outreach attempts (half of them letters) and `size` interventions."""
    adult = make_person(
        "Per", f"Persson{size}", personal_number=personal_number(date(1970, 1, 1), next(_serial))
    )
    children = [
        (
            make_person("Barn", f"Persson{i}", birth_date=date(2012, 1, 1) + timedelta(days=i)),
            HouseholdMember.Relation.CHILD,
        )
        for i in range(size)
    ]
    make_household(org.unit_a, (adult, HouseholdMember.Relation.APPLICANT), *children)
    stages = list(Notification.Stage)
    case = None
    for i in range(size):
        notification = register(
            by,
            adult,
            landlord=make_landlord(f"Värd {i}"),
            received_on=date(2022, 5, 2) + timedelta(days=i),
            stage=stages[i % len(stages)],
            eviction_date=date(2022, 8, 1) if i % 4 == 3 else None,
        )
        case = notification.case
    assert case is not None
    template = _template(by)
    kvarboende = list(
        InterventionType.objects.filter(kind=InterventionType.Kind.KVARBOENDE, active=True)
    )
    for i in range(size):
        day = date(2022, 5, 3) + timedelta(days=i)
        if i % 2:
            outreach_letter_send(case=case, template=template, made_by=by, made_on=day)
        else:
            outreach_record(
                case=case,
                method=OutreachAttempt.Method.PHONE,
                made_on=day,
                result=OutreachAttempt.Result.REACHED,
                made_by=by,
            )
        case_intervention_record(
            case=case,
            type_code=kvarboende[i % len(kvarboende)].code,
            performed_on=day,
            performed_by=by,
        )
    if close:
        case = prevention_case_close(
            case=case,
            closed_by=by,
            outcome=PreventionCase.Outcome.KVARBOENDE,
            stayed_because=PreventionCase.StayedBecause.PAYMENT_PLAN,
            closed_on=date(2022, 5, 31),
        )
    return case


@pytest.mark.parametrize("closed", [False, True])
def test_case_detail_queries_do_not_grow_with_notifications_outreach_and_members(
    client, org, prevention_caseworker, closed, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = _case(org, prevention_caseworker, 1, close=closed)
    large = _case(org, prevention_caseworker, 8, close=closed)
    assert (large.notifications.count(), large.outreach.count()) == (8, 8)
    client.force_login(prevention_caseworker)
    page_query_count(client, reverse("prevention:case_detail", args=[small.pk]))
    few = page_query_count(client, reverse("prevention:case_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("prevention:case_detail", args=[large.pk]))


def test_template_list_queries_do_not_grow_with_templates(
    client, prevention_caseworker, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _template(prevention_caseworker)
    client.force_login(prevention_caseworker)
    url = reverse("prevention:template_list")
    page_query_count(client, url)
    few = page_query_count(client, url)
    for _ in range(10):
        _template(prevention_caseworker)
    with django_assert_num_queries(few):
        client.get(url)


def test_figures_queries_do_not_grow_with_cases(
    client, org, prevention_caseworker, manager, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _case(org, prevention_caseworker, 1, close=True)
    client.force_login(manager)
    url = reverse("prevention:figures")
    page_query_count(client, url)
    few = page_query_count(client, url)
    for size in (2, 3, 4):
        _case(org, prevention_caseworker, size, close=bool(size % 2))
    with django_assert_num_queries(few):
        client.get(url)


@pytest.mark.parametrize(
    "url_name",
    [
        "prevention:work_queue",
        "prevention:case_list",
        "prevention:notification_list",
    ],
)
def test_list_queries_do_not_grow_with_rows(
    client, org, prevention_caseworker, url_name, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _case(org, prevention_caseworker, 1)
    client.force_login(prevention_caseworker)
    url = reverse(url_name)
    page_query_count(client, url)
    few = page_query_count(client, url)
    for size in (2, 3, 4, 2, 3):
        _case(org, prevention_caseworker, size, close=size == 4)
    with django_assert_num_queries(few):
        client.get(url)
