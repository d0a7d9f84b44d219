"""Vacancies and the ranked proposals between them and the waiting requests.

A vacancy is derived, never stored: a running head lease with a stretch no sublet covers that
has begun or begins within the horizon (tenancies' `rules.vacancy_periods`). Ranking is the pure
`matching.rules`; this module only turns records into plain facts and back.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from bosam.matching import rules
from bosam.matching.models import HousingRequest, MatchingSettings, Offer
from bosam.matching.selectors.requests import with_people
from bosam.properties.models import HeadLease, Usage
from bosam.tenancies import rules as tenancy_rules
from bosam.tenancies.models import Sublet
from bosam.tenancies.selectors.vacancies import covered_throughout

# How far ahead an apartment that becomes free (a sublet ending, a head lease starting) is shown.
VACANCY_HORIZON_DAYS = 90


def settings_get() -> MatchingSettings:
    """The one settings row (made by migration 0002; recreated with defaults if missing)."""
    found, _created = MatchingSettings.objects.get_or_create(pk=1)
    return found


def rule_settings(values: MatchingSettings | dict[str, Any]) -> rules.RuleSettings:
    """The settings as the rules read them, from the row or from a form's unsaved values."""
    names = (
        "max_persons_per_room",
        "weight_urgency",
        "weight_waiting",
        "weight_district",
        "weight_size",
    )
    if isinstance(values, MatchingSettings):
        return rules.RuleSettings(**{name: int(getattr(values, name)) for name in names})
    return rules.RuleSettings(**{name: int(values[name]) for name in names})


@dataclass(frozen=True)
class Vacancy:
    """A head lease whose apartment is vacant now, or becomes free within the horizon."""

    head_lease: HeadLease
    free_from: date
    # new_head_lease: the vacancy starts with the head lease; sublet_ended: a sublet ends(ed).
    cause: str
    open_offer: Offer | None = None

    @property
    def apartment(self) -> Any:
        return self.head_lease.apartment

    def is_vacant_on(self, day: date) -> bool:
        return self.free_from <= day

    def days_vacant(self, today: date) -> int:
        return max(0, (today - self.free_from).days)

    @property
    def cause_label(self) -> str:
        if self.cause == "new_head_lease":
            return gettext("Nytt avtal")
        return gettext("Kontrakt upphör")

    def facts(self) -> rules.VacancyFacts:
        lease, apartment = self.head_lease, self.head_lease.apartment
        return rules.VacancyFacts(
            id=lease.pk,
            label=str(apartment),
            usage_category=lease.usage.category,
            usage_label=lease.usage.name,
            committee_id=lease.committee_id,
            committee_name=lease.committee.name,
            room_count=apartment.room_count,
            free_from=self.free_from,
            district=apartment.district,
            floor=apartment.floor,
            has_lift=apartment.has_lift,
            wheelchair_accessible=apartment.wheelchair_accessible,
        )


def _first_gap(
    lease: HeadLease, sublets: list[tenancy_rules.Period], today: date, until: date
) -> tenancy_rules.Period | None:
    gaps = tenancy_rules.vacancy_periods(
        tenancy_rules.Period(lease.start_date, lease.end_date), sublets, until=until
    )
    return next((gap for gap in gaps if gap.end is not None and gap.end >= today), None)


def vacancies(
    *,
    today: date,
    horizon_days: int = VACANCY_HORIZON_DAYS,
    head_lease_ids: Iterable[int] | None = None,
) -> list[Vacancy]:
    """Vacant apartments and those becoming free within the horizon, earliest free first, each
    with its open offer if one has been made. Aggregate and without personal data: the
    coordinator's pages decide who may see them."""
    until = today + timedelta(days=horizon_days)
    # A lease one sublet covers from today (or its start) to the horizon has no gap ending today
    # or later; SQL leaves those out, so the rule runs only on leases that may be free.
    leases_qs = (
        HeadLease.objects.filter(end_reason__isnull=True, start_date__lte=until)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(covered_throughout(today, until))
    )
    if head_lease_ids is not None:
        leases_qs = leases_qs.filter(pk__in=list(head_lease_ids))
    leases = list(leases_qs.select_related("apartment", "usage", "committee"))
    # The leases' ids as a list, not the query again: its EXISTS over the sublets is most of
    # its cost, and the few hundred leases that may be free make a short IN list.
    lease_ids = [lease.pk for lease in leases]
    periods: dict[int, list[tenancy_rules.Period]] = defaultdict(list)
    # Every earlier sublet counts: it tells since when the apartment has been free.
    for lease_id, start, end in Sublet.objects.filter(
        head_lease_id__in=lease_ids, start_date__lte=until
    ).values_list("head_lease_id", "start_date", "end_date"):
        periods[lease_id].append(tenancy_rules.Period(start, end))
    open_offers = {
        offer.head_lease_id: offer
        for offer in Offer.objects.filter(
            state=Offer.State.OFFERED, head_lease_id__in=lease_ids
        ).select_related("request", "offered_by")
    }
    found = []
    for lease in leases:
        gap = _first_gap(lease, periods[lease.pk], today, until)
        if gap is None:
            continue
        cause = "new_head_lease" if gap.start == lease.start_date else "sublet_ended"
        found.append(Vacancy(lease, gap.start, cause, open_offers.get(lease.pk)))
    found.sort(key=lambda v: (v.free_from, str(v.head_lease.apartment)))
    return found


def vacancy_get(*, head_lease_id: int, today: date) -> Vacancy | None:
    """The vacancy of one head lease, or None when its apartment is not free within the horizon."""
    return next(iter(vacancies(today=today, head_lease_ids=[head_lease_id])), None)


def request_facts(request: HousingRequest) -> rules.RequestFacts:
    return rules.RequestFacts(
        id=request.pk,
        reference=request.reference,
        usage_category=request.usage_category,
        usage_label=str(Usage.Category(request.usage_category).label),
        committee_id=request.committee_id,
        committee_name=request.committee.name,
        household_size=request.household_size,
        rooms_wanted=request.rooms_wanted,
        received_on=request.received_on,
        urgency=request.urgency,
        needs_wheelchair_access=request.needs_wheelchair_access,
        needs_ground_floor_or_lift=request.needs_ground_floor_or_lift,
        districts_preferred=tuple(request.districts_preferred or ()),
        districts_avoided=tuple(request.districts_avoided or ()),
    )


def waiting_requests() -> list[HousingRequest]:
    """The pool: requests without an open offer that are still to be housed."""
    return list(
        with_people(HousingRequest.objects.filter(status=HousingRequest.Status.WAITING)).order_by(
            "received_on", "reference"
        )
    )


@dataclass(frozen=True)
class RankedRequests:
    vacancy: Vacancy
    ranking: rules.Ranking
    requests: dict[Any, HousingRequest]


def proposals_for_vacancy(*, vacancy: Vacancy, today: date) -> RankedRequests:
    """The waiting requests for a vacancy, ranked, and those a hard rule excludes with the rule.
    The caller audits the requests it shows."""
    pool = waiting_requests()
    ranking = rules.rank_requests(
        vacancy.facts(), [request_facts(r) for r in pool], rule_settings(settings_get()), today
    )
    return RankedRequests(vacancy, ranking, {r.pk: r for r in pool})


@dataclass(frozen=True)
class RankedVacancies:
    request: HousingRequest
    ranking: rules.Ranking
    vacancies: dict[Any, Vacancy]


def proposals_for_request(*, request: HousingRequest, today: date) -> RankedVacancies:
    """The vacancies not already offered, ranked for the request; excluded ones with the rule."""
    pool = [v for v in vacancies(today=today) if v.open_offer is None]
    ranking = rules.rank_vacancies(
        request_facts(request), [v.facts() for v in pool], rule_settings(settings_get()), today
    )
    return RankedVacancies(request, ranking, {v.head_lease.pk: v for v in pool})


# How many matches the "why not" question lists when the typed object is ambiguous.
WHY_NOT_MATCHES_SHOWN = 10


def why_not_leases(*, text: str = "", head_lease_id: int | None = None) -> list[HeadLease]:
    """The head leases a "why not" question can be about. Picked by id: that one. Typed: the
    running head lease whose number or landlord's object number it is; otherwise those whose
    address contains it, written as the apartment is shown ("Storgatan 1 lgh 1101, Town"), at
    most WHY_NOT_MATCHES_SHOWN + 1 so the page can say that there are more."""
    leases = HeadLease.objects.select_related("apartment")
    if head_lease_id:
        return list(leases.filter(pk=head_lease_id))
    text = " ".join(text.split())
    if not text:
        return []
    running = leases.filter(end_reason__isnull=True)
    exact = list(
        running.filter(Q(number__iexact=text) | Q(apartment__landlord_object_number__iexact=text))[
            :2
        ]
    )
    if len(exact) == 1:
        return exact
    address, _, number = text.split(",")[0].partition(" lgh ")
    found = running.filter(apartment__street_address__icontains=address.strip())
    if number.strip():
        found = found.filter(apartment__apartment_number=number.strip())
    return list(
        found.order_by("apartment__street_address", "apartment__apartment_number", "number")[
            : WHY_NOT_MATCHES_SHOWN + 1
        ]
    )


@dataclass(frozen=True)
class WhyNotAnswer:
    """Why a vacancy is not proposed for a request, in the coordinator's words."""

    reasons: list[str]  # the pool's reasons and the hard rules; empty: it is proposed
    rules_excluding: tuple[rules.Exclusion, ...]
    proposal: rules.Proposal | None


def why_not_answer(*, request: HousingRequest, head_lease: HeadLease, today: date) -> WhyNotAnswer:
    """Answer "why is this apartment not proposed for this request": not vacant in time,
    already offered, the request not waiting, and every hard rule that excludes it."""
    reasons: list[str] = []
    if request.status != HousingRequest.Status.WAITING:
        reasons.append(
            gettext("Beställningen väntar inte på ett erbjudande (status: %(status)s).")
            % {"status": request.get_status_display()}
        )
    vacancy = vacancy_get(head_lease_id=head_lease.pk, today=today)
    if vacancy is None:
        reasons.append(
            gettext(
                "Objektet är inte ledigt och blir inte ledigt inom %(days)s dagar "
                "(det har ett pågående kontrakt, eller avtalet är avslutat)."
            )
            % {"days": VACANCY_HORIZON_DAYS}
        )
        vacancy = Vacancy(head_lease, today, "sublet_ended")
    elif vacancy.open_offer is not None:
        reasons.append(
            gettext("Objektet är redan erbjudet till beställning %(ref)s och väntar på svar.")
            % {"ref": vacancy.open_offer.request.reference}
        )
    pool = [v.facts() for v in vacancies(today=today) if v.open_offer is None]
    answer = rules.why_not(
        request_facts(request), vacancy.facts(), pool, rule_settings(settings_get()), today
    )
    reasons.extend(e.message for e in answer.exclusions)
    return WhyNotAnswer(reasons, answer.exclusions, answer.proposal)


def settings_changes(*, new_values: dict[str, Any], today: date) -> list[rules.ProposalChange]:
    """Which current proposals (the top of each vacancy's list) would change with the new
    settings, before they are saved."""
    pool = [v.facts() for v in vacancies(today=today) if v.open_offer is None]
    requests = [request_facts(r) for r in waiting_requests()]
    return rules.proposal_changes(
        pool, requests, rule_settings(settings_get()), rule_settings(new_values), today
    )


def requests_by_id(ids: Sequence[Any]) -> dict[Any, HousingRequest]:
    """Requests by id with their people (for the audit of what a preview showed)."""
    return {r.pk: r for r in with_people(HousingRequest.objects.filter(pk__in=list(ids)))}
