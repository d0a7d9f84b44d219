from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Vräkningsförebyggande"), "prevention:work_queue", (Capability.PREVENTION_WORK,), order=30
    ),
    NavItem(
        _("Statistik vräkningsförebyggande"),
        "prevention:figures",
        (Capability.STATISTICS,),
        order=80,
    ),
]
