"""The synthetic municipality: shared state for each app's `demo.py` builder.

`manage.py demo` calls `build(ctx)` in every Bosam app that has a demo module, lower layers first,
so a later module finds the households, objects and users it needs in `ctx`. Everything is drawn
from one seeded random generator: the same seed and scale give the same municipality.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stdnum import luhn

FIRST_NAMES = (
    "Anna Eva Maria Karin Sara Lena Emma Kerstin Ingrid Elin Amina Fatima Olena Iryna Hanna "
    "Johanna Linnea Maja Nora Alice Leila Samira Zeynep Ebba Ida Sofia Yasmin Agnes "
    "Lars Anders Johan Per Karl Erik Mikael Peter Ahmed Mohammed Ali Oleksandr Andrii Hassan "
    "Jonas Fredrik Daniel Oskar Omar Yusuf Ibrahim Dmytro Mattias Viktor Emil Hugo Liam Elias"
).split()
LAST_NAMES = (
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
    "Pettersson Jonsson Jansson Hansson Bengtsson Lindberg Lindqvist Berg Lundgren Holm Ali "
    "Mohamed Hassan Ahmed Yusuf Abdi Kovalenko Shevchenko Bondarenko Tkachenko Kaya Demir "
    "Nguyen Haddad Rahimi Jakobsson Sandberg Forsberg Sjöberg Wallin Engström Danielsson"
).split()
# Whole street names ("Södra Promenaden", not "Södra"): one name per comma.
STREETS = tuple(
    name.strip()
    for name in (
        "Hagebygatan, Navestadsgatan, Marielundsgatan, Klingsbergsgatan, Ektorpsgatan, "
        "Smedbyvägen, Lindövägen, Vilbergsgatan, Östra Promenaden, Södra Promenaden, Kungsgatan, "
        "Drottninggatan, Trädgårdsgatan, Hospitalsgatan, Gamla Övägen, Slottsgatan, Breda vägen, "
        "Skarphagsgatan, Ljuragatan, Såpkullegatan, Knäppingsborgsgatan, Albrektsvägen, "
        "Taborsbergsvägen, Kneippgatan"
    ).split(",")
)
DISTRICTS = [
    "Hageby",
    "Navestad",
    "Marielund",
    "Klingsberg",
    "Ektorp",
    "Smedby",
    "Lindö",
    "Vilbergen",
    "Centrum",
    "Haga",
    "Skarphagen",
    "Ljura",
    "Såpkullen",
    "Kneippen",
    "Åby",
    "Krokek",
]
TOWN = "Norrköping"


@dataclass
class DemoContext:
    rng: random.Random
    scale: float
    today: date
    stdout: Any  # a management command's OutputWrapper
    data: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)

    def count(self, base: int) -> int:
        """A quantity for this scale: `base` is the Norrköping-sized (scale 1) number."""
        return max(1, round(base * self.scale))

    def say(self, text: str) -> None:
        self.stdout.write(text + "\n")

    def person_name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def address(self) -> tuple[str, str, str]:
        street = f"{self.rng.choice(STREETS)} {self.rng.randint(1, 120)}"
        postcode = f"60{self.rng.randint(2, 3)} {self.rng.randint(10, 99)}"
        return street, postcode, TOWN

    def day_between(self, start: date, end: date) -> date:
        span = max(0, (end - start).days)
        return start + timedelta(days=self.rng.randint(0, span))


def demo_personal_number(rng: random.Random, birth: date, used: set[str]) -> str:
    """A personnummer that passes the checksum and is recognisably demo data: its serial
    number starts with 98 (real numbers in the demo would be personal data)."""
    while True:
        serial = f"98{rng.randint(0, 9)}"
        body = f"{birth:%y%m%d}{serial}"
        digits = f"{birth:%Y%m%d}{serial}{luhn.calc_check_digit(body)}"
        if digits not in used:
            used.add(digits)
            return digits
        birth += timedelta(days=1)


def demo_org_number(rng: random.Random, used: set[str], prefix: str = "55") -> str:
    """An organisation number with a valid check digit (third digit >= 2, as for legal persons)."""
    while True:
        body = prefix + f"{rng.randint(2, 9)}{rng.randint(0, 999999):06d}"
        number = body + luhn.calc_check_digit(body)
        if number not in used:
            used.add(number)
            return number


def batched(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
