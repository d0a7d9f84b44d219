"""What the matching pages share: fetching a record the user may see, or 404/403."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.errors import AccessDenied
from bosam.matching import selectors
from bosam.matching.models import HousingRequest, Offer

READ = selectors.READ_CAPABILITIES
WORK = (Capability.MATCHING_WORK,)
REQUEST = (Capability.HOUSING_REQUEST, Capability.MATCHING_WORK)


def get_request(request: AuthedHttpRequest, request_id: UUID) -> HousingRequest:
    try:
        return selectors.request_get(user=request.user, request_id=request_id)
    except HousingRequest.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc


def get_offer(request: AuthedHttpRequest, offer_id: UUID) -> Offer:
    try:
        return selectors.offer_get(user=request.user, offer_id=offer_id)
    except Offer.DoesNotExist as exc:
        raise Http404 from exc
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from exc
