"""Feeds: reading RSS/Atom, and polling against a local server on 127.0.0.1."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from ingest_samples import BILLION_LAUGHS, OTHER_STORY, PUBLISHED, STORY, ready_ingestor, rss

from ingest.feeds import FeedPoller, parse_feed, parse_feed_spec
from ingest.formats import InputError

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
  <entry><id>tag:example.org,2025:1</id><title type="html">Floods &amp;lt;b&amp;gt;Lakeshire&amp;lt;/b&amp;gt;</title>
    <link rel="alternate" href="https://atom.example/1"/><published>2025-05-02T08:00:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{OTHER_STORY}</p></div></content></entry>
  <entry><id>tag:example.org,2025:2</id><title>Only a summary</title>
    <summary type="html">&lt;p&gt;{STORY[0]}&lt;/p&gt;</summary><updated>2025-05-02T09:00:00Z</updated></entry>
</feed>""".encode()

RDF = f"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>RDF News</title></channel>
  <item rdf:about="https://rdf.example/1"><title>Rains</title><link>https://rdf.example/1</link>
  <description>{OTHER_STORY}</description><dc:date>2025-05-02T08:00:00Z</dc:date></item></rdf:RDF>""".encode()


def test_rss_items():
    feed = parse_feed(rss(("g1", "Flight", f"<p>{STORY[0]}</p>"), ("g2", "Rain", OTHER_STORY), ttl=1))
    assert feed.title == "Example News" and feed.ttl_s == 60
    first = feed.items[0]
    assert first.key == "g1" and first.submission.headline == "Flight"
    assert first.submission.url == "https://news.example/g1"
    assert first.submission.provider == "Example News" and first.submission.published_at == PUBLISHED
    assert b"<guid>g1</guid>" in first.original


def test_content_encoded_wins_over_the_teaser():
    data = rss(("g1", "T", "teaser")).replace(b"</description>",
                                             f"</description><content:encoded><![CDATA[<p>{STORY[1]}</p>]]>"
                                             f"</content:encoded>".encode())
    assert STORY[1] in parse_feed(data).items[0].submission.body


def test_atom_entries():
    feed = parse_feed(ATOM)
    first, second = feed.items
    assert first.key == "tag:example.org,2025:1" and first.submission.url == "https://atom.example/1"
    assert first.submission.body.strip() == OTHER_STORY and first.submission.provider == "Atom Wire"
    assert second.submission.body_is_html and STORY[0] in second.submission.body


def test_rss_1_rdf():
    (item,) = parse_feed(RDF).items
    assert item.key == "https://rdf.example/1" and item.submission.published_at == "2025-05-02T08:00:00Z"


def test_feeds_refuse_entities_and_non_feeds():
    with pytest.raises(InputError, match="entit"):
        parse_feed(BILLION_LAUGHS)
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        parse_feed(b"<html/>")


def test_feed_spec():
    assert parse_feed_spec("https://a.example/rss", 300).interval_s == 300
    assert parse_feed_spec("https://a.example/rss 60", 300).interval_s == 60
    with pytest.raises(ValueError):
        parse_feed_spec("https://a.example/rss 0", 300)


class FeedServer:
    """Serves a good feed with validators, a broken one and a slow one; counts requests."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.conditional: int = 0
        self.items = [("g1", "Flight", STORY[0] + " " + STORY[1])]
        self.ttl: int | None = None
        app = web.Application()
        app.router.add_get("/good.xml", self.good)
        app.router.add_get("/broken.xml", self.broken)
        app.router.add_get("/slow.xml", self.slow)
        app.router.add_get("/garbage.xml", self.garbage)
        self.server = TestServer(app, host="127.0.0.1")

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    def _count(self, request: web.Request) -> None:
        self.calls[request.path] = self.calls.get(request.path, 0) + 1

    async def good(self, request: web.Request) -> web.Response:
        self._count(request)
        etag = f'"v{len(self.items)}"'
        if request.headers.get("If-None-Match") == etag and request.headers.get("If-Modified-Since") == PUBLISHED:
            self.conditional += 1
            return web.Response(status=304)
        return web.Response(body=rss(*self.items, ttl=self.ttl), content_type="application/rss+xml",
                            headers={"ETag": etag, "Last-Modified": PUBLISHED})

    async def broken(self, request: web.Request) -> web.Response:
        self._count(request)
        return web.Response(status=500, text="oops")

    async def slow(self, request: web.Request) -> web.Response:
        self._count(request)
        await asyncio.sleep(30)
        return web.Response(body=rss())

    async def garbage(self, request: web.Request) -> web.Response:
        self._count(request)
        return web.Response(body=b"<rss><channel><item>")


def test_polling_conditional_get_new_items_and_failures_isolated():
    async def scenario():
        server = FeedServer()
        await server.server.start_server()
        ingestor, sink = ready_ingestor(feeds=[server.url("/good.xml") + " 0.05", server.url("/broken.xml") + " 0.05",
                                               server.url("/slow.xml") + " 0.05", server.url("/garbage.xml")],
                                        feed_interval_s=0.05)
        poller = FeedPoller(ingestor, ingestor.settings, timeout_s=0.5)
        task = asyncio.create_task(poller.run())
        async def until(condition, timeout_s=10.0):
            # Poll rather than sleep a guess: a loaded machine slows the rounds, not their outcome.
            deadline = asyncio.get_running_loop().time() + timeout_s
            while not condition() and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.05)

        try:
            await until(lambda: sink.articles and poller.feeds[2].failures >= 1 and poller.feeds[3].failures >= 1)
            first_round = [a.headline for a in sink.articles]
            server.items.append(("g2", "Rain", OTHER_STORY))
            await until(lambda: len(sink.articles) >= 2 and server.calls["/good.xml"] >= 4 and server.conditional >= 2)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await server.server.close()
        return server, poller, sink, first_round

    server, poller, sink, first_round = asyncio.run(scenario())
    assert first_round == ["Flight"]
    assert [a.headline for a in sink.articles] == ["Flight", "Rain"]
    assert server.calls["/good.xml"] >= 4 and server.conditional >= 2
    assert [a.sources[0].provider for a in sink.articles] == ["Example News", "Example News"]
    by_url = {feed.url.rsplit("/", 1)[1].split()[0]: feed for feed in poller.feeds}
    assert by_url["good.xml"].failures == 0
    assert by_url["broken.xml"].failures >= 1 and by_url["garbage.xml"].failures >= 1
    assert by_url["slow.xml"].failures >= 1


def test_items_already_seen_or_duplicated_are_not_published_again():
    async def scenario():
        server = FeedServer()
        await server.server.start_server()
        ingestor, sink = ready_ingestor(feeds=[server.url("/good.xml")])
        poller = FeedPoller(ingestor, ingestor.settings)
        (feed,) = poller.feeds
        async with aiohttp.ClientSession() as session:
            await poller.poll_once(session, feed)
            feed.etag = feed.last_modified = None  # as if the server had no validators
            await poller.poll_once(session, feed)
            feed.seen.clear()  # as after a restart: the de-duplication index still knows it
            await poller.poll_once(session, feed)
        await server.server.close()
        return sink

    assert len(asyncio.run(scenario()).articles) == 1


def test_a_refused_item_is_dead_lettered_and_the_rest_ingested():
    async def scenario():
        server = FeedServer()
        server.items = [("bad", "", "<script>only()</script>"), ("g1", "Flight", STORY[0])]
        server.ttl = 1
        await server.server.start_server()
        ingestor, sink = ready_ingestor(feeds=[server.url("/good.xml")])
        poller = FeedPoller(ingestor, ingestor.settings)
        async with aiohttp.ClientSession() as session:
            delay = await poller.poll_once(session, poller.feeds[0])
        await server.server.close()
        return sink, delay

    sink, delay = asyncio.run(scenario())
    assert [a.headline for a in sink.articles] == ["Flight"]
    (letter,) = sink.dead_letters
    assert "empty after cleaning" in letter.reason
    assert delay == 300.0  # the feed's <ttl> of a minute asks for less than the configured interval
    assert asyncio.run(_delay_with_ttl(10)) == 600.0


async def _delay_with_ttl(ttl_minutes: int) -> float:
    server = FeedServer()
    server.ttl = ttl_minutes
    await server.server.start_server()
    ingestor, _ = ready_ingestor(feeds=[server.url("/good.xml")])
    poller = FeedPoller(ingestor, ingestor.settings)
    async with aiohttp.ClientSession() as session:
        delay = await poller.poll_once(session, poller.feeds[0])
    await server.server.close()
    return delay
