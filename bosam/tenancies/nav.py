from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Andrahandskontrakt"),
        "tenancies:sublet_list",
        (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT),
        order=30,
    ),
    NavItem(
        _("Övertaganden och tomställning"), "tenancies:figures", (Capability.STATISTICS,), order=80
    ),
]
