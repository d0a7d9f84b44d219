"""API keys: made, recognised and refused here; managed by the administration's services.

A key is `bosam_` and 40 random URL-safe characters. It is never stored: the database keeps its
SHA-256 digest (a key has 240 bits of entropy, so a fast hash is enough — a slow password hash
would only slow every API call)."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from bosam.accounts.models import ApiToken, User

KEY_PREFIX = "bosam_"
# How often the "last used" time is written: a busy integration should not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_token_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(30)


def token_expiry(days: int | None, *, now: datetime | None = None) -> datetime:
    """When a key made now expires: the days asked for, never beyond the installation's limit."""
    limit: int = settings.BOSAM_API_TOKEN_DAYS
    chosen = limit if days is None else max(1, min(days, limit))
    return (now or timezone.now()) + timedelta(days=chosen)


def token_is_valid(token: ApiToken, *, now: datetime | None = None) -> bool:
    return token.revoked_at is None and token.expires_at > (now or timezone.now())


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, checked against the stored digests. An unknown, expired or
    revoked key, or one of a deactivated account, gets 401 with a message saying which."""

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
        now = timezone.now()
        if token is None:
            raise AuthenticationFailed(_("API-nyckeln är okänd."))
        if token.revoked_at is not None:
            raise AuthenticationFailed(_("API-nyckeln är återkallad."))
        if token.expires_at <= now:
            raise AuthenticationFailed(_("API-nyckeln har gått ut. Skapa en ny."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("Kontot är inaktiverat."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return "Token"
