"""Geocode service: places each figure of an extracted article on the map, offline.

    consumes  <ns>.articles.extracted.v1      ExtractedArticle
    produces  <ns>.articles.enriched.v1       EnrichedArticle (what downstream systems read)
    failures  <ns>.articles.extracted.v1.dlq  DeadLetter (original bytes + reason)

Run: python -m geocode worker -l info
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from geocode.gazetteer import open_gazetteer
from geocode.resolve import enrich
from wirewatch import metrics
from wirewatch.contracts import ExtractedArticle
from wirewatch.settings import Settings
from wirewatch.topics import ARTICLES_ENRICHED, ARTICLES_EXTRACTED
from wirewatch.wiring import dead_letter_topic, decode, make_app, publish, send_dead_letter, topic

SERVICE = "geocode"
settings = Settings()
app = make_app(SERVICE, settings)
extracted_articles = topic(app, ARTICLES_EXTRACTED, settings)
enriched_articles = topic(app, ARTICLES_ENRICHED, settings)
dead_letters = dead_letter_topic(app, SERVICE, settings)


@app.agent(extracted_articles)
async def geocode(stream) -> None:
    gazetteer = open_gazetteer(settings)
    async for event in stream.events():
        extracted = await decode(event, ExtractedArticle, dead_letters, SERVICE)
        if extracted is None:
            continue
        started = time.perf_counter()
        try:
            enriched = enrich(extracted, gazetteer)
        except Exception as exc:
            metrics.MESSAGES_FAILED.labels(service=SERVICE, topic=event.message.topic).inc()
            await send_dead_letter(dead_letters, SERVICE, event, exc)
            continue
        metrics.PROCESSING_SECONDS.labels(service=SERVICE).observe(time.perf_counter() - started)
        await publish(enriched_articles, SERVICE, enriched.article_id, enriched)
        metrics.END_TO_END_SECONDS.labels(stage="enriched").observe(
            (datetime.now(UTC) - extracted.article.received_at).total_seconds())
