from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Schemalagda jobb"), "scheduling:schedule", (Capability.SYSTEM_OPERATIONS,), order=84
    ),
]
