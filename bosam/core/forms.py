"""Helpers that turn a service's ApplicationError into form errors on the right field."""

from typing import Any

from django import forms

from bosam.core.errors import ApplicationError


def add_application_error(form: forms.BaseForm, error: ApplicationError) -> None:
    """Put the message on the field the service named in extra['field'], else on the form."""
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, error.message)


class SwedishDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
