"""Start-page panels. Each app may have `home.py` with `panels(user) -> list[Panel]`; the start
page shows every panel the app offers the user, so each module brings its own work queue."""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.functional import Promise


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
    for config in apps.get_app_configs():
        if not config.name.startswith("bosam."):
            continue
        try:
            module = import_module(f"{config.name}.home")
        except ModuleNotFoundError:
            continue
        panels.extend(module.panels(user))
    return sorted(panels, key=lambda panel: panel.order)
