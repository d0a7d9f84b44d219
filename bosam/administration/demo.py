"""Demo audit history: ten years of the staff's everyday reads, for the audit follow-up.

Audit events are never deleted, so after ten years an installation's trail holds every read of
those years. The other builders audit what they create; this one adds the reads: each working
day the eviction-prevention caseworker opens cases, the coordinator sublets, the adviser advice
cases and the social worker their unit's households, one at a time and as list pages. At scale 1
that is about 55,000 rows (one per person concerned), at scale 10 about 550,000, so the follow-up
searches, and the benchmark's audit writes go into, a trail of realistic size.

Runs last: it reads what the other builders made, and writes only audit rows."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from random import Random
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from bosam.advice.models import AdviceCase
from bosam.audit.demo_history import PastRead, Subject, subject_of, write_past_reads
from bosam.audit.models import AuditAction
from bosam.core.demo import DemoContext
from bosam.households.models import Household, HouseholdMember
from bosam.prevention.models import PreventionCase
from bosam.tenancies.models import Sublet

YEARS = 10
# Per reader and working day at scale 1: records opened one at a time, and list pages read.
OPENED_PER_DAY = 1
LIST_PAGES_PER_WEEK = 1
ROWS_PER_LIST_PAGE = 8  # the records a list page shows that concern people (a filtered list)
# Records each reader's history draws from, per scale unit: recent work is re-read often.
POOL_PER_SCALE = 400


@dataclass(frozen=True)
class _Reader:
    username: str
    pool: list[tuple[Subject, str]]  # (the record, its page)
    list_path: str
    ip_address: str


def _current_members(prefix: str = "") -> "Prefetch[Any]":
    return Prefetch(
        f"{prefix}memberships",
        queryset=HouseholdMember.objects.filter(end_date__isnull=True)
        .select_related("person")
        .order_by("relation", "person__birth_date"),
        to_attr="prefetched_current_members",
    )


def _pool(
    ctx: DemoContext, qs: QuerySet[Any], url_name: str, key: str
) -> list[tuple[Subject, str]]:
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    chosen = ctx.rng.sample(ids, min(ctx.count(POOL_PER_SCALE), len(ids)))
    found = {obj.pk: obj for obj in qs.filter(pk__in=chosen)}
    return [(subject_of(found[pk]), reverse(url_name, kwargs={key: pk})) for pk in chosen]


def _readers(ctx: DemoContext) -> list[_Reader]:
    social_worker = ctx.data["users"]["socsek"]
    return [
        _Reader(
            "handlaggare",
            _pool(
                ctx,
                PreventionCase.objects.select_related("household").prefetch_related(
                    _current_members("household__")
                ),
                "prevention:case_detail",
                "case_id",
            ),
            reverse("prevention:case_list"),
            "10.20.1.11",
        ),
        _Reader(
            "samordnare",
            _pool(
                ctx,
                Sublet.objects.select_related("household", "apartment").prefetch_related(
                    _current_members("household__")
                ),
                "tenancies:sublet_detail",
                "sublet_id",
            ),
            reverse("tenancies:sublet_list"),
            "10.20.1.12",
        ),
        _Reader(
            "radgivare",
            _pool(
                ctx,
                AdviceCase.objects.filter(person__isnull=False).select_related("person"),
                "advice:case_detail",
                "case_id",
            ),
            reverse("advice:case_list"),
            "10.20.1.13",
        ),
        _Reader(
            "socsek",
            _pool(
                ctx,
                Household.objects.filter(unit_id=social_worker.unit_id).prefetch_related(
                    _current_members()
                ),
                "households:household_detail",
                "household_id",
            ),
            reverse("households:household_list"),
            "10.30.4.21",
        ),
    ]


def _working_days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


def _office_hours(rng: Random, day: date, zone: tzinfo) -> datetime:
    minute = rng.randint(8 * 60, 16 * 60 + 30)
    moment = datetime.combine(day, time(minute // 60, minute % 60, rng.randint(0, 59)))
    return timezone.make_aware(moment, zone)


def _past_reads(ctx: DemoContext, readers: list[_Reader]) -> Iterator[PastRead]:
    rng, users = ctx.rng, ctx.data["users"]
    zone = timezone.get_current_timezone()
    first = date(ctx.today.year - YEARS + 1, 1, 1)
    opened, list_chance = ctx.count(OPENED_PER_DAY), LIST_PAGES_PER_WEEK * ctx.scale / 5
    yesterday = ctx.today - timedelta(days=1)
    for day in _working_days(first, yesterday):
        for reader in readers:
            if not reader.pool:
                continue
            actor = users[reader.username]
            for _ in range(opened):
                subject, path = rng.choice(reader.pool)
                yield PastRead(
                    _office_hours(rng, day, zone),
                    actor,
                    AuditAction.VIEW,
                    subject,
                    path,
                    reader.ip_address,
                )
            pages = int(list_chance) + (rng.random() < list_chance % 1)
            for _ in range(pages):
                when = _office_hours(rng, day, zone)
                for subject, _path in rng.sample(
                    reader.pool, min(ROWS_PER_LIST_PAGE, len(reader.pool))
                ):
                    yield PastRead(
                        when, actor, AuditAction.LIST, subject, reader.list_path, reader.ip_address
                    )


def build(ctx: DemoContext) -> None:
    written = write_past_reads(_past_reads(ctx, _readers(ctx)))
    ctx.say(f"  (audit history: {written} rows over {YEARS} years)")
