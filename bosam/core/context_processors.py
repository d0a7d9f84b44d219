from typing import Any

from django.conf import settings
from django.http import HttpRequest

from bosam.core.navigation import nav_items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items = nav_items_for(user, request.path) if user and user.is_authenticated else []
    return {
        "nav_items": items,
        "municipality_name": settings.BOSAM_MUNICIPALITY_NAME,
        "demo_banner": settings.BOSAM_DEMO_BANNER,
    }
