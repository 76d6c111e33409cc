"""The NER service's one entry point: articles in, entities and figures out. Pure CPU work.

    extract_articles(nlp, articles, batch_size=16) -> list[ExtractedArticle]

Each article is read as one text, headline + blank line + body, so the model sees the headline's
context; every offset in the output (entities, figure spans, place mentions) is relative to the
body, and nothing is reported from the headline itself: a span must point into the body, and a
wire headline restates the body's lead. A leading dateline ("BEIRUT (AFP) -") that ingest has
not already split off is cut from the body here and kept in `article.dateline`, as the contract
says, so the returned article's body is the text the offsets refer to.

Safe to call from a worker thread: it holds no state between calls besides the loaded `nlp`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from ner.datelines import parse_dateline
from ner.figures import extract_figures
from ner.figures.parse import main_pass_disabled, parse_candidates
from ner.pipeline import crossing_countries, model_name
from ner.places import PlaceIndex
from wirewatch.contracts import Article, Entity, ExtractedArticle

ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON", "CROSSING"})
SEPARATOR = "\n\n"


def prepare(article: Article) -> Article:
    """The article with a leading dateline moved from the body to `dateline`."""
    if article.dateline is not None:
        return article
    dateline, cut = parse_dateline(article.body)
    if dateline is None:
        return article
    return article.model_copy(update={"dateline": dateline, "body": article.body[cut:]})


def extract_articles(nlp: Language, articles: list[Article], batch_size: int = 16) -> list[ExtractedArticle]:
    prepared = [prepare(a) for a in articles]
    texts = []
    offsets = []
    for article in prepared:
        headline = (article.headline or "").strip()
        prefix = headline + SEPARATOR if headline else ""
        texts.append(prefix + article.body)
        offsets.append(len(prefix))
    crossings = crossing_countries(nlp)
    label = model_name(nlp)
    now = datetime.now(UTC)
    out = []
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=main_pass_disabled(nlp)))
    parses = parse_candidates(nlp, docs, offsets, batch_size=batch_size)
    for article, offset, text, doc, parsed in zip(prepared, offsets, texts, docs, parses, strict=True):
        ents = doc.ents  # builds Span objects on each access: once per doc
        # model_construct: the fields are a str slice, a spaCy label and ints, nothing to validate,
        # and an article carries dozens of entities.
        entities = [
            Entity.model_construct(
                text=text[e.start_char : e.end_char],
                label=e.label_,
                start=e.start_char - offset,
                end=e.end_char - offset,
            )
            for e in ents
            if e.label_ in ENTITY_LABELS and e.start_char >= offset
        ]
        places = PlaceIndex(doc, crossings, offset, text, ents)
        figures = extract_figures(doc, offset, article.article_id, article.published_at, places, parsed)
        out.append(ExtractedArticle(article=article, entities=entities, figures=figures, model=label, extracted_at=now))
    return out
