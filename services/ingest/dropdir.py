"""The drop folder: article files put into `Settings.drop_dir` are ingested, then moved to
`done/` (every article in it accepted, duplicates included) or `failed/` (with a `.error`
file beside it saying why; each refused article also goes to the dead-letter topic).

By extension: `.json` (one article, ours or ninjs, or a list of them), `.jsonl`/`.ndjson` (one
per line), `.xml` (NewsML-G2, or an RSS/Atom document saved from a feed), `.txt` (first line the
headline). Writers should write under a hidden or `.tmp`/`.part` name and rename when done;
files are also left alone until they have not changed for a second.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wirewatch.settings import Settings

from ingest.feeds import parse_feed
from ingest.formats import InputError, Submission, load_json, local, parse_text, parse_xml, read_newsml, \
    submission_from_doc
from ingest.pipeline import Ingestor, Unavailable

log = logging.getLogger(__name__)

DONE, FAILED = "done", "failed"
SETTLE_S = 1.0
IGNORED_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", ".error")


@dataclass
class Item:
    label: str  # where in the file, for error reports: 'name.jsonl:12'
    original: bytes
    submission: Submission | None = None
    error: InputError | None = None
    skipped: str | None = None  # not an article and not an error: a picture or package of a newsMessage


def _json_items(name: str, data: bytes) -> Iterator[Item]:
    try:
        doc = load_json(data)
    except InputError as exc:
        yield Item(name, data, error=exc)
        return
    docs = doc if isinstance(doc, list) else [doc]
    for index, element in enumerate(docs, 1):
        label = f"{name}[{index}]" if isinstance(doc, list) else name
        original = json.dumps(element, ensure_ascii=False).encode() if isinstance(doc, list) else data
        try:
            yield Item(label, original, submission=submission_from_doc(element))
        except InputError as exc:
            yield Item(label, original, error=exc)


def _jsonl_items(name: str, data: bytes, line_limit: int) -> Iterator[Item]:
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        label = f"{name}:{number}"
        try:
            if len(line) > line_limit:
                raise InputError(413, f"line of {len(line)} bytes exceeds the limit of {line_limit} bytes")
            yield Item(label, line, submission=submission_from_doc(load_json(line)))
        except InputError as exc:
            yield Item(label, line, error=exc)


def _xml_items(name: str, data: bytes) -> Iterator[Item]:
    try:
        root = parse_xml(data, allow_doctype=True)
        if local(root.tag) in ("newsItem", "newsMessage"):
            read = read_newsml(data)
            if not isinstance(read, list):
                yield Item(name, data, submission=read)
                return
            for index, entry in enumerate(read, 1):
                yield Item(f"{name}[{entry.guid or index}]", entry.original, submission=entry.submission,
                           skipped=entry.skipped)
            return
        feed = parse_feed(data)
    except InputError as exc:
        yield Item(name, data, error=exc)
        return
    for index, entry in enumerate(feed.items, 1):
        yield Item(f"{name}[{index}]", entry.original, submission=entry.submission)


def read_items(path: Path, data: bytes, *, line_limit: int) -> list[Item]:
    """The articles a dropped file holds, each parsed or with the reason it was refused."""
    suffix = path.suffix.lower()
    name = path.name
    try:
        if suffix == ".json":
            return list(_json_items(name, data))
        if suffix in (".jsonl", ".ndjson"):
            return list(_jsonl_items(name, data, line_limit))
        if suffix == ".xml":
            return list(_xml_items(name, data))
        if suffix == ".txt":
            return [Item(name, data, submission=parse_text(data))]
        raise InputError(415, f"unsupported file type {suffix or '(none)'!r}; use .json, .jsonl, .ndjson, .xml or .txt")
    except InputError as exc:
        return [Item(name, data, error=exc)]


def _unique_target(folder: Path, name: str) -> Path:
    target = folder / name
    if not target.exists():
        return target
    stem, suffix = os.path.splitext(name)
    return folder / f"{stem}.{time.strftime('%Y%m%dT%H%M%S')}.{time.time_ns() % 1_000_000:06d}{suffix}"


class DropFolder:
    def __init__(self, ingestor: Ingestor, settings: Settings, *, scan_interval_s: float = 2.0,
                 settle_s: float = SETTLE_S) -> None:
        if settings.drop_dir is None:
            raise ValueError("no drop_dir configured")
        self.ingestor = ingestor
        self.folder = Path(settings.drop_dir)
        self.scan_interval_s = scan_interval_s
        self.settle_s = settle_s
        self.line_limit = settings.max_body_bytes
        # A whole file may hold many articles; each article still obeys the API's limit.
        self.file_limit = settings.max_body_bytes * 50

    async def run(self) -> None:
        await self.ingestor.ready.wait()
        for sub in (DONE, FAILED):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        log.info("watching %s for article files", self.folder)
        while True:
            try:
                await self.scan()
            except Unavailable as exc:
                log.warning("drop folder paused: %s", exc)
            except OSError as exc:
                log.warning("drop folder %s unreadable: %s", self.folder, exc)
            await asyncio.sleep(self.scan_interval_s)

    def ready_files(self) -> list[Path]:
        now = time.time()
        found = []
        for entry in os.scandir(self.folder):
            if entry.name.startswith(".") or entry.name.lower().endswith(IGNORED_SUFFIXES):
                continue
            # Symlinks could point anywhere on the machine: only regular files are taken.
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < self.settle_s:
                continue
            found.append(Path(entry.path))
        return sorted(found)

    async def scan(self) -> list[tuple[Path, str]]:
        """Ingest every settled file; returns (moved to, 'done' or 'failed')."""
        (self.folder / DONE).mkdir(parents=True, exist_ok=True)
        (self.folder / FAILED).mkdir(parents=True, exist_ok=True)
        moved = []
        for path in self.ready_files():
            outcome = await self.ingest_file(path)
            moved.append(outcome)
        return moved

    async def ingest_file(self, path: Path) -> tuple[Path, str]:
        size = path.stat().st_size
        if size > self.file_limit:
            items = [Item(path.name, b"", error=InputError(413, f"file of {size} bytes exceeds {self.file_limit}"))]
        else:
            data = await asyncio.to_thread(path.read_bytes)
            items = read_items(path, data, line_limit=self.line_limit)
        problems = []
        for item in items:
            if item.skipped is not None:
                log.info("%s skipped: %s", item.label, item.skipped)
                continue
            error = item.error
            if error is None and item.submission is not None:
                try:
                    outcome = await self.ingestor.submit(item.submission, channel="drop", original=item.original,
                                                         strict=False)
                    if outcome.dead_lettered:
                        problems.append(f"{item.label}: could not be processed (sent to the dead-letter topic)")
                    continue
                except InputError as exc:
                    error = exc
            # Unavailable propagates: the file stays where it is and is tried again.
            await self.ingestor.reject(item.original, error, channel="drop")
            problems.append(f"{item.label}: {error.message}")
        if not items:
            problems.append(f"{path.name}: no articles in it")
        folder = self.folder / (FAILED if problems else DONE)
        target = _unique_target(folder, path.name)
        os.replace(path, target)
        if problems:
            target.with_name(target.name + ".error").write_text("\n".join(problems) + "\n", encoding="utf-8")
            log.warning("%s failed: %s", path.name, "; ".join(problems[:3]))
        return target, folder.name
