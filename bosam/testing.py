"""Test personas, after healthchecks' alice/bob/charlie: one user per role, in known units.

`org` builds the organisation; each persona is a function of it, so a test names who acts:
`coordinator`, `social_worker_a` (unit A), `social_worker_b` (unit B, sees nothing of A's), ….
"""

from dataclasses import dataclass
from typing import Any, cast

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bosam.accounts.models import Committee, Office, Unit, User
from bosam.accounts.roles import Role


@dataclass
class Org:
    committee: Committee
    other_committee: Committee
    office: Office
    housing_unit: Unit
    unit_a: Unit
    unit_b: Unit


def make_org() -> Org:
    committee = Committee.objects.create(name="Socialnämnden", short_name="SN")
    other = Committee.objects.create(name="Vård- och omsorgsnämnden", short_name="VON")
    office = Office.objects.create(name="Socialkontoret", committee=committee)
    return Org(
        committee=committee,
        other_committee=other,
        office=office,
        housing_unit=Unit.objects.create(
            name="Bostadssamordningen", office=office, is_housing_coordination=True
        ),
        unit_a=Unit.objects.create(name="Vuxenenheten", office=office),
        unit_b=Unit.objects.create(name="Barn- och familjeenheten", office=office),
    )


PASSWORD = "persona-password-1"


def make_user(username: str, role: Role | str, unit: Unit | None) -> User:
    user = User(username=username, role=role, unit=unit, first_name=username.title())
    user.set_password(PASSWORD)
    user.save()
    return user


def seed_catalogues() -> None:
    """Run every Bosam data migration again (they are idempotent: `get_or_create`).

    A transactional test (the browser tests) ends with a flush that empties every table, including
    the catalogues the data migrations seeded; the tests after it would otherwise find no usage,
    intervention type or letter template. The audit trigger is schema, not data, and survives.
    """
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app_label, name in sorted(loader.disk_migrations):
        if app_label == "audit" or not apps.get_app_config(app_label).name.startswith("bosam."):
            continue
        for operation in loader.disk_migrations[app_label, name].operations:
            if isinstance(operation, RunPython):
                # The live registry answers get_model() as the migration state would; no data
                # migration uses the schema editor.
                operation.code(cast(Any, apps), cast(Any, None))


def page_query_count(client: Any, url: str, params: dict[str, str] | None = None) -> int:
    """The SQL queries one GET of a page runs, the page answering 200: the query-count tests
    compare it for a small and a large case (query discipline, docs/testing.md)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def api_key_for(user: User) -> str:
    """A working API key of the user's own, as the user would make it on *Mina API-nycklar*."""
    from bosam.administration.services.users import api_token_create

    _token, key = api_token_create(user=user, created_by=user)
    return key
