"""The `wirewatch` command line.

    wirewatch enrich [FILE ...|-]      NER + geocoding offline, no broker: one enriched article per input
    wirewatch ingest FILE ...|-        send articles to the running pipeline (the ingest HTTP API)
    wirewatch alerts [--timeout S]     print alert events from the alerts topic, from the beginning,
                                       one readable line each (--json: the raw events)
    wirewatch topics [create] [--json] every topic's partitions, RF, min.insync.replicas (create: missing ones first)
    wirewatch dead-letters [SERVICE]   print dead letters, decoded, from the beginning

This is the composition root for offline use: it calls the services' plain functions, imported
lazily so that `wirewatch alerts` does not load spaCy.

Against a secure stack (`make start SECURE=1`) the command needs no flags: it reads the client
settings the stack wrote to .run/secure/client.env (TLS, SCRAM user and password, CA) when run
where that file is, the repo root. WIREWATCH_* variables still win over the file.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from wirewatch.contracts import Article
from wirewatch.settings import Settings


def read_inputs(paths: list[str]) -> Iterator[dict]:
    """Articles from JSON lines (id, body, headline?, published_at?, url?) or text files (line 1: headline)."""
    for path in paths or ["-"]:
        if path == "-":
            yield from _json_lines(sys.stdin, "<stdin>")
            continue
        file = Path(path)
        if file.suffix in (".jsonl", ".json"):
            with file.open(encoding="utf-8") as handle:
                yield from _json_lines(handle, path)
        else:
            headline, _, body = file.read_text(encoding="utf-8").partition("\n")
            yield {"id": file.stem, "headline": headline.strip(), "body": body.strip()}


def _json_lines(lines: Iterable[str], origin: str) -> Iterator[dict]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{origin}:{number}: not a JSON object: {exc}") from exc
        if not isinstance(record, dict) or not isinstance(record.get("body"), str):
            raise SystemExit(f"{origin}:{number}: an article needs a string 'body'")
        yield record


def _published_at(value) -> datetime | None:
    """Exports carry NaN, '' or free text where a date is unknown: an unknown date is not an error."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def to_article(record: dict) -> Article:
    """The article ingest would publish for this record: cleaned (markup, junk, dateline, mojibake)
    so that offline enrichment reads exactly what the NER service reads."""
    from ingest.formats import InputError, Submission, language_code
    from ingest.pipeline import build_article

    source_id = str(record.get("id") or "") or None
    received_at = datetime.now(UTC)
    language = record.get("language")
    submission = Submission(body=record["body"], headline=record.get("headline") or None, source_id=source_id,
                            published_at=_published_at(record.get("published_at")), url=record.get("url") or None,
                            language=language_code(language) if isinstance(language, str) else None)
    try:
        article, _ = build_article(submission, received_at, strict=False)
        return article
    except InputError:
        # Nothing left after cleaning (only markup or boilerplate): enrich the text as given
        # rather than lose the record, so every input line still gets its output line.
        digest = hashlib.sha256((record.get("headline", "") + "\n" + record["body"]).encode()).hexdigest()[:16]
        return Article(article_id=f"offline-{source_id or digest}", source_id=source_id,
                       headline=record.get("headline") or "", body=record["body"],
                       published_at=submission.published_at, received_at=received_at, url=submission.url)


def explain(enriched, candidates: dict[str, str] | None = None) -> str:
    """One line per figure: the quantity, what was read, the construction behind it, the places;
    with `candidates` (figure id -> `geocode.resolve.explain.candidates_line`), the best candidates
    for its place with their scores."""
    lines = []
    for figure in enriched.figures:
        places = ", ".join(f"{m.role}:{m.text}" for m in figure.place_mentions) or "-"
        where = figure.place.name if figure.place else (figure.unresolved_reason or "-")
        ranked = f"\tcandidates={candidates[figure.figure_id]}" if candidates and figure.figure_id in candidates else ""
        lines.append(f"{enriched.source_id or enriched.article_id}\t{figure.quantity.text}\t{figure.term}/"
                     f"{figure.category}/{figure.unit}\trule={figure.rule}\tplaces={places}\tat={where}{ranked}\n")
    return "".join(lines)


def enrich_command(args: argparse.Namespace, settings: Settings) -> int:
    from geocode.gazetteer import open_gazetteer
    from geocode.resolve import enrich
    from geocode.resolve.explain import candidates_line
    from ner.extraction import extract_articles
    from ner.pipeline import load_pipelines

    pipelines = load_pipelines(settings.spacy_models())
    gazetteer = open_gazetteer(settings)
    batch: list[Article] = []

    def flush() -> None:
        for extracted in extract_articles(pipelines, batch, batch_size=settings.ner_batch_size):
            evidence: dict | None = {} if args.explain else None
            enriched = enrich(extracted, gazetteer, evidence)
            sys.stdout.write(enriched.model_dump_json() + "\n")
            if evidence is not None:
                lines = {figure_id: candidates_line(words, result) for figure_id, (words, result) in evidence.items()}
                sys.stderr.write(explain(enriched, lines))
        sys.stdout.flush()
        batch.clear()

    for record in read_inputs(args.files):
        batch.append(to_article(record))
        if len(batch) >= args.batch:
            flush()
    flush()
    return 0


def ingest_command(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.client import submit_files

    url = args.url or f"http://{settings.http_host}:{settings.http_port}"
    token = settings.api_token.get_secret_value() if settings.api_token else None
    failed = 0
    for response in submit_files(args.files or ["-"], url=url, token=token):
        print(json.dumps(response))
        failed += (response.get("status") or 599) >= 400
    return 1 if failed else 0


async def _print_topic(settings: Settings, topic_name: str, timeout_s: float | None, shown=None) -> int:
    """Print every message of a topic from the beginning, as it came or through `shown(text)`."""
    from aiokafka import AIOKafkaConsumer

    from wirewatch.kafka_client import client_options

    # No consumer group: every partition is read from the beginning and nothing is committed.
    consumer = AIOKafkaConsumer(**client_options(settings), group_id=None, auto_offset_reset="earliest",
                                enable_auto_commit=False)
    await consumer.start()
    try:
        if topic_name not in await consumer.topics():
            print(f"no topic {topic_name} on {settings.broker}", file=sys.stderr)
            return 1
        consumer.subscribe([topic_name])
        while True:
            batches = await consumer.getmany(timeout_ms=int((timeout_s or 3600) * 1000))
            if not batches:
                if timeout_s is not None:
                    return 0
                continue
            for records in batches.values():
                for record in records:
                    text = record.value.decode("utf-8", "replace")
                    sys.stdout.write((shown(text) if shown else text) + "\n")
            sys.stdout.flush()
    finally:
        await consumer.stop()


def alerts_command(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.alertlines import format_line
    from wirewatch.topics import ALERTS

    timeout = None if args.follow else args.timeout
    return asyncio.run(_print_topic(settings, ALERTS.name(settings.namespace), timeout,
                                    None if args.json else format_line))


def dead_letters_command(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.topics import SERVICE_INPUT

    codes = 0
    for service in [args.service] if args.service else list(SERVICE_INPUT):
        topic_name = SERVICE_INPUT[service].dead_letter_name(settings.namespace)
        codes |= asyncio.run(_print_topic(settings, topic_name, args.timeout))
    return codes


def topics_command(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.wiring import describe_topics, ensure_topics_sync

    if args.action == "create":
        ensure_topics_sync(settings)
    report = asyncio.run(describe_topics(settings))
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(format_topics(report, settings))
    return 1 if any(topic.get("missing") for topic in report) else 0


def format_topics(report: list[dict], settings: Settings) -> str:
    """One line per topic, as the brokers report it, under the values the settings ask for."""
    lines = [f"# {settings.broker}: wanted replication factor {settings.topic_replication_factor}, "
             f"min.insync.replicas {settings.topic_min_insync_replicas}",
             f"{'topic':58} {'parts':>5} {'RF':>3} {'minISR':>6} {'ISR':>4}  leaders"]
    for topic in report:
        if topic.get("missing"):
            lines.append(f"{topic['topic']:58} missing (wirewatch topics create)")
            continue
        lines.append(f"{topic['topic']:58} {topic['partitions']:>5} {topic['replication_factor']:>3} "
                     f"{topic['min_insync_replicas']:>6} {topic['in_sync']:>4}  {','.join(map(str, topic['leaders']))}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    enrich = commands.add_parser("enrich", help="NER + geocoding offline; enriched-article JSON lines on stdout")
    enrich.add_argument("files", nargs="*", help="JSON-lines or text files; '-' or nothing for stdin")
    enrich.add_argument("--batch", type=int, default=64, help="articles per nlp.pipe call")
    enrich.add_argument("--explain", action="store_true",
                        help="also print on stderr, for each figure, the rule that read it, its places' roles and "
                             "the best candidates for its place with their scores")
    enrich.set_defaults(run=enrich_command)

    ingest = commands.add_parser("ingest", help="send articles to the running pipeline")
    ingest.add_argument("files", nargs="*", help="JSON-lines, text, ninjs (.json) or NewsML-G2 (.xml) files; '-' for stdin")
    ingest.add_argument("--url", help="ingest API base URL (default: from settings)")
    ingest.set_defaults(run=ingest_command)

    alerts = commands.add_parser("alerts", help="print alert events from the beginning")
    alerts.add_argument("--timeout", type=float, default=10.0, help="exit after S seconds without a new event")
    alerts.add_argument("--follow", action="store_true", help="never exit; print events as they arrive")
    alerts.add_argument("--json", action="store_true", help="the raw events, one JSON object per line (for scripts)")
    alerts.set_defaults(run=alerts_command)

    letters = commands.add_parser("dead-letters", help="print dead letters from the beginning")
    letters.add_argument("service", nargs="?", choices=["ingest", "ner", "geocode", "alerting"])
    letters.add_argument("--timeout", type=float, default=3.0)
    letters.set_defaults(run=dead_letters_command)

    topics = commands.add_parser("topics", help="every topic's partitions, replicas and min.insync.replicas, as the brokers report them")
    topics.add_argument("action", nargs="?", choices=["show", "create"], default="show",
                        help="create: first create the missing topics with the configured partitions and replicas")
    topics.add_argument("--json", action="store_true", help="the report as JSON")
    topics.set_defaults(run=topics_command)
    return parser


# Written by deploy/local/stack.sh while a secure stack runs, removed when it stops.
SECURE_STACK_CLIENT_SETTINGS = Path(".run/secure/client.env")


def load_settings() -> Settings:
    if SECURE_STACK_CLIENT_SETTINGS.is_file():
        return Settings(_env_file=SECURE_STACK_CLIENT_SETTINGS)
    return Settings()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args, load_settings())


if __name__ == "__main__":
    sys.exit(main())
