"""Cleaning: markup, Unicode, datelines, captions and boilerplate, language, time."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest
from ingest_samples import STORY, WIRE_BODY, web_copy

from ingest.cleaning import (TimeError, clean_body, detect_language, html_to_text, paragraphs, parse_time,
                             rejoin_broken_names, scrub, split_dateline)


def test_html_to_text_keeps_paragraphs_and_drops_non_copy():
    html = ("<html><head><title>T</title><style>p{}</style></head><body><nav>Menu</nav>"
            "<p>One\nline &amp; more</p><div>Two<br>three</div><script>x()</script><aside>Ad</aside></body></html>")
    assert paragraphs(html_to_text(html)) == ["One line & more", "Two", "three"]


def test_unbalanced_markup_does_not_swallow_the_rest():
    assert "after" in html_to_text("</figure></figure><p>after</p>")
    assert html_to_text("<p>a<p>b").split() == ["a", "b"]


def test_scrub_normalises_unicode():
    decomposed = "De\u0301place\u0301s"
    assert scrub(decomposed) == unicodedata.normalize("NFC", decomposed)
    assert scrub("a\u00a0b\u200bc\x00d\ud800e") == "a bc d\ufffde"
    assert scrub("one\r\ntwo\rthree") == "one\ntwo\nthree"
    # Plain ASCII takes a shorter path that must give what the full one gives.
    assert scrub("a\tb\x0bc\x0cd\x00e\r\nf") == scrub("a\tb\x0bc\x0cd\x00e\r\nf\u00e9")[:-1] == "a b c d e\nf"


@pytest.mark.parametrize(("garbled", "repaired"), [
    # UTF-8 read as Windows-1252: the everyday web-copy kind, undone by ftfy.
    ("the agencyâ€™s convoy reached SÃ£o TomÃ©", "the agency’s convoy reached São Tomé"),
    ("â€œWe left everything,â€\x9d she said", "“We left everything,” she said"),
    # The lossy kind found in text pulled out of report PDFs.
    ("the provinceŠ—Ès camps near Pe’±a Blanca", "the province’s camps near Peña Blanca"),
    ("Jos’© said Š—“enoughŠ—\ufffd", "José said “enough”"),
])
def test_scrub_repairs_mojibake(garbled, repaired):
    assert scrub(garbled) == repaired


@pytest.mark.parametrize("text", ["Café’s “menu” — déjà vu", "Zürich, Kraków, İstanbul and Şanlıurfa", "© 2026 ± 3"])
def test_scrub_leaves_correct_text_alone(text):
    assert scrub(text) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("text, place, provider, rest", [
    ("OLDMERE (AFP) - Thousands fled.", "Oldmere", "AFP", "Thousands fled."),
    ("GENEVA, March 3 (Reuters) - The agency said.", "Geneva", "Reuters", "The agency said."),
    ("PORT-AU-PRINCE, Haiti (AP) — Gangs burned homes.", "Port-au-Prince, Haiti", "AP", "Gangs burned homes."),
    ("NEW TOWN, Varnia, May 2, 2031 (Reuters) - Text.", "New Town, Varnia", "Reuters", "Text."),
    ("Oldmere (AFP) -- Shelling went on.", "Oldmere", "AFP", "Shelling went on."),
    ("GAZA CITY, Oct 5 — Residents fled.", "Gaza City", None, "Residents fled."),
    ("DAR ES SALAAM (Reuters) -Floods displaced 2,000.", "Dar es Salaam", "Reuters", "Floods displaced 2,000."),
    ("Oldmere, 3 mar (EFE).- Las autoridades evacuaron a 300 personas.", "Oldmere", "EFE",
     "Las autoridades evacuaron a 300 personas."),
    ("OLDMERE, 3 mars (AFP) - Plus de 2 000 personnes ont fui.", "Oldmere", "AFP",
     "Plus de 2 000 personnes ont fui."),
    ("OLDMERE: Fighting resumed at dawn.", "Oldmere", None, "Fighting resumed at dawn."),
    ("OLDMERE/NEW TOWN, July 12 (Xinhua) -- Boats took people off.", "Oldmere/New Town", "Xinhua",
     "Boats took people off."),
    ("OLDMERE/NEW TOWN - Boats took people off.", "Oldmere/New Town", None, "Boats took people off."),
    ("Oldmere (Reuters) – Officials said so.", "Oldmere", "Reuters", "Officials said so."),
])
def test_datelines(text, place, provider, rest):
    dateline, remainder = split_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.provider) == (place, provider)
    assert remainder == rest
    assert text.startswith(dateline.text)


@pytest.mark.parametrize("text", [
    "Thousands fled the city of Oldmere on Monday, officials said.",
    "The UN refugee agency (UNHCR) - said 400 people fled.",
    "BREAKING - Something happened.",
    "UPDATE 2-Fighting spreads (adds toll)",
    "More than 12,000 people (about 2,400 families) - mostly women - fled.",
    "UPDATE: the road is closed.",
    "UNHCR: 5,000 people fled the district.",
    "Aid workers said: we need more tents.",
    "Heavy rain - the worst in years - flooded the valley.",
])
def test_not_datelines(text):
    assert split_dateline(text) == (None, text)


def test_dateline_on_a_line_of_its_own():
    body, dateline = clean_body("OLDMERE (AFP)\n\nThousands fled the fighting.")
    assert dateline.place == "Oldmere" and body == "Thousands fled the fighting."


def test_web_copy_cleans_to_the_wire_text():
    body, dateline = clean_body(web_copy())
    assert body.split("\n\n") == STORY
    assert (dateline.place, dateline.provider) == ("Oldmere", "AFP")


def test_wire_and_web_copies_clean_to_the_same_text():
    assert clean_body(WIRE_BODY) == clean_body(web_copy()) == clean_body(web_copy("Other Outlet"))


def test_repeated_captions_and_widgets_in_plain_text():
    text = "\n".join([
        STORY[0],
        "Displaced families queue for water. (Photo by A. Person / AFP)",
        STORY[1],
        "Displaced families queue for water. (Photo by A. Person / AFP)",
        "Read more: Floods in Lakeshire",
        "Advertisement",
        STORY[2],
        "12 Comments",
        "You must be logged in to post a comment.",
    ])
    body, _ = clean_body(text)
    assert body.split("\n\n") == STORY[:3]


def test_a_real_paragraph_that_mentions_junk_words_is_kept():
    text = (f"{STORY[0]}\n\nPublished reports say 3,000 people fled the district.\n\n"
            "Related clashes in the west displaced another 500 families, officials said.")
    assert clean_body(text)[0].split("\n\n")[1:] == ["Published reports say 3,000 people fled the district.",
                                                      "Related clashes in the west displaced another 500 families, "
                                                      "officials said."]


def test_hard_wrapped_wire_copy_rejoins_lines():
    text = "Fighting forced more than 12,000 people\nto flee their homes.\n\nA second\nparagraph."
    assert clean_body(text)[0] == "Fighting forced more than 12,000 people to flee their homes.\n\nA second paragraph."


@pytest.mark.parametrize("text, language", [
    (" ".join(STORY), "en"),
    ("Les combats ont forcé plus de 12 000 personnes à fuir leurs maisons dans la province, selon le bureau des "
     "Nations unies qui a lancé un appel pour des fonds.", "fr"),
    ("Los combates han obligado a más de 12.000 personas a huir de sus hogares en la provincia, según la oficina "
     "de las Naciones Unidas.", "es"),
    ("Die Kämpfe haben mehr als 12.000 Menschen in der Provinz zur Flucht gezwungen, wie das Büro der Vereinten "
     "Nationen am Dienstag mitteilte.", "de"),
    ("أجبرت المعارك أكثر من اثني عشر ألف شخص على الفرار من منازلهم في المحافظة", "ar"),
    ("Бои вынудили более двенадцати тысяч человек покинуть свои дома", "ru"),
    ("Oldmere", None),
])
def test_language(text, language):
    assert detect_language(text) == language


def test_times_become_utc():
    now = datetime(2031, 5, 3, tzinfo=UTC)
    assert parse_time("2031-05-02T10:00:00+02:00", now=now) == datetime(2031, 5, 2, 8, tzinfo=UTC)
    assert parse_time("2031-05-02T08:00:00Z", now=now) == datetime(2031, 5, 2, 8, tzinfo=UTC)
    assert parse_time("Fri, 02 May 2031 08:00:00 GMT", now=datetime(2031, 5, 3, tzinfo=UTC)) == \
        datetime(2031, 5, 2, 8, tzinfo=UTC)
    assert parse_time("2031-05-02 08:00", now=datetime(2031, 5, 3, tzinfo=UTC)) == datetime(2031, 5, 2, 8, tzinfo=UTC)
    assert parse_time(None) is None and parse_time("") is None


@pytest.mark.parametrize("value", ["yesterday", "2031-13-01", "x" * 100, "1066-10-14T00:00:00Z", True, 1e20])
def test_bad_times(value):
    with pytest.raises(TimeError):
        parse_time(value, now=datetime(2031, 5, 3, tzinfo=UTC))


def test_future_times_are_refused():
    with pytest.raises(TimeError, match="future"):
        parse_time("2031-05-10T00:00:00Z", now=datetime(2031, 5, 3, tzinfo=UTC))


def test_bylines_and_credit_lines_are_dropped_but_sentences_starting_alike_are_not():
    text = "\n".join(["By A. Writer", "Special to", STORY[0], "By Tuesday, 400 more families had fled the district.",
                      "Reporting by A. Writer; Editing by B. Editor"])
    assert clean_body(text)[0].split("\n\n") == [STORY[0], "By Tuesday, 400 more families had fled the district."]


def test_newspaper_dateline_with_a_date_and_no_dash():
    dateline, rest = split_dateline("New Delhi, August 2  At least 40 people died in floods.")
    assert dateline.place == "New Delhi" and rest == "At least 40 people died in floods."
    assert split_dateline("In Aleppo, March 3 was calm.")[0] is None


def test_country_names_broken_by_a_line_break_hyphen_are_rejoined():
    text = rejoin_broken_names("Floods in Bang-ladesh and Afghani-stan; Syr-ians left. A Well-known long-term plan.")
    assert text == "Floods in Bangladesh and Afghanistan; Syrians left. A Well-known long-term plan."
