"""The NER service's one entry point: articles in, entities and figures out. Pure CPU work.

    extract_articles(pipelines, articles, batch_size=16) -> list[ExtractedArticle]

`pipelines` maps a language to its loaded pipeline ({"en": ..., "fr": ...}; see `load_pipelines`):
each article goes to the pipeline of the language ingest labelled it with (no label: English).
An article in a language with no pipeline comes back with no figures and `unread_reason` set, and
the service counts it (`wirewatch_ner_articles_unread_total`).

Each article is read as one text, headline + blank line + body, so the model sees the headline's
context; every offset in the output (entities, figure spans, place mentions) is relative to the
body, and nothing is reported from the headline itself: a span must point into the body, and a
wire headline restates the body's lead. Ingest has already cut the dateline ("BEIRUT (AFP) -")
from the body into `article.dateline`: where a report was filed is never read as a figure's place.

Safe to call from a worker thread: it holds no state between calls besides the loaded `nlp`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from ner.cued_places import cued_places
from ner.figures import extract_figures, may_hold_figures
from ner.figures.grammar import GRAMMARS
from ner.figures.parse import main_pass_disabled, parse_candidates
from ner.pipeline import crossing_countries, curated_names, model_name
from ner.places import PlaceIndex
from wirewatch.contracts import Article, Entity, ExtractedArticle

ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON", "CROSSING"})
# Labels of other models in the contract's terms: the French model calls a person PER.
ENTITY_LABEL_OF = {"PER": "PERSON"}
SEPARATOR = "\n\n"


def extract_articles(
    pipelines: Language | dict[str, Language], articles: list[Article], batch_size: int = 16
) -> list[ExtractedArticle]:
    """Each article read by the pipeline of its language (no label: English), in input order. An
    article in a language with no pipeline comes back unread, with `unread_reason` saying why."""
    if isinstance(pipelines, Language):
        pipelines = {pipelines.lang: pipelines}
    out: list[ExtractedArticle | None] = [None] * len(articles)
    by_language: dict[str, list[int]] = {}
    for k, article in enumerate(articles):
        by_language.setdefault(article.language or "en", []).append(k)
    now = datetime.now(UTC)
    for language, indices in by_language.items():
        nlp = pipelines.get(language)
        if nlp is None:
            for k in indices:
                out[k] = ExtractedArticle(article=articles[k], model="none", extracted_at=now, language=language,
                                          unread_reason=f"no pipeline for language {language}")
            continue
        for k, result in zip(indices, _read(nlp, [articles[k] for k in indices], batch_size, now), strict=True):
            out[k] = result
    return out


def _read(nlp: Language, articles: list[Article], batch_size: int, now: datetime) -> list[ExtractedArticle]:
    texts = []
    offsets = []
    for article in articles:
        headline = (article.headline or "").strip()
        prefix = headline + SEPARATOR if headline else ""
        texts.append(prefix + article.body)
        offsets.append(len(prefix))
    crossings = crossing_countries(nlp)
    names = curated_names(nlp)
    label = model_name(nlp)
    grammar = GRAMMARS[nlp.lang]
    out = []
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=main_pass_disabled(nlp)))
    parses = parse_candidates(nlp, docs, offsets, texts=texts)
    for article, offset, text, doc, parsed in zip(articles, offsets, texts, docs, parses, strict=True):
        ents = doc.ents  # builds Span objects on each access: once per doc
        # model_construct: the fields are a str slice, a spaCy label and ints, nothing to validate,
        # and an article carries dozens of entities.
        entities = [
            Entity.model_construct(
                text=text[e.start_char : e.end_char],
                label=ENTITY_LABEL_OF.get(e.label_, e.label_),
                start=e.start_char - offset,
                end=e.end_char - offset,
            )
            for e in ents
            if ENTITY_LABEL_OF.get(e.label_, e.label_) in ENTITY_LABELS and e.start_char >= offset
        ]
        figures = []
        if may_hold_figures(doc, offset, parsed, grammar, text):
            places = PlaceIndex(doc, crossings, offset, text, ents, names)
            figures = extract_figures(doc, offset, article.article_id, article.published_at, places, parsed, grammar)
        out.append(ExtractedArticle(article=article, entities=entities, figures=figures,
                                    cued_places=cued_places(article.body, entities), model=label,
                                    extracted_at=now, language=nlp.lang))
    return out
