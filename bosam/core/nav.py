from django.utils.translation import gettext_lazy as _

from bosam.core.navigation import NavItem

NAV_ITEMS = [NavItem(_("Start"), "core:home", (), order=0)]
