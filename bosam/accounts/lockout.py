"""Failed logins: an account is locked at one address after AXES_FAILURE_LIMIT failures (django-
axes, per user name and address), and an address is locked for every account after
BOSAM_ADDRESS_FAILURE_LIMIT failures across accounts: password spraying, one common password
tried against many user names, never reaches any one account's limit.

The address limit is higher than the account limit: a municipality's offices reach Bosam through
a few shared addresses, and colleagues' honest typos must not lock out the whole office. The
client address is django-axes's own (settings AXES_IPWARE_*); a trusted reverse proxy is set up
there. A successful login clears that account's failures at that address (AXES_RESET_ON_SUCCESS)
but not the other accounts' failures, so an attacker's own valid account does not reset the
address count."""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's client address within the cool-off, any user name."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    total: int | None = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class AddressAndAccountLockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """django-axes's database handler, also counting failures per address across accounts."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_account: int = super().get_failures(request, credentials)
        if address_failures(request) >= settings.BOSAM_ADDRESS_FAILURE_LIMIT:
            # The address is locked: report the account's limit, so axes refuses (and says so)
            # exactly as it does for a locked account.
            return max(per_account, int(get_failure_limit(request, credentials)))
        return per_account
