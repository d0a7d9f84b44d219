from django.utils.translation import gettext_lazy as _

from bosam.core.catalogues import Catalogue
from bosam.households.models import InterventionType

ADMIN_CATALOGUES = [
    Catalogue(
        key="insatstyper",
        label=_("Insatstyper"),
        model=InterventionType,
        fields=("name", "counts_in_total", "active", "sort_order"),
        code_field="code",
        # The kind groups the type in the annual report; changing it would move old figures.
        create_only_fields=("kind",),
        order=10,
    )
]
