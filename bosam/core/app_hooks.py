"""One way to find a hook module (`nav.py`, `home.py`, `retention.py` …) in every Bosam app.

A module that does not exist is skipped; a module that exists but fails to import raises, so a
broken hook never silently hides a menu entry, a start-page panel or a retention rule.
"""

from importlib import import_module
from types import ModuleType

from django.apps import apps


def app_modules(name: str, *, highest_layer_first: bool = False) -> list[ModuleType]:
    """Each installed `bosam.*` app's module `name`, in INSTALLED_APPS order (lowest layer
    first), or reversed with `highest_layer_first`; apps without the module are left out."""
    configs = [c for c in apps.get_app_configs() if c.name.startswith("bosam.")]
    if highest_layer_first:
        configs.reverse()
    found = []
    for config in configs:
        module = app_module(config.name, name)
        if module is not None:
            found.append(module)
    return found


def app_module(app_name: str, name: str) -> ModuleType | None:
    """`<app_name>.<name>`, or None when the app has no such module (other errors raise)."""
    dotted = f"{app_name}.{name}"
    try:
        return import_module(dotted)
    except ModuleNotFoundError as exc:
        if exc.name != dotted:
            raise
        return None
