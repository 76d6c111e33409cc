"""The pipeline: what gets published, what a duplicate does, what failures do."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from ingest_samples import OTHER_STORY, STORY, WIRE_BODY, ready_ingestor, web_copy

from ingest.formats import InputError, Submission
from ingest.pipeline import Unavailable, build_article

NOW = datetime(2031, 5, 2, 12, tzinfo=UTC)


def submit(ingestor, sub: Submission, channel: str = "http"):
    return ingestor.submit(sub, channel=channel, original=sub.body.encode())


def test_article_fields():
    sub = Submission(body=web_copy(), headline="<b>Thousands</b> flee", source_id="  x-1 ", url="https://e.org/a",
                     published_at="2031-05-02T10:00:00+02:00")
    article, fp = build_article(sub, NOW)
    assert article.article_id == fp.article_id
    assert article.headline == "Thousands flee" and article.source_id == "x-1"
    assert article.body.split("\n\n") == STORY
    assert article.language == "en"
    assert article.published_at == datetime(2031, 5, 2, 8, tzinfo=UTC)
    assert article.dateline.place == "Oldmere" and article.dateline.provider == "AFP"
    assert [(s.provider, s.url) for s in article.sources] == [("AFP", "https://e.org/a")]


def test_a_stated_dateline_is_used_when_the_body_has_none():
    article, _ = build_article(Submission(body=OTHER_STORY, dateline="LAKESHIRE, May 2 (Example Wire)"), NOW)
    assert (article.dateline.place, article.dateline.provider) == ("Lakeshire", "Example Wire")


def test_refusals_after_parsing():
    with pytest.raises(InputError, match="empty after cleaning"):
        build_article(Submission(body="<script>x()</script><p>Advertisement</p>"), NOW)
    with pytest.raises(InputError, match="published_at"):
        build_article(Submission(body=OTHER_STORY, published_at="next week"), NOW)
    # Feeds and files have nobody to correct a date: it is dropped, the article kept.
    assert build_article(Submission(body=OTHER_STORY, published_at="next week"), NOW, strict=False)[0].published_at \
        is None


def test_copies_publish_once_and_grow_the_sources():
    async def scenario():
        ingestor, sink = ready_ingestor()
        first = await submit(ingestor, Submission(body=WIRE_BODY, provider="AFP"))
        again = await submit(ingestor, Submission(body=web_copy("A"), provider="Outlet A", url="https://a.example/1"))
        near = await submit(ingestor, Submission(body="\n\n".join(STORY[:3]), provider="Outlet B"))
        return ingestor, sink, first, again, near

    ingestor, sink, first, again, near = asyncio.run(scenario())
    assert not first.duplicate and first.kind == "new"
    assert (again.article_id, again.duplicate, again.kind) == (first.article_id, True, "exact")
    assert (near.article_id, near.duplicate, near.kind) == (first.article_id, True, "copy")
    assert [a.article_id for a in sink.articles] == [first.article_id]
    assert [s.provider for s in ingestor.index.entries[first.article_id].sources] == ["AFP", "Outlet A", "Outlet B"]


def test_an_update_is_published_as_its_own_article():
    async def scenario():
        ingestor, sink = ready_ingestor()
        first = await submit(ingestor, Submission(body=WIRE_BODY))
        update = await submit(ingestor, Submission(body=WIRE_BODY.replace("12,000", "25,000")))
        return sink, first, update

    sink, first, update = asyncio.run(scenario())
    assert update.kind == "update" and not update.duplicate and update.article_id != first.article_id
    assert len(sink.articles) == 2


def test_not_ready_and_broker_failures_are_retryable_and_lose_nothing():
    async def scenario():
        ingestor, sink = ready_ingestor()
        ingestor.ready.clear()
        with pytest.raises(Unavailable, match="starting"):
            await submit(ingestor, Submission(body=WIRE_BODY))
        ingestor.ready.set()
        sink.fail_publish = ConnectionError("broker down")
        with pytest.raises(Unavailable, match="broker down"):
            await submit(ingestor, Submission(body=WIRE_BODY))
        sink.fail_publish = None
        # Not remembered as seen: the retry publishes.
        retry = await submit(ingestor, Submission(body=WIRE_BODY))
        return sink, retry

    sink, retry = asyncio.run(scenario())
    assert not retry.duplicate and [a.article_id for a in sink.articles] == [retry.article_id]


def test_concurrent_copies_wait_for_the_first_and_share_its_fate():
    async def scenario(fail: bool):
        ingestor, sink = ready_ingestor()
        gate, reached = asyncio.Event(), asyncio.Event()
        publish = sink.publish

        async def slow_publish(article, value):
            reached.set()
            await gate.wait()
            if fail:
                raise ConnectionError("broker down")
            await publish(article, value)

        sink.publish = slow_publish
        first = asyncio.create_task(submit(ingestor, Submission(body=WIRE_BODY)))
        await asyncio.wait_for(reached.wait(), 10)  # the first is on its way to the broker
        second = asyncio.create_task(submit(ingestor, Submission(body=web_copy())))
        await asyncio.sleep(0.01)
        assert not second.done()  # not answered 'duplicate' before the first is on the broker
        gate.set()
        return await asyncio.gather(first, second, return_exceptions=True), sink

    (first, second), sink = asyncio.run(scenario(fail=False))
    assert second.duplicate and second.article_id == first.article_id and len(sink.articles) == 1
    (first, second), sink = asyncio.run(scenario(fail=True))
    assert isinstance(first, Unavailable) and isinstance(second, Unavailable) and sink.articles == []


def test_a_bug_while_cleaning_dead_letters_the_original(monkeypatch):
    import ingest.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("cleaning bug")

    monkeypatch.setattr(pipeline.cleaning, "clean_body", broken)

    async def scenario():
        ingestor, sink = ready_ingestor()
        outcome = await ingestor.submit(Submission(body="x"), channel="http", original=b"the original bytes")
        return outcome, sink

    outcome, sink = asyncio.run(scenario())
    assert outcome.dead_lettered and outcome.as_json() == {"article_id": None, "duplicate": False,
                                                           "dead_lettered": True}
    (letter,) = sink.dead_letters
    assert letter.reason == "cleaning bug" and letter.error_type == "RuntimeError" and letter.service == "ingest"
    import base64
    assert base64.b64decode(letter.original) == b"the original bytes"


def test_remember_rebuilds_the_index_from_published_articles():
    async def scenario():
        first, sink = ready_ingestor()
        await submit(first, Submission(body=WIRE_BODY))
        restarted, sink2 = ready_ingestor()
        for article in sink.articles:
            restarted.remember(article)
        again = await submit(restarted, Submission(body=web_copy()))
        return sink, sink2, again

    sink, sink2, again = asyncio.run(scenario())
    assert again.duplicate and again.article_id == sink.articles[0].article_id and sink2.articles == []


def test_a_huge_original_is_truncated_in_its_dead_letter(monkeypatch):
    import base64

    import ingest.pipeline as pipeline

    monkeypatch.setattr(pipeline.cleaning, "clean_body", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bug")))

    async def scenario():
        ingestor, sink = ready_ingestor()
        await ingestor.submit(Submission(body="x"), channel="http", original=b"y" * 1_500_000)
        return sink

    (letter,) = asyncio.run(scenario()).dead_letters
    assert len(base64.b64decode(letter.original)) == pipeline.MAX_DEAD_LETTER_ORIGINAL
    assert "truncated from 1500000" in letter.reason
