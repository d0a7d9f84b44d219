"""Reads on sublets. `sublets`: pages, API and the work queue (scoped to the user); `figures`:
report figures with the ids behind them. Import from here."""

from bosam.tenancies.selectors.figures import (
    GoalFulfilmentFigure,
    PlacementsFigure,
    SubtenantArrears,
    VacancyRow,
    placements_in,
    subtenants_in_arrears,
    takeover_goal_fulfilment,
    vacancy_days_and_cost,
)
from bosam.tenancies.selectors.sublets import (
    SubletFilters,
    Vacancy,
    follow_ups_overdue,
    head_leases_open_for_sublet,
    sublet_get,
    sublet_list,
    sublet_visible_to,
    sublets_ending,
    sublets_for_household,
    takeovers_due,
    vacancies_now,
)

__all__ = [
    "GoalFulfilmentFigure",
    "PlacementsFigure",
    "SubletFilters",
    "SubtenantArrears",
    "Vacancy",
    "VacancyRow",
    "follow_ups_overdue",
    "head_leases_open_for_sublet",
    "placements_in",
    "sublet_get",
    "sublet_list",
    "sublet_visible_to",
    "sublets_ending",
    "sublets_for_household",
    "subtenants_in_arrears",
    "takeover_goal_fulfilment",
    "takeovers_due",
    "vacancies_now",
    "vacancy_days_and_cost",
]
