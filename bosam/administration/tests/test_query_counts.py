"""Query discipline: the administration pages run as many SQL queries for one row as for many.

Each test counts the small case's queries after a warming request, and asserts the large case
runs exactly as many (`django_assert_num_queries`). Timing belongs to the benchmarks (bench/),
not here.
"""

from copy import copy

import pytest
from axes.models import AccessAttempt
from django.db import models
from django.urls import reverse

from bosam.accounts.models import User
from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.catalogues import Catalogue, all_catalogues
from bosam.households.models import InterventionType
from bosam.testing import make_user, page_query_count

pytestmark = pytest.mark.django_db


def _more_entries(catalogue: Catalogue, count: int) -> None:
    """`count` copies of the catalogue's first entry, its unique text fields made unique."""
    model = catalogue.model
    first = model._default_manager.first()
    assert first is not None, catalogue.key
    for i in range(count):
        entry = copy(first)
        entry.pk = None
        entry._state.adding = True
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key and isinstance(field, models.CharField):
                value = str(getattr(first, field.attname))[: (field.max_length or 60) - 8]
                setattr(entry, field.attname, f"{value}-extra{i}")
        entry.save()


def _more_intervention_types(count: int) -> None:
    for i in range(count):
        InterventionType.objects.create(
            code=f"extra_{i}",
            name=f"Extra insats {i}",
            kind=InterventionType.Kind.OTHER,
            counts_in_total=bool(i % 2),
            active=bool(i % 3),
        )


def test_catalogue_list_queries_do_not_grow_with_entries(
    client, sysadmin, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    url = reverse("administration:catalogue_list")
    page_query_count(client, url)
    few = page_query_count(client, url)
    _more_intervention_types(15)
    with django_assert_num_queries(few):
        client.get(url)


@pytest.mark.parametrize("catalogue", all_catalogues(), ids=lambda c: c.key)
def test_catalogue_detail_queries_do_not_grow_with_entries(
    client, sysadmin, catalogue, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    url = reverse("administration:catalogue_detail", args=[catalogue.key])
    page_query_count(client, url)
    few = page_query_count(client, url)
    _more_entries(catalogue, 15)
    with django_assert_num_queries(few):
        client.get(url)


def _attempts(user: User, count: int) -> None:
    for i in range(count):
        AccessAttempt.objects.create(
            username=user.username,
            ip_address=f"10.0.0.{i + 1}",
            user_agent="test",
            http_accept="*/*",
            path_info="/konto/logga-in/",
            get_data="",
            post_data="",
            failures_since_start=10,
        )


@pytest.mark.parametrize("service", [False, True])
def test_user_detail_queries_do_not_grow_with_attempts_and_audit_rows(
    client, org, sysadmin, service, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = make_user("liten", Role.SOCIAL_WORKER, org.unit_a)
    large = make_user("stor", Role.SOCIAL_WORKER, org.unit_a)
    User.objects.filter(pk__in=[small.pk, large.pk]).update(is_service_account=service)
    _attempts(large, 6)
    for _ in range(10):
        audit_record(actor=sysadmin, action=AuditAction.UPDATE, obj=large)
    for i in range(10):
        make_user(f"kollega{i}", Role.SOCIAL_WORKER, org.unit_a)
    client.force_login(sysadmin)
    page_query_count(client, reverse("administration:user_detail", args=[small.pk]))
    few = page_query_count(client, reverse("administration:user_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("administration:user_detail", args=[large.pk]))


def test_user_list_queries_do_not_grow_with_rows(
    client, org, sysadmin, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    make_user("en", Role.FINANCE, org.unit_a)
    client.force_login(sysadmin)
    url = reverse("administration:user_list")
    page_query_count(client, url)
    few = page_query_count(client, url)
    for i in range(30):
        user = make_user(f"u{i}", (Role.FINANCE, Role.SOCIAL_WORKER)[i % 2], org.unit_b)
        if i % 5 == 0:
            _attempts(user, 1)
    with django_assert_num_queries(few):
        client.get(url)
