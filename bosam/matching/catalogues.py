"""The matching catalogue, edited on the administrator's catalogue page (bosam.core.catalogues)."""

from django.utils.translation import gettext_lazy as _

from bosam.core.catalogues import Catalogue
from bosam.matching.models import DeclineReason

ADMIN_CATALOGUES = [
    Catalogue(
        key="avbojandeorsaker",
        label=_("Orsaker till avböjda erbjudanden"),
        model=DeclineReason,
        fields=("name", "active", "sort_order"),
        code_field="code",
        # Who declined is what the figures count by; fixed once the reason exists.
        create_only_fields=("declined_by",),
        order=40,
    )
]
