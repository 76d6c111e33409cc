"""wirewatch benchmarks, one run: `make bench` or `python -m benchmarks.run [--quick] [--articles N]`.

Stages, in this order (method and latest figures: BENCHMARKS.md):

  offline   bare spaCy `nlp.pipe` words/s with the NER service's model and batch size (the
            limit), and the `wirewatch enrich` path in-process (extract_articles + geocode)
  french    bare fr_core_news_sm NER and the NER path on French articles of our own, words/s
  ner       the NER service through Kafka at saturation, 1 worker, words/s
  scaling   the same with 2 workers on the 2-partition input topic
  pipeline  the four services, input saturated: sustained articles/s, ingest -> enriched
  latency   the four services afresh at half that rate: latency ingest -> enriched, -> alert
  ingest    the ingest API's accepted articles/s and p99 (services/ingest/bench.py)
  cluster   the pipeline saturated on 3 brokers with 1, then 2 workers per service (benchmarks/cluster.py)

Prints a table, writes benchmarks/latest.json. Starts its own broker on spare ports and stops it,
and every process it started, on the way out (errors and Ctrl-C included). A stage that fails is
reported and the others still run; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import json
import logging
import os
import signal
import statistics
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.cluster import cluster_stage
from benchmarks.corpus import french_articles, generate, mixed, other_news, summary, words
from benchmarks.kafkaio import Watcher, alert_evidence_ids, produce, wait_group
from benchmarks.stack import CpuMeter, Stack, ThreadMeter, busy_processes, machine_info, peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
LATEST = Path(__file__).resolve().parent / "latest.json"
STAGES = ("offline", "french", "ner", "scaling", "pipeline", "latency", "ingest", "cluster")
SINGLE_BROKER_STAGES = ("ner", "scaling", "pipeline", "latency", "ingest")
SERVICES = ("ingest", "ner", "geocode", "alerting")
ENRICH_CLI_BATCH = 64  # `wirewatch enrich --batch` default: articles per extract_articles call
WARMUP_ARTICLES = 32
TARGET_ENRICH = 0.80
TARGET_NER_SERVICE = 0.80
FRENCH_PAIRS = 7  # bare and French NER passes, alternated, in the French stage


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "count": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 1), "count": len(ordered)}


# --- offline ----------------------------------------------------------------------------------

def _nlp_text(article) -> str:
    """The text the NER service gives spaCy for an article: headline, blank line, body."""
    from ner.extraction import SEPARATOR

    headline = (article.headline or "").strip()
    return (headline + SEPARATOR if headline else "") + article.body


def settle_heap() -> None:
    """As the NER service does once its models are loaded (services/ner/app.py): what is alive now,
    the models and what earlier stages left, is kept out of the collector's full passes, so that
    an in-process measurement is not charged for scanning it."""
    gc.collect()
    gc.freeze()


def bare_ner(records: list[dict], settings):
    """A measurement of bare spaCy NER over `records`, in this process: loads the model and the
    texts once and returns a function that measures one pass (words per second and per
    CPU-second). Run right before and right after the NER service's stage, so that its ratio
    compares the two in the same minutes (this machine's speed drifts by 10-20% over a quarter of
    an hour)."""
    from ner.figures.parse import main_pass_disabled
    from ner.pipeline import load_nlp
    from wirewatch.cli import to_article

    nlp = load_nlp(settings.spacy_model)
    settle_heap()
    texts = [_nlp_text(to_article(r)) for r in records]
    total = sum(words(r) for r in records)
    ner_only = main_pass_disabled(nlp)
    list(nlp.pipe(texts[:WARMUP_ARTICLES], batch_size=settings.ner_batch_size, disable=ner_only))

    def measure() -> dict:
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=settings.ner_batch_size, disable=ner_only):
            pass
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        return {"words_per_s": round(total / wall), "words_per_cpu_s": round(total / cpu), "seconds": round(wall, 2)}

    return measure


def offline_stage(records: list[dict], settings, repeat: int) -> dict:
    from geocode.gazetteer import open_gazetteer
    from geocode.resolve import enrich
    from ner.extraction import extract_articles
    from ner.figures.parse import main_pass_disabled
    from ner.pipeline import load_nlp
    from wirewatch.cli import to_article

    started = time.perf_counter()
    nlp = load_nlp(settings.spacy_model)
    load_s = time.perf_counter() - started
    settle_heap()
    gazetteer = open_gazetteer(settings)
    batch_size = settings.ner_batch_size
    articles = [to_article(r) for r in records]
    texts = [_nlp_text(a) for a in articles]
    total = sum(words(r) for r in records)

    ner_only = main_pass_disabled(nlp)

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=batch_size, disable=ner_only):
            pass

    def with_parser() -> float:
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        return time.perf_counter() - started

    def enrich_path(subset) -> dict:
        # What `wirewatch enrich` does per batch of input, minus reading files and the terminal.
        out = io.StringIO()
        # CPU time, not wall time: the split stays right when other programs take the CPU.
        spent = {"extract_articles": 0.0, "geocode_and_json": 0.0}
        for i in range(0, len(subset), ENRICH_CLI_BATCH):
            t = time.process_time()
            batch = extract_articles(nlp, subset[i:i + ENRICH_CLI_BATCH], batch_size=batch_size)
            spent["extract_articles"] += time.process_time() - t
            t = time.process_time()
            for extracted in batch:
                out.write(enrich(extracted, gazetteer).model_dump_json() + "\n")
            spent["geocode_and_json"] += time.process_time() - t
        return spent

    # First calls pay for lazy initialisation and allocation, which a running service has behind it.
    list(nlp.pipe(texts[:WARMUP_ARTICLES], batch_size=batch_size, disable=ner_only))
    enrich_path(articles[:WARMUP_ARTICLES])
    parser_s = min(with_parser() for _ in range(max(1, repeat - 1)))
    candidates = _candidate_share(nlp, texts, ner_only, batch_size)
    bare_s, enrich_s, bare_cpu, enrich_cpu, parts, cpu = [], [], [], [], [], []
    me = {"bench": os.getpid()}
    # Interleaved, best of `repeat`: other load on the machine hits both measurements alike.
    for _ in range(repeat):
        meter, t, c = CpuMeter(me), time.perf_counter(), time.process_time()
        bare()
        bare_s.append(time.perf_counter() - t)
        bare_cpu.append(time.process_time() - c)
        spacy_cpu, meter, t, c = meter.read(), CpuMeter(me), time.perf_counter(), time.process_time()
        parts.append(enrich_path(articles))
        enrich_s.append(time.perf_counter() - t)
        enrich_cpu.append(time.process_time() - c)
        cpu.append({"spacy": spacy_cpu, "enrich": meter.read()})
    baseline = total / min(bare_s)
    enriched = total / min(enrich_s)
    best = parts[enrich_cpu.index(min(enrich_cpu))]
    return {
        "model": settings.spacy_model, "pipeline": list(nlp.pipe_names), "batch_size": batch_size,
        "model_load_s": round(load_s, 2), "words": total, "rounds": repeat,
        "spacy_seconds": [round(s, 2) for s in bare_s], "enrich_seconds": [round(s, 2) for s in enrich_s],
        "spacy_baseline_wps": round(baseline), "enrich_wps": round(enriched),
        "spacy_ner_only_wps": round(baseline), "spacy_parser_wps": round(total / parser_s),
        "candidate_sentences_share": candidates["sentences"], "candidate_words_share": candidates["words"],
        "enrich_ratio": round(enriched / baseline, 3),
        # Per CPU-second of the one thread doing the work: what other programs take hardly
        # changes these, so their ratio tells the path's own overhead on a busy machine.
        "spacy_words_per_cpu_s": round(total / min(bare_cpu)),
        "enrich_words_per_cpu_s": round(total / min(enrich_cpu)),
        "enrich_cpu_ratio": round(min(bare_cpu) / min(enrich_cpu), 3),
        # Where the enrich path's CPU goes; spaCy's share is what bare nlp.pipe took.
        "enrich_breakdown_cpu_s": {"spacy": round(min(bare_cpu), 2),
                                   "rest_of_extract_articles": round(max(0.0, best["extract_articles"] - min(bare_cpu)), 2),
                                   "geocode_and_json": round(best["geocode_and_json"], 2)},
        "cpu": cpu,
    }


def _candidate_share(nlp, texts: list[str], ner_only: list[str], batch_size: int) -> dict:
    """Which share of the corpus' sentences, and of its words, the parse runs on."""
    from ner.figures.parse import is_candidate

    sentences = chosen = words_all = words_chosen = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=ner_only):
        for sent in doc.sents:
            size = len(sent)
            sentences += 1
            words_all += size
            if is_candidate(sent.text):
                chosen += 1
                words_chosen += size
    return {"sentences": round(chosen / max(sentences, 1), 3), "words": round(words_chosen / max(words_all, 1), 3)}


def french_stage(settings, articles: int, repeat: int) -> dict:
    """French: bare fr_core_news_sm NER against the NER path for French articles (same batch size)."""
    from ner.extraction import extract_articles
    from ner.figures.parse import main_pass_disabled
    from ner.pipeline import load_nlp
    from wirewatch.cli import to_article

    if not settings.spacy_model_fr:
        return {"skipped": "no French model configured"}
    nlp = load_nlp(settings.spacy_model_fr)
    settle_heap()
    records = french_articles(articles)
    docs = [to_article(r) for r in records]
    docs = [d.model_copy(update={"language": "fr"}) for d in docs]
    texts = [_nlp_text(a) for a in docs]
    total = sum(words(r) for r in records)
    ner_only = main_pass_disabled(nlp)
    batch = settings.ner_batch_size
    list(nlp.pipe(texts[:WARMUP_ARTICLES], batch_size=batch, disable=ner_only))
    extract_articles({"fr": nlp}, docs[:WARMUP_ARTICLES], batch_size=batch)
    bare_s, read_s, figures = [], [], 0
    # A pass takes seconds, so the machine's drift between two passes is small but its jitter is
    # not: pairs of passes, each pair's ratio, and the median of the pairs.
    for _ in range(max(repeat, FRENCH_PAIRS)):
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch, disable=ner_only):
            pass
        bare_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        out = extract_articles({"fr": nlp}, docs, batch_size=batch)
        read_s.append(time.perf_counter() - t)
        figures = sum(len(a.figures) for a in out)
    bare, read = total / min(bare_s), total / min(read_s)
    ratios = sorted(b / r for b, r in zip(bare_s, read_s, strict=True))
    return {"model": settings.spacy_model_fr, "articles": len(records), "words": total, "figures": figures,
            "spacy_fr_ner_only_wps": round(bare), "ner_fr_wps": round(read),
            "ratio": round(ratios[len(ratios) // 2], 3), "pair_ratios": [round(r, 3) for r in ratios]}


# --- NER service through Kafka -----------------------------------------------------------------

def raw_articles(records: list[dict], received_at: datetime | None = None) -> list:
    """The Article messages ingest would publish for these records (same cleaning and id)."""
    from ingest.formats import parse
    from ingest.pipeline import build_article

    now = received_at or datetime.now(UTC)
    return [build_article(parse(json.dumps(r).encode(), "application/json"), now)[0] for r in records]


async def ner_stage(stack: Stack, broker: str, records: list[dict], warmup: list[dict], workers: int,
                    bracket: bool = False) -> dict:
    """The NER service (`workers` processes) at saturation. `bracket`: bare spaCy NER on the same
    corpus right before and right after, the baseline of `ner_service_ratio`."""
    from wirewatch.settings import Settings
    from wirewatch.topics import ARTICLES_EXTRACTED, ARTICLES_RAW
    from wirewatch.wiring import encode, ensure_topics

    bare = bare_ner(records, Settings()) if bracket else None
    before = bare() if bare else None

    namespace = f"bench-ner{workers}-{uuid.uuid4().hex[:6]}"
    await ensure_topics(Settings(broker=broker, namespace=namespace))
    raw, out, dlq = ARTICLES_RAW.name(namespace), ARTICLES_EXTRACTED.name(namespace), ARTICLES_RAW.dead_letter_name(namespace)
    warm = [(a.article_id, encode(a)) for a in raw_articles(warmup)]
    # The corpus is the offline stage's (benchmarks.corpus.mixed: every text its own), so words/s
    # compare with bare spaCy's there. Should two texts ever share an article id, the clock stops
    # at each id's first output, so each is sent and counted once.
    unique = {}
    for article, record in zip(raw_articles(records), records, strict=True):
        unique.setdefault(article.article_id, (article, record))
    messages = [(a.article_id, encode(a)) for a, _ in unique.values()]
    ids = {key for key, _ in messages}
    total = sum(words(r) for _, r in unique.values())
    watcher = Watcher(broker, [out, dlq])
    await watcher.start()
    services = []
    try:
        services = [stack.start("ner", namespace, label=f"ner-{i + 1}") for i in range(workers)]
        await asyncio.to_thread(stack.wait_ready, services)
        await wait_group(broker, f"{namespace}.ner", workers)
        # Every worker loads its model and reads a few articles before the clock starts.
        await produce(broker, raw, warm, partitions=ARTICLES_RAW.partitions)
        if not await watcher.wait_for(out, {k for k, _ in warm}, timeout_s=300):
            raise RuntimeError("NER warm-up articles never came out\n" + "\n".join(s.log_tail() for s in services))
        await wait_group(broker, f"{namespace}.ner", workers)
        pids = {s.name: s.pid for s in services}
        if stack.broker and stack.broker.pid:
            pids["kafka"] = stack.broker.pid
        pids["bench"] = os.getpid()
        meter = CpuMeter(pids)
        threads = {s.name: ThreadMeter(s.pid) for s in services}
        started = time.time()
        await produce(broker, raw, messages)
        produced = time.time()
        done = await _wait_either(watcher, [out, dlq], ids, timeout_s=120 + total / 1500)
        seen = {**watcher.first_seen[dlq], **watcher.first_seen[out]}
        finished = max(seen[i] for i in ids if i in seen) if ids & seen.keys() else time.time()
        cpu = meter.read()
        cpu["threads"] = {name: m.read() for name, m in threads.items()}
        rss = {s.name: peak_rss_mb(s.pid) for s in services}
    finally:
        stack.stop_all(services)
        await watcher.stop()
    if not done:
        missing = len(ids - seen.keys())
        raise RuntimeError(f"{missing} of {len(ids)} articles never came out of the NER service")
    elapsed = finished - started
    worker_cpu = sum(v for k, v in cpu["cores_used"].items() if k.startswith("ner-")) * cpu["seconds"]
    return {
        "bare_ner": {"before": before, "after": bare()} if bare else None,
        "workers": workers, "articles": len(ids), "words": total, "seconds": round(elapsed, 2),
        "produce_seconds": round(produced - started, 2),
        "words_per_s": round(total / elapsed), "articles_per_s": round(len(ids) / elapsed, 2),
        "dead_lettered": len(ids & watcher.first_seen[dlq].keys()),
        # CPU of all the workers' threads per word: unlike words/s, hardly changed by what
        # other programs take (a busy sibling hyperthread still slows it somewhat).
        "words_per_cpu_s": round(total / max(1e-9, worker_cpu)) if worker_cpu else None,
        "cpu": cpu, "rss_mb": rss, "namespace": namespace,
    }


async def _wait_either(watcher: Watcher, topics: list[str], ids: set[str], timeout_s: float) -> bool:
    """Every id seen on one of `topics` (the output or the dead-letter topic)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        seen = set().union(*(watcher.first_seen[t].keys() for t in topics))
        if ids <= seen:
            return True
        await watcher.wait_for(topics[0], ids, timeout_s=min(1.0, deadline - time.monotonic()))
    return ids <= set().union(*(watcher.first_seen[t].keys() for t in topics))


# --- the whole pipeline ------------------------------------------------------------------------

async def _post(session, url: str, record: dict) -> dict:
    body = json.dumps(record).encode()
    sent = time.time()
    started = time.perf_counter()
    try:
        async with session.post(f"{url}/articles", data=body, headers={"Content-Type": "application/json"}) as response:
            answer = await response.json(content_type=None)
            status = response.status
    except Exception as exc:  # noqa: BLE001 - a failed request is a data point, not a crash
        answer, status = {"error": str(exc)}, None
    return {"sent": sent, "ms": (time.perf_counter() - started) * 1000, "status": status,
            "article_id": answer.get("article_id") if isinstance(answer, dict) else None,
            "duplicate": bool(answer.get("duplicate")) if isinstance(answer, dict) else False}


async def _post_all(session, url: str, records: list[dict], concurrency: int) -> list[dict]:
    queue = iter(records)
    results: list[dict] = []

    async def worker() -> None:
        for record in queue:
            results.append(await _post(session, url, record))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def _published(results: list[dict]) -> dict[str, float]:
    """article_id -> send time, for what ingest published (a copy of an earlier article is not)."""
    return {r["article_id"]: r["sent"] for r in results if r["status"] == 202 and r["article_id"] and not r["duplicate"]}


class _Pipeline:
    """The four services in a fresh namespace, a reader of their output topics, an HTTP session."""

    def __init__(self, stack: Stack, broker: str) -> None:
        self.stack, self.broker = stack, broker
        self.namespace = f"bench-pipe-{uuid.uuid4().hex[:6]}"
        self.alert_log: list[tuple[float, list[str], str]] = []
        self.services = []

    async def __aenter__(self) -> "_Pipeline":
        import aiohttp

        from wirewatch.settings import Settings
        from wirewatch.topics import ALERTS, ARTICLES_ENRICHED, ARTICLES_EXTRACTED, SERVICE_INPUT
        from wirewatch.wiring import ensure_topics

        ns = self.namespace
        await ensure_topics(Settings(broker=self.broker, namespace=ns))
        self.extracted, self.enriched, self.alerts = (t.name(ns) for t in (ARTICLES_EXTRACTED, ARTICLES_ENRICHED, ALERTS))
        self.dead_letter_topics = [spec.dead_letter_name(ns) for spec in SERVICE_INPUT.values()]
        self.watcher = Watcher(self.broker, [self.extracted, self.enriched, self.alerts, *self.dead_letter_topics],
                               on_value={self.alerts: self._on_alert})
        await self.watcher.start()
        try:
            self.services = [self.stack.start(name, ns) for name in SERVICES]
            await asyncio.to_thread(self.stack.wait_ready, self.services)
            self.url = f"http://127.0.0.1:{self.services[0].http_port}"
            self.pids = {s.name: s.pid for s in self.services}
            if self.stack.broker and self.stack.broker.pid:
                self.pids["kafka"] = self.stack.broker.pid
            self.pids["bench"] = os.getpid()
            self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64),
                                                 timeout=aiohttp.ClientTimeout(total=60))
        except BaseException:
            await self._close()
            raise
        return self

    def _on_alert(self, value: bytes, seen: float) -> None:
        try:
            status = json.loads(value).get("status", "?")
        except ValueError:
            status = "?"
        self.alert_log.append((seen, alert_evidence_ids(value), status))

    async def warm_up(self, records: list[dict]) -> None:
        # Model, gazetteer and connections ready, as in a service that has been running.
        warm = _published(await _post_all(self.session, self.url, records, 4))
        if not await self.watcher.wait_for(self.enriched, set(warm), timeout_s=300):
            raise RuntimeError("warm-up articles never reached the enriched topic\n"
                               + "\n".join(s.log_tail() for s in self.services))

    def rss(self) -> dict:
        return {s.name: peak_rss_mb(s.pid) for s in self.services}

    def dead_letters(self) -> int:
        return sum(len(self.watcher.first_seen[t]) for t in self.dead_letter_topics)

    async def _close(self) -> None:
        if getattr(self, "session", None) is not None:
            await self.session.close()
        self.stack.stop_all(self.services)
        await self.watcher.stop()

    async def __aexit__(self, *exc) -> None:
        await self._close()


async def pipeline_saturation(stack: Stack, broker: str, records: list[dict], warmup: list[dict]) -> dict:
    """Everything posted at once (as fast as ingest takes it): articles/s from ingest to enriched."""
    async with _Pipeline(stack, broker) as pipe:
        await pipe.warm_up(warmup)
        meter = CpuMeter(pipe.pids)
        started = time.time()
        results = await _post_all(pipe.session, pipe.url, records, 16)
        sent = _published(results)
        done = await pipe.watcher.wait_for(pipe.enriched, set(sent), timeout_s=120 + len(records))
        seen = pipe.watcher.first_seen[pipe.enriched]
        finished = max((seen[i] for i in sent if i in seen), default=time.time())
        cpu = meter.read()
        rss, dead = pipe.rss(), pipe.dead_letters()
    elapsed = max(1e-9, finished - started)
    return {
        "namespace": pipe.namespace, "articles": len(sent), "copies": sum(1 for r in results if r["duplicate"]),
        "all_enriched": done, "seconds": round(elapsed, 2),
        "articles_per_s": round(len(sent) / elapsed, 2),
        "words_per_s": round(sum(words(r) for r in records) / elapsed),
        "http_statuses": _statuses(results), "dead_letters": dead, "cpu": cpu, "rss_mb": rss,
    }


async def pipeline_latency(stack: Stack, broker: str, rate: float, records: list[dict], warmup: list[dict]) -> dict:
    """Articles posted at a fixed rate; for each, the time from its POST to its appearance on the
    extracted and enriched topics, and for each alert event, from the POST of the article that
    raised it. A fresh namespace, so alerts start from nothing as in a new deployment."""
    async with _Pipeline(stack, broker) as pipe:
        await pipe.warm_up(warmup)
        log(f"pipeline: {len(records)} articles at {rate:.2f}/s")
        meter = CpuMeter(pipe.pids)
        started = time.time()
        origin = time.monotonic()
        tasks = []
        # An open loop: sends keep to the schedule whatever the answers take, as independent
        # clients would; a slow answer delays nothing else.
        for index, record in enumerate(records):
            delay = origin + index / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_post(pipe.session, pipe.url, record)))
        results = await asyncio.gather(*tasks)
        sent = _published(results)
        complete = await pipe.watcher.wait_for(pipe.enriched, set(sent), timeout_s=180)
        await asyncio.sleep(3)  # alerts raised by the last articles
        cpu = meter.read()
        rss, dead = pipe.rss(), pipe.dead_letters()
        enriched, extracted = pipe.watcher.first_seen[pipe.enriched], pipe.watcher.first_seen[pipe.extracted]
        alert_log = list(pipe.alert_log)
    to_enriched = [(enriched[i] - t) * 1000 for i, t in sent.items() if i in enriched]
    to_extracted = [(extracted[i] - t) * 1000 for i, t in sent.items() if i in extracted]
    to_alert = []
    for seen, evidence, status in alert_log:
        # The alert's newest piece of evidence we sent is the article that raised it
        # ('resolved' comes from the clock, not from an article).
        sends = [sent[a] for a in evidence if a in sent and sent[a] <= seen]
        if sends and status != "resolved":
            to_alert.append((seen - max(sends)) * 1000)
    last = max((enriched[i] for i in sent if i in enriched), default=time.time())
    return {
        "namespace": pipe.namespace, "rate_articles_per_s": round(rate, 2), "sent": len(records),
        "published": len(sent), "copies": sum(1 for r in results if r["duplicate"]), "all_enriched": complete,
        "achieved_articles_per_s": round(len(sent) / max(1e-9, last - started), 2),
        "words_mean": round(statistics.mean(words(r) for r in records), 1) if records else 0,
        "latency_extracted_ms": percentiles(to_extracted),
        "latency_enriched_ms": percentiles(to_enriched),
        "latency_alert_ms": percentiles(to_alert),
        "alert_events": len(alert_log),
        "ingest_response_ms": percentiles([r["ms"] for r in results]),
        "http_statuses": _statuses(results), "dead_letters": dead, "cpu": cpu, "rss_mb": rss,
    }


def _statuses(results: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        counts[str(r["status"])] = counts.get(str(r["status"]), 0) + 1
    return counts


# --- ingest ------------------------------------------------------------------------------------

INGEST_BATCH = 100


def ingest_stage(broker: str, articles: int, concurrency: int) -> dict:
    """One article per request (the target), then JSON lines batches of INGEST_BATCH articles."""
    import uvloop

    from ingest.bench import run as ingest_bench

    meter = CpuMeter({"bench": os.getpid()})
    # The load generator shares the machine with the service: the cheaper it is, the less it takes from it.
    result = uvloop.run(ingest_bench(broker, articles, concurrency, 0.0, None, None))
    result["cpu"] = meter.read()
    result["batched"] = uvloop.run(ingest_bench(broker, articles, max(1, concurrency // 16), 0.0, None, None,
                                                batch=INGEST_BATCH))
    return result


# --- report ------------------------------------------------------------------------------------

def _n(value, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".strip()


def limits(results: dict) -> list[str]:
    """What bounds the throughput, read off the CPU each process used during the measurement."""
    cores = results["machine"]["cores"]
    stages = results.get("stages", {})
    notes = []
    offline = stages.get("offline", {})
    if offline.get("enrich_breakdown_cpu_s"):
        parts = offline["enrich_breakdown_cpu_s"]
        whole = sum(parts.values())
        others = max(r["enrich"]["others_cores_busy"] for r in offline["cpu"])
        notes.append(f"wirewatch enrich: one thread, so one core at most; of its CPU, spaCy {parts['spacy'] / whole:.0%}, "
                     f"the figure rules and the rest of extract_articles {parts['rest_of_extract_articles'] / whole:.0%}, "
                     f"geocoding and JSON {parts['geocode_and_json'] / whole:.0%} (per CPU-second it reaches "
                     f"{offline['enrich_cpu_ratio']:.0%} of bare spaCy; other programs took up to {others:.2f} cores meanwhile).")
    one, two = stages.get("ner", {}), stages.get("scaling", {})
    if one.get("cpu"):
        cpu = one["cpu"]
        worker, broker = cpu["cores_used"].get("ner-1", 0), cpu["cores_used"].get("kafka", 0)
        threads = cpu.get("threads", {}).get("ner-1", {})
        model = threads.get("busiest_thread_cores", worker)
        split = (f"its model thread {model:.2f}, the event loop and Kafka client threads "
                 f"{threads['other_threads_cores']:.2f}; " if threads else "")
        if model >= 0.9:
            why = "bound by one core: spaCy and the figure rules run one batch at a time in one thread"
        else:
            why = (f"its model thread, which does nearly all the work, got {model:.2f} of a core because the "
                   f"machine was busy: the service runs at extract_articles' speed times that share")
        ratio = results.get("ner_service_cpu_ratio")
        per_cpu = f"; per CPU-second it reaches {ratio:.0%} of bare spaCy" if ratio else ""
        notes.append(f"1 NER worker used {worker:.2f} cores ({split}broker {broker:.2f}, other programs "
                     f"{cpu['others_cores_busy']:.2f}, machine {cpu['machine_cores_busy']:.2f} of {cores}): {why}{per_cpu}.")
    if two.get("cpu") and one.get("words_per_s"):
        cpu = two["cpu"]
        workers = sum(v for k, v in cpu["cores_used"].items() if k.startswith("ner-"))
        speedup = two["words_per_s"] / one["words_per_s"]
        if cpu["machine_cores_busy"] >= cores - 0.25:
            why = (f"the {cores} cores were saturated, so the second worker only gets what the first worker, the "
                   "broker, the benchmark's reader and everything else leave free")
        else:
            why = "cores were left idle, so something other than CPU (batching, the broker round trip) held it back"
        notes.append(f"2 NER workers on 2 partitions: x{speedup:.2f}, workers {workers:.2f} cores together, broker "
                     f"{cpu['cores_used'].get('kafka', 0):.2f}, other programs {cpu['others_cores_busy']:.2f}, "
                     f"machine {cpu['machine_cores_busy']:.2f} of {cores}: {why}.")
    saturated = stages.get("pipeline", {})
    if saturated.get("cpu"):
        cpu = saturated["cpu"]
        top = sorted(cpu["cores_used"].items(), key=lambda kv: -kv[1])
        ner = cpu["cores_used"].get("ner", 0)
        rest = sum(v for k, v in cpu["cores_used"].items() if k not in ("ner", "bench"))
        if cpu["machine_cores_busy"] >= cores - 0.25:
            why = (f"all {cores} cores were busy, so NER, the stage that needs a whole core, got {ner:.2f}: the other "
                   f"services and the broker took {rest:.2f}, other programs {cpu['others_cores_busy']:.2f}")
        else:
            why = f"NER (one model thread) is the bottleneck; the other services and the broker need {rest:.2f} cores"
        notes.append("whole pipeline saturated: " + ", ".join(f"{k} {v:.2f}" for k, v in top)
                     + f" cores, other programs {cpu['others_cores_busy']:.2f}, machine "
                     f"{cpu['machine_cores_busy']:.2f} of {cores}: {why}.")
    return notes


def _mean(values) -> float | None:
    present = [v for v in values if v]
    return sum(present) / len(present) if present else None


def _pct(value) -> str:
    return f"{value:.0%}" if value is not None else "-"


def table(results: dict) -> str:
    machine = results["machine"]
    corpus = results["corpus"]
    offline = results["stages"].get("offline", {})
    ner = results["stages"].get("ner", {})
    two = results["stages"].get("scaling", {})
    pipe = results["stages"].get("pipeline", {})
    steady = results["stages"].get("latency", {})
    ingest = results["stages"].get("ingest", {})
    base = results.get("spacy_baseline_wps")

    def share(value):
        return f"{value / base:.0%} of the limit" if value and base else ""

    def lat(p):
        if not p or p.get("p50") is None:
            return "-"
        return f"{p['p50']:,.0f} / {p['p95']:,.0f} / {p['p99']:,.0f} ms"

    rows = [
        ("spaCy nlp.pipe, bare (the limit)", _n(base, "words/s"),
         f"{offline.get('model', '')}, {', '.join(offline.get('pipeline', []))}, batch {offline.get('batch_size', '')}"),
        ("wirewatch enrich, offline", _n(results.get("enrich_wps"), "words/s"),
         f"{share(results.get('enrich_wps'))} (target >= {TARGET_ENRICH:.0%}); per CPU-second "
         f"{_pct(results.get('enrich_cpu_ratio'))}"),
        ("NER service via Kafka, 1 worker", _n(results.get("ner_service_wps"), "words/s"),
         f"{_pct(results.get('ner_service_ratio'))} of bare NER measured right before and after it "
         f"({_n(results.get('ner_service_bare_ner_wps'), 'words/s')}; target >= {TARGET_NER_SERVICE:.0%}), "
         f"{share(results.get('ner_service_wps'))} from the offline stage; per CPU-second "
         f"{_pct(results.get('ner_service_cpu_ratio'))}; {_n(ner.get('articles_per_s'), 'articles/s', 1)}"),
        ("NER service via Kafka, 2 workers", _n(two.get("words_per_s"), "words/s"),
         f"x{two['words_per_s'] / ner['words_per_s']:.2f} of 1 worker" if two.get("words_per_s") and ner.get("words_per_s") else ""),
        ("pipeline, saturated", _n(results.get("pipeline_articles_per_s"), "articles/s", 1),
         f"{_n(pipe.get('words_per_s'), 'words/s')}, ingest -> enriched, {pipe.get('articles', '-')} articles at once"),
        ("latency to enriched p50/p95/p99", lat(results.get("e2e_latency_ms")),
         f"at {_n(steady.get('rate_articles_per_s'), 'articles/s', 2)} (half the pipeline's), "
         f"{(results.get('e2e_latency_ms') or {}).get('count', 0)} articles"),
        ("latency to alert p50/p95/p99", lat(results.get("alert_latency_ms")),
         f"{(results.get('alert_latency_ms') or {}).get('count', 0)} alert events"),
        ("ingest API accepted", _n(results.get("ingest_articles_per_s"), "articles/s"),
         f"p99 {_n(results.get('ingest_p99_ms'), 'ms', 1)}, concurrency {ingest.get('concurrency', '-')}, "
         f"{ingest.get('unique_articles', '-')} articles"),
        ("ingest API accepted, batches", _n(results.get("ingest_batch_articles_per_s"), "articles/s"),
         f"{(ingest.get('batched') or {}).get('articles_per_request', '-')} articles per request (JSON lines), "
         f"p99 {_n((ingest.get('batched') or {}).get('p99_ms'), 'ms', 1)} per request"),
        ("peak RSS (VmHWM)", "MB", ", ".join(f"{k} {v:,.0f}" for k, v in (results.get("rss_mb") or {}).items()) or "-"),
    ]
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    lines = [
        f"wirewatch benchmarks, {results['started_at']}, {results['duration_s']:.0f} s"
        f"{' (quick)' if results['config']['quick'] else ''}",
        f"machine: {machine['cores']} cores, {machine['memory_gb']} GB, load before {machine['load_before']}, "
        f"after {machine.get('load_after')}",
        f"corpus: {corpus['articles']} articles, {corpus['words_total']:,} words "
        f"(mean {corpus['words_mean']:.0f}, {corpus['words_min']}-{corpus['words_max']}), "
        f"{corpus['bytes_total'] / 1000:,.0f} kB, from samples/articles.jsonl (seed {results['config']['seed']})",
        "",
        f"{'measure':<{width}}  {'value':>{value_width}}  note",
        f"{'-' * width}  {'-' * value_width}  ----",
        *(f"{a:<{width}}  {b:>{value_width}}  {c}" for a, b, c in rows),
    ]
    if machine.get("busy_before"):
        lines += ["", "also running when the run started (cores):"]
        lines += [f"  {p['cores']:.2f}  {p['command']}" for p in machine["busy_before"]]
    notes = results.get("limits") or []
    if notes:
        lines += ["", "what limits throughput:"] + [f"  - {n}" for n in notes]
    if results.get("errors"):
        lines += ["", "stages that failed:"] + [f"  {k}: {v.splitlines()[-1]}" for k, v in results["errors"].items()]
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpus and shorter phases (about 3 minutes)")
    parser.add_argument("--articles", type=int, help="corpus size (default 300, quick 80)")
    parser.add_argument("--pipeline-seconds", type=float, help="steady-load phase length (default 60, quick 20)")
    parser.add_argument("--ingest-articles", type=int, help="articles for the ingest API benchmark (default 10000, quick 2000)")
    parser.add_argument("--ingest-concurrency", type=int, default=64)
    parser.add_argument("--repeat", type=int, help="rounds of the offline measurements, best kept (default 2, quick 1)")
    parser.add_argument("--rate", type=float, help="steady load in articles/s (default: half the saturated pipeline rate)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--skip", action="append", default=[], choices=STAGES, help="leave a stage out (repeatable)")
    parser.add_argument("--out", type=Path, default=LATEST, help="JSON results (default benchmarks/latest.json)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the scratch directory with service logs")
    args = parser.parse_args(argv)
    args.articles = args.articles or (80 if args.quick else 300)
    args.pipeline_seconds = args.pipeline_seconds or (20.0 if args.quick else 60.0)
    args.ingest_articles = args.ingest_articles or (2000 if args.quick else 10000)
    args.repeat = args.repeat or (1 if args.quick else 2)
    return args


def _terminate(signum, _frame) -> None:
    # SIGTERM unwinds like Ctrl-C, through the finally that stops the services and the broker.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out = args.out.resolve()
    signal.signal(signal.SIGTERM, _terminate)
    # A fresh topic's first metadata is often "not leader yet"; aiokafka retries and says so.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    os.chdir(ROOT)
    from wirewatch.settings import Settings

    settings = Settings()  # what the services read: their defaults and WIREWATCH_* variables
    begun = time.monotonic()
    machine = machine_info()
    log(f"load {machine['load_before']}; sampling what else runs")
    machine["busy_before"] = busy_processes(exclude={os.getpid()})
    records = generate(args.articles, seed=args.seed)
    # NER reads displacement stories mixed with other news, as on a real wire.
    ner_records = mixed(records, other_news(seed=args.seed))
    corpus = summary(records)
    log(f"corpus: {corpus['articles']} articles, {corpus['words_total']:,} words "
        f"(mean {corpus['words_mean']}, {corpus['words_min']}-{corpus['words_max']}), {corpus['bytes_total']:,} bytes")
    results: dict = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "config": {"quick": args.quick, "articles": args.articles, "seed": args.seed, "repeat": args.repeat,
                   "pipeline_seconds": args.pipeline_seconds, "ingest_articles": args.ingest_articles,
                   "ingest_concurrency": args.ingest_concurrency, "spacy_model": settings.spacy_model,
                   "ner_batch_size": settings.ner_batch_size, "skipped": args.skip},
        "corpus": corpus, "machine": machine, "stages": {}, "errors": {},
    }
    stages = results["stages"]
    stack = Stack(keep_logs=args.keep_logs)

    def attempt(name: str, run) -> None:
        if name in args.skip:
            return
        log(f"stage {name}")
        t = time.monotonic()
        try:
            stages[name] = run()
            log(f"stage {name} done in {time.monotonic() - t:.0f} s: "
                + json.dumps({k: v for k, v in stages[name].items() if not isinstance(v, (dict, list))})[:400])
        except Exception:  # noqa: BLE001 - one failed stage must not cost the others' figures
            results["errors"][name] = traceback.format_exc()
            stack.keep_logs = True
            log(f"stage {name} FAILED:\n{results['errors'][name]}")

    try:
        attempt("offline", lambda: offline_stage(ner_records, settings, args.repeat))
        attempt("french", lambda: french_stage(settings, max(40, args.articles // 4), args.repeat))
        broker = None
        if set(SINGLE_BROKER_STAGES) - set(args.skip):
            log("starting the broker")
            try:
                broker = stack.start_broker()
            except Exception:  # noqa: BLE001
                results["errors"]["broker"] = traceback.format_exc()
                log(f"broker FAILED:\n{results['errors']['broker']}")
        if broker:
            warm = generate(WARMUP_ARTICLES, seed=args.seed + 1000, min_words=150, max_words=300)
            attempt("ner", lambda: asyncio.run(ner_stage(stack, broker, ner_records, warm, 1, bracket=True)))
            attempt("scaling", lambda: asyncio.run(ner_stage(stack, broker, ner_records, warm, 2)))

            recent = datetime.now(UTC) - timedelta(hours=2)
            pipe_warm = generate(8, seed=args.seed + 3, start=recent)
            burst = generate(args.articles, seed=args.seed + 2, start=recent)
            attempt("pipeline", lambda: asyncio.run(pipeline_saturation(stack, broker, burst, pipe_warm)))
            # Half of what the whole pipeline sustained (else of NER alone, else of bare spaCy).
            per_article = corpus["words_mean"]
            saturation = (stages.get("pipeline", {}).get("articles_per_s")
                          or (stages.get("ner", {}).get("words_per_s")
                              or stages.get("offline", {}).get("spacy_baseline_wps") or 4000) / per_article)
            rate = args.rate or saturation / 2
            steady = generate(max(1, round(rate * args.pipeline_seconds)), seed=args.seed + 1, start=recent)
            attempt("latency", lambda: asyncio.run(pipeline_latency(stack, broker, rate, steady, pipe_warm)))
            attempt("ingest", lambda: ingest_stage(broker, args.ingest_articles, args.ingest_concurrency))
        if "cluster" not in args.skip:
            recent = datetime.now(UTC) - timedelta(hours=2)
            # A cluster of its own: the single broker's figures above stay comparable with earlier runs.
            attempt("cluster", lambda: cluster_stage(generate(args.articles, seed=args.seed + 4, start=recent),
                                                     generate(8, seed=args.seed + 5, start=recent),
                                                     keep_logs=stack.keep_logs))
    except KeyboardInterrupt:
        interrupted = True
    else:
        interrupted = False
    finally:
        log("stopping services and the broker")
        stack.close()
        if stack.keep_logs:
            log(f"service logs kept in {stack.workdir}")
    if interrupted:
        # Partial figures must not replace the last complete run's.
        log(f"interrupted: {args.out} left as it was")
        return 130

    offline = stages.get("offline", {})
    pipe = stages.get("pipeline", {})
    steady = stages.get("latency", {})
    ingest = stages.get("ingest", {})
    rss: dict[str, float] = {}
    # Peak over the run: the pipeline runs for every service, the saturation runs too for ner.
    for source in (pipe.get("rss_mb", {}), steady.get("rss_mb", {}), stages.get("ner", {}).get("rss_mb", {}),
                   stages.get("scaling", {}).get("rss_mb", {})):
        for name, value in source.items():
            service = name.split("-")[0]
            if value is not None:
                rss[service] = max(rss.get(service, 0.0), value)
    ner_wps = stages.get("ner", {}).get("words_per_s")
    two_wps = stages.get("scaling", {}).get("words_per_s")
    # The service against bare NER measured right before and after it (mean of the two); the
    # offline stage's baseline, minutes earlier, is kept beside it.
    bracket = stages.get("ner", {}).get("bare_ner") or {}
    bare_wps = _mean(b.get("words_per_s") for b in bracket.values() if b)
    bare_cpu = _mean(b.get("words_per_cpu_s") for b in bracket.values() if b)
    results.update({
        "spacy_baseline_wps": offline.get("spacy_baseline_wps"),
        "spacy_ner_only_wps": offline.get("spacy_ner_only_wps"),
        "spacy_parser_wps": offline.get("spacy_parser_wps"),
        "candidate_sentences_share": offline.get("candidate_sentences_share"),
        "spacy_fr_ner_only_wps": stages.get("french", {}).get("spacy_fr_ner_only_wps"),
        "ner_fr_wps": stages.get("french", {}).get("ner_fr_wps"),
        "ner_fr_ratio": stages.get("french", {}).get("ratio"),
        "enrich_wps": offline.get("enrich_wps"),
        "enrich_ratio": offline.get("enrich_ratio"),
        "ner_service_wps": ner_wps,
        "ner_service_ratio": round(ner_wps / bare_wps, 3) if ner_wps and bare_wps else None,
        "ner_service_bare_ner_wps": round(bare_wps) if bare_wps else None,
        "ner_service_ratio_to_offline_baseline": (round(ner_wps / offline["spacy_baseline_wps"], 3)
                                                  if ner_wps and offline.get("spacy_baseline_wps") else None),
        "enrich_cpu_ratio": offline.get("enrich_cpu_ratio"),
        "ner_service_cpu_ratio": (round(stages["ner"]["words_per_cpu_s"] / bare_cpu, 3)
                                  if stages.get("ner", {}).get("words_per_cpu_s") and bare_cpu else None),
        "pipeline_articles_per_s": pipe.get("articles_per_s"),
        "cluster_articles_per_s": {k: v["articles_per_s"] for k, v in stages.get("cluster", {}).items()
                                   if isinstance(v, dict)},
        "e2e_latency_ms": steady.get("latency_enriched_ms"),
        "alert_latency_ms": steady.get("latency_alert_ms"),
        "extracted_latency_ms": steady.get("latency_extracted_ms"),
        "ingest_articles_per_s": ingest.get("accepted_per_s"),
        "ingest_p99_ms": ingest.get("p99_ms"),
        "ingest_batch_articles_per_s": (ingest.get("batched") or {}).get("accepted_per_s"),
        "rss_mb": rss,
        "scaling": {
            "partitions": 2,
            "ner_workers_1_wps": ner_wps,
            "ner_workers_2_wps": two_wps,
            "speedup": round(two_wps / ner_wps, 2) if ner_wps and two_wps else None,
        },
    })
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = round(time.monotonic() - begun, 1)
    results["limits"] = limits(results)
    results["scaling"]["limit"] = " ".join(n for n in results["limits"] if "NER worker" in n) or None
    if not results["errors"]:
        del results["errors"]
    # Keys first, stage details after: the file is read by people as much as by programs.
    ordered = {k: results[k] for k in ("spacy_ner_only_wps", "spacy_parser_wps", "ner_service_wps",
                                       "candidate_sentences_share", "spacy_fr_ner_only_wps", "ner_fr_wps", "ner_fr_ratio",
                                       "spacy_baseline_wps", "enrich_wps", "enrich_ratio",
                                       "ner_service_ratio", "ner_service_bare_ner_wps", "ner_service_ratio_to_offline_baseline", "enrich_cpu_ratio", "ner_service_cpu_ratio", "pipeline_articles_per_s", "e2e_latency_ms",
                                       "alert_latency_ms", "extracted_latency_ms", "ingest_articles_per_s",
                                       "ingest_p99_ms", "ingest_batch_articles_per_s", "rss_mb", "scaling", "machine", "corpus", "config",
                                       "started_at", "duration_s", "limits")}
    ordered.update({k: v for k, v in results.items() if k not in ordered})
    args.out.write_text(json.dumps(ordered, indent=2) + "\n")
    print(table(ordered))
    print(f"\nwritten: {args.out}")
    return 1 if ordered.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
