"""The fault run, `make chaos`: wirewatch on 3 brokers with 2 workers per service, a stream of
generated articles, and faults in the middle of it; writes chaos-report.json.

    python -m benchmarks.chaos [--articles 500] [--rate 6] [--exactly-once] [--report chaos-report.json]

Twice over the same articles, in fresh namespaces on one local cluster (kafka.sh KAFKA_NODES=3):

  reference  no faults
  faults     while the stream runs: kill -9 the broker leading the articles topic, restart it;
             kill -9 one worker of each service (ingest, ner, geocode, alerting), restart them;
             a rolling restart of all three brokers (clean stop, start, wait for in-sync replicas)

The articles are the benchmark corpus (benchmarks/corpus.py: the team's sample stories recombined,
figures redrawn, places swapped), short, dated an hour ago so that no alert resolves during the
run. Each is posted once to an ingest instance, and to the next instance when one does not
answer, as a load balancer would. The report: articles sent and accepted; enriched, unique;
lost (accepted, never enriched); alert events and duplicate event ids (at-least-once: dedup on
event_id, as the README says); per fault the time until every article accepted before it was
enriched (and, for brokers, until every partition was back in sync); and whether the set of
(alert, status, severity) equals the reference's, the alert named by its rule and place (see
`situation`: an alert_id differs between runs by design). Exit status 0 only with lost 0 and equal
decisions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.cluster import ClusterPipeline, partition_leader, under_replicated
from benchmarks.corpus import generate
from benchmarks.stack import Stack

ROOT = Path(__file__).resolve().parent.parent
BROKERS = 3
WORKERS = 2
RECOVERY_TIMEOUT_S = 180.0


def log(message: str) -> None:
    print(f"[chaos {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Stream:
    """Posts the records at a fixed rate in the background; keeps every answer."""

    def __init__(self, pipe: ClusterPipeline, records: list[dict], rate: float) -> None:
        self.pipe, self.records, self.rate = pipe, records, rate
        self.results: list[dict] = []
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        origin, pending = time.monotonic(), []
        for index, record in enumerate(self.records):
            delay = origin + index / self.rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            pending.append(asyncio.create_task(self._post(record)))
        await asyncio.gather(*pending)

    async def _post(self, record: dict) -> None:
        self.results.append(await self.pipe.post(record))

    async def done(self) -> None:
        assert self.task is not None
        await self.task

    def accepted(self, before: float | None = None) -> dict[str, float]:
        """article_id -> send time of the articles ingest accepted (202), sent before `before`."""
        return {r["article_id"]: r["sent"] for r in self.results
                if r["status"] == 202 and r["article_id"] and (before is None or r["sent"] < before)}


async def recovered(pipe: ClusterPipeline, stream: Stream, fault_at: float, *, brokers: bool) -> dict:
    """Seconds from the fault until every article accepted before it was enriched (and, after a
    broker fault, until no partition of the namespace's topics is under-replicated)."""
    from wirewatch.topics import all_topic_names

    # Answers still in flight at the fault may be accepted a moment later: give them a second.
    await asyncio.sleep(1.0)
    backlog = set(stream.accepted(before=fault_at))
    topics = list(all_topic_names(pipe.namespace))
    drained = in_sync = None
    deadline = time.monotonic() + RECOVERY_TIMEOUT_S
    while time.monotonic() < deadline and (drained is None or (brokers and in_sync is None)):
        if drained is None and backlog <= pipe.enriched_ids().keys():
            drained = time.time() - fault_at
        if brokers and in_sync is None:
            try:
                if await under_replicated(pipe.broker, topics) == 0:
                    in_sync = time.time() - fault_at
            except Exception:  # noqa: BLE001 - a broker answering nothing yet
                pass
        await asyncio.sleep(0.25)
    result = {"backlog_articles": len(backlog), "enriched_backlog_s": _round(drained)}
    if brokers:
        result["replicas_in_sync_s"] = _round(in_sync)
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


async def inject_faults(stack: Stack, pipe: ClusterPipeline, stream: Stream, spacing_s: float) -> list[dict]:
    from wirewatch.topics import ARTICLES_RAW

    broker, faults = stack.broker, []
    assert broker is not None
    await asyncio.sleep(spacing_s)

    # 1. A broker dies: the one leading the articles topic, so producers and consumers fail over.
    node = await partition_leader(pipe.broker, ARTICLES_RAW.name(pipe.namespace))
    log(f"fault: kill -9 broker {node}")
    at = time.time()
    await asyncio.to_thread(broker.kill_node, node)
    down = await recovered(pipe, stream, at, brokers=False)
    await asyncio.sleep(max(0.0, spacing_s - (time.time() - at)))
    log(f"restart broker {node}")
    restarted = time.time()
    await asyncio.to_thread(broker.start_node, node)
    back = await recovered(pipe, stream, restarted, brokers=True)
    faults.append({"fault": f"kill -9 broker {node}, restart after {restarted - at:.0f} s",
                   "while_down": down, "after_restart": back})
    await asyncio.sleep(spacing_s)

    # 2. One worker of each service dies at once, and comes back.
    labels = [f"{service}-2" for service in ("ingest", "ner", "geocode", "alerting")]
    log(f"fault: kill -9 {', '.join(labels)}")
    at = time.time()
    for label in labels:
        pipe.kill(label)
    await asyncio.sleep(spacing_s / 2)
    await asyncio.gather(*(pipe.restart(label) for label in labels))
    await pipe.wait_groups()
    regrouped = time.time() - at
    faults.append({"fault": f"kill -9 {', '.join(labels)}, restart", "groups_stable_again_s": round(regrouped, 1),
                   **await recovered(pipe, stream, at, brokers=False)})
    await asyncio.sleep(spacing_s)

    # 3. Rolling restart: each broker stopped cleanly and started, the next once all is in sync.
    log("fault: rolling restart of the brokers")
    at = time.time()
    for node in range(1, BROKERS + 1):
        await asyncio.to_thread(broker.stop_node, node)
        await asyncio.to_thread(broker.start_node, node)
        await recovered(pipe, stream, time.time(), brokers=True)
    faults.append({"fault": "rolling restart of brokers 1, 2, 3", "duration_s": round(time.time() - at, 1),
                   **await recovered(pipe, stream, at, brokers=True)})
    return faults


async def one_run(stack: Stack, records: list[dict], rate: float, *, faults: bool, env: dict) -> dict:
    started = time.time()
    async with ClusterPipeline(stack, WORKERS, prefix="chaos-faults" if faults else "chaos-ref", env=env) as pipe:
        log(f"{'fault' if faults else 'reference'} run in namespace {pipe.namespace}: "
            f"{len(records)} articles at {rate}/s")
        stream = Stream(pipe, records, rate)
        stream.start()
        injected: list[dict] = []
        if faults:
            try:
                injected = await inject_faults(stack, pipe, stream, spacing_s=min(10.0, len(records) / rate / 8))
            except Exception as exc:  # noqa: BLE001 - a service that does not come back is a finding
                log(f"fault run broke off: {exc!r}")
                injected = [{"error": f"{type(exc).__name__}: {str(exc)[:500]}"}]
        crashed = [label for label, s in pipe.instances.items() if s.process.poll() is not None]
        await stream.done()
        accepted = stream.accepted()
        await pipe.watcher.wait_for(pipe.enriched, set(accepted), timeout_s=RECOVERY_TIMEOUT_S)
        settled = await pipe.settle()
        enriched = pipe.enriched_ids()
        alerts = [value for _, value in pipe.alert_values]
        dead = pipe.dead_letters()
        namespace = pipe.namespace
    event_counts = Counter(a["event_id"] for a in alerts)
    return {
        "namespace": namespace,
        "seconds": round(time.time() - started, 1),
        "articles_sent": len(records),
        "articles_accepted": len(accepted),
        "answers": dict(Counter(str(r["status"]) for r in stream.results)),
        "posts_retried": sum(1 for r in stream.results if r["attempts"] > 1),
        "enriched_unique": len(set(accepted) & enriched.keys()),
        "lost": len(set(accepted) - enriched.keys()),
        "lost_ids": sorted(set(accepted) - enriched.keys())[:20],
        "dead_letters": dead,
        "alert_events": len(alerts),
        "alert_events_unique": len(event_counts),
        "duplicate_event_ids": sum(1 for count in event_counts.values() if count > 1),
        "settled": settled,
        "workers_exited": crashed,
        "faults": injected,
        "decisions": sorted({(situation(a), a["status"], a["severity"]) for a in alerts}),
    }


def situation(alert: dict) -> str:
    """What an alert is about, the same in every run: its rule and place. The alert_id itself
    hashes the rule, the place and the window start, and the window starts when ingest received
    the first report (received_at), which no two runs share."""
    place = alert["place"]
    where = place.get("crossing_id") or place.get("geonames_id") or place.get("admin1_code") or place.get("country")
    return f"{alert['rule']}/{place['kind']}/{where}/{place['name']}"


def order_free_corpus(n: int, *, seed: int, min_words: int, max_words: int, start: datetime) -> tuple[list[dict], int]:
    """`n` generated articles of which no two feed the same alert situation (rule and place).

    Two reports on one situation give decisions that depend on their order ('new medium' then
    'escalated high', or 'new high' alone), and with two workers per service and faults the
    order of articles differs from run to run, as it would between any two runs. So the corpus
    keeps, of the generated articles, only the first to reach each situation, plus every article
    that reaches none; whether it does is read with the services' own functions, in-process.
    Returns the articles and how many situations they open."""
    from alerting.rules import load_rules
    from alerting.situations import situations_for
    from wirewatch.contracts import EnrichedArticle
    from wirewatch.places import load_places
    from wirewatch.settings import Settings

    settings = Settings()
    rules = load_rules(settings.rules_path)
    sides = {p.id: p.countries for p in load_places(settings.extra_places) if p.kind == "crossing"}
    candidates = generate(4 * n, seed=seed, min_words=min_words, max_words=max_words, start=start)
    # `wirewatch enrich`: NER and geocoding exactly as the services run them, one line per input.
    enriched = subprocess.run([sys.executable, "-m", "wirewatch.cli", "enrich", "-"], check=True, capture_output=True,
                              text=True, input="".join(json.dumps(r) + "\n" for r in candidates)).stdout.splitlines()
    kept: list[dict] = []
    taken: set[str] = set()
    for record, line in zip(candidates, enriched, strict=True):
        article = EnrichedArticle.model_validate_json(line)
        keys = {o.key for o in situations_for(article, rules, sides)}
        if keys & taken:
            continue
        taken |= keys
        kept.append(record)
        if len(kept) == n:
            return kept, len(taken)
    raise ValueError(f"only {len(kept)} of {n} articles with situations of their own in {len(candidates)} generated")


async def run(args: argparse.Namespace) -> dict:
    # Dated an hour ago, a minute apart: inside every rule's window for the whole run.
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    log(f"generating {args.articles} articles, no two on one alert situation")
    records, situations = order_free_corpus(args.articles, seed=args.seed, min_words=args.min_words,
                                            max_words=args.max_words, start=start - timedelta(minutes=4 * args.articles))
    log(f"{len(records)} articles, {situations} situations")
    env = {"WIREWATCH_PROCESSING_GUARANTEE": "exactly_once"} if args.exactly_once else {}
    stack = Stack(keep_logs=args.keep_logs)
    try:
        log(f"starting {BROKERS} brokers")
        await asyncio.to_thread(stack.start_broker, BROKERS)
        reference = await one_run(stack, records, args.rate, faults=False, env=env)
        log(f"reference: {reference['enriched_unique']} enriched, {reference['alert_events']} alert events")
        faulted = await one_run(stack, records, args.rate, faults=True, env=env)
    finally:
        await asyncio.to_thread(stack.close)
        if args.keep_logs:
            log(f"logs kept in {stack.workdir}")
    same = reference["decisions"] == faulted["decisions"]
    ref_set, fault_set = set(map(tuple, reference["decisions"])), set(map(tuple, faulted["decisions"]))
    return {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "setup": {"brokers": BROKERS, "workers_per_service": WORKERS, "articles": args.articles,
                  "rate_articles_per_s": args.rate, "words": [args.min_words, args.max_words],
                  "situations_in_corpus": situations,
                  "processing_guarantee": "exactly_once" if args.exactly_once else "at_least_once",
                  "replication_factor": 3, "min_insync_replicas": 2},
        "articles_sent": faulted["articles_sent"],
        "articles_accepted": faulted["articles_accepted"],
        "articles_enriched_unique": faulted["enriched_unique"],
        "lost": faulted["lost"],
        "alert_events": faulted["alert_events"],
        "duplicate_event_ids": faulted["duplicate_event_ids"],
        "recovery": faulted["faults"],
        "decisions_identical_to_fault_free_run": same,
        "decisions": len(fault_set),
        "decisions_only_in_fault_run": sorted(fault_set - ref_set),
        "decisions_only_in_fault_free_run": sorted(ref_set - fault_set),
        "fault_run": {k: v for k, v in faulted.items() if k != "decisions"},
        "fault_free_run": {k: v for k, v in reference.items() if k != "decisions"},
        "workers_exited": {"fault_free_run": reference["workers_exited"], "fault_run": faulted["workers_exited"]},
        "passed": faulted["lost"] == 0 and same and reference["lost"] == 0
        and not any("error" in fault for fault in faulted["faults"]),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.chaos", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rate", type=float, default=6.0, help="articles posted per second")
    parser.add_argument("--min-words", type=int, default=60)
    parser.add_argument("--max-words", type=int, default=140)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--exactly-once", action="store_true", help="run the services with faust's exactly_once")
    parser.add_argument("--report", type=Path, default=ROOT / "chaos-report.json")
    parser.add_argument("--keep-logs", action="store_true")
    return parser.parse_args(argv)


def _terminate(signum, _frame) -> None:
    # SIGTERM (a `timeout` around the run) unwinds like Ctrl-C, through the finally that stops the
    # services and the brokers.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    report = asyncio.run(run(args))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1) + "\n")
    log(f"sent {report['articles_sent']}, accepted {report['articles_accepted']}, enriched "
        f"{report['articles_enriched_unique']}, lost {report['lost']}, alert events {report['alert_events']} "
        f"({report['duplicate_event_ids']} duplicate ids), decisions identical: "
        f"{report['decisions_identical_to_fault_free_run']} -> {args.report}")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
