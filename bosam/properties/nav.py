from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Avtal och objekt"), "properties:head_lease_list", (Capability.REGISTER_VIEW,), order=20
    )
]
