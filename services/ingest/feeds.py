"""RSS 2.0, RSS 1.0 (RDF), Atom, and wire feeds in IPTC formats (a NewsML-G2 newsMessage, a JSON
list of ninjs items): reading feeds, and polling the configured ones.

Each feed is polled by its own loop with conditional GET (ETag, Last-Modified), its own interval
and its own back-off, so a feed that is slow, broken or gone never delays the others.

A feed entry in `Settings.feeds` is a URL, optionally followed by its interval in seconds:
`"https://example.org/rss.xml"` or `"https://example.org/rss.xml 60"`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import dataclass, field

import aiohttp

from wirewatch.settings import Settings

from ingest.formats import (XML_LANG, InputError, Submission, child, children, language_code, load_json, local,
                            lowercase_keys, newsmessage_items, parse_xml, submission_from_doc, text_of, xml_text)
from ingest.pipeline import Ingestor, Unavailable

log = logging.getLogger(__name__)

USER_AGENT = "wirewatch-ingest/0.1 (+feed polling; conditional GET)"
SEEN_PER_FEED = 5000
MAX_BACKOFF_S = 3600.0


@dataclass
class FeedItem:
    key: str  # guid, id or link: how a later poll recognises the entry
    submission: Submission
    original: bytes  # the entry's XML, kept for the dead-letter topic


@dataclass
class Feed:
    title: str | None
    items: list[FeedItem]
    ttl_s: float | None = None


def _item_key(*candidates: str | None, fallback: bytes) -> str:
    for candidate in candidates:
        if candidate and candidate.strip():
            return candidate.strip()[:1000]
    return hashlib.sha256(fallback).hexdigest()


def _rss_item(item: ET.Element, provider: str | None, language: str | None = None) -> FeedItem:
    original = ET.tostring(item, encoding="utf-8")
    title = text_of(child(item, "title"))
    link = text_of(child(item, "link"))
    # content:encoded holds the full story when a feed has it; description is often a teaser.
    body = text_of(child(item, "encoded")) or text_of(child(item, "description")) or title or ""
    published = text_of(child(item, "pubDate")) or text_of(child(item, "date"))
    guid = text_of(child(item, "guid"))
    source = text_of(child(item, "source"))
    return FeedItem(
        key=_item_key(guid, link, fallback=original),
        submission=Submission(body=body, headline=title, source_id=guid or link, published_at=published, url=link,
                              provider=source or provider, format="rss",
                              language=language_code(text_of(child(item, "language"))) or language),
        original=original,
    )


def _atom_link(entry: ET.Element) -> str | None:
    links = children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return links[0].get("href") if links and links[0].get("href") else None


def _atom_text(element: ET.Element | None) -> tuple[str | None, bool | None]:
    """Atom text constructs: type text, html (escaped markup) or xhtml (inline elements)."""
    if element is None:
        return None, None
    kind = element.get("type", "text")
    if kind == "xhtml":
        return xml_text(element).strip() or None, False
    return text_of(element), (kind == "html") or None


def _atom_entry(entry: ET.Element, provider: str | None, language: str | None = None) -> FeedItem:
    original = ET.tostring(entry, encoding="utf-8")
    title, _ = _atom_text(child(entry, "title"))
    body, html = _atom_text(child(entry, "content"))
    if not body:
        body, html = _atom_text(child(entry, "summary"))
    link = _atom_link(entry)
    entry_id = text_of(child(entry, "id"))
    source = text_of(child(child(entry, "source"), "title"))
    return FeedItem(
        key=_item_key(entry_id, link, fallback=original),
        submission=Submission(body=body or title or "", headline=title, source_id=entry_id or link,
                              published_at=text_of(child(entry, "published")) or text_of(child(entry, "updated")),
                              url=link, provider=source or provider, body_is_html=html, format="atom",
                              language=language_code(entry.get(XML_LANG)) or language),
        original=original,
    )


def _ninjs_feed(data: bytes) -> Feed:
    """A JSON list of ninjs items (or an object with one under "items"): each text item is an
    entry, recognised on later polls by its uri and version; pictures and the like are skipped."""
    doc = load_json(data)
    entries = doc.get("items") if isinstance(doc, dict) else doc
    if not isinstance(entries, list):
        raise InputError(422, "a JSON feed must be a list of ninjs items or an object with 'items'")
    items = []
    for entry in entries:
        original = json.dumps(entry, ensure_ascii=False).encode()
        try:
            submission = submission_from_doc(entry, ninjs=True)
        except InputError as exc:
            log.info("ninjs feed entry skipped: %s", exc.message)
            continue
        fields = lowercase_keys(entry)
        version = fields.get("version") or fields.get("versioncreated") or ""
        items.append(FeedItem(_item_key(f"{submission.source_id or ''} {version}".strip(), fallback=original),
                              submission, original))
    return Feed(None, items)


def _newsml_feed(root: ET.Element) -> Feed:
    """A NewsML-G2 newsMessage (or a lone newsItem): each text item is an entry, recognised by its
    guid and version, so that a corrected version is read again; pictures and packages are skipped."""
    if local(root.tag) == "newsItem":
        wrapper = ET.Element("newsMessage")
        wrapper.append(root)
        root = wrapper
    items = []
    for entry in newsmessage_items(root):
        if entry.submission is None:
            log.info("newsMessage item %s skipped: %s", entry.guid, entry.skipped)
            continue
        key = f"{entry.guid or ''} {entry.version or ''}".strip()
        items.append(FeedItem(_item_key(key, fallback=entry.original), entry.submission, entry.original))
    return Feed(None, items)


def parse_feed(data: bytes) -> Feed:
    """Entries of an RSS or Atom document, a NewsML-G2 newsMessage or a JSON list of ninjs items.
    A bare DOCTYPE is tolerated (old RSS 0.91 feeds carry one); entity declarations are not."""
    if data.lstrip()[:1] in (b"[", b"{"):
        return _ninjs_feed(data)
    root = parse_xml(data, allow_doctype=True)
    kind = local(root.tag)
    if kind in ("newsMessage", "newsItem"):
        return _newsml_feed(root)
    if kind == "feed":
        provider = _atom_text(child(root, "title"))[0]
        language = language_code(root.get(XML_LANG))
        return Feed(provider, [_atom_entry(entry, provider, language) for entry in children(root, "entry")])
    if kind == "rss":
        channel = child(root, "channel")
        if channel is None:
            raise InputError(422, "RSS without a channel")
        provider = text_of(child(channel, "title"))
        ttl = text_of(child(channel, "ttl"))
        ttl_s = float(ttl) * 60 if ttl and ttl.isdigit() else None
        # RSS 2.0 <language>, or Dublin Core's <dc:language> (RSS 1.0 and many 2.0 feeds).
        language = language_code(text_of(child(channel, "language")))
        return Feed(provider, [_rss_item(item, provider, language) for item in children(channel, "item")], ttl_s)
    if kind == "RDF":
        provider = text_of(child(child(root, "channel"), "title"))
        language = language_code(text_of(child(child(root, "channel"), "language")))
        return Feed(provider, [_rss_item(item, provider, language) for item in children(root, "item")])
    raise InputError(422, f"not an RSS or Atom feed: <{kind}>")


# --- polling ----------------------------------------------------------------------------------

class FeedError(Exception):
    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass
class FeedState:
    url: str
    interval_s: float
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    seen: OrderedDict = field(default_factory=OrderedDict)
    polls: int = 0

    def mark_seen(self, key: str) -> None:
        self.seen[key] = None
        self.seen.move_to_end(key)
        while len(self.seen) > SEEN_PER_FEED:
            self.seen.popitem(last=False)


def parse_feed_spec(spec: str, default_interval_s: float) -> FeedState:
    parts = spec.split()
    if not parts:
        raise ValueError("empty feed entry")
    interval = default_interval_s
    if len(parts) > 1:
        interval = float(parts[1])
        if interval <= 0:
            raise ValueError(f"feed interval must be positive: {spec!r}")
    return FeedState(url=parts[0], interval_s=interval)


class FeedPoller:
    def __init__(self, ingestor: Ingestor, settings: Settings, *, timeout_s: float = 30.0) -> None:
        self.ingestor = ingestor
        self.max_bytes = max(settings.max_body_bytes * 10, 1_000_000)
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)
        self.feeds = [parse_feed_spec(spec, settings.feed_interval_s) for spec in settings.feeds if spec.strip()]

    async def run(self) -> None:
        if not self.feeds:
            return
        await self.ingestor.ready.wait()
        async with aiohttp.ClientSession(timeout=self.timeout, headers={"User-Agent": USER_AGENT}) as session:
            await asyncio.gather(*(self._follow(session, feed) for feed in self.feeds))

    async def _follow(self, session: aiohttp.ClientSession, feed: FeedState) -> None:
        while True:
            delay = await self.poll_once(session, feed)
            await asyncio.sleep(delay)

    async def poll_once(self, session: aiohttp.ClientSession, feed: FeedState) -> float:
        """Poll one feed; never raises (but for cancellation). Returns seconds until the next poll."""
        try:
            ttl_s = await self.poll(session, feed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            feed.failures += 1
            backoff = min(feed.interval_s * 2 ** min(feed.failures, 10), max(MAX_BACKOFF_S, feed.interval_s))
            if isinstance(exc, FeedError) and exc.retry_after_s:
                backoff = max(backoff, min(exc.retry_after_s, MAX_BACKOFF_S))
            log.warning("feed %s failed (%d in a row), next try in %.0f s: %s", feed.url, feed.failures, backoff,
                        str(exc) or exc.__class__.__name__)
            return backoff
        feed.failures = 0
        # A feed's own <ttl> asks for no more than one fetch per ttl; honoured up to an hour.
        return max(feed.interval_s, min(ttl_s or 0.0, MAX_BACKOFF_S))

    async def poll(self, session: aiohttp.ClientSession, feed: FeedState) -> float | None:
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        feed.polls += 1
        async with session.get(feed.url, headers=headers) as response:
            if response.status == 304:
                return None
            if response.status != 200:
                retry_after = response.headers.get("Retry-After", "")
                raise FeedError(f"HTTP {response.status}", float(retry_after) if retry_after.isdigit() else None)
            if (response.content_length or 0) > self.max_bytes:
                raise FeedError(f"feed of {response.content_length} bytes exceeds {self.max_bytes}")
            data = bytearray()
            async for chunk in response.content.iter_chunked(64 * 1024):
                data += chunk
                if len(data) > self.max_bytes:
                    raise FeedError(f"feed exceeds {self.max_bytes} bytes")
            etag, last_modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        try:
            parsed = parse_feed(bytes(data))
        except InputError as exc:
            raise FeedError(f"unreadable feed: {exc.message}") from None
        for item in parsed.items:
            if item.key in feed.seen:
                continue
            try:
                await self.ingestor.submit(item.submission, channel="feed", original=item.original, strict=False)
            except InputError as exc:
                await self.ingestor.reject(item.original, exc, channel="feed")
            except Unavailable as exc:
                # Neither the item nor the validators are remembered: the next poll retries.
                raise FeedError(f"not ingested now: {exc}") from None
            feed.mark_seen(item.key)
        feed.etag, feed.last_modified = etag, last_modified
        return parsed.ttl_s
