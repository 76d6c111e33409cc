"""The places of a count's own clause, each with the role the parse gives it: at/in, from (origin),
to/into/toward (destination), near (context only); and whether a border word is one the flow crossed.
Read for `ner.figures.reading` from one candidate sentence's parse, in English (ClearNLP labels:
the preposition heads its noun) and French (Universal Dependencies: a `case` child)."""

from __future__ import annotations

from spacy.tokens import Token

from ner.figures.grammar import ENGLISH, Grammar

GENITIVES = {"de", "du", "des", "d'"}
# After a verb of flight these name where people went: "fuir au Cameroun", "se réfugier à Kaya".
DESTINATION_CASES = {"à", "au", "aux", "en"}

MODIFIER_DEPS = {"compound", "amod", "nmod"}


def _border_crossed(border: Token, g: Grammar) -> bool:
    """Construction "a border as the way out": a border word where the flow went ("to the border",
    "across the frontier", "abroad"), not a word for a kind of place inside the country ("border
    villages", "les villages de la frontière") nor what drove people out ("border clashes") nor where the flow left from ("from border areas",
    "out of the border zone"), nor only where something lies ("close to the border": a border as
    context)."""
    noun = border
    if border.dep_ in MODIFIER_DEPS and border.head.i != border.i:
        if border.head.lemma_.lower() in g.border_place_nouns | g.border_cause_nouns:
            return False  # "border villages", "border clashes"
        noun = border.head
    return _phrase_role(noun, g) not in ("from", "near")


def _phrase_role(noun: Token, g: Grammar) -> str | None:
    """The role of the place phrase a noun heads: its preposition, the head in English ("from" ->
    noun) and a `case` child in Universal Dependencies ("de" <- "frontière")."""
    if noun.dep_ == "pobj":
        prep = noun.head
        if prep.lower_ == "of" and prep.head.lower_ == "out":
            return "from"
        if _near_to(prep, g):
            return "near"
        return g.role_of.get(prep.lower_)
    return _case_role(noun, g)[0]


def _near_to(prep: Token, g: Grammar) -> bool:
    """Construction "a border as context": "close to", "next to" say where something lies, and the
    "to" is no destination ("fled their homes close to the border")."""
    return prep.lower_ == "to" and prep.head.lower_ in g.near_adverbs and prep.head.dep_ in ("advmod", "advcl", "amod")


def _after_a_comma(token: Token) -> bool:
    """Whether the phrase `token` heads opens right after a comma (an apposition: ", en Haïti")."""
    first = min(token.subtree, key=lambda t: t.i)
    return first.i > 0 and token.doc[first.i - 1].text == ","


def _case_role(token: Token, g: Grammar) -> tuple[str | None, list[str]]:
    """A Universal Dependencies phrase's role, from its prepositions (its `case` children), and them."""
    cases = [c.lower_ for c in token.children if c.dep_ in ("case", "fixed")]
    return next((g.role_of[c] for c in cases if c in g.role_of), None), cases


def _clause_places(chain: list[Token], root: Token, base: int, g: Grammar = ENGLISH) -> list[tuple[int, int, str]]:
    """Every place phrase attached to the count's predicate, the verbs governing it, or the counted
    noun, with its role: at/in, from (origin), to/into/toward (destination), near (context only)."""
    found: list[tuple[int, int, str]] = []
    seen: set[int] = set()

    def phrase(token: Token, role: str) -> None:
        tokens = list(token.subtree)
        if token.i in seen:
            return
        seen.add(token.i)
        found.append((base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1].text), role))
        # "from their homes in Kessala": a place inside the phrase keeps its own preposition.
        for inner in token.children:
            if inner.dep_ == "prep":
                visit_prep(inner)
            elif inner.dep_ in g.obliques and inner.i != root.i:
                visit_oblique(inner)

    def visit_prep(prep: Token) -> None:
        low = prep.lower_
        role = "near" if _near_to(prep, g) else g.role_of.get(low)
        if low == "out" and any(c.lower_ == "of" for c in prep.children):
            role = "from"
            prep = next(c for c in prep.children if c.lower_ == "of")
        if role is None or role in ("from",) and low not in ("from", "out", "away"):
            if role is None:
                return
        for pobj in prep.children:
            if pobj.dep_ in ("pobj", "pcomp"):
                phrase(pobj, role)
            elif pobj.dep_ == "prep":  # "In A, near B": the parser may hang the second phrase on the first
                visit_prep(pobj)

    def visit_oblique(token: Token) -> None:
        """A Universal Dependencies place phrase: its preposition is a `case` child ("vers le Tchad")."""
        role, cases = _case_role(token, g)
        if role == "from" and set(cases) & GENITIVES and token.head.lemma_.lower() not in g.origin_verbs:
            role = "at"  # "au poste-frontière de X": "de" names the place unless a verb of leaving governs it
        if role == "in" and token.head.lemma_.lower() in g.flight_to_verbs and token.i > token.head.i \
                and set(cases) & DESTINATION_CASES and not _after_a_comma(token):
            # "ont fui au Cameroun", "se sont réfugiés à Kaya": where the flight went (but "ont fui les
            # violences dans l'Artibonite, en Haïti": after a comma, where the place before it is)
            role = "to"
        if role is not None and "par" not in cases:
            phrase(token, role)

    for holder in [root, *chain]:
        for c in holder.children:
            if c.dep_ == "prep":
                visit_prep(c)
            elif c.dep_ in g.obliques and c.i != root.i:
                visit_oblique(c)
            elif c.dep_ in g.objects and holder.lemma_.lower() in g.origin_object and c.i != root.i:
                phrase(c, "from")
            elif c.dep_ in g.objects and holder.lemma_.lower() in g.destination_object and c.i != root.i:
                phrase(c, "to")
            elif c.dep_ == "advmod" and c.lower_ in ("abroad",):
                found.append((base + c.idx, base + c.idx + len(c.text), "to"))
            elif c.dep_ in ("advmod", "advcl") and c.lower_ in g.near_adverbs:
                for prep in c.children:
                    if prep.dep_ == "prep":
                        visit_prep(prep)  # "displaced in A, close to the border with B"
    return sorted(found)
