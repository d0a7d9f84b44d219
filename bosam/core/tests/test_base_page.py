"""Every page has the region where a failed background (htmx) request is announced: without it a
save that failed on the server would look to the caseworker as if nothing happened."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_failed_background_request_has_an_alert_region_on_every_page(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    html = client.get(reverse("core:home")).content.decode()
    assert 'id="htmx-error"' in html
    assert 'role="alert"' in html
    assert "Ingenting sparades" in html


def test_the_failure_message_follows_the_chosen_language(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert "Nothing was saved" in html
