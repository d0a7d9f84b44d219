"""Demo requests and offers over the last few years, in every state.

History is laid over tenancies' demo sublets: most sublets started in the last three years came
through a request (housed, with its accepted offer, sometimes after a declined one), and a few
requests were withdrawn. Today's pool is made to fit today's vacancies: waiting requests of every
urgency, some with an open offer (a few unanswered past the settings' days), so the matching
pages, the work queue and the figures have something to show.

Rows are written in bulk (no services, no audit rows) to keep the demo fast; the module draws from
its own generator, seeded from the shared one without consuming it.
"""

import random
from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, prefetch_related_objects

from bosam.core.demo import DISTRICTS, DemoContext, batched
from bosam.households.models import Household, HouseholdMember
from bosam.matching import rules
from bosam.matching.models import DeclineReason, HousingRequest, MatchingSettings, Offer
from bosam.matching.selectors.proposals import request_facts, rule_settings, vacancies
from bosam.tenancies.models import Sublet

YEARS_OF_HISTORY = 3
SHARE_THROUGH_MATCHING = 0.8  # of the sublets started in those years
SHARE_DECLINED_FIRST = 0.25
WAITING_AT_SCALE_1 = 60
WITHDRAWN_PER_YEAR_AT_SCALE_1 = 12
URGENCY_REASONS = {
    "acute": ["Hemlös sedan en vecka", "Avhysning verkställs inom 14 dagar", "Barn utan bostad"],
    "high": ["Skrivs ut från behandling", "Separation, måste flytta", "Andrahandskontrakt upphör"],
}


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = random.Random(hash(ctx.rng.getstate()))
        self.today = ctx.today
        users = ctx.data["users"]
        self.coordinator = users["samordnare"]
        units = ctx.data["units"]
        self.worker_by_unit = {
            units["adult"].pk: users["socsek"],
            units["family"].pk: users["socsek.barn"],
        }
        self.sizes: dict[Any, int] = dict(
            HouseholdMember.objects.filter(end_date__isnull=True)
            .values("household_id")
            .annotate(n=Count("id"))
            .values_list("household_id", "n")
        )
        self.reasons = list(DeclineReason.objects.filter(active=True))
        self.requests: list[HousingRequest] = []
        self.offers: list[Offer] = []
        self.numbers: Counter[int] = Counter()

    def _request(
        self,
        household: Household,
        received: date,
        *,
        usage: str,
        committee: Any,
        rooms: int,
        status: str,
    ) -> HousingRequest:
        urgency = self.rng.choices(["normal", "high", "acute"], [65, 25, 10])[0]
        preferred = self.rng.sample(DISTRICTS, self.rng.choice([0, 0, 1, 2]))
        avoided = [
            d
            for d in self.rng.sample(DISTRICTS, self.rng.choice([0, 0, 0, 1]))
            if d not in preferred
        ]
        request = HousingRequest(
            reference="",
            household=household,
            unit_id=household.unit_id,
            requested_by=self.worker_by_unit.get(household.unit_id, self.coordinator),
            received_on=received,
            usage_category=usage,
            committee=committee,
            household_size=self.sizes.get(household.pk, 1),
            rooms_wanted=max(1, rooms + self.rng.choice([0, 0, 0, -1, 1])),
            needs_wheelchair_access=self.rng.random() < 0.04,
            needs_ground_floor_or_lift=self.rng.random() < 0.1,
            districts_preferred=preferred,
            districts_avoided=avoided,
            other_needs=self.rng.choice(
                ["", "", "", "Husdjur (hund)", "Nära barnens skola", "Rökfritt"]
            ),
            urgency=urgency,
            urgency_reason=self.rng.choice(URGENCY_REASONS[urgency]) if urgency != "normal" else "",
            needed_by=received + timedelta(days=self.rng.choice([30, 60, 90]))
            if self.rng.random() < 0.5
            else None,
            status=status,
        )
        self.requests.append(request)
        return request

    def _offer(
        self,
        request: HousingRequest,
        sublet_or_lease: Any,
        offered: date,
        state: str,
        **fields: Any,
    ) -> Offer:
        lease = getattr(sublet_or_lease, "head_lease", sublet_or_lease)
        fields.setdefault("available_from", offered)
        offer = Offer(
            request=request,
            head_lease=lease,
            apartment_id=lease.apartment_id,
            offered_on=offered,
            offered_by=self.coordinator,
            score=self.rng.randint(35, 90),
            explanation="Demo: rangordnad efter brådska, väntetid, område och storlek.",
            state=state,
            **fields,
        )
        self.offers.append(offer)
        return offer

    def history(self, sublets: list[Sublet]) -> None:
        """Housed requests behind most recent sublets, some after a declined offer."""
        first = date(self.today.year - YEARS_OF_HISTORY, 1, 1)
        recent = sorted((s for s in sublets if s.start_date >= first), key=lambda s: s.start_date)
        # Each sublet's lease usage, committee and room count, fetched once rather than per sublet.
        prefetch_related_objects(recent, "head_lease__usage", "apartment", "committee")
        leases = [s.head_lease for s in recent]
        for sublet in recent:
            if self.rng.random() > SHARE_THROUGH_MATCHING:
                continue
            offered = sublet.start_date - timedelta(days=self.rng.randint(5, 25))
            received = offered - timedelta(days=self.rng.randint(10, 220))
            request = self._request(
                sublet.household,
                received,
                usage=sublet.head_lease.usage.category,
                committee=sublet.committee,
                rooms=sublet.apartment.room_count,
                status=HousingRequest.Status.HOUSED,
            )
            request.closed_on = offered + timedelta(days=self.rng.randint(1, 4))
            if self.rng.random() < SHARE_DECLINED_FIRST:
                earlier = offered - timedelta(days=self.rng.randint(10, 30))
                if earlier > received:
                    other = self.rng.choice(leases)
                    self._offer(
                        request,
                        other,
                        earlier,
                        Offer.State.DECLINED,
                        answered_on=earlier + timedelta(days=self.rng.randint(1, 6)),
                        answered_by=request.requested_by,
                        decline_reason=self.rng.choice(self.reasons),
                    )
            self._offer(
                request,
                sublet,
                offered,
                Offer.State.ACCEPTED,
                answered_on=request.closed_on,
                answered_by=request.requested_by,
                sublet=sublet,
                available_from=min(offered, sublet.start_date),
            )

    def withdrawn(self, households: list[Household]) -> None:
        for year in range(self.today.year - YEARS_OF_HISTORY, self.today.year + 1):
            for _ in range(self.ctx.count(WITHDRAWN_PER_YEAR_AT_SCALE_1)):
                received = self.ctx.day_between(
                    date(year, 1, 1), min(date(year, 12, 31), self.today)
                )
                request = self._request(
                    self.rng.choice(households),
                    received,
                    usage=self.rng.choice(
                        ["supported_housing", "training_apartment", "refugee_settlement"]
                    ),
                    committee=self.rng.choice(list(self.ctx.data["committees"].values())),
                    rooms=self.rng.randint(1, 3),
                    status=HousingRequest.Status.WITHDRAWN,
                )
                request.closed_on = min(
                    self.today, received + timedelta(days=self.rng.randint(10, 120))
                )
                request.withdrawn_reason = self.rng.choice(
                    [
                        "Hushållet ordnade bostad själv",
                        "Flyttat till annan kommun",
                        "Behovet upphörde",
                    ]
                )
                if self.rng.random() < 0.3 and request.closed_on - received > timedelta(days=20):
                    lease = self.rng.choice(self.ctx.data["head_leases"])
                    offered = received + timedelta(days=10)
                    state = self.rng.choice([Offer.State.WITHDRAWN, Offer.State.EXPIRED])
                    self._offer(
                        request,
                        lease,
                        offered,
                        state,
                        answered_on=offered + timedelta(days=8),
                        answered_by=self.coordinator,
                        answer_note="Inget svar inom 7 dagar."
                        if state == Offer.State.EXPIRED
                        else "Hyresvärden drog tillbaka lägenheten.",
                    )

    def pool(self, households: list[Household]) -> None:
        """Waiting requests shaped like today's vacancies, and open offers on some of them."""
        free = vacancies(today=self.today)
        if not free:
            return
        waiting = []
        for household in households[: self.ctx.count(WAITING_AT_SCALE_1)]:
            lease = self.rng.choice(free).head_lease
            waiting.append(
                self._request(
                    household,
                    self.today - timedelta(days=self.rng.randint(3, 400)),
                    usage=lease.usage.category,
                    committee=lease.committee,
                    rooms=lease.apartment.room_count,
                    status=HousingRequest.Status.WAITING,
                )
            )
        settings = rule_settings(MatchingSettings.objects.get_or_create(pk=1)[0])
        offered: set[Any] = set()
        # A request's facts do not change while offers are laid out: made once, not per vacancy.
        facts = {r.pk: request_facts(r) for r in waiting}
        for vacancy in free[::3]:
            candidates = [r for r in waiting if r.pk not in offered]
            ranking = rules.rank_requests(
                vacancy.facts(), [facts[r.pk] for r in candidates], settings, self.today
            )
            if not ranking.proposals:
                continue
            best = ranking.proposals[0]
            request = next(r for r in candidates if r.pk == best.request.id)
            offered.add(request.pk)
            request.status = HousingRequest.Status.OFFERED
            day = self.today - timedelta(days=self.rng.randint(0, 14))
            offer = self._offer(
                request, vacancy.head_lease, max(day, request.received_on), Offer.State.OFFERED
            )
            offer.available_from = max(vacancy.free_from, offer.offered_on)
            offer.score = best.points
            offer.explanation = best.explanation

    def write(self) -> None:
        # A stable sort on the day alone: ties keep the order they were drawn in, so the numbers
        # repeat from run to run (the uuid4 keys differ each time).
        for request in sorted(self.requests, key=lambda r: r.received_on):
            year = request.received_on.year
            self.numbers[year] += 1
            request.reference = f"BB-{year}-{self.numbers[year]:04d}"
        for chunk in batched(self.requests, 2000):
            HousingRequest.objects.bulk_create(chunk)
        for chunk in batched(self.offers, 2000):
            Offer.objects.bulk_create(chunk)


def build(ctx: DemoContext) -> None:
    builder = _Builder(ctx)
    sublets: list[Sublet] = ctx.data.get("sublets", [])
    builder.history(sublets)
    housed = {s.household_id for s in sublets if s.status == Sublet.Status.ACTIVE}
    housed |= {r.household_id for r in builder.requests}
    free_households = [h for h in ctx.data["households"] if h.pk not in housed]
    builder.rng.shuffle(free_households)
    half = len(free_households) // 2
    builder.withdrawn(free_households[half:])
    builder.pool(free_households[:half])
    builder.write()
    counts = Counter(r.status for r in builder.requests)
    ctx.say(
        f"  {len(builder.requests)} beställningar ({counts['waiting']} väntar, "
        f"{counts['offered']} erbjudna, {counts['housed']} placerade, "
        f"{counts['withdrawn']} återkallade), {len(builder.offers)} erbjudanden"
    )
