"""The drop folder: files in, articles out, files moved to done/ or failed/ with the reason."""

from __future__ import annotations

import asyncio
import json
import os
import time

from ingest_samples import NEWSML_NITF, NINJS_2, PASTED, XXE_FILE, ours, ready_ingestor, rss

from ingest.dropdir import DropFolder


def _old(path, seconds: float = 5) -> None:
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def scan(tmp_path, **settings):
    async def go():
        ingestor, sink = ready_ingestor(drop_dir=tmp_path, **settings)
        folder = DropFolder(ingestor, ingestor.settings)
        return await folder.scan(), sink

    return asyncio.run(go())


def test_each_file_type_lands_in_done(tmp_path):
    (tmp_path / "one.json").write_bytes(ours("f-1"))
    dam = {"id": "f-2", "body": "Officials in Marrow district said 800 households had left after the dam breach."}
    (tmp_path / "many.json").write_text(json.dumps([NINJS_2, dam]))
    (tmp_path / "lines.jsonl").write_bytes(ours("f-3", body="Another story entirely about 300 families.") + b"\n\n")
    (tmp_path / "item.xml").write_bytes(NEWSML_NITF)
    quake = "A strong earthquake left 2,500 people homeless in the hill town of Pellin."
    (tmp_path / "feed.xml").write_bytes(rss(("g9", "Quake", quake)))
    (tmp_path / "pasted.txt").write_bytes(PASTED)
    for path in tmp_path.iterdir():
        _old(path)
    moved, sink = scan(tmp_path)
    assert sorted((path.name, where) for path, where in moved) == [
        ("feed.xml", "done"), ("item.xml", "done"), ("lines.jsonl", "done"), ("many.json", "done"),
        ("one.json", "done"), ("pasted.txt", "done")]
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == sorted(p.name for p, _ in moved)
    assert not list((tmp_path / "failed").iterdir())
    assert len(sink.articles) == 5  # one.json, item.xml and pasted.txt carry one story
    assert sink.dead_letters == []


def test_refused_articles_fail_the_file_with_reasons_and_dead_letters(tmp_path):
    (tmp_path / "mixed.jsonl").write_bytes(ours("ok") + b"\n" + b'{"id": "x"}\n' + b"not json\n")
    (tmp_path / "evil.xml").write_bytes(XXE_FILE)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    for path in tmp_path.iterdir():
        _old(path)
    moved, sink = scan(tmp_path)
    assert sorted((path.name, where) for path, where in moved) == [
        ("evil.xml", "failed"), ("mixed.jsonl", "failed"), ("notes.pdf", "failed")]
    errors = (tmp_path / "failed" / "mixed.jsonl.error").read_text()
    assert "mixed.jsonl:2: invalid article: body: Field required" in errors and "mixed.jsonl:3: invalid JSON" in errors
    assert "entity declarations are refused" in (tmp_path / "failed" / "evil.xml.error").read_text()
    assert "unsupported file type '.pdf'" in (tmp_path / "failed" / "notes.pdf.error").read_text()
    assert len(sink.articles) == 1 and len(sink.dead_letters) == 4


def test_files_still_being_written_and_hidden_files_wait(tmp_path):
    (tmp_path / "fresh.json").write_bytes(ours())
    (tmp_path / ".hidden.json").write_bytes(ours())
    (tmp_path / "upload.json.part").write_bytes(ours())
    (tmp_path / "link.json").symlink_to(tmp_path / "fresh.json")
    _old(tmp_path / ".hidden.json")
    _old(tmp_path / "upload.json.part")
    moved, sink = scan(tmp_path)
    assert moved == [] and sink.articles == []


def test_oversized_files_are_refused_without_reading(tmp_path):
    (tmp_path / "big.jsonl").write_bytes(b"x" * 5_001)
    _old(tmp_path / "big.jsonl")
    moved, sink = scan(tmp_path, max_body_bytes=100)
    assert [(p.name, where) for p, where in moved] == [("big.jsonl", "failed")]
    assert "exceeds" in (tmp_path / "failed" / "big.jsonl.error").read_text()


def test_a_name_already_in_done_is_not_overwritten(tmp_path):
    (tmp_path / "done").mkdir()
    (tmp_path / "done" / "a.json").write_text("earlier")
    (tmp_path / "a.json").write_bytes(ours())
    _old(tmp_path / "a.json")
    scan(tmp_path)
    assert (tmp_path / "done" / "a.json").read_text() == "earlier"
    assert len(list((tmp_path / "done").iterdir())) == 2


def test_a_broker_outage_leaves_the_file_for_the_next_scan(tmp_path):
    (tmp_path / "a.json").write_bytes(ours())
    _old(tmp_path / "a.json")

    async def go():
        ingestor, sink = ready_ingestor(drop_dir=tmp_path)
        folder = DropFolder(ingestor, ingestor.settings, scan_interval_s=0.01)
        sink.fail_publish = ConnectionError("broker down")
        task = asyncio.create_task(folder.run())
        await asyncio.sleep(0.1)
        still_there = (tmp_path / "a.json").exists()
        sink.fail_publish = None
        for _ in range(200):  # the next scans, however slow the machine
            if sink.articles and (tmp_path / "done" / "a.json").exists():
                break
            await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return still_there, sink

    still_there, sink = asyncio.run(go())
    assert still_there and len(sink.articles) == 1 and (tmp_path / "done" / "a.json").exists()
