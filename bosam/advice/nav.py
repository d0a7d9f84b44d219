from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Bostadsrådgivning"),
        "advice:case_list",
        (Capability.ADVICE_WORK, Capability.STATISTICS),
        order=40,
    ),
    NavItem(
        _("Kataloger för rådgivning"),
        "advice:catalogue_index",
        (Capability.CATALOGUE_ADMIN,),
        order=90,
    ),
]
