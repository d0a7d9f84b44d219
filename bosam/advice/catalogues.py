"""The advice catalogues by URL slug, for the catalogue pages and the API."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bosam.advice.models import (
    AdviceChannel,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    CatalogueEntry,
    DigitalHelpKind,
    ReferralTarget,
)

CATALOGUES: dict[str, tuple[type[CatalogueEntry], str | Promise]] = {
    "kontaktvagar": (AdviceChannel, _("Kontaktvägar")),
    "anledningar": (AdviceReason, _("Anledningar")),
    "rad": (AdviceKind, _("Råd som getts")),
    "digital-hjalp": (DigitalHelpKind, _("Digital hjälp")),
    "hanvisningar": (ReferralTarget, _("Hänvisningsmottagare")),
    "utfall": (AdviceOutcome, _("Utfall")),
}
