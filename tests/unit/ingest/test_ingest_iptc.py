"""IPTC formats as wire services send them: ninjs 1.0 to 3.x (every body field, and descriptions
when there is no body) and NewsML-G2 newsMessage envelopes, through the API, the drop folder
and feeds. The files in iptc/ are the team's own, written in the shape of each version."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from ingest_samples import Api, ready_ingestor

from ingest.dropdir import DropFolder
from ingest.feeds import parse_feed
from ingest.formats import InputError, parse
from ingest.pipeline import build_article

FILES = Path(__file__).parent / "iptc"
MESSAGE = FILES / "newsml-newsmessage.xml"
NINJS_TEXT = sorted(p for p in FILES.glob("ninjs-*.json") if "picture" not in p.name)
NINJS_PICTURE = FILES / "ninjs-3.1-picture.json"
MESSAGE_TYPE = "application/vnd.iptc.g2.newsmessage+xml"


def article_of(path: Path, content_type: str = "application/ninjs+json"):
    from datetime import UTC, datetime
    return build_article(parse(path.read_bytes(), content_type), datetime(2025, 3, 8, tzinfo=UTC))[0]


@pytest.mark.parametrize("path, fragment, summary", [
    ("ninjs-1.0-body_xhtml.json", "About 3,500 families have left villages", False),
    ("ninjs-1.4-body_html.json", "some 6,000 residents had crossed", False),
    ("ninjs-1.3-description_text-only.json", "forced about 900 people from their homes", True),
    ("ninjs-2.0-bodies_xhtml.json", "drove about 2,000 people into the quarry town", False),
    ("ninjs-2.1-descriptions-only.json", "moved some 4,200 people out of low-lying streets", True),
    ("ninjs-3.0-bodies_text.json", "Up to 8,000 people fleeing fighting", False),
    ("ninjs-3.3-bodies_html.json", "Some 5,500 people arrived overnight at the camp", False),
])
def test_every_ninjs_version_and_body_field_gives_an_article(path, fragment, summary):
    article = article_of(FILES / path)
    assert fragment in article.body
    assert article.is_summary is summary
    assert article.headline and "<" not in article.body  # markup read as text, never kept
    if path.startswith("ninjs-1.0"):
        assert "blankets and bread" in article.body  # an XHTML entity, read by the HTML cleaner
    if path.startswith("ninjs-2.1"):
        assert "Not the lead" not in article.body  # a caption is not the summary
    assert article.sources[0].provider == (None if "2.1" in path else "Example Wire")
    # 3.x spells its properties in camelCase (versionCreated, contentType, infoSources, copyrightHolder).
    assert article.published_at is not None


def test_a_ninjs_picture_is_refused_with_the_reason():
    with pytest.raises(InputError) as caught:
        parse(NINJS_PICTURE.read_bytes(), "application/ninjs+json")
    assert caught.value.status == 422 and "type 'picture' carries no article text" in caught.value.message


@pytest.fixture
def api():
    api = Api()
    yield api
    api.close()


def test_api_accepts_every_ninjs_text_item(api):
    for path in NINJS_TEXT:
        status, body = api.post(path.read_bytes(), "application/ninjs+json")
        assert status == 202 and body["duplicate"] is False, (path.name, body)
    status, body = api.post(NINJS_PICTURE.read_bytes(), "application/json")
    assert status == 422 and "picture" in body["error"]
    assert len(api.sink.articles) == len(NINJS_TEXT)


@pytest.mark.parametrize("content_type", [MESSAGE_TYPE, "application/xml", "application/vnd.iptc.g2.newsitem+xml"])
def test_api_answers_each_item_of_a_newsmessage(api, content_type):
    status, body = api.post(MESSAGE.read_bytes(), content_type)
    assert status == 202, body
    statuses = [(item["guid"].rsplit(":", 1)[-1], item["item"], item["status"]) for item in body["items"]]
    assert statuses == [
        ("pkg-3001", "packageItem", "skipped"), ("text-3002", "newsItem", "accepted"),
        ("pic-3003", "newsItem", "skipped"), ("vid-3004", "newsItem", "skipped"),
        ("concept-3005", "conceptItem", "skipped"), ("text-3006", "newsItem", "accepted"),
        ("text-3007", "newsItem", "accepted"),
    ]
    reasons = {item["guid"].rsplit(":", 1)[-1]: item.get("reason") for item in body["items"]}
    assert reasons["pic-3003"] == "itemClass ninat:picture carries no article text"
    assert reasons["vid-3004"] == "itemClass ninat:video carries no article text"
    assert reasons["pkg-3001"] == "packageItem carries no article text"
    assert (body["accepted"], body["duplicate"], body["skipped"], body["refused"]) == (3, 0, 4, 0)
    assert all(item["article_id"] for item in body["items"] if item["status"] == "accepted")
    articles = {a.source_id.rsplit(":", 1)[-1]: a for a in api.sink.articles}
    assert articles["text-3002"].headline == "Storm surge forces evacuation of Saltmarsh district"
    assert articles["text-3002"].dateline.place == "Saltmarsh"
    assert articles["text-3007"].is_summary and not articles["text-3006"].is_summary

    status, again = api.post(MESSAGE.read_bytes(), content_type)
    assert status == 202 and again["duplicate"] == 3 and again["accepted"] == 0
    assert len(api.sink.articles) == 3


def test_a_newsmessage_of_pictures_only_is_answered_not_refused(api):
    data = b"""<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
      <newsItem guid="p1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>
      <packageItem guid="k1"/></itemSet></newsMessage>"""
    status, body = api.post(data, MESSAGE_TYPE)
    assert status == 202 and body["skipped"] == 2 and body["accepted"] == 0


def test_drop_folder_takes_a_newsmessage_and_ninjs_files(tmp_path):
    shutil.copy(MESSAGE, tmp_path / "message.xml")
    for path in NINJS_TEXT + [NINJS_PICTURE]:
        shutil.copy(path, tmp_path / path.name)
    stamp = time.time() - 5
    for path in tmp_path.iterdir():
        os.utime(path, (stamp, stamp))

    async def go():
        ingestor, sink = ready_ingestor(drop_dir=tmp_path)
        return await DropFolder(ingestor, ingestor.settings).scan(), sink

    moved, sink = asyncio.run(go())
    outcome = {path.name: folder for path, folder in moved}
    assert outcome["message.xml"] == "done"  # pictures and packages skipped, not failures
    assert outcome[NINJS_PICTURE.name] == "failed"
    assert all(outcome[path.name] == "done" for path in NINJS_TEXT)
    assert len(sink.articles) == 3 + len(NINJS_TEXT)
    assert sum(a.is_summary for a in sink.articles) == 3


def test_feeds_carrying_a_newsmessage_or_ninjs_items():
    feed = parse_feed(MESSAGE.read_bytes())
    assert [item.key.rsplit(":", 1)[-1] for item in feed.items] == ["text-3002 1", "text-3006 2", "text-3007 1"]
    docs = [json.loads(path.read_text()) for path in NINJS_TEXT + [NINJS_PICTURE]]
    listed = parse_feed(json.dumps(docs).encode())
    assert len(listed.items) == len(NINJS_TEXT)  # the picture is skipped
    wrapped = parse_feed(json.dumps({"items": docs[:2]}).encode())
    assert [item.submission.source_id for item in wrapped.items] == [d["uri"] for d in docs[:2]]


def test_a_newsitem_whose_provider_has_only_a_uri_takes_its_information_source():
    item = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:9">
      <rightsInfo><copyrightHolder uri="https://example.org/"><name>Holder Ltd</name></copyrightHolder></rightsInfo>
      <itemMeta><itemClass qcode="ninat:text"/><provider uri="https://example.org/about"/></itemMeta>
      <contentMeta><infoSource qcode="is:EXW"><name>Example Wire</name></infoSource><headline>H</headline></contentMeta>
      <contentSet><inlineData contenttype="text/plain">About 700 people left the island of Farrow.</inlineData></contentSet>
    </newsItem>"""
    assert parse(item, "application/xml").provider == "Example Wire"
    assert parse(item.replace(b"<infoSource", b"<other").replace(b"</infoSource>", b"</other>"),
                 "application/xml").provider == "Holder Ltd"
