"""Writes on sublets. Each is atomic and writes its audit rows in the same transaction.

Split by sub-domain: `sublets` (placement, end, extension), `takeover`, `follow_up`,
`inspection`, `rent`, `settings`. Import from here.
"""

from bosam.tenancies.services.follow_up import follow_up_plan, follow_up_record
from bosam.tenancies.services.inspection import inspection_record
from bosam.tenancies.services.rent import (
    rent_charge_create,
    rent_charges_generate,
    rent_payment_record,
)
from bosam.tenancies.services.settings import (
    goal_target_set,
    tenancy_settings_get,
    tenancy_settings_update,
)
from bosam.tenancies.services.sublets import (
    PLACEMENT_TYPE_CODES,
    kind_for_usage,
    sublet_create,
    sublet_end,
    sublet_extend,
)
from bosam.tenancies.services.takeover import (
    takeover_assessment_record,
    takeover_decide,
    takeover_record,
)

__all__ = [
    "PLACEMENT_TYPE_CODES",
    "follow_up_plan",
    "follow_up_record",
    "goal_target_set",
    "inspection_record",
    "kind_for_usage",
    "rent_charge_create",
    "rent_charges_generate",
    "rent_payment_record",
    "sublet_create",
    "sublet_end",
    "sublet_extend",
    "takeover_assessment_record",
    "takeover_decide",
    "takeover_record",
    "tenancy_settings_get",
    "tenancy_settings_update",
]
