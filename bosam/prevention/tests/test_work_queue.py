"""The work queue is ordered by the database; it must give the order the rule gives."""

from datetime import date, timedelta
from itertools import product

import pytest
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention import rules, selectors
from bosam.prevention.models import PreventionCase

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]
TODAY = date(2022, 6, 1)

_names = iter(range(10_000))


def _case(
    unit,  # type: ignore[no-untyped-def]
    *,
    frist: date | None = None,
    eviction: date | None = None,
    child_born: date | None = None,
    contacted: bool = False,
    opened_on: date = date(2022, 5, 2),
    status: str = PreventionCase.Status.OPEN,
) -> PreventionCase:
    n = next(_names)
    adult = make_person("Vuxen", f"Ek{n}", birth_date=date(1980, 1, 1))
    people = [(adult, HouseholdMember.Relation.APPLICANT)]
    if child_born:
        child = make_person("Barn", f"Ek{n}", birth_date=child_born)
        people.append((child, HouseholdMember.Relation.CHILD))
    household = make_household(unit, *people)
    return PreventionCase.objects.create(
        household=household,
        children_count=1 if child_born else 0,
        status=status,
        opened_on=opened_on,
        atervinningsfrist_ends_on=frist,
        eviction_date=eviction,
        first_contact_on=date(2022, 5, 20) if contacted else None,
        closed_on=date(2022, 5, 30) if status == PreventionCase.Status.CLOSED else None,
        outcome=PreventionCase.Outcome.MOVED if status == PreventionCase.Status.CLOSED else "",
    )


def _rule_order(cases: list[PreventionCase]) -> list[object]:
    # The queue reads the children the case counted (children_count), as the case list does.
    facts = [
        rules.QueueFacts(
            r.case.pk, r.deadline, r.case.children_count > 0, r.contacted, r.case.opened_on
        )
        for r in selectors.case_rows(cases, TODAY)
    ]
    return [f.case_id for f in rules.work_queue_order(facts)]


def test_the_database_orders_the_queue_as_the_rule_does(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    deadlines = [
        (None, None),
        (date(2022, 6, 3), None),  # frist ahead
        (date(2022, 5, 20), None),  # frist passed: no deadline
        (date(2022, 5, 20), date(2022, 6, 10)),  # frist passed: the eviction date counts
        (date(2022, 6, 20), date(2022, 6, 10)),  # eviction before the frist
        (None, date(2022, 6, 1)),  # eviction today
    ]
    children = [None, date(2015, 1, 1)]
    # each opened on its own day: the rule leaves no tie for the database to break
    cases = [
        _case(
            org.unit_a,
            frist=f,
            eviction=e,
            child_born=c,
            contacted=k,
            opened_on=date(2022, 3, 1) + timedelta(days=i),
        )
        for i, ((f, e), c, k) in enumerate(product(deadlines, children, [False, True]))
    ]
    _case(org.unit_a, frist=date(2022, 6, 2), status=PreventionCase.Status.CLOSED)
    ordered = selectors.work_queue_ids(user=prevention_caseworker, today=TODAY)
    assert list(ordered) == _rule_order(cases)


def test_the_urgent_count_counts_every_open_case_that_stands_out(
    org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    _case(org.unit_a, frist=date(2022, 6, 8))  # within a week, nobody reached
    _case(org.unit_a, eviction=date(2022, 6, 1))  # today
    _case(org.unit_a, frist=date(2022, 6, 8), contacted=True)
    _case(org.unit_a, frist=date(2022, 6, 9))  # eight days
    _case(org.unit_a, frist=date(2022, 5, 31))  # passed
    _case(org.unit_a, frist=date(2022, 6, 3), status=PreventionCase.Status.CLOSED)
    count = selectors.work_queue_urgent_count(user=prevention_caseworker, today=TODAY)
    rows = selectors.work_queue(user=prevention_caseworker, today=TODAY)
    assert count == sum(1 for r in rows if r.stands_out) == 2


def test_the_queue_shows_a_page_and_audits_only_that_page(
    client, org, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    later = [_case(org.unit_a, frist=date(2022, 6, 20)) for _ in range(50)]
    first = _case(org.unit_a, frist=date(2022, 6, 2))
    client.force_login(prevention_caseworker)
    page = client.get(reverse("prevention:work_queue")).content.decode()
    # the later cases tie (same deadline, opened the same frozen moment): which 49 of them make
    # the first page is the id's tie-break, but every one shown comes after the urgent case
    shown = [case for case in later if str(case.pk) in page]
    assert len(shown) == 49
    assert all(page.index(str(first.pk)) < page.index(str(case.pk)) for case in shown)
    assert "51 ärenden" in page
    listed = set(
        AuditEvent.objects.filter(action=AuditAction.LIST).values_list("object_id", flat=True)
    )
    assert len(listed) == 50
    assert str(first.pk) in listed
    second = client.get(reverse("prevention:work_queue"), {"page": 2}).content.decode()
    assert sum(str(c.pk) in second for c in [*later, first]) == 1


def test_the_start_page_panel_shows_the_most_urgent(client, org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    for _ in range(11):
        _case(org.unit_a, frist=date(2022, 6, 20))
    urgent = _case(org.unit_a, frist=date(2022, 6, 2), child_born=date(2015, 1, 1))
    client.force_login(prevention_caseworker)
    page = client.get(reverse("core:home")).content.decode()
    assert str(urgent.pk) in page
    household_rows = AuditEvent.objects.filter(action=AuditAction.LIST)
    assert household_rows.values("object_id").distinct().count() == 10
    assert household_rows.filter(person_id__isnull=False).exists()
