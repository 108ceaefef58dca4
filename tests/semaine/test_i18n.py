"""Translations: French msgids are the source, locale/{fr,en}/LC_MESSAGES/django.po the catalogues.

The compiled catalogues (.mo) are git-ignored build products (`make messages`); the fixture
below compiles them once per test session when they are missing or older than their .po, so
these tests also pass on a fresh clone run with plain `pytest`.
"""

import fcntl
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation.reloader import translation_file_changed

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
CATALOGUES = {code: LOCALE_DIR / code / "LC_MESSAGES" / "django.po" for code in ("fr", "en")}

# The result count of the event list (templates/events/event_list.html).
EVENT_COUNT = ("%(counter)s événement", "%(counter)s événements")


def _stale(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues(tmp_path_factory):
    """Compile the .po files if needed (once, even with pytest-xdist's parallel workers)."""
    lock = tmp_path_factory.getbasetemp().parent / "semaine-compilemessages.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if any(_stale(po) for po in CATALOGUES.values()):
                call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    # Forget any catalogue this process loaded before the .mo files existed (another worker
    # may have compiled them meanwhile).
    translation_file_changed(None, Path("django.mo"))


def _entries(po: Path) -> list[dict[str, str]]:
    """The entries of a .po file as {keyword: text}, header first; enough for these checks."""
    entries = []
    for block in po.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict[str, str] = {"#": ""}
        keyword = None
        for line in block.splitlines():
            if line.startswith("#"):
                entry["#"] += line + "\n"
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                keyword = match.group(1)
                entry[keyword] = match.group(2)
            else:
                entry[keyword] += re.match(r'^"(.*)"$', line).group(1)
        entries.append(entry)
    return entries


# --- French: the source language, with its own plural rule ---------------------------------


def test_french_plural_treats_zero_and_one_as_singular():
    with translation.override("fr"):
        counts = {n: ngettext(*EVENT_COUNT, n) % {"counter": n} for n in (0, 1, 2, 10)}
    assert counts == {
        0: "0 événement",
        1: "1 événement",
        2: "2 événements",
        10: "10 événements",
    }


@pytest.mark.django_db
def test_event_list_without_results_says_0_evenement(client):
    html = client.get(reverse("events:list"), {"q": "zzzz-aucun-resultat"}).content.decode()
    assert "0 événement" in html
    assert "0 événements" not in html


def test_french_catalogue_header_has_the_french_plural_rule():
    header = _entries(CATALOGUES["fr"])[0]["msgstr"]
    assert "Language: fr\\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n > 1);\\n" in header


def test_every_french_plural_entry_has_both_forms():
    plurals = [e for e in _entries(CATALOGUES["fr"])[1:] if "msgid_plural" in e]
    assert plurals
    for entry in plurals:
        assert entry["msgstr[0]"] == entry["msgid"]
        assert entry["msgstr[1]"] == entry["msgid_plural"]


# --- English -----------------------------------------------------------------------------------


def test_english_catalogue_header():
    header = _entries(CATALOGUES["en"])[0]["msgstr"]
    assert "Language: en\\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\\n" in header


@pytest.mark.parametrize("code", ["fr", "en"])
def test_no_fuzzy_entry_is_left(code):
    text = CATALOGUES[code].read_text(encoding="utf-8")
    assert not re.search(r"^#,.*\bfuzzy\b", text, flags=re.MULTILINE)


def test_every_entry_is_translated_into_english():
    """English is complete: pages, e-mails, the admin, the commands' messages."""
    untranslated = []
    for entry in _entries(CATALOGUES["en"])[1:]:
        forms = [entry[k] for k in ("msgstr", "msgstr[0]", "msgstr[1]") if k in entry]
        if not all(forms):
            untranslated.append(entry["msgid"])
    assert untranslated == []


def test_every_english_plural_entry_has_both_forms():
    for entry in _entries(CATALOGUES["en"])[1:]:
        if "msgid_plural" in entry:
            assert entry["msgstr[0]"] and entry["msgstr[1]"], entry["msgid"]


@pytest.mark.parametrize(
    "msgid",
    [
        "Trouver un événement",
        "Accueil",
        "Carte",
        "Thématiques",
        "Types d'action",
        "Publics",
        "Près de",
        "Rayon (km)",
        "Commune ou code postal",
        "Trier par",
        "Appliquer les filtres",
        "Sur place",
        "En ligne",
        "Hybride",
        "Labellisé et publié",
        "Données ouvertes",
    ],
)
def test_public_msgids_have_an_english_translation(msgid):
    with translation.override("en"):
        english = gettext(msgid)
    assert english and english != msgid


def test_english_plurals():
    with translation.override("en"):
        counts = [ngettext(*EVENT_COUNT, n) % {"counter": n} for n in (0, 1, 2)]
    assert counts == ["0 events", "1 event", "2 events"]


@pytest.mark.django_db
def test_language_switcher_turns_the_public_pages_into_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    home = client.get("/").content.decode()
    assert '<html lang="en"' in home
    assert re.search(r'<a class="fr-nav__link" href="/" aria-current="page">Home</a>', home)
    assert f'<a class="fr-nav__link" href="{reverse("events:list")}">Find an event</a>' in home
    assert "Trouver un événement" not in home

    listing = client.get(reverse("events:list")).content.decode()
    assert '<html lang="en"' in listing
    assert "<h1>Find an event</h1>" in listing
    assert "Apply filters" in listing and "Radius (km)" in listing
    assert "Appliquer les filtres" not in listing


@pytest.mark.django_db
def test_french_stays_the_default(client):
    html = client.get(reverse("events:list")).content.decode()
    assert '<html lang="fr"' in html
    assert "<h1>Trouver un événement</h1>" in html


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("l j F Y, H\\hi", "l j F Y, H:i"),  # event cards: "lundi 17 novembre 2025, 09h00"
        ("j F Y, H\\hi", "j F Y, H:i"),  # the map's result list
        ("l j F Y à H:i", "l j F Y, H:i"),  # registration e-mails
    ],
)
def test_date_formats_are_translated(french, english):
    with translation.override("fr"):
        assert gettext(french) == french
    with translation.override("en"):
        assert gettext(french) == english
