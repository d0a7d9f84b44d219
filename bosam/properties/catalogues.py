"""The register's catalogues, edited on the administrator's catalogue page (core.catalogues)."""

from django.utils.translation import gettext_lazy as _

from bosam.core.catalogues import Catalogue
from bosam.properties.models import EndReason, Usage

ADMIN_CATALOGUES = [
    Catalogue(
        key="anvandningar",
        label=_("Användningar av avtal"),
        model=Usage,
        fields=("name", "target_group", "aims_at_takeover", "active", "sort_order"),
        code_field="code",
        # The category groups leases in the annual report and the matching rules: changing it
        # afterwards would silently move old figures.
        create_only_fields=("category",),
        order=20,
    ),
    Catalogue(
        key="avslutsorsaker-avtal",
        label=_("Avslutsorsaker för avtal"),
        model=EndReason,
        fields=("name", "active"),
        code_field="code",
        # Whether an ending counts as a takeover is part of the goal figures; fixed once created.
        create_only_fields=("is_takeover",),
        order=21,
    ),
]
