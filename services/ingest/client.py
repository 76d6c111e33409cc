"""Submitting article files to a running ingest API: what `wirewatch ingest FILE ...|-` calls.

Stdlib only (urllib), synchronous: one request per article, except that the articles of a JSON
list or JSON lines file go as batches of JSON lines (an archive of thousands in seconds).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

DEFAULT_URL = "http://127.0.0.1:8080"

JSON = "application/json"
NEWSML = "application/vnd.iptc.g2.newsitem+xml"
TEXT = "text/plain; charset=utf-8"
BATCH = "application/x-ndjson"
# Well under the API's default 2 MB body limit, and an answer within the client's timeout.
BATCH_LINES = 500
BATCH_BYTES = 1_000_000


def articles_url(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith("/articles") else f"{url}/articles"


def _json_requests(label: str, data: bytes) -> Iterator[tuple[str, bytes, str]]:
    """A JSON document (one article or a list of them) or JSON lines, one request per article."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        doc = None
    else:
        if isinstance(doc, list):
            for index, element in enumerate(doc, 1):
                yield f"{label}[{index}]", json.dumps(element, ensure_ascii=False).encode(), JSON
        else:
            yield label, data, JSON
        return
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.strip():
            yield f"{label}:{number}", line.strip(), JSON


def requests_for(label: str, data: bytes, suffix: str = "") -> Iterator[tuple[str, bytes, str]]:
    """(label, body, content type) for every article in a file; by extension, else by content."""
    suffix = suffix.lower()
    head = data.lstrip()[:1]
    if suffix in (".json", ".jsonl", ".ndjson") or (not suffix and head in (b"{", b"[")):
        yield from _json_requests(label, data)
    elif suffix == ".xml" or (not suffix and head == b"<"):
        yield label, data, NEWSML
    else:
        yield label, data, TEXT


def post(url: str, body: bytes, content_type: str, token: str | None = None, *, timeout: float = 30.0) -> dict:
    """POST one article; returns {"status": int, ...the JSON answer} (status None: no answer)."""
    request = urllib.request.Request(articles_url(url), data=body, method="POST",
                                     headers={"Content-Type": content_type, "Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, payload = exc.code, exc.read()
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return {"status": None, "error": f"could not reach {articles_url(url)}: {reason}"}
    try:
        answer = json.loads(payload) if payload else {}
    except ValueError:
        answer = {"error": payload.decode("utf-8", "replace")[:500]}
    if not isinstance(answer, dict):
        answer = {"answer": answer}
    return {"status": status, **answer}


def submit_files(paths: Iterable[str | os.PathLike], url: str = DEFAULT_URL, token: str | None = None, *,
                 stdin: BinaryIO | None = None, timeout: float = 30.0) -> list[dict]:
    """POST every article in `paths` ("-" reads standard input) to the ingest API.

    .json (an article, ninjs, or a list of them) and .jsonl/.ndjson (one per line) go as
    application/json, .xml as NewsML-G2 (a newsMessage answered item by item), anything else as text/plain (first line the headline);
    standard input is recognised by its first character. Returns one dict per article:
    {"source": "file[:line]", "status": 202, "article_id": ..., "duplicate": ...}, or with
    "error" instead (status None when the API could not be reached). Never raises for a bad
    file or a refused article: the caller decides the exit status from the statuses.
    """
    results: list[dict] = []
    for item in paths:
        name = os.fspath(item)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            label, suffix, data = "<stdin>", "", stream.read()
        else:
            path = Path(name)
            label, suffix = name, path.suffix
            try:
                data = path.read_bytes()
            except OSError as exc:
                results.append({"source": label, "status": None, "error": f"cannot read: {exc.strerror or exc}"})
                continue
        for group in _batched(requests_for(label, data, suffix)):
            if len(group) == 1:
                source, body, content_type = group[0]
                results.extend(_per_item(source, post(url, body, content_type, token, timeout=timeout)))
                continue
            answer = post(url, b"\n".join(body for _, body, _ in group), BATCH, token, timeout=timeout)
            items = answer.get("items")
            if answer["status"] in (202, 207) and isinstance(items, list) and len(items) == len(group):
                results.extend({"source": source, **item} for (source, _, _), item in zip(group, items))
            else:  # refused or unanswered as a whole: every article of it shares that answer
                results.extend({"source": source, "status": answer["status"], "error": answer.get("error")}
                               for source, _, _ in group)
    return results


# A newsMessage item's outcome as the HTTP status it would have had posted alone.
ITEM_STATUS = {"accepted": 202, "duplicate": 202, "dead_lettered": 202, "skipped": 202, "refused": 422,
               "unavailable": 503}


def _per_item(source: str, answer: dict) -> list[dict]:
    """A NewsML-G2 newsMessage is answered item by item: one result per item ('file.xml#guid'),
    its outcome (accepted, duplicate, skipped, refused) kept under 'outcome'."""
    items = answer.get("items")
    if "skipped" not in answer or not isinstance(items, list):
        return [{"source": source, **answer}]
    return [{"source": f"{source}#{item.get('guid') or index}", "status": ITEM_STATUS.get(item.get("status"), 500),
             "outcome": item.get("status"), **{k: v for k, v in item.items() if k != "status"}}
            for index, item in enumerate(items, 1)]


def _batched(requests: Iterable[tuple[str, bytes, str]]) -> Iterator[list[tuple[str, bytes, str]]]:
    """Runs of one-line JSON articles grouped up to BATCH_LINES / BATCH_BYTES; anything else alone."""
    group: list[tuple[str, bytes, str]] = []
    size = 0
    for request in requests:
        _, body, content_type = request
        if content_type != JSON or b"\n" in body:
            if group:
                yield group
                group, size = [], 0
            yield [request]
            continue
        if group and (len(group) >= BATCH_LINES or size + len(body) + 1 > BATCH_BYTES):
            yield group
            group, size = [], 0
        group.append(request)
        size += len(body) + 1
    if group:
        yield group
