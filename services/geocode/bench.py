"""Gazetteer benchmark: index load time, lookups per second, resident memory.

    python -m geocode.bench [--path GAZETTEER] [--names N] [--json]

Targets: load < 1 s, >= 20,000 lookups/s on distinct names (no cache hits), RSS <= 200 MB.
Names are a fixed-seed sample of the index's own keys plus wire-copy spellings, so every run
measures the same work.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from geocode.gazetteer import DEFAULT_PATH, Gazetteer
from geocode.resolve import enrich
from wirewatch.contracts import Article, Entity, ExtractedArticle, Figure, PlaceMention, Quantity, Span

WIRE_NAMES = ["Aleppo", "Azaz", "Bab al-Salama", "Oncupinar", "Kilis", "Latakia", "Daraa", "Geneva", "Turkey",
              "Syria", "Tal Rafaat", "Haritan", "Afrin", "Kafin", "Mayer", "Damascus", "Idlib", "Beirut", "Amman",
              "Mosul", "Medyka", "Adre", "Cox's Bazar", "Kutupalong", "Torkham", "Cucuta", "Pacaraima", "Rafah"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_names(path: Path, n: int, seed: int = 4) -> list[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    every = sorted({row[0] for row in db.execute("SELECT name FROM place")})
    db.close()
    names = random.Random(seed).sample(every, min(len(every), max(0, n - len(WIRE_NAMES))))
    return WIRE_NAMES + names


def _article() -> ExtractedArticle:
    body = ("As many as 20,000 Syrians waited at the Turkish frontier, having run from the battle near Aleppo. "
            "Some 5,000 people were displaced to Azaz, near the Bab al-Salama crossing, officials in Kilis said. "
            "Talks in Geneva collapsed as forces took Kafin and advanced in Latakia province.")
    ents = []
    for text, label in [("Aleppo", "GPE"), ("Azaz", "GPE"), ("Bab al-Salama", "CROSSING"), ("Kilis", "GPE"),
                        ("Geneva", "GPE"), ("Kafin", "GPE"), ("Latakia", "GPE")]:
        start = body.index(text)
        ents.append(Entity(text=text, label=label, start=start, end=start + len(text)))
    figs = []
    for i, (qty, where) in enumerate([("As many as 20,000", "Turkish frontier"), ("5,000", "Azaz")]):
        s, w = body.index(qty), body.index(where)
        sentence_end = body.index(". ", s) + 1
        figs.append(Figure(figure_id=str(i), quantity=Quantity(max=1, text=qty), unit="person", term="displaced",
                           category="displacement", sentence=body[body.rfind(". ", 0, s) + 2 if i else 0:sentence_end],
                           span=Span(start=s, end=s + len(qty)),
                           place_mention=PlaceMention(text=where, start=w, end=w + len(where), role="at")))
    article = Article(article_id="bench", body=body, received_at=datetime.now(UTC))
    return ExtractedArticle(article=article, entities=ents, figures=figs, model="bench", extracted_at=datetime.now(UTC))


def run(path: Path, n: int) -> dict:
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    load_s = time.perf_counter() - started
    rss_loaded = rss_mb()
    names = sample_names(path, n)

    gazetteer._cache.clear()
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    warm_s = time.perf_counter() - started

    extracted = _article()
    enrich(extracted, gazetteer)
    gazetteer._cache.clear()
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        enrich(extracted, gazetteer)
    enrich_s = time.perf_counter() - started
    return {
        "index_load_s": round(load_s, 3),
        "lookups": len(names),
        "lookups_per_s_uncached": round(len(names) / cold_s),
        "lookups_per_s_cached": round(len(names) / warm_s),
        "enrich_articles_per_s": round(rounds / enrich_s),
        "rss_mb_after_load": round(rss_loaded, 1),
        "rss_mb_peak": round(rss_mb(), 1),
        "index_mb": round(path.stat().st_size / 2**20, 1),
        "targets": {"index_load_s": "< 1", "lookups_per_s_uncached": ">= 20000", "rss_mb_peak": "<= 200"},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geocode.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="one JSON line instead of a table")
    args = parser.parse_args(argv)
    result = run(args.path, args.names)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:28} {value}")
    ok = (result["index_load_s"] < 1 and result["lookups_per_s_uncached"] >= 20_000 and result["rss_mb_peak"] <= 200)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
