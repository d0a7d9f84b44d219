from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Personer och hushåll"),
        "households:person_list",
        (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT),
        order=10,
    )
]
