"""Issue 21, item 11: in production the API's schema and docs need a login."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bosam.accounts.models import User
from bosam.testing import api_key_for

pytestmark = pytest.mark.django_db


def test_the_schema_is_refused_to_an_anonymous_visitor(client: Client) -> None:
    assert client.get(reverse("api-schema")).status_code == 401


def test_the_docs_send_an_anonymous_visitor_to_the_login_page(client: Client) -> None:
    response = client.get(reverse("api-docs"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_signed_in_user_or_token_gets_the_schema_and_docs(
    client: Client, coordinator: User
) -> None:
    by_token = client.get(
        reverse("api-schema"), HTTP_AUTHORIZATION=f"Token {api_key_for(coordinator)}"
    )
    assert by_token.status_code == 200
    client.force_login(coordinator)
    assert client.get(reverse("api-docs")).status_code == 200


def test_requiring_a_login_is_on_unless_debug() -> None:
    from django.conf import settings

    # config.test_settings runs with DEBUG off, as production does.
    assert settings.DEBUG is False
    assert settings.BOSAM_API_SCHEMA_REQUIRES_LOGIN is True


def test_an_installation_may_publish_its_schema(client: Client, settings: Any) -> None:
    settings.BOSAM_API_SCHEMA_REQUIRES_LOGIN = False
    assert client.get(reverse("api-schema")).status_code == 200
    assert client.get(reverse("api-docs")).status_code == 200
