from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Årsrapport"),
        "reporting:report_index",
        (Capability.STATISTICS, Capability.PUBLISHED_STATISTICS),
        order=90,
    )
]
