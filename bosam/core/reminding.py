"""The day's reminders (deadlines, planned follow-ups). Each app may have `reminders.py` with
`reminders(day) -> list[ReminderDue]`; the schedule collects them once a day and records each
once (bosam.scheduling). Reminder texts carry references, never names."""

from dataclasses import dataclass
from datetime import date

from bosam.core.app_hooks import app_modules


@dataclass(frozen=True)
class ReminderDue:
    key: str  # what it is about, unique: "followup:<id>:<planned_on>"
    kind: str  # e.g. "follow_up", "deadline"
    text: str
    url: str = ""
    unit_id: int | None = None


def reminders_due(day: date) -> list[ReminderDue]:
    found: list[ReminderDue] = []
    for module in app_modules("reminders"):
        found.extend(module.reminders(day))
    return found
