"""Start-page panels. Each app may have `home.py` with `panels(user) -> list[Panel]`; the start
page shows every panel the app offers the user, so each module brings its own work queue."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from bosam.core.app_hooks import app_modules


@dataclass
class PanelRow:
    label: str | Promise
    url: str = ""
    detail: str | Promise = ""
    urgent: bool = False


@dataclass
class Panel:
    title: str | Promise
    rows: list[PanelRow] = field(default_factory=list)
    empty_text: str | Promise = ""
    more_url: str = ""
    order: int = 100


def panels_for(user: Any) -> list[Panel]:
    panels: list[Panel] = []
    for module in app_modules("home"):
        panels.extend(module.panels(user))
    return sorted(panels, key=lambda panel: panel.order)
