"""The benchmark corpus generator (benchmarks/corpus.py): sizes, uniqueness, and that ingest would
publish every article it makes, so the pipeline benchmark measures what it sends."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

# benchmarks/ sits beside services/, outside the installed packages.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.corpus import generate, load_samples, summary, words  # noqa: E402
from ingest.dedup import DedupIndex  # noqa: E402
from ingest.formats import parse  # noqa: E402
from ingest.pipeline import build_article  # noqa: E402


def test_articles_are_distinct_and_sized():
    records = generate(40, seed=3, min_words=300, max_words=600)
    assert len(records) == 40
    assert len({r["id"] for r in records}) == 40
    assert len({r["body"] for r in records}) == 40
    assert all(300 <= words(r) <= 600 for r in records)
    stats = summary(records)
    assert stats["articles"] == 40 and stats["words_total"] == sum(words(r) for r in records)


def test_same_seed_same_corpus_and_numbers_are_redrawn():
    assert generate(5, seed=11) == generate(5, seed=11)
    assert generate(5, seed=11) != generate(5, seed=12)
    sample_sentences = {s for sample in load_samples() for s in sample.sentences}
    generated = " ".join(r["body"] for r in generate(10, seed=11))
    assert not any(s in generated for s in sample_sentences if any(c.isdigit() for c in s))


def test_ingest_publishes_every_article_as_new():
    now = datetime.now(UTC)
    index = DedupIndex(3600)
    for record in generate(30, seed=5, start=now):
        article, fp = build_article(parse(json.dumps(record).encode(), "application/json"), now)
        assert len(article.body.split()) >= 250
        match = index.lookup(fp, time.time())
        assert match is None or match.kind == "update", (record["id"], match.kind)
        index.add(fp, time.time())
