"""Reading each accepted format, and refusing what must be refused."""

from __future__ import annotations

import json
import time

import pytest
from ingest_samples import (BILLION_LAUGHS, NEWSML_NITF, NEWSML_XHTML, NINJS_1, NINJS_2, OTHER_STORY, PASTED, STORY,
                            XXE_EXTERNAL_DTD, XXE_FILE, XXE_PARAMETER, ours)

from ingest.formats import InputError, is_ninjs, parse, parse_xml, xml_text


def refused(status: int, data: bytes, content_type: str, charset: str | None = None) -> str:
    with pytest.raises(InputError) as caught:
        parse(data, content_type, charset)
    assert caught.value.status == status, caught.value.message
    return caught.value.message


def test_our_json():
    sub = parse(ours("x-1", headline="Flight", url="https://example.org/a", provider="AFP",
                     published_at="2031-05-02T08:00:00Z"), "application/json")
    assert (sub.source_id, sub.headline, sub.url, sub.provider, sub.format) == ("x-1", "Flight",
                                                                                "https://example.org/a", "AFP", "json")
    assert sub.body.startswith("OLDMERE (AFP) -")


@pytest.mark.parametrize("doc, problem", [
    ({"body": "text"}, "id: Field required"),
    ({"id": "1"}, "body: Field required"),
    ({"id": "1", "body": ""}, "body: String should have at least 1 character"),
    ({"id": 1, "body": "text"}, "id: Input should be a valid string"),
    ({"id": "1", "body": "text", "bodyy": "typo"}, "bodyy: Extra inputs are not permitted"),
    ({"id": "1", "body": "text", "url": "javascript:alert(1)"}, "url: Value error, must be an http(s) URL"),
    ({"id": "1", "body": "text", "uri": "urn:x"}, "uri: Extra inputs are not permitted"),
])
def test_our_json_refusals_say_which_field(doc, problem):
    assert problem in refused(422, json.dumps(doc).encode(), "application/json")


def test_ninjs_1_by_fields_under_application_json():
    assert is_ninjs(NINJS_1)
    sub = parse(json.dumps(NINJS_1).encode(), "application/json")
    assert sub.format == "ninjs" and sub.body_is_html
    assert (sub.source_id, sub.headline, sub.provider) == ("urn:example:wire:1001", NINJS_1["headline"], "AFP")
    assert sub.url is None  # a URN is an identifier, not a link
    assert sub.published_at == NINJS_1["versioncreated"]


def test_ninjs_2_headlines_bodies_infosources():
    sub = parse(json.dumps(NINJS_2).encode(), "application/ninjs+json")
    assert sub.headline == "Thousands flee Varnia"  # the main one, not the first
    assert sub.body == OTHER_STORY and sub.body_is_html is False
    assert sub.provider == "Example Wire" and sub.url == "https://example.org/wire/1002"


def test_ninjs_without_text_is_refused():
    assert "carries no article text" in refused(422, json.dumps({"uri": "u", "type": "picture"}).encode(),
                                                "application/ninjs+json")
    assert "no body_text" in refused(422, json.dumps({"uri": "u", "headline": "h"}).encode(), "application/json")
    assert "no body_text, body_html, body_xhtml, bodies or descriptions" in refused(
        422, json.dumps({"uri": "u", "bodies": [{"role": "main", "value": "  "}]}).encode(), "application/ninjs+json")


def test_newsml_nitf():
    sub = parse(NEWSML_NITF, "application/vnd.iptc.g2.newsitem+xml")
    assert sub.source_id == "urn:newsml:example.org:20310502:1003"
    assert sub.provider == "AFP" and sub.headline == "Thousands flee fighting in Varnia"
    assert sub.published_at == "2025-05-02T08:00:00+01:00"
    assert sub.dateline == "OLDMERE, May 2 (AFP)"
    paragraphs = [p.strip() for p in sub.body.split("\n\n") if p.strip()]
    # body.head repeats the headline: it is not body text.
    assert paragraphs == STORY


def test_newsml_message_with_xhtml():
    sub = parse(NEWSML_XHTML, "application/xml")
    assert sub.provider == "Example Wire" and sub.body.strip() == OTHER_STORY


def test_newsml_refusals():
    assert "got <rss>" in refused(422, b"<rss><channel/></rss>", "application/xml")
    two = b"<newsMessage><itemSet><newsItem/><newsItem/></itemSet></newsMessage>"
    assert "has 0 text items" in refused(422, two, "application/xml")
    assert "no inlineXML or inlineData" in refused(422, b"<newsItem/>", "application/xml")
    assert "packageItem carries no article text" in refused(422, b"<packageItem/>", "application/xml")
    assert "invalid XML" in refused(400, b"<newsItem>", "application/xml")


@pytest.mark.parametrize("attack", [BILLION_LAUGHS, XXE_FILE, XXE_EXTERNAL_DTD, XXE_PARAMETER],
                         ids=["billion-laughs", "xxe-file", "xxe-external-dtd", "xxe-parameter-entity"])
def test_dtds_and_entities_are_refused_fast(attack):
    started = time.perf_counter()
    assert "DOCTYPE" in refused(400, attack, "application/vnd.iptc.g2.newsitem+xml")
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("attack", [BILLION_LAUGHS, XXE_FILE, XXE_PARAMETER])
def test_entity_declarations_refused_even_where_a_doctype_is_tolerated(attack):
    with pytest.raises(InputError, match="entit"):
        parse_xml(attack, allow_doctype=True)


def test_deep_xml_and_json_nesting_is_handled():
    deep_xml = b"<newsItem><contentSet><inlineXML>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000 + \
        b"</inlineXML></contentSet></newsItem>"
    sub = parse(deep_xml, "application/xml")
    assert sub.body.strip() == "x"
    assert "nested too deeply" in refused(400, b"[" * 100_000, "application/json")
    assert xml_text(parse_xml(b"<a>one<b>two</b>three</a>")) == "onetwothree"


def test_text_plain_first_line_is_the_headline():
    sub = parse(PASTED, "text/plain")
    assert sub.headline == "Thousands flee fighting in Varnia" and sub.body.startswith("OLDMERE (AFP)")
    assert "no body" in refused(422, b"Just a headline\n\n", "text/plain")


def test_encodings():
    latin = "Déplacés\nLe HCR a recensé 3 000 déplacés à Oldmère.".encode("latin-1")
    assert "byte 0xe9 at offset 1" in refused(400, latin, "text/plain")
    assert parse(latin, "text/plain", "ISO-8859-1").headline == "Déplacés"
    assert "unsupported charset" in refused(415, latin, "text/plain", "x-klingon")
    assert "unsupported charset" in refused(415, latin, "text/plain", "rot13")  # a codec, but not text
    assert "JSON must be UTF-8" in refused(415, ours(), "application/json", "utf-16")
    assert "not valid utf-8" in refused(400, b'{"id": "\xff"}', "application/json")
    # A UTF-8 byte-order mark is tolerated.
    assert parse(b"\xef\xbb\xbf" + ours(), "application/json").source_id == "a-1"


def test_unsupported_media_type_lists_the_accepted_ones():
    message = refused(415, b"<p>x</p>", "text/html")
    assert "application/vnd.iptc.g2.newsitem+xml" in message and "text/plain" in message


@pytest.mark.parametrize("data", [b"null", b"[]", b'"text"', b"3"])
def test_json_that_is_not_an_object(data):
    assert "expected a JSON object" in refused(422, data, "application/json")
