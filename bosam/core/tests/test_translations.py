"""English is a complete second language: every app's catalogue is translated, its placeholders
survive translation, the committed .mo files are compiled from the .po files, and a user who
picks English in the header sees the shell in English (Swedish by default).

The catalogues are read with a small parser here rather than GNU gettext, so the test runs on a
machine without gettext installed (the same reason the .mo files are committed)."""

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from bosam.core.navigation import nav_items_for

ROOT = Path(settings.BASE_DIR)
APP_DIRS = sorted(path.parent for path in ROOT.glob("bosam/*/apps.py"))
CATALOGUES = sorted(ROOT.glob("locale/en/LC_MESSAGES/*.po")) + sorted(
    ROOT.glob("bosam/*/locale/en/LC_MESSAGES/*.po")
)
# %(name)s, %s, %d …; {name} and {}; HTML tags (not "Token <nyckel>", which is text); entities
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}|&#?\w+;"
    r"|</?(?:a|abbr|b|br|code|em|i|kbd|li|mark|ol|p|q|small|span|strong|sub|sup|time|ul)\b[^>]*>"
)
# Menu entries spelt the same in both languages.
SAME_IN_ENGLISH = {"Organisation", "API"}
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], body)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header excluded; obsolete (#~) entries are ignored."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    key = ""

    def flush() -> None:
        if "msgid" in fields and fields["msgid"]:
            strings = {
                int(k[7:-1]) if k.startswith("msgstr[") else 0: v
                for k, v in fields.items()
                if k.startswith("msgstr")
            }
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgctxt=fields.get("msgctxt"),
                    msgid_plural=fields.get("msgid_plural"),
                    msgstr=strings,
                    flags=set(flags),
                )
            )
        elif "msgid" in fields and "fuzzy" in flags:
            entries.append(Entry(msgid="", msgstr={0: fields.get("msgstr", "")}, flags={"fuzzy"}))
        fields.clear()
        flags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
        elif line.startswith("#,"):
            flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            fields[key] += _unquote(line)
        else:
            key, _space, value = line.partition(" ")
            if key in fields:  # a new entry without a blank line in between
                flush()
            fields[key] = _unquote(value)
    flush()
    return entries


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_app_has_a_compiled_english_catalogue() -> None:
    missing = [
        _name(app)
        for app in APP_DIRS
        if not (app / "locale/en/LC_MESSAGES/django.po").exists()
        or not (app / "locale/en/LC_MESSAGES/django.mo").exists()
    ]
    assert missing == [], "run ./dev i18n and translate the new catalogues"


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_english_catalogue_has_no_untranslated_or_fuzzy_entries(path: Path) -> None:
    entries = parse_po(path)
    fuzzy = [e.label for e in entries if "fuzzy" in e.flags]
    untranslated = [
        e.label
        for e in entries
        if not e.msgstr or not all(e.msgstr.values()) or (e.msgid_plural and len(e.msgstr) < 2)
    ]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_translation_keeps_the_placeholders_and_markup_of_the_swedish(path: Path) -> None:
    mismatched = []
    for entry in parse_po(path):
        for index, translated in entry.msgstr.items():
            source = entry.msgid_plural if entry.msgid_plural and index > 0 else entry.msgid
            if translated and _placeholders(source) != _placeholders(translated):
                mismatched.append((entry.label, translated))
    assert mismatched == []


def test_the_same_swedish_text_has_the_same_english_in_every_app() -> None:
    # Django merges all catalogues into one, so a text translated two ways would show whichever
    # app comes first; give one of them a context (pgettext) instead.
    seen: dict[tuple[str | None, str, str | None], dict[str, list[str]]] = {}
    for path in CATALOGUES:
        for e in parse_po(path):
            strings = [e.msgstr[i] for i in sorted(e.msgstr)]
            seen.setdefault((e.msgctxt, e.msgid, e.msgid_plural), {})[_name(path)] = strings
    conflicts = {
        key[1]: by_app
        for key, by_app in seen.items()
        if len({tuple(strings) for strings in by_app.values()}) > 1
    }
    assert conflicts == {}


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_compiled_catalogue_matches_its_po_file(path: Path) -> None:
    with path.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for e in parse_po(path):
        key = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid
        if e.msgid_plural:
            expected.update({(key, i): s for i, s in e.msgstr.items()})
        else:
            expected[key] = e.msgstr[0]
    compiled_entries = {k: v for k, v in compiled.items() if k != ""}
    assert compiled_entries == expected, "run ./dev i18n to recompile"


def _nav_labels(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.DOTALL)
    assert nav is not None
    return [label.strip() for label in re.findall(r"<a [^>]*>([^<]*)</a>", nav.group(0))]


def _start_page(client, user: Any, language: str | None) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    if language:
        chosen = client.post(reverse("set_language"), {"language": language, "next": "/"})
        assert chosen.status_code == 302
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == (language or "sv")
    return str(response.content.decode())


@pytest.mark.django_db
def test_a_user_who_chooses_english_sees_the_start_page_and_menu_in_english(
    client, all_personas
) -> None:
    for role, user in all_personas.items():
        # given a user who picks English in the header
        # when they open the start page
        html = _start_page(client, user, "en")
        # then the shell, the heading and every menu entry are English
        assert '<html lang="en">' in html
        assert "Skip to content" in html
        assert "Log out" in html
        assert 'aria-label="Main menu"' in html
        with translation.override("en"):
            role_name = str(user.get_role_display())
            english = [str(item["label"]) for item in nav_items_for(user, "/")]
        with translation.override("sv"):
            swedish = [str(item["label"]) for item in nav_items_for(user, "/")]
        assert f"<h1>Start page – {role_name}</h1>" in html, role
        assert _nav_labels(html) == english
        assert "Home" in english
        still_swedish = [
            sv
            for sv, en in zip(swedish, english, strict=True)
            if sv == en and sv not in SAME_IN_ENGLISH
        ]
        assert still_swedish == [], role
        client.logout()


@pytest.mark.django_db
def test_swedish_is_the_default_language(client, coordinator) -> None:
    # given a user who never chose a language
    # when they open the start page
    html = _start_page(client, coordinator, None)
    # then it is in Swedish
    assert '<html lang="sv">' in html
    assert "Logga ut" in html
    assert "<h1>Startsida – Bostadssamordnare</h1>" in html
    assert _nav_labels(html)[0] == "Start"
    assert "Log out" not in html


@pytest.mark.django_db
def test_english_can_be_switched_back_to_swedish(client, coordinator) -> None:
    # given a user who chose English
    _start_page(client, coordinator, "en")
    # when they choose Svenska again
    html = _start_page(client, coordinator, "sv")
    # then the start page is Swedish
    assert "<h1>Startsida – Bostadssamordnare</h1>" in html
