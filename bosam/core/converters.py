"""Path converters shared by the apps' URL configurations."""

from django.urls.converters import IntConverter


class YearConverter(IntConverter):
    """A four-digit calendar year: /rapport/2022/. Anything else is a 404 at the URL, so no view
    ever computes figures for year 999999 (dates beyond 9999 do not exist)."""

    regex = "[0-9]{4}"

    def to_url(self, value: str | int) -> str:
        return f"{int(value):04d}"
