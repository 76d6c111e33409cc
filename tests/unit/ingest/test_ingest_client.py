"""The CLI's client function against the API served on 127.0.0.1 from a background thread."""

from __future__ import annotations

import asyncio
import io
import json
import threading
from pathlib import Path

import pytest
from aiohttp import web
from ingest_samples import NEWSML_NITF, NINJS_2, OTHER_STORY, PASTED, ours, ready_ingestor

from ingest.api import make_web_app
from ingest.client import articles_url, post, submit_files
from wirewatch.settings import Settings


@pytest.fixture
def server():
    """(base url, sink) of an API with token 'tok' running in its own thread."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    state = {}

    async def start():
        ingestor, sink = ready_ingestor(api_token="tok")
        runner = web.AppRunner(make_web_app(ingestor, ingestor.settings))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        state.update(runner=runner, sink=sink, url=f"http://127.0.0.1:{port}")
        started.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
    thread.start()
    assert started.wait(10)
    yield state["url"], state["sink"]
    asyncio.run_coroutine_threadsafe(state["runner"].cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_every_file_kind(server, tmp_path):
    url, sink = server
    (tmp_path / "a.json").write_bytes(ours("c-1"))
    (tmp_path / "b.json").write_text(json.dumps([NINJS_2, {"id": "bad"}]))
    (tmp_path / "c.jsonl").write_bytes(ours("c-2", body="A landslide displaced 90 families in Pellin.") + b"\n"
                                       + ours("c-3", body=OTHER_STORY) + b"\n")
    (tmp_path / "d.xml").write_bytes(NEWSML_NITF)
    (tmp_path / "e.txt").write_bytes(PASTED)
    paths = [tmp_path / name for name in ("a.json", "b.json", "c.jsonl", "d.xml", "e.txt")] + [tmp_path / "missing"]
    results = submit_files(paths, url, "tok")
    summary = [(r["source"].replace(str(tmp_path) + "/", ""), r["status"], r.get("duplicate")) for r in results]
    assert summary == [
        ("a.json", 202, False), ("b.json[1]", 202, False), ("b.json[2]", 422, None), ("c.jsonl:1", 202, False),
        ("c.jsonl:2", 202, True), ("d.xml", 202, True), ("e.txt", 202, True), ("missing", None, None),
    ]
    assert "body: Field required" in results[2]["error"] and "cannot read" in results[-1]["error"]
    assert len(sink.articles) == 3


def test_stdin_is_recognised_by_content(server):
    url, _ = server
    assert submit_files(["-"], url, "tok", stdin=io.BytesIO(NEWSML_NITF))[0]["status"] == 202
    lines = ours("s-1", body="Floods cut off 40 villages in Lakeshire.") + b"\n" + ours("s-2", body=OTHER_STORY)
    assert [r["source"] for r in submit_files(["-"], url, "tok", stdin=io.BytesIO(lines))] == ["<stdin>:1", "<stdin>:2"]
    assert submit_files(["-"], url, "tok", stdin=io.BytesIO(PASTED))[0]["status"] == 202


def test_wrong_token_and_unreachable_api(server):
    url, _ = server
    (result,) = submit_files(["-"], url, "nope", stdin=io.BytesIO(ours()))
    assert result["status"] == 401 and result["error"] == "missing or wrong bearer token"
    (result,) = submit_files(["-"], "http://127.0.0.1:9", None, stdin=io.BytesIO(ours()), timeout=2)
    assert result["status"] is None and "could not reach" in result["error"]


def test_articles_url():
    assert articles_url("http://h:1") == articles_url("http://h:1/") == articles_url("http://h:1/articles") == \
        "http://h:1/articles"
    assert Settings().http_port == 8080


def test_json_lines_go_in_batches_and_answers_keep_their_lines(server, tmp_path, monkeypatch):
    url, sink = server
    monkeypatch.setattr("ingest.client.BATCH_LINES", 2)
    sent = []
    real_post = post
    monkeypatch.setattr("ingest.client.post", lambda u, body, ctype, *a, **k: (sent.append(ctype),
                                                                             real_post(u, body, ctype, *a, **k))[1])
    stories = [f"Floods forced {n},000 people from their homes in Lakeshire district." for n in range(2, 7)]
    lines = [ours(f"l-{i}", body=f"{story} Village {i} was cut off.") for i, story in enumerate(stories)]
    lines.insert(2, b'{"id": "bad"}')
    (tmp_path / "many.jsonl").write_bytes(b"\n".join(lines))
    results = submit_files([tmp_path / "many.jsonl"], url, "tok")
    assert [r["source"].rsplit(":", 1)[1] for r in results] == ["1", "2", "3", "4", "5", "6"]
    assert [r["status"] for r in results] == [202, 202, 422, 202, 202, 202]
    assert len(sink.articles) == 5
    assert sent == ["application/x-ndjson"] * 3


def test_a_newsmessage_file_is_answered_item_by_item(server):
    url, sink = server
    message = Path(__file__).parent / "iptc" / "newsml-newsmessage.xml"
    results = submit_files([message], url, "tok")
    outcomes = [(r["source"].rsplit(":", 1)[-1], r["status"], r["outcome"]) for r in results]
    assert outcomes[:3] == [("pkg-3001", 202, "skipped"), ("text-3002", 202, "accepted"), ("pic-3003", 202, "skipped")]
    assert sum(r["outcome"] == "accepted" for r in results) == 3 and len(sink.articles) == 3
