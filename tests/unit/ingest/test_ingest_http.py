"""The HTTP API in-process (aiohttp's test server on 127.0.0.1): answers, refusals, limits."""

from __future__ import annotations

import asyncio
import json

import pytest
from ingest_samples import (BILLION_LAUGHS, NEWSML_NITF, NINJS_1, NINJS_2, PASTED, WIRE_BODY, XXE_FILE, Api, ours,
                            web_copy)


@pytest.fixture
def api():
    api = Api(max_body_bytes=50_000)
    yield api
    api.close()


def test_each_format_is_accepted(api):
    cases = [
        (ours("a-1"), "application/json"),
        (json.dumps(NINJS_1).encode(), "application/json"),
        (json.dumps(NINJS_2).encode(), "application/ninjs+json"),
        (NEWSML_NITF, "application/vnd.iptc.g2.newsitem+xml"),
        (PASTED, "text/plain; charset=utf-8"),
    ]
    answers = [api.post(data, content_type) for data, content_type in cases]
    assert all(status == 202 for status, _ in answers), answers
    # ours, ninjs 1, NewsML and pasted text carry the same story: one article; ninjs 2 another.
    assert [body["duplicate"] for _, body in answers] == [False, True, False, True, True]
    assert len({body["article_id"] for _, body in answers}) == 2
    assert len(api.sink.articles) == 2


def test_health(api):
    assert api.request("GET", "/healthz")[:2] == (200, {"status": "ok", "indexed": 0})
    api.ingestor.ready.clear()
    assert api.request("GET", "/healthz")[:2] == (503, {"status": "starting"})
    status, body = api.post(ours())
    assert status == 503 and "starting" in body["error"]


@pytest.mark.parametrize("data, content_type, status, words", [
    (b"", "application/json", 400, "empty body"),
    (b"{", "application/json", 400, "invalid JSON"),
    (b"{}", "application/json", 422, "id: Field required"),
    (b"<p>hi</p>", "text/html", 415, "unsupported Content-Type"),
    (b"anything", None, 415, "unsupported Content-Type"),
    (BILLION_LAUGHS, "application/xml", 400, "DOCTYPE"),
    (XXE_FILE, "application/vnd.iptc.g2.newsitem+xml", 400, "DOCTYPE"),
    (b"\xff\xfe\x00x", "text/plain", 400, "not valid utf-8"),
    (b"Title\nBody", "text/plain; charset=klingon", 415, "unsupported charset"),
    (ours(published_at="2999-01-01T00:00:00Z"), "application/json", 422, "future"),
    (ours(body="<p>Advertisement</p>"), "application/json", 422, "empty after cleaning"),
])
def test_refusals_are_json_4xx_and_leave_the_service_healthy(api, data, content_type, status, words):
    answer = api.post(data, content_type)
    assert answer[0] == status and words in answer[1]["error"], answer
    assert api.request("GET", "/healthz")[0] == 200
    assert api.post(ours("ok", body=web_copy()))[0] == 202


def test_oversized_bodies_are_refused_before_being_read(api):
    status, body = api.post(ours(body="x " * 40_000))
    assert status == 413 and "exceeds the limit of 50000 bytes" in body["error"]

    async def chunked():
        # No Content-Length: the limit must hold while the body streams in.
        async def stream():
            for _ in range(100):
                yield b"x" * 10_000

        response = await api.client.post("/articles", data=stream(), headers={"Content-Type": "text/plain"})
        return response.status, await response.json()

    status, body = api.run(chunked())
    assert status == 413 and "exceeds the limit" in body["error"]
    assert api.request("GET", "/healthz")[0] == 200


def test_routing_errors_are_json(api):
    assert api.request("GET", "/nowhere")[:2] == (404, {"error": "not found"})
    status, body, headers = api.request("GET", "/articles")
    assert (status, body, headers.get("Allow")) == (405, {"error": "method not allowed"}, "POST")


def test_bearer_token():
    api = Api(api_token="s3cret")
    try:
        assert api.post(ours())[0] == 401
        status, body, headers = api.request("POST", "/articles", data=ours(),
                                            headers={"Content-Type": "application/json", "Authorization": "Bearer no"})
        assert status == 401 and body == {"error": "missing or wrong bearer token"}
        assert headers["WWW-Authenticate"].startswith("Bearer")
        assert api.post(ours(), Authorization="Basic czNjcmV0")[0] == 401
        assert api.post(ours(), Authorization="Bearer s3crét")[0] == 401  # non-ASCII must not crash the check
        assert api.post(ours(), Authorization="Bearer s3cret")[0] == 202
        assert api.request("GET", "/healthz")[0] == 200  # probes need no token
    finally:
        api.close()


def test_answer_shape(api):
    status, body = api.post(ours(body=WIRE_BODY))
    assert status == 202 and set(body) == {"article_id", "duplicate"} and len(body["article_id"]) == 32


def test_an_article_too_big_for_a_kafka_message_is_refused_not_retried():
    api = Api(max_body_bytes=3_000_000)
    try:
        words = " ".join(f"w{n}" for n in range(300_000))  # about 2 MB of distinct words
        status, body = api.post(ours(body=words))
        assert status == 413 and "a message may have" in body["error"]
        assert api.sink.articles == [] and len(api.ingestor.index) == 0
    finally:
        api.close()


def test_slow_bodies_time_out_and_too_many_at_once_are_turned_away(api, monkeypatch):
    import ingest.api as module

    monkeypatch.setattr(module, "BODY_TIMEOUT_S", 0.2)

    async def trickle():
        async def stream():
            yield b'{"id": "slow", '
            await asyncio.sleep(5)
            yield b'"body": "x"}'

        response = await api.client.post("/articles", data=stream(), headers={"Content-Type": "application/json"})
        return response.status, await response.json()

    status, body = api.run(trickle())
    assert status == 408 and "not received within 0.2 s" in body["error"]

    monkeypatch.setattr(module, "BODY_TIMEOUT_S", 30)
    monkeypatch.setattr(module, "MAX_IN_FLIGHT", 2)
    busy = Api(max_body_bytes=50_000)
    try:
        gate = asyncio.Event()

        async def crowd():
            async def held():
                yield b'{"id": "held", '
                await gate.wait()
                yield b'"body": "x"}'

            held_requests = [asyncio.ensure_future(busy.client.post("/articles", data=held(),
                                                                    headers={"Content-Type": "application/json"}))
                             for _ in range(2)]
            while not busy.client.app[module.IN_FLIGHT].locked():  # both held requests are in
                await asyncio.sleep(0.01)
            turned_away = await busy.client.post("/articles", data=ours(), headers={"Content-Type": "application/json"})
            answer = turned_away.status, await turned_away.json(), turned_away.headers.get("Retry-After")
            gate.set()
            statuses = [(await r).status for r in held_requests]
            return answer, statuses

        (status, body, retry_after), statuses = busy.run(crowd())
        assert (status, retry_after) == (503, "1") and "too many requests" in body["error"]
        assert statuses == [202, 202]  # the held ones were served once they finished
        assert busy.post(ours())[0] == 202
    finally:
        busy.close()


def test_json_lines_batch_answers_each_line_in_order(api):
    lines = [ours("b-1"), b"{not json", ours("b-2", body="A different story: 3,000 families fled the floods."),
             ours("b-1-again"), json.dumps(NINJS_2).encode(), b"[1, 2]"]
    status, body = api.post(b"\n".join(lines) + b"\n\n", "application/x-ndjson")
    assert status == 207, body
    assert [item["status"] for item in body["items"]] == [202, 400, 202, 202, 202, 422]
    assert (body["accepted"], body["refused"]) == (4, 2)
    assert body["items"][1]["error"].startswith("line 2: invalid JSON")
    # The same story twice in one batch is still one article.
    assert body["items"][3] == {"status": 202, "article_id": body["items"][0]["article_id"], "duplicate": True}
    assert len(api.sink.articles) == 3


def test_a_batch_of_good_lines_is_a_202(api):
    status, body = api.post(ours("c-1") + b"\n" + json.dumps(NINJS_1).encode(), "application/jsonl")
    assert status == 202 and body["accepted"] == 2 and body["refused"] == 0


@pytest.mark.parametrize("data, content_type, status", [
    (b"\n \n", "application/x-ndjson", 400),
    (b'{"id": "x", "body": "y"}', "application/x-ndjson; charset=latin-1", 415),
])
def test_batch_refusals(api, data, content_type, status):
    answer = api.post(data, content_type)
    assert answer[0] == status and answer[1]["error"], answer
