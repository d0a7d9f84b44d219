from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Beställningar av bostad"),
        "matching:request_list",
        (Capability.HOUSING_REQUEST, Capability.MATCHING_WORK),
        order=25,
    ),
    NavItem(_("Lediga objekt"), "matching:vacancy_list", (Capability.MATCHING_WORK,), order=26),
]
