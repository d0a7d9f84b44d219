"""The tenancies catalogues, edited on the administrator's catalogue page (bosam.core.catalogues).

Whether a sublet end reason counts in the goal fulfilment is not edited here: it is part of the
goal's definition, changed by the manager on the figures page (services.settings), with audit."""

from django.utils.translation import gettext_lazy as _

from bosam.core.catalogues import Catalogue
from bosam.tenancies.models import Condition, SubletEndReason

ADMIN_CATALOGUES = [
    Catalogue(
        key="villkor",
        label=_("Villkor för andrahandskontrakt"),
        model=Condition,
        fields=("name", "active", "sort_order"),
        code_field="code",
        order=30,
    ),
    Catalogue(
        key="avslutsorsaker-andrahand",
        label=_("Avslutsorsaker för andrahandskontrakt"),
        model=SubletEndReason,
        fields=("name", "active", "sort_order"),
        code_field="code",
        order=31,
    ),
]
