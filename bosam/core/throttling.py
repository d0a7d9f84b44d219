"""API request throttling, per token and per anonymous address (issue 21).

Its own module: DRF imports DEFAULT_THROTTLE_CLASSES while defining APIView, so this module must
not import rest_framework.views (bosam.core.api does)."""

from typing import Any

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class PerTokenRateThrottle(UserRateThrottle):
    """Requests per signed-in API client (its token's user, or its session's) and time unit,
    at the rate BOSAM_API_RATE_PER_USER ("600/minute"); refused with 429 beyond it. The rate is
    read on each request, not when DRF's settings were first loaded, so it follows the settings.

    The counts live in the default cache: per process with the local-memory cache, so a server
    with several workers allows up to that many times the rate (see docs/security)."""

    def get_rate(self) -> str | None:
        return str(settings.BOSAM_API_RATE_PER_USER) or None

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        # Each API key counts on its own (several integrations of one service account do not
        # starve each other); a session counts per user.
        token_id = getattr(getattr(request, "auth", None), "pk", None)
        if token_id is not None and request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"token-{token_id}"}
        return super().get_cache_key(request, view)


class AnonymousRateThrottle(AnonRateThrottle):
    """Requests without credentials per client address, at BOSAM_API_RATE_ANONYMOUS."""

    def get_rate(self) -> str | None:
        return str(settings.BOSAM_API_RATE_ANONYMOUS) or None
