"""Parse only where a figure can be: the sentences that hold a number and a displacement cue.

The NER pass runs on every text with the parse components switched off (`main_pass_disabled`).
The model's tok2vec, tagger, parser, attribute ruler and lemmatizer then run once, in one batch, on
copies of the candidate sentences (`parse_candidates`); every later step reads that one parse. In
the en_core_web_* 3.x models `ner` has a tok2vec of its own, so its entities are the same whether
or not the parser ran. Candidates are a small share of general news (see the README's numbers).
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ner.figures.attributes import AttributeRules
from ner.figures.grammar import GRAMMARS
from ner.quantities import split_words

PARSE_COMPONENTS = ("tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer")


def parse_components(nlp: Language) -> list[str]:
    """The parse components this model has, in pipeline order (none for a model without a parser)."""
    names = [name for name in PARSE_COMPONENTS if name in nlp.pipe_names]
    return names if "parser" in names else []


def main_pass_disabled(nlp: Language) -> list[str]:
    """What the NER pass over every text leaves out: the parse components."""
    return parse_components(nlp)


def is_candidate(text: str, language: str = "en") -> bool:
    """A sentence worth parsing: a number, the cue of a construction's predicate, and a count the
    grammar reads as one (no date, year, money or code): what every figure, of the constructions or
    the word rules, is made of."""
    g = GRAMMARS[language]
    # The cue first: one sentence in five has one, one in two a digit.
    return (g.cue_hint.search(text) is not None and g.number_hint.search(text) is not None
            and bool(g.find_quantities(split_words(text, 0))))


_SENTENCES = "wirewatch_sentences"  # doc.user_data key


def sentences(doc: Doc) -> list[Span]:
    """`doc.sents`, with the boundaries read once per doc from one array: the selection here and
    every reader after it walk the same sentences, and `doc.sents` checks every token for
    annotation on each call. Token bounds are kept, not Spans, which would tie the doc to itself."""
    bounds = doc.user_data.get(_SENTENCES)
    if bounds is None:
        starts = numpy.flatnonzero(doc.to_array("SENT_START") == 1).tolist() if len(doc) else []
        edges = ([0] if starts[:1] != [0] else []) + starts + [len(doc)]
        bounds = doc.user_data[_SENTENCES] = [(a, b) for a, b in zip(edges, edges[1:]) if b > a]
    return [doc[a:b] for a, b in bounds]


def candidate_sentences(doc: Doc, offset: int, language: str = "en", text: str | None = None) -> list[Span]:
    """The sentences of the body (from `offset`) worth parsing. `text`: the doc's text when the
    caller has it (`doc.text` joins every token again)."""
    text = doc.text if text is None else text
    return [sent for sent in sentences(doc)
            if sent.end_char > offset and is_candidate(text[sent.start_char : sent.end_char], language)]


# Sentences are short (26 words on average): batched by the articles' 16 they make small matrices.
# 64 at a time parsed the bench corpus' candidates in 10-20% less time than 16; 256 and 1,024 gained
# nothing more.
SENTENCE_BATCH = 64


def parse_candidates(nlp: Language, docs: list[Doc], body_offsets: list[int],
                     batch_size: int = SENTENCE_BATCH, texts: list[str] | None = None) -> list[dict[int, Doc]]:
    """For each doc, its candidate sentences in the body, parsed: sentence start offset -> parsed Doc.
    `texts`: the docs' texts, when the caller has them."""
    names = parse_components(nlp)
    spans: list[tuple[int, Span]] = []
    if names:
        for k, (doc, offset) in enumerate(zip(docs, body_offsets, strict=True)):
            text = texts[k] if texts is not None else None
            spans.extend((k, sent) for sent in candidate_sentences(doc, offset, nlp.lang, text))
    copies = [_fresh_copy(sent) for _, sent in spans]
    for name in names:
        copies = list(_component(nlp, name).pipe(copies, batch_size=batch_size))
    if nlp.lang == "fr":
        for parsed in copies:
            _fronted_place_as_subject(parsed)
    out: list[dict[int, Doc]] = [{} for _ in docs]
    for (k, sent), parsed in zip(spans, copies, strict=True):
        out[k][sent.start_char] = parsed
    return out


def _fronted_place_as_subject(doc: Doc) -> None:
    """Repair "a fronted place taken for the subject": the small French parser reads "Au Burkina
    Faso, 5 000 personnes ont fui" with "Burkina" as the subject and the counted noun hanging on it.
    A subject never carries a preposition ("au", "en", "dans"): that one is where, and the count
    noun on it is who."""
    for token in doc:
        if token.dep_ != "nsubj" or token.head.i == token.i or not any(c.dep_ == "case" for c in token.children):
            continue
        counted = next((c for c in token.children if c.dep_ == "nmod" and c.pos_ == "NOUN"
                        and any(g.like_num for g in c.children)), None)
        if counted is None:
            continue
        verb = token.head
        counted.head, counted.dep_ = verb, "nsubj"
        token.dep_ = "obl:mod"


def _fresh_copy(sent: Span) -> Doc:
    """The sentence as a Doc of its own with its words, spacing and entities, one sentence long, and
    no dependency annotation for the parser to keep (a word split by `glued_words` carries a
    placeholder head)."""
    tokens = list(sent)
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in tokens]
    return Doc(
        sent.doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        sent_starts=[True] + [False] * (len(tokens) - 1),
        ents=ents,
    )


_ATTRIBUTE_RULES: dict[int, AttributeRules] = {}


def _component(nlp: Language, name: str):
    """The pipeline's component, but the attribute ruler as table lookups (`ner.figures.attributes`)."""
    pipe = nlp.get_pipe(name)
    if name != "attribute_ruler":
        return pipe
    if id(pipe) not in _ATTRIBUTE_RULES:
        _ATTRIBUTE_RULES[id(pipe)] = AttributeRules(pipe)
    return _ATTRIBUTE_RULES[id(pipe)]
