"""Roles and what each may do. Pure data: the one place that answers "may this role …?".

A role grants capabilities; views, APIs and selectors ask for a capability, never for a role, so a
municipality that splits or merges roles changes this table and nothing else.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HOUSING_COORDINATOR = "housing_coordinator", _("Bostadssamordnare")
    PREVENTION_CASEWORKER = "prevention_caseworker", _("Handläggare vräkningsförebyggande")
    HOUSING_ADVISER = "housing_adviser", _("Bostadsrådgivare")
    SOCIAL_WORKER = "social_worker", _("Socialsekreterare (beställande enhet)")
    MANAGER = "manager", _("Chef")
    FINANCE = "finance", _("Ekonom")
    SYSTEM_ADMINISTRATOR = "system_administrator", _("Systemförvaltare")
    COMMITTEE_READER = "committee_reader", _("Nämndledamot (läsare)")


class Capability(StrEnum):
    PERSONAL_DATA_ALL = "personal_data_all"  # read every household's personal data
    PERSONAL_DATA_OWN_UNIT = "personal_data_own_unit"  # only households of the user's unit
    HOUSEHOLD_EDIT = "household_edit"
    REGISTER_VIEW = "register_view"
    REGISTER_EDIT = "register_edit"
    TENANCY_EDIT = "tenancy_edit"
    PREVENTION_WORK = "prevention_work"
    ADVICE_WORK = "advice_work"
    MATCHING_WORK = "matching_work"
    HOUSING_REQUEST = "housing_request"
    FINANCE_VIEW = "finance_view"
    STATISTICS = "statistics"  # full reports with drill-down to records
    PUBLISHED_STATISTICS = "published_statistics"  # published reports, no personal data
    REPORT_PUBLISH = "report_publish"
    USER_ADMIN = "user_admin"
    CATALOGUE_ADMIN = "catalogue_admin"
    AUDIT_FOLLOW_UP = "audit_follow_up"
    SYSTEM_OPERATIONS = "system_operations"  # the schedule's runs and the worker's health


C = Capability

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.HOUSING_COORDINATOR: frozenset(
        {
            C.PERSONAL_DATA_ALL,
            C.HOUSEHOLD_EDIT,
            C.REGISTER_VIEW,
            C.REGISTER_EDIT,
            C.TENANCY_EDIT,
            C.MATCHING_WORK,
            C.STATISTICS,
            C.PUBLISHED_STATISTICS,
        }
    ),
    Role.PREVENTION_CASEWORKER: frozenset(
        {
            C.PERSONAL_DATA_ALL,
            C.HOUSEHOLD_EDIT,
            C.REGISTER_VIEW,
            C.PREVENTION_WORK,
            C.PUBLISHED_STATISTICS,
        }
    ),
    Role.HOUSING_ADVISER: frozenset(
        {C.PERSONAL_DATA_ALL, C.HOUSEHOLD_EDIT, C.ADVICE_WORK, C.PUBLISHED_STATISTICS}
    ),
    Role.SOCIAL_WORKER: frozenset(
        {C.PERSONAL_DATA_OWN_UNIT, C.HOUSEHOLD_EDIT, C.HOUSING_REQUEST, C.PUBLISHED_STATISTICS}
    ),
    Role.MANAGER: frozenset(
        {
            C.PERSONAL_DATA_ALL,
            C.REGISTER_VIEW,
            C.FINANCE_VIEW,
            C.STATISTICS,
            C.PUBLISHED_STATISTICS,
            C.REPORT_PUBLISH,
        }
    ),
    Role.FINANCE: frozenset({C.REGISTER_VIEW, C.FINANCE_VIEW, C.PUBLISHED_STATISTICS}),
    Role.SYSTEM_ADMINISTRATOR: frozenset(
        {
            C.USER_ADMIN,
            C.CATALOGUE_ADMIN,
            C.AUDIT_FOLLOW_UP,
            C.PUBLISHED_STATISTICS,
            C.SYSTEM_OPERATIONS,
        }
    ),
    Role.COMMITTEE_READER: frozenset({C.PUBLISHED_STATISTICS}),
}


def role_capabilities(role: str) -> frozenset[Capability]:
    """What a role may do; an unknown or empty role may do nothing."""
    return ROLE_CAPABILITIES.get(role, frozenset())


def role_sees_personal_data(role: str) -> bool:
    caps = role_capabilities(role)
    return C.PERSONAL_DATA_ALL in caps or C.PERSONAL_DATA_OWN_UNIT in caps
