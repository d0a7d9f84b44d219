"""The request type views see after login and the htmx middleware, for precise type checking."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from bosam.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    """A request from a logged-in user (views behind `capability_required`)."""

    user: User
    htmx: HtmxDetails
