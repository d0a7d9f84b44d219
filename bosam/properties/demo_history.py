"""The simulated history of the demo register, without the database: which apartments come in
each year, which leases end and why, and which free apartments are leased again.

The plan for 2022 is the seed's: 127 apartments leased for the first time and 33 leased again.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from bosam.core.demo import DISTRICTS, STREETS, DemoContext
from bosam.properties.rules import add_months, notice_end_date

FIRST_YEAR = 2015
# Apartments that got their first head lease each year, and apartments leased again (scale 1).
NEW_PER_YEAR = {
    2015: 70,
    2016: 40,
    2017: 35,
    2018: 35,
    2019: 30,
    2020: 30,
    2021: 40,
    2022: 127,
    2023: 60,
    2024: 45,
    2025: 40,
}
REUSED_PER_YEAR = {
    2015: 0,
    2016: 8,
    2017: 12,
    2018: 15,
    2019: 18,
    2020: 20,
    2021: 25,
    2022: 33,
    2023: 35,
    2024: 30,
    2025: 30,
}
NEW_LATER_YEARS, REUSED_LATER_YEARS = 40, 28
PLANNED_AT_SCALE_1 = 6  # signed leases that start within the coming weeks
YEARLY_NOTICE_CHANCE = 0.13  # an open-ended lease is given notice in a given year
TEMPORARY_PROTECTION_FROM = date(2022, 3, 1)  # the first people from Ukraine
ROOMS = [("1 rk", 1, 24, 34), ("1 rok", 1, 30, 42), ("2 rok", 2, 45, 62), ("3 rok", 3, 65, 82)]
ROOMS_WEIGHTS = [10, 30, 40, 20]
ROOMS_4 = ("4 rok", 4, 85, 105)

# Usage code -> (weight before 2022, weight 2022, weight after 2022).
USAGE_WEIGHTS = {
    "supported_housing": (30, 30, 30),
    "training_apartment": (12, 8, 10),
    "operational_young_adults": (6, 8, 6),
    "operational_addiction": (5, 6, 5),
    "operational_lss": (5, 7, 5),
    "refugee_settlement": (18, 8, 12),
    "refugee_temporary_protection": (0, 30, 8),
    "housing_first": (6, 4, 8),
    "emergency": (6, 4, 6),
}
# Usage code -> the committees (demo keys, accounts/demo.py) that pay, with weights.
USAGE_COMMITTEES = {
    "supported_housing": [("social", 85), ("building", 15)],
    "training_apartment": [("social", 100)],
    "operational_young_adults": [("social", 100)],
    "operational_addiction": [("social", 50), ("care", 50)],
    "operational_lss": [("care", 100)],
    "refugee_settlement": [("skills", 100)],
    "refugee_temporary_protection": [("skills", 100)],
    "housing_first": [("social", 100)],
    "emergency": [("social", 60), ("building", 40)],
}
# Fixed-term usages and their term in months; the rest run until further notice.
FIXED_TERM_MONTHS = {"refugee_settlement": 24, "refugee_temporary_protection": 12, "emergency": 12}


@dataclass
class Flat:
    landlord: int  # index into the landlord list
    district: str
    street: str
    rooms: tuple[str, int, int, int]
    area: Decimal
    leases: list["Lease"] = field(default_factory=list)
    taken_over: bool = False  # the household leases it itself now: not free for the municipality


@dataclass
class Lease:
    flat: Flat
    start: date
    usage: str
    committee: str
    rent: Decimal
    notice_months: int
    end: date | None = None
    fixed: bool = False
    notice_given_on: date | None = None
    reason: str = ""
    gap_days: int = 30  # how long the apartment stands free after this lease before the next


class Planner:
    """The simulated history, without the database."""

    def __init__(self, ctx: DemoContext, landlord_count: int) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.flats: list[Flat] = []
        self.leases: list[Lease] = []
        self.landlord_count = landlord_count
        # The municipal company holds about 40 % of the apartments; others a few each.
        self.weights = [40.0] + [
            self.rng.choice([1, 1, 2, 2, 3, 4, 6]) for _ in range(landlord_count - 1)
        ]
        self.debut = self._debut_years()
        self.landlord_districts = [self.rng.sample(DISTRICTS, k=4) for _ in range(landlord_count)]

    def _debut_years(self) -> list[int]:
        """The year each landlord's first head lease starts: most before 2016, a few new every year
        (and more in 2022, when the unit found new landlords for refugee housing)."""
        years = list(range(FIRST_YEAR, self.today.year + 1))
        weights = [18 if y == FIRST_YEAR else 5 if y == 2022 else 2 for y in years]
        debut = [FIRST_YEAR]  # the municipal company
        debut += self.rng.choices(years, weights, k=self.landlord_count - 1)
        return debut

    def _year_count(self, table: dict[int, int], later: int, year: int) -> int:
        base = table.get(year, later)
        if year == self.today.year:
            elapsed = (self.today - date(year, 1, 1)).days / 365
            return round(base * elapsed * self.ctx.scale)
        return round(base * self.ctx.scale)

    def _usage(self, start: date) -> str:
        column = 0 if start.year < 2022 else 1 if start.year == 2022 else 2
        codes = [
            code
            for code in USAGE_WEIGHTS
            if code != "refugee_temporary_protection" or start >= TEMPORARY_PROTECTION_FROM
        ]
        return self.rng.choices(codes, [USAGE_WEIGHTS[c][column] or 0.1 for c in codes])[0]

    def _lease(self, flat: Flat, start: date) -> Lease:
        usage = self._usage(start)
        committees = USAGE_COMMITTEES[usage]
        committee = self.rng.choices([c for c, _ in committees], [w for _, w in committees])[0]
        yearly_per_sqm = 1150 + 25 * (start.year - FIRST_YEAR) + self.rng.randint(-80, 120)
        lease = Lease(
            flat=flat,
            start=start,
            usage=usage,
            committee=committee,
            rent=Decimal(round(flat.area * yearly_per_sqm / 12)),
            notice_months=self.rng.choices([3, 1, 6], [85, 5, 10])[0],
            gap_days=self.rng.randint(1, 75),
        )
        term = FIXED_TERM_MONTHS.get(usage)
        if term:
            lease.fixed = True
            lease.end = add_months(start, term) - timedelta(days=1)
        flat.leases.append(lease)
        self.leases.append(lease)
        return lease

    def _new_flat(self, landlord: int) -> Flat:
        rooms = ROOMS_4 if self.rng.random() < 0.05 else self.rng.choices(ROOMS, ROOMS_WEIGHTS)[0]
        flat = Flat(
            landlord=landlord,
            district=self.rng.choice(self.landlord_districts[landlord]),
            street=self.rng.choice(STREETS),
            rooms=rooms,
            area=Decimal(self.rng.randint(rooms[2] * 10, rooms[3] * 10)) / 10,
        )
        self.flats.append(flat)
        return flat

    def _window(self, year: int) -> tuple[date, date]:
        return date(year, 1, 1), min(date(year, 12, 31), self.today)

    def run(self) -> None:
        for year in range(FIRST_YEAR, self.today.year + 1):
            self._end_some(year)
            self._start_new(year, self._year_count(NEW_PER_YEAR, NEW_LATER_YEARS, year))
            self._start_reused(year, self._year_count(REUSED_PER_YEAR, REUSED_LATER_YEARS, year))
        self._close_fixed_terms()
        self._plan_coming()

    def _end_some(self, year: int) -> None:
        """Notice on some open-ended leases that started before this year."""
        first, last = self._window(year)
        for lease in self.leases:
            if lease.fixed or lease.end is not None or lease.start >= first:
                continue
            if self.rng.random() >= YEARLY_NOTICE_CHANCE:
                continue
            self._give_notice(lease, self.ctx.day_between(first, last))

    def _give_notice(self, lease: Lease, on: date, reason: str = "") -> None:
        takeover_usage = lease.usage in ("supported_housing", "training_apartment", "housing_first")
        if not reason:
            reasons = (
                [("tenant_took_over", 50), ("returned_to_landlord", 30), ("need_ended", 10)]
                if takeover_usage
                else [("returned_to_landlord", 60), ("need_ended", 30)]
            ) + [("landlord_terminated", 5), ("swapped_object", 5)]
            reason = self.rng.choices([r for r, _ in reasons], [w for _, w in reasons])[0]
        lease.reason = reason
        if reason == "tenant_took_over":
            # A takeover moves the lease to the household at a month's end; no notice is given.
            lease.end = notice_end_date(on, 0)
            lease.flat.taken_over = True
        else:
            lease.notice_given_on = on
            lease.end = notice_end_date(on, lease.notice_months)

    def _start_new(self, year: int, count: int) -> None:
        first, last = self._window(year)
        debutants = [i for i, y in enumerate(self.debut) if y == year]
        established = [i for i, y in enumerate(self.debut) if y <= year]
        for index in range(count):
            if index < len(debutants):
                landlord = debutants[index]
            else:
                landlord = self.rng.choices(established, [self.weights[i] for i in established])[0]
            start_from = (
                max(first, TEMPORARY_PROTECTION_FROM) if year == 2022 and index % 3 == 0 else first
            )
            self._lease(self._new_flat(landlord), self.ctx.day_between(start_from, last))
        # A landlord with no apartment in its debut year (small scales) debuts the next year.
        for landlord in debutants[count:]:
            self.debut[landlord] = year + 1

    def _free_from(self, flat: Flat) -> date | None:
        """The first day a new lease could start on the flat, or None while it is leased."""
        if flat.taken_over or not flat.leases:
            return None
        last = flat.leases[-1]
        if last.end is None:
            return None
        return last.end + timedelta(days=last.gap_days)

    def _start_reused(self, year: int, count: int) -> None:
        first, last = self._window(year)
        candidates = []
        for flat in self.flats:
            free = self._free_from(flat)
            if free is not None and free <= last:
                candidates.append((flat, max(free, first)))
        self.rng.shuffle(candidates)
        if len(candidates) < count:
            candidates += self._free_up(year, count - len(candidates))
        for flat, earliest in candidates[:count]:
            self._lease(flat, self.ctx.day_between(earliest, last))

    def _free_up(self, year: int, count: int) -> list[tuple[Flat, date]]:
        """Return apartments early in the year when too few are free to lease again: the unit
        swaps apartments that no longer fit for ones that do."""
        first, last = self._window(year)
        running = [
            lease
            for lease in self.leases
            if not lease.fixed and lease.end is None and lease.start < first - timedelta(days=120)
        ]
        freed = []
        for lease in self.rng.sample(running, k=min(count, len(running))):
            on = self.ctx.day_between(first - timedelta(days=100), first - timedelta(days=1))
            self._give_notice(lease, on, reason="returned_to_landlord")
            earliest = lease.end + timedelta(days=1) if lease.end else first
            if earliest <= last:
                freed.append((lease.flat, max(earliest, first)))
        return freed

    def _close_fixed_terms(self) -> None:
        for lease in self.leases:
            if lease.fixed and lease.end is not None and lease.end < self.today:
                lease.reason = self.rng.choice(["need_ended", "returned_to_landlord"])

    def _plan_coming(self) -> None:
        established = [i for i, y in enumerate(self.debut) if y <= self.today.year]
        for _ in range(self.ctx.count(PLANNED_AT_SCALE_1)):
            landlord = self.rng.choices(established, [self.weights[i] for i in established])[0]
            start = self.today + timedelta(days=self.rng.randint(3, 60))
            self._lease(self._new_flat(landlord), start)
