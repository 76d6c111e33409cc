"""From a submission to a published article: clean, identify, de-duplicate, publish.

Publishing policy for duplicates (exact or near copies within the window): nothing is
published. The first copy of a story goes out with one source; later copies only add their
outlet to that article's `sources` in ingest's memory and are answered with the first copy's
article_id and `duplicate: true`. Why not re-publish the article with the grown sources list:
NER would read the same body again (its most expensive step) and every later stage would
re-emit identical figures only for alerting to drop them by article_id; and copies of one wire
story are not independent confirmation, so an outlet count would invite the over-counting
peer systems are known for. A copy that adds a figure or substantially more text is not a copy
(`dedup.Match.kind == "update"`) and is published as its own article.

Delivery: a new article is answered 202 only after the broker has acknowledged it; if that
fails the client gets 503 and may retry (the id is deterministic, retries are idempotent).
Input that cannot be processed for a reason the client cannot fix (a bug here) is sent to the
dead-letter topic with the original bytes and answered 202 with `dead_lettered: true`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from wirewatch import metrics
from wirewatch.contracts import Article, Dateline, DeadLetter, Source
from wirewatch.settings import Settings
from wirewatch.wiring import dead_letter, encode

from ingest import cleaning
from ingest.dedup import DedupIndex, Fingerprint, fingerprint, tokens
from ingest.formats import MAX_ID_CHARS, MAX_PROVIDER_CHARS, MAX_URL_CHARS, InputError, Submission

log = logging.getLogger(__name__)

SERVICE = "ingest"
# Kafka's default message limit is 1 MiB (broker message.max.bytes, producer max.request.size).
MAX_MESSAGE_BYTES = 900_000
MAX_DEAD_LETTER_ORIGINAL = 600_000
LARGE_BODY_CHARS = 200_000


_PROCESSING = metrics.PROCESSING_SECONDS.labels(service=SERVICE)


@functools.lru_cache(maxsize=64)
def ingested(channel: str, outcome: str):
    # Label lookups take a lock and a dict probe per call; the label sets are few and fixed.
    return metrics.ARTICLES_INGESTED.labels(channel=channel, outcome=outcome)


class Unavailable(Exception):
    """The article could not be published now; nothing was lost and a retry is safe."""


class Sink(Protocol):
    async def publish(self, article: Article, value: bytes) -> None:
        """Return once the broker has the article (`value`: its encoding); raise if it could not be written."""

    async def dead_letter(self, letter: DeadLetter) -> None:
        """Return once the broker has the dead letter."""


class TopicSink:
    """Publishes to faust topics, waiting for the broker's ack.

    Records go straight to the app's producer: faust's `Topic.send` adds per-message sensor and
    future bookkeeping that cost a fifth of ingest's CPU and give nothing to a producer-only
    service."""

    def __init__(self, articles, dead_letters, *, timeout_s: float = 30.0) -> None:
        self.app = articles.app
        self.articles = articles.get_topic_name()
        self.dead_letters = dead_letters.get_topic_name()
        self.timeout_s = timeout_s
        self._produced = {name: metrics.MESSAGES_PRODUCED.labels(service=SERVICE, topic=name)
                          for name in (self.articles, self.dead_letters)}

    async def _send(self, topic: str, key: bytes, value: bytes) -> None:
        pending = await self.app.producer.send(topic, key, value, None, None, None)
        # The producer retries for much longer than a client should wait for an answer.
        async with asyncio.timeout(self.timeout_s):
            await asyncio.shield(pending)
        self._produced[topic].inc()

    async def publish(self, article: Article, value: bytes) -> None:
        await self._send(self.articles, article.article_id.encode(), value)

    async def dead_letter(self, letter: DeadLetter) -> None:
        await self._send(self.dead_letters, (letter.key or "").encode(), encode(letter))
        metrics.DEAD_LETTERED.labels(service=SERVICE, topic=self.dead_letters).inc()


class MemorySink:
    """In-memory sink for tests and dry runs; messages make the same round trip through bytes as
    on the topic, so anything that could not be sent fails here too."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.dead_letters: list[DeadLetter] = []
        self.fail_publish: BaseException | None = None

    async def publish(self, article: Article, value: bytes) -> None:
        if self.fail_publish is not None:
            raise self.fail_publish
        self.articles.append(Article.model_validate_json(value))

    async def dead_letter(self, letter: DeadLetter) -> None:
        self.dead_letters.append(DeadLetter.model_validate_json(encode(letter)))


@dataclass(frozen=True)
class Outcome:
    article_id: str | None
    duplicate: bool = False
    dead_lettered: bool = False
    kind: str = "new"  # new | update | exact | copy | dead_letter

    def as_json(self) -> dict:
        body: dict = {"article_id": self.article_id, "duplicate": self.duplicate}
        if self.dead_lettered:
            body["dead_lettered"] = True
        return body


def _clip(value: str | None, limit: int) -> str | None:
    text = cleaning.one_line(value, limit)
    return text or None


def build_article(sub: Submission, received_at: datetime, *, strict: bool = True) -> tuple[Article, Fingerprint]:
    """A clean Article from a submission. `strict`: a bad time is refused (API) instead of
    dropped (feeds and files, where nobody is there to fix it)."""
    body, dateline = cleaning.clean_body(sub.body, html=sub.body_is_html)
    if not body:
        raise InputError(422, "body is empty after cleaning (only markup, captions or site boilerplate)")
    if dateline is None and sub.dateline:
        stated = cleaning.one_line(sub.dateline, 200)
        parsed, _ = cleaning.split_dateline(stated + " - .")
        dateline = Dateline(place=parsed.place if parsed else stated, provider=parsed.provider if parsed else None,
                            text=stated) if stated else None
    headline = sub.headline or ""
    if cleaning.looks_like_html(headline):
        headline = cleaning.html_to_text(headline)
    headline = cleaning.one_line(headline, 1000)
    try:
        published_at = cleaning.parse_time(sub.published_at, now=received_at)
    except cleaning.TimeError as exc:
        if strict:
            raise InputError(422, f"published_at: {exc}") from None
        published_at = None
    provider = _clip(sub.provider, MAX_PROVIDER_CHARS) or (dateline.provider if dateline else None)
    url = _clip(sub.url, MAX_URL_CHARS)
    words = tokens(body)
    fp = fingerprint(body, words)
    article = Article(
        article_id=fp.article_id,
        source_id=_clip(sub.source_id, MAX_ID_CHARS),
        headline=headline,
        body=body,
        # A language the format declares wins: feeds and wires label their items, and short items
        # say too little for the stopwords.
        language=sub.language or cleaning.detect_language(f"{headline}\n{body}", words=tokens(headline) + words),
        published_at=published_at,
        received_at=received_at,
        url=url,
        dateline=dateline,
        sources=[Source(provider=provider, url=url, received_at=received_at)],
        is_summary=sub.summary,
    )
    return article, fp


class Ingestor:
    """Holds the de-duplication index and turns submissions into published articles."""

    def __init__(self, settings: Settings, sink: Sink, *, clock=time.time, max_entries: int | None = None) -> None:
        self.settings = settings
        self.sink = sink
        self.clock = clock
        self.index = DedupIndex(settings.dedup_window_hours * 3600,
                                **({"max_entries": max_entries} if max_entries else {}))
        self.ready = asyncio.Event()
        self._pending: dict[str, asyncio.Future] = {}

    def remember(self, article: Article) -> None:
        """Index an article already on the topic (replayed at start-up, or from another instance)."""
        entry = self.index.entries.get(article.article_id)
        if entry is not None:
            for source in article.sources:
                entry.add_source(source)
            return
        fp = fingerprint(article.body)
        if fp.article_id != article.article_id:
            fp = Fingerprint(article.article_id, fp.signature, fp.shingles, fp.numbers)
        self.index.add(fp, article.received_at.timestamp(), article.sources)

    async def submit(self, sub: Submission, *, channel: str, original: bytes, strict: bool = True) -> Outcome:
        """Ingest one submission. Raises InputError (the submitter's fault, nothing published;
        counted by the caller, which decides what a refusal becomes) or Unavailable (not
        published now, retry)."""
        started = time.perf_counter()
        try:
            outcome = await self._submit(sub, channel=channel, original=original, strict=strict)
        except Unavailable:
            ingested(channel, "unavailable").inc()
            raise
        ingested(channel, outcome.kind).inc()
        _PROCESSING.observe(time.perf_counter() - started)
        return outcome

    async def _submit(self, sub: Submission, *, channel: str, original: bytes, strict: bool) -> Outcome:
        if not self.ready.is_set():
            raise Unavailable("starting: the de-duplication index is being rebuilt")
        now = self.clock()
        received_at = datetime.fromtimestamp(now, UTC)
        try:
            if len(sub.body) > LARGE_BODY_CHARS:
                # Cleaning a few megabytes takes a second: off the event loop, so that other
                # requests and health checks are still answered meanwhile.
                article, fp = await asyncio.to_thread(build_article, sub, received_at, strict=strict)
            else:
                article, fp = build_article(sub, received_at, strict=strict)
        except InputError:
            raise
        except Exception as exc:  # a bug here must not lose the input: keep it for replay
            log.exception("could not build an article from %s input", channel)
            return await self._dead_letter(original, exc)
        match = self.index.lookup(fp, now)
        if match is not None and match.kind in ("exact", "copy"):
            pending = self._pending.get(match.entry.article_id)
            if pending is not None:
                # The first copy is still on its way to the broker: answer once it is there.
                try:
                    await asyncio.shield(pending)
                except Exception as exc:
                    raise Unavailable(f"could not publish: {exc}") from None
            match.entry.add_source(article.sources[0])
            return Outcome(match.entry.article_id, duplicate=True, kind=match.kind)
        return await self._publish(article, fp, now, "update" if match else "new")

    async def _publish(self, article: Article, fp: Fingerprint, now: float, kind: str) -> Outcome:
        value = encode(article)
        if len(value) > MAX_MESSAGE_BYTES:
            # The broker would refuse it on every retry: say so now, as the client's problem.
            raise InputError(413, f"article of {len(value)} bytes after cleaning exceeds the {MAX_MESSAGE_BYTES} bytes "
                                  "a message may have")
        entry = self.index.add(fp, now, article.sources)
        done = asyncio.get_running_loop().create_future()
        self._pending[article.article_id] = done
        try:
            await self.sink.publish(article, value)
        except BaseException as exc:
            # Not known to be on the broker: forget it, so that a retry publishes it.
            if self.index.entries.get(article.article_id) is entry:
                self.index.remove(article.article_id)
            done.set_exception(exc if isinstance(exc, Exception) else Unavailable("cancelled"))
            done.exception()  # waiters re-raise it; nobody else needs to retrieve it
            if not isinstance(exc, Exception):
                raise
            log.warning("publishing %s failed: %s", article.article_id, exc)
            raise Unavailable(f"could not publish: {exc.__class__.__name__}: {exc}") from None
        else:
            done.set_result(None)
        finally:
            if self._pending.get(article.article_id) is done:
                del self._pending[article.article_id]
        return Outcome(article.article_id, kind=kind)

    async def _dead_letter(self, original: bytes, exc: BaseException) -> Outcome:
        letter = dead_letter(SERVICE, original[:MAX_DEAD_LETTER_ORIGINAL], exc)
        if len(original) > MAX_DEAD_LETTER_ORIGINAL:
            # Base64 grows it by a third and a message has a size limit: keep the head, say so.
            letter = letter.model_copy(update={"reason": f"{letter.reason} (original truncated from {len(original)} "
                                                         f"to {MAX_DEAD_LETTER_ORIGINAL} bytes)"})
        try:
            await self.sink.dead_letter(letter)
        except Exception as send_exc:
            raise Unavailable(f"could not dead-letter: {send_exc}") from None
        return Outcome(None, dead_lettered=True, kind="dead_letter")

    async def reject(self, original: bytes, exc: BaseException, *, channel: str) -> None:
        """Dead-letter input nobody can be told about (feed items, dropped files)."""
        await self._dead_letter(original, exc)
        ingested(channel, "dead_letter").inc()
