"""Writes of eviction prevention, by sub-domain: notifications, cases, imports, letters."""

from bosam.prevention.services.cases import (
    case_illness_note_save,
    case_intervention_record,
    outreach_record,
    prevention_case_close,
    prevention_case_open_or_join,
)
from bosam.prevention.services.imports import (
    import_mapping_save,
    landlord_import_accept,
    landlord_import_discard,
    landlord_import_preview,
    landlord_import_upload,
)
from bosam.prevention.services.letters import letter_template_save, outreach_letter_send
from bosam.prevention.services.notifications import (
    TenantInput,
    landlord_for_notification,
    notification_notices_update,
    notification_register,
    subtenant_arrears_register,
)

__all__ = [
    "TenantInput",
    "case_illness_note_save",
    "case_intervention_record",
    "import_mapping_save",
    "landlord_for_notification",
    "landlord_import_accept",
    "landlord_import_discard",
    "landlord_import_preview",
    "landlord_import_upload",
    "letter_template_save",
    "notification_notices_update",
    "notification_register",
    "outreach_letter_send",
    "outreach_record",
    "prevention_case_close",
    "prevention_case_open_or_join",
    "subtenant_arrears_register",
]
