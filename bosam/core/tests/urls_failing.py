"""A URL whose view fails, for the error-reporting tests (pytest.mark.urls)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def failing(request: HttpRequest) -> HttpResponse:
    # An error whose message carries what the request held, as a careless one would.
    raise ValueError(f"could not find {request.GET.get('q', '')}")


urlpatterns = [path("fel/", failing, name="failing")]
