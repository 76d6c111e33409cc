"""NER service: reads raw articles, writes them back with entities and displacement figures.

    consumes  <ns>.articles.raw.v1         Article
    produces  <ns>.articles.extracted.v1   ExtractedArticle
    failures  <ns>.articles.raw.v1.dlq     DeadLetter (original bytes + reason)

Run: python -m ner worker -l info
"""

from __future__ import annotations

import asyncio
import gc
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from ner.extraction import extract_articles
from ner.pipeline import load_pipelines
from wirewatch import metrics
from wirewatch.contracts import Article
from wirewatch.settings import Settings
from wirewatch.topics import ARTICLES_EXTRACTED, ARTICLES_RAW
from wirewatch.wiring import dead_letter_topic, decode, make_app, publish, send_dead_letter, topic

SERVICE = "ner"
settings = Settings()
app = make_app(SERVICE, settings)
raw_articles = topic(app, ARTICLES_RAW, settings)
extracted_articles = topic(app, ARTICLES_EXTRACTED, settings)
dead_letters = dead_letter_topic(app, SERVICE, settings)

# One model thread: spaCy work never blocks the event loop, and memory stays bounded by one batch.
# One worker holds every language's pipeline (English and French: about 90 MB more than English
# alone, see BENCHMARKS.md), so one consumer group reads one topic whatever the language.
model_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spacy")


@app.agent(raw_articles)
async def extract(stream) -> None:
    loop = asyncio.get_running_loop()
    pipelines = await loop.run_in_executor(model_thread, load_pipelines, settings.spacy_models())
    # The loaded models are long-lived objects by the hundred thousand: left out of the collector's
    # full passes, which otherwise scan them again each time the caches grow.
    gc.collect()
    gc.freeze()
    async for events in stream.take_events(settings.ner_batch_size, within=0.05):
        batch = []
        for event in events:
            article = await decode(event, Article, dead_letters, SERVICE)
            if article is not None:
                batch.append((event, article))
        if not batch:
            continue
        started = time.perf_counter()
        try:
            results = await loop.run_in_executor(model_thread, extract_articles, pipelines, [a for _, a in batch])
        except Exception:
            # Find the article that breaks the batch: the others still go through.
            results = []
            for event, article in batch:
                try:
                    results.extend(await loop.run_in_executor(model_thread, extract_articles, pipelines, [article]))
                except Exception as exc:
                    metrics.MESSAGES_FAILED.labels(service=SERVICE, topic=event.message.topic).inc()
                    await send_dead_letter(dead_letters, SERVICE, event, exc)
                    results.append(None)
        per_article = (time.perf_counter() - started) / len(batch)
        for (event, article), result in zip(batch, results):
            if result is None:
                continue
            if result.unread_reason:
                metrics.ARTICLES_UNREAD.labels(language=result.language or "unknown").inc()
            else:
                metrics.ARTICLES_READ.labels(language=result.language or "unknown").inc()
            metrics.MODEL_SECONDS.observe(per_article)
            metrics.PROCESSING_SECONDS.labels(service=SERVICE).observe(per_article)
            for figure in result.figures:
                metrics.FIGURES_EXTRACTED.labels(category=figure.category).inc()
            await publish(extracted_articles, SERVICE, article.article_id, result)
            metrics.END_TO_END_SECONDS.labels(stage="extracted").observe(
                (datetime.now(UTC) - article.received_at).total_seconds())
