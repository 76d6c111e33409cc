"""An item's language: the one its format declares (our JSON and ninjs `language`, NewsML-G2
`xml:lang` and `<language tag>`, RSS `<language>` and `<dc:language>`, Atom `xml:lang`), else the
one its words say, even in a short sentence (`cleaning.detect_language`). Texts written for
these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from ingest.cleaning import detect_language
from ingest.feeds import parse_feed
from ingest.formats import InputError, Submission, language_code, parse
from ingest.pipeline import build_article

SHORT_FRENCH = "Le site accueille 12 000 déplacés."


@pytest.mark.parametrize("tag, code", [("fr", "fr"), ("FR", "fr"), ("fr-CA", "fr"), ("en_GB", "en"),
                                       ("pt-BR", "pt"), ("fil", None), ("und", None), ("", None), (None, None),
                                       ("french", None), ("f", None)])
def test_bcp_47_tags_give_their_iso_639_1_code(tag, code):
    assert language_code(tag) == code


def test_our_json_declares_a_language_and_a_bad_tag_is_refused():
    sub = parse(json.dumps({"id": "1", "body": SHORT_FRENCH, "language": "fr-FR"}).encode(), "application/json")
    assert sub.language == "fr"
    with pytest.raises(InputError) as caught:
        parse(json.dumps({"id": "1", "body": "text", "language": "French"}).encode(), "application/json")
    assert caught.value.status == 422 and "language: Value error, must be an ISO 639-1 code" in caught.value.message


def test_ninjs_declares_a_language():
    doc = {"uri": "urn:example:1", "type": "text", "language": "fr", "body_text": SHORT_FRENCH}
    assert parse(json.dumps(doc).encode(), "application/ninjs+json").language == "fr"


@pytest.mark.parametrize("xml", [
    b'<newsItem guid="g1"><contentSet><inlineXML xml:lang="fr"><p>Le site accueille 12 000 d\xc3\xa9plac\xc3\xa9s.</p>'
    b'</inlineXML></contentSet></newsItem>',
    b'<newsItem guid="g1"><contentMeta><language tag="fr-BE"/></contentMeta><contentSet><inlineXML>'
    b'<p>Le site accueille 12 000 d\xc3\xa9plac\xc3\xa9s.</p></inlineXML></contentSet></newsItem>',
    b'<newsItem guid="g1" xml:lang="fr"><contentSet><inlineXML><p>Le site accueille 12 000 d\xc3\xa9plac\xc3\xa9s.</p>'
    b'</inlineXML></contentSet></newsItem>',
])
def test_newsml_g2_declares_a_language(xml):
    assert parse(xml, "application/vnd.iptc.g2.newsitem+xml").language == "fr"


def test_feeds_declare_a_language_for_their_items():
    rss = (b'<rss version="2.0"><channel><title>Fil</title><language>fr-fr</language>'
           b'<item><guid>1</guid><title>Camp</title><description>Le site accueille 12 000 personnes.</description>'
           b'</item></channel></rss>')
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Fil</title><entry><id>1</id>'
            b'<title>Camp</title><content>Le site accueille 12 000 personnes.</content></entry></feed>')
    assert [i.submission.language for i in parse_feed(rss).items] == ["fr"]
    assert [i.submission.language for i in parse_feed(atom).items] == ["fr"]


def test_a_declared_language_wins_and_without_one_the_text_tells():
    now = datetime(2031, 5, 2, tzinfo=UTC)
    declared, _ = build_article(Submission(body="Some 400 people fled the town.", language="fr"), now)
    assert declared.language == "fr"  # the provider's label stands, whatever the words
    undeclared, _ = build_article(Submission(body=SHORT_FRENCH), now)
    assert undeclared.language == "fr"


@pytest.mark.parametrize("text, language", [
    ("Le camp accueille actuellement 35 000 déplacés.", "fr"),
    ("Entre 5 000 et 10 000 personnes se sont rassemblées près de la frontière.", "fr"),
    ("L'équipe a gagné 3 à 1 devant 20 000 spectateurs.", "fr"),
    ("On compte 1 500 personnes déplacées à Kessa depuis lundi.", "fr"),
    ("On dénombre 800 sinistrés dans la ville.", "fr"),
    ("Ils sont arrivés à Mirwah après trois jours de marche.", "fr"),
    ("On Monday some 800 people fled to Kessa, officials said.", "en"),
    ("Unas 3.000 personas huyeron de sus casas en la montaña.", "es"),
    ("Some 3,000 people fled to the hills.", "en"),
    ("Médecins Sans Frontières said 2,000 people fled.", None),  # too little to tell: read as English
    ("Floods in Côte d'Ivoire displace 3,000", None),
])
def test_short_sentences_are_told_by_their_stopwords_and_letters(text, language):
    assert detect_language(text) == language
