"""Navigation by role. Each app may have a `nav.py` with NAV_ITEMS; the shell shows the items
whose capability the user has, so a new module appears in the menu without touching the shell.
Core knows capabilities only as values, so it stays below accounts in the layers."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from bosam.core.app_hooks import app_modules


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # Capability values (bosam.accounts.roles); empty means every logged-in user.
    capabilities: tuple[str, ...]
    order: int = 100


def _all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for module in app_modules("nav"):
        items.extend(getattr(module, "NAV_ITEMS", []))
    return sorted(items, key=lambda item: item.order)


def nav_items_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    result = []
    for item in _all_items():
        if item.capabilities and not any(user.has_capability(c) for c in item.capabilities):
            continue
        url = reverse(item.url_name)
        result.append(
            {
                "label": item.label,
                "url": url,
                "current": current_path == url or (url != "/" and current_path.startswith(url)),
            }
        )
    return result
