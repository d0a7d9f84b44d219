"""Advice cases are made through the real services (their audit rows and interventions exist);
catalogue entries come from the seeding migration and are looked up by code."""

from datetime import date
from typing import Any

from bosam.advice import services
from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    CatalogueEntry,
    DigitalHelpKind,
    ReferralTarget,
)


def entry[T: CatalogueEntry](model: type[T], code: str) -> T:
    return model._default_manager.get(code=code)


def register_case(
    adviser: Any,
    *,
    personal_number: str = "",
    first_name: str = "",
    last_name: str = "",
    channel: str = "walk_in",
    reason: str = "homeless",
    received_on: date | None = None,
    notes: str = "",
) -> AdviceCase:
    """An anonymous case unless a personal number is given."""
    return services.advice_case_register(
        registered_by=adviser,
        channel=entry(AdviceChannel, channel),
        reason=entry(AdviceReason, reason),
        personal_number=personal_number,
        first_name=first_name,
        last_name=last_name,
        age_band="" if personal_number else "26_35",
        household_type="" if personal_number else "single",
        received_on=received_on,
        notes=notes,
    )


def record_contact(
    case: AdviceCase,
    adviser: Any,
    *,
    minutes: int = 30,
    advice: tuple[str, ...] = ("housing_queue",),
    digital: tuple[str, ...] = (),
    on: date | None = None,
) -> None:
    services.advice_contact_record(
        case=case,
        recorded_by=adviser,
        minutes=minutes,
        advice_kinds=[entry(AdviceKind, code) for code in advice],
        digital_help_kinds=[entry(DigitalHelpKind, code) for code in digital],
        contact_on=on or case.received_on,
    )


def refer(case: AdviceCase, adviser: Any, target: str = "social_office") -> None:
    services.advice_referral_record(
        case=case,
        recorded_by=adviser,
        target=entry(ReferralTarget, target),
        special_reasons="Hemlös med barn.",
        referred_on=case.received_on,
    )


def close(case: AdviceCase, adviser: Any, outcome: str = "found_housing_own") -> AdviceCase:
    return services.advice_case_close(
        case=case,
        closed_by=adviser,
        outcome=entry(AdviceOutcome, outcome),
        closed_on=case.received_on,
    )
