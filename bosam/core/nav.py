from django.utils.translation import pgettext_lazy

from bosam.core.navigation import NavItem

# Context: "Start" is also a column heading (a start date); in English the page is "Home".
NAV_ITEMS = [NavItem(pgettext_lazy("start page", "Start"), "core:home", (), order=0)]
