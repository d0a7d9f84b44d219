import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_openapi_schema_builds_without_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Every app's API is in the one schema: a warning anywhere fails here, not in a client.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert "/api/v1/households/persons/" in (tmp_path / "schema.yaml").read_text()
