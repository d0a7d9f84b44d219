from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("Användare"), "administration:user_list", (Capability.USER_ADMIN,), order=80),
    NavItem(_("Organisation"), "administration:organisation", (Capability.USER_ADMIN,), order=81),
    NavItem(
        _("Kataloger"), "administration:catalogue_list", (Capability.CATALOGUE_ADMIN,), order=82
    ),
    NavItem(
        _("Logguppföljning"),
        "administration:audit_follow_up",
        (Capability.AUDIT_FOLLOW_UP,),
        order=83,
    ),
]
