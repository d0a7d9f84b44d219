"""Pure matching rules: hard exclusions, soft scores, ranking both ways, "why not", and the
what-if of changed settings. Plain values in, plain values out; the coordinator decides, these
only propose and explain.

Hard rules exclude a pairing and name the rule; soft scores rank what is left. Every score
part carries its explanation in Swedish words, so a rank can be read, not only trusted.
"""

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bosam.core.i18n import gettext as _
from bosam.core.i18n import gettext_lazy, ngettext

# How much of the urgency weight each urgency earns.
URGENCY_SHARE = {"acute": 1.0, "high": 0.6, "normal": 0.2}
URGENCY_WORDS = {
    "acute": gettext_lazy("akut"),
    "high": gettext_lazy("hög"),
    "normal": gettext_lazy("normal"),
}
# Waiting time earns its full weight after a year; longer waits rank no higher on this part.
WAITING_FULL_AFTER_DAYS = 365
# How many proposals per vacancy count as "the current proposals" for the what-if.
WHAT_IF_TOP = 5


@dataclass(frozen=True)
class RuleSettings:
    """The matching settings the rules read (MatchingSettings as plain values)."""

    max_persons_per_room: int = 2
    weight_urgency: int = 40
    weight_waiting: int = 30
    weight_district: int = 15
    weight_size: int = 15

    @property
    def max_points(self) -> int:
        return self.weight_urgency + self.weight_waiting + self.weight_district + self.weight_size


@dataclass(frozen=True)
class RequestFacts:
    """What the rules know about a request for housing."""

    id: Hashable
    reference: str
    usage_category: str
    usage_label: str
    committee_id: int
    committee_name: str
    household_size: int
    rooms_wanted: int
    received_on: date
    urgency: str = "normal"
    needs_wheelchair_access: bool = False
    needs_ground_floor_or_lift: bool = False
    districts_preferred: tuple[str, ...] = ()
    districts_avoided: tuple[str, ...] = ()


@dataclass(frozen=True)
class VacancyFacts:
    """What the rules know about a vacant (or soon vacant) apartment under a head lease."""

    id: Hashable
    label: str
    usage_category: str
    usage_label: str
    committee_id: int
    committee_name: str
    room_count: int
    free_from: date
    district: str = ""
    floor: int | None = None  # relative to the entrance floor (0); None when not registered
    has_lift: bool = False
    wheelchair_accessible: bool = False


@dataclass(frozen=True)
class Exclusion:
    """A hard rule that keeps a vacancy from being proposed for a request."""

    rule: str
    message: str


def _same_district(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def exclude_usage(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> Exclusion | None:
    """The apartment's usage must be the one the request is for."""
    if r.usage_category == v.usage_category:
        return None
    return Exclusion(
        "usage",
        _("Objektet är avsett för %(vacancy)s, men beställningen gäller %(request)s.")
        % {"vacancy": v.usage_label.lower(), "request": r.usage_label.lower()},
    )


def exclude_committee(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> Exclusion | None:
    """The committee that holds (pays for) the apartment must be the one paying for the request."""
    if r.committee_id == v.committee_id:
        return None
    return Exclusion(
        "committee",
        _("Avtalet betalas av %(vacancy)s, men beställningen betalas av %(request)s.")
        % {"vacancy": v.committee_name, "request": r.committee_name},
    )


def max_household_size(room_count: int, s: RuleSettings) -> int:
    """The most persons the occupancy rule allows in an apartment of this many rooms."""
    return room_count * s.max_persons_per_room


def exclude_household_too_large(
    r: RequestFacts, v: VacancyFacts, s: RuleSettings
) -> Exclusion | None:
    """The household may not be larger than the occupancy rule allows for the apartment."""
    allowed = max_household_size(v.room_count, s)
    if r.household_size <= allowed:
        return None
    return Exclusion(
        "household_too_large",
        _(
            "Hushållet är %(size)s personer, men objektet har %(rooms)s rum och regeln om högst "
            "%(per_room)s personer per rum tillåter högst %(allowed)s."
        )
        % {
            "size": r.household_size,
            "rooms": v.room_count,
            "per_room": s.max_persons_per_room,
            "allowed": allowed,
        },
    )


def exclude_wheelchair(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> Exclusion | None:
    """A household that needs wheelchair access gets only an accessible apartment."""
    if not r.needs_wheelchair_access or v.wheelchair_accessible:
        return None
    return Exclusion(
        "wheelchair", _("Hushållet behöver tillgänglighet för rullstol, och objektet saknar det.")
    )


def exclude_ground_floor_or_lift(
    r: RequestFacts, v: VacancyFacts, s: RuleSettings
) -> Exclusion | None:
    """A household that cannot climb stairs needs the entrance floor or a lift. An apartment
    whose floor is not registered and has no lift cannot be shown to meet the need."""
    if not r.needs_ground_floor_or_lift or v.has_lift or v.floor == 0:
        return None
    if v.floor is None:
        message = _(
            "Hushållet behöver bottenvåning eller hiss, men objektets våning är inte registrerad "
            "och huset saknar hiss."
        )
    else:
        message = _(
            "Hushållet behöver bottenvåning eller hiss, men objektet ligger på våning %(floor)s "
            "och huset saknar hiss."
        ) % {"floor": v.floor}
    return Exclusion("ground_floor_or_lift", message)


def exclude_avoided_district(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> Exclusion | None:
    """An area the request says to avoid (e.g. for safety) is never proposed."""
    if not v.district or not any(_same_district(v.district, d) for d in r.districts_avoided):
        return None
    return Exclusion(
        "avoided_district",
        _("Objektet ligger i %(district)s, som ska undvikas.") % {"district": v.district},
    )


HARD_RULES: tuple[Callable[[RequestFacts, VacancyFacts, RuleSettings], Exclusion | None], ...] = (
    exclude_usage,
    exclude_committee,
    exclude_household_too_large,
    exclude_wheelchair,
    exclude_ground_floor_or_lift,
    exclude_avoided_district,
)


def exclusions(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> list[Exclusion]:
    """Every hard rule that excludes the pairing; empty means it may be proposed."""
    found = (rule(r, v, s) for rule in HARD_RULES)
    return [e for e in found if e is not None]


@dataclass(frozen=True)
class ScorePart:
    code: str
    label: str
    points: int
    max_points: int
    explanation: str

    def __str__(self) -> str:
        return _("%(label)s: %(explanation)s (%(points)s av %(max)s p)") % {
            "label": self.label,
            "explanation": self.explanation,
            "points": self.points,
            "max": self.max_points,
        }


def _points(weight: int, share: float) -> int:
    return round(weight * max(0.0, min(1.0, share)))


def score_urgency(r: RequestFacts, s: RuleSettings) -> ScorePart:
    share = URGENCY_SHARE.get(r.urgency, URGENCY_SHARE["normal"])
    words = str(URGENCY_WORDS.get(r.urgency, r.urgency))
    return ScorePart(
        "urgency", _("Brådska"), _points(s.weight_urgency, share), s.weight_urgency, words
    )


def score_waiting(r: RequestFacts, s: RuleSettings, today: date) -> ScorePart:
    days = max(0, (today - r.received_on).days)
    share = days / WAITING_FULL_AFTER_DAYS
    return ScorePart(
        "waiting",
        _("Väntetid"),
        _points(s.weight_waiting, share),
        s.weight_waiting,
        ngettext("har väntat %(days)s dag", "har väntat %(days)s dagar", days) % {"days": days},
    )


def score_district(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> ScorePart:
    if not r.districts_preferred:
        share, words = 0.5, _("inga önskemål om område")
    elif v.district and any(_same_district(v.district, d) for d in r.districts_preferred):
        share, words = 1.0, _("%(district)s är ett önskat område") % {"district": v.district}
    else:
        wished = ", ".join(r.districts_preferred)
        share, words = (
            0.0,
            _("%(district)s är inte önskat (%(wished)s)")
            % {"district": v.district or _("området"), "wished": wished},
        )
    return ScorePart(
        "district", _("Område"), _points(s.weight_district, share), s.weight_district, words
    )


def score_size(r: RequestFacts, v: VacancyFacts, s: RuleSettings) -> ScorePart:
    diff = v.room_count - r.rooms_wanted
    if diff == 0:
        share, words = 1.0, _("%(rooms)s rum, som önskat") % {"rooms": v.room_count}
    elif diff > 0:
        share = 0.6 if diff == 1 else 0.2
        words = _("%(rooms)s rum, %(diff)s fler än önskat") % {"rooms": v.room_count, "diff": diff}
    else:
        share = 0.4 if diff == -1 else 0.0
        words = _("%(rooms)s rum, %(diff)s färre än önskat") % {
            "rooms": v.room_count,
            "diff": -diff,
        }
    return ScorePart("size", _("Storlek"), _points(s.weight_size, share), s.weight_size, words)


@dataclass(frozen=True)
class Proposal:
    request: RequestFacts
    vacancy: VacancyFacts
    parts: tuple[ScorePart, ...]
    rank: int = 0

    @property
    def points(self) -> int:
        return sum(p.points for p in self.parts)

    @property
    def max_points(self) -> int:
        return sum(p.max_points for p in self.parts)

    @property
    def explanation(self) -> str:
        """The rank in words: every score part with its points."""
        return " · ".join(str(p) for p in self.parts)


def score(r: RequestFacts, v: VacancyFacts, s: RuleSettings, today: date) -> Proposal:
    """The soft scores of a pairing that no hard rule excludes."""
    return Proposal(
        r,
        v,
        (
            score_urgency(r, s),
            score_waiting(r, s, today),
            score_district(r, v, s),
            score_size(r, v, s),
        ),
    )


@dataclass(frozen=True)
class Excluded:
    request: RequestFacts
    vacancy: VacancyFacts
    exclusions: tuple[Exclusion, ...]


@dataclass
class Ranking:
    proposals: list[Proposal] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)


def _ranked(
    proposals: list[Proposal], key: Callable[[Proposal], tuple[object, ...]]
) -> list[Proposal]:
    ordered = sorted(proposals, key=key)
    return [
        Proposal(p.request, p.vacancy, p.parts, rank=index)
        for index, p in enumerate(ordered, start=1)
    ]


def _pairings(
    pairs: Iterable[tuple[RequestFacts, VacancyFacts]], s: RuleSettings, today: date
) -> Ranking:
    ranking = Ranking()
    for r, v in pairs:
        found = exclusions(r, v, s)
        if found:
            ranking.excluded.append(Excluded(r, v, tuple(found)))
        else:
            ranking.proposals.append(score(r, v, s, today))
    return ranking


def rank_requests(
    vacancy: VacancyFacts, requests: Iterable[RequestFacts], s: RuleSettings, today: date
) -> Ranking:
    """The requests for a vacancy, best first: most points, then the longest wait, then the
    reference (so equal requests always come in the same order)."""
    ranking = _pairings(((r, vacancy) for r in requests), s, today)
    ranking.proposals = _ranked(
        ranking.proposals, lambda p: (-p.points, p.request.received_on, p.request.reference)
    )
    return ranking


def rank_vacancies(
    request: RequestFacts, vacancies: Iterable[VacancyFacts], s: RuleSettings, today: date
) -> Ranking:
    """The vacancies for a request, best first: most points, then the earliest free, then the
    label."""
    ranking = _pairings(((request, v) for v in vacancies), s, today)
    ranking.proposals = _ranked(
        ranking.proposals, lambda p: (-p.points, p.vacancy.free_from, p.vacancy.label)
    )
    return ranking


@dataclass(frozen=True)
class WhyNot:
    """The answer to "why is vacancy X not proposed for request Y"."""

    exclusions: tuple[Exclusion, ...]
    proposal: Proposal | None  # when no rule excludes: its place among the request's proposals

    @property
    def excluded(self) -> bool:
        return bool(self.exclusions)


def why_not(
    request: RequestFacts,
    vacancy: VacancyFacts,
    all_vacancies: Sequence[VacancyFacts],
    s: RuleSettings,
    today: date,
) -> WhyNot:
    """Every hard rule that excludes the vacancy for the request; when none does, the vacancy's
    rank among the request's proposals and its explanation instead."""
    found = exclusions(request, vacancy, s)
    if found:
        return WhyNot(tuple(found), None)
    candidates = list(all_vacancies)
    if not any(v.id == vacancy.id for v in candidates):
        candidates.append(vacancy)
    ranking = rank_vacancies(request, candidates, s, today)
    proposal = next(p for p in ranking.proposals if p.vacancy.id == vacancy.id)
    return WhyNot((), proposal)


@dataclass(frozen=True)
class ProposalChange:
    """One current proposal that a change of settings would move, add or remove."""

    vacancy: VacancyFacts
    request: RequestFacts
    old_rank: int | None  # None: not among the top proposals before
    new_rank: int | None  # None: not among the top proposals after
    reason: str = ""  # the hard rule, when the change excludes the pairing

    @property
    def description(self) -> str:
        if self.old_rank is None:
            return _("kommer in som förslag nr %(new)s") % {"new": self.new_rank}
        if self.new_rank is None:
            if self.reason:
                return _("faller bort (var nr %(old)s): %(reason)s") % {
                    "old": self.old_rank,
                    "reason": self.reason,
                }
            return _("faller bort (var nr %(old)s)") % {"old": self.old_rank}
        return _("flyttas från nr %(old)s till nr %(new)s") % {
            "old": self.old_rank,
            "new": self.new_rank,
        }


def _top(
    vacancy: VacancyFacts, requests: Sequence[RequestFacts], s: RuleSettings, today: date, top: int
) -> dict[Hashable, int]:
    ranking = rank_requests(vacancy, requests, s, today)
    return {p.request.id: p.rank for p in ranking.proposals[:top]}


def proposal_changes(
    vacancies: Sequence[VacancyFacts],
    requests: Sequence[RequestFacts],
    old: RuleSettings,
    new: RuleSettings,
    today: date,
    top: int = WHAT_IF_TOP,
) -> list[ProposalChange]:
    """What a change of settings would do to the current proposals: for every vacancy, the
    requests that would enter, leave or move among its top proposals. Empty: nothing changes."""
    by_id = {r.id: r for r in requests}
    changes: list[ProposalChange] = []
    for vacancy in vacancies:
        before = _top(vacancy, requests, old, today, top)
        after = _top(vacancy, requests, new, today, top)
        for request_id in sorted(
            set(before) | set(after), key=lambda i: (after.get(i) or 99, before.get(i) or 99)
        ):
            old_rank, new_rank = before.get(request_id), after.get(request_id)
            if old_rank == new_rank:
                continue
            request = by_id[request_id]
            reason = ""
            if new_rank is None:
                found = exclusions(request, vacancy, new)
                reason = found[0].message if found else ""
            changes.append(ProposalChange(vacancy, request, old_rank, new_rank, reason))
    return changes


def days_between(start: date, end: date | None) -> int | None:
    """Whole days from one date to a later one; None while the end has not happened."""
    return None if end is None else (end - start).days


@dataclass(frozen=True)
class DaysSummary:
    """Days per case for a figure: how many cases, the mean and the median (one decimal)."""

    count: int
    total: int
    mean: float | None
    median: float | None


def days_summary(days: Sequence[int]) -> DaysSummary:
    """Count, total, mean and median of day counts; no mean or median without cases (not 0)."""
    if not days:
        return DaysSummary(0, 0, None, None)
    ordered = sorted(days)
    middle = len(ordered) // 2
    median = (
        float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )
    return DaysSummary(len(ordered), sum(ordered), round(sum(ordered) / len(ordered), 1), median)


def days_vacant_before(start: date, lease_start: date, earlier_ends: Iterable[date | None]) -> int:
    """Vacancy days before a new tenant: from the day after the previous sublet on the head lease
    ended (or the head lease's start, when there was none) to the new sublet's start."""
    ends = [end for end in earlier_ends if end is not None and end < start]
    free_from = max(ends) + timedelta(days=1) if ends else lease_start
    return max(0, (start - free_from).days)
