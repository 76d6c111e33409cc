"""What the parse-based reader needs to know of a language: its construction table, its word tables
and the dependency labels of its model. `reading` is one reader for every language; a language is
one `Grammar` (English over spaCy's ClearNLP labels, French over Universal Dependencies).
"""

from __future__ import annotations

import re

from collections.abc import Callable
from dataclasses import dataclass

from ner import lexicon as en
from ner.figures.constructions import CONSTRUCTIONS, Construction
from ner.figures.constructions_fr import CONSTRUCTIONS_FR
from ner.lexicon import fr
from ner.places import ROLE_OF
from ner.figures.candidates import counts
from ner.lexicon import NUMBER_HINT, PARSE_HINT
from ner.lexicon.fr import NUMBER_HINT_FR, PARSE_HINT_FR
from ner.quantities import QuantityMatch, Word
from ner.quantities_fr import find_quantities_fr


@dataclass(frozen=True)
class Grammar:
    code: str
    constructions: tuple[Construction, ...]
    # The quantities of a sentence's words that can be headcounts.
    find_quantities: Callable[[list[Word]], list[QuantityMatch]]
    # A sentence is worth parsing when it has a number and the cue of a construction's predicate.
    number_hint: re.Pattern
    cue_hint: re.Pattern
    # Whether the word rules of the first design also read the text (English only).
    word_rules: bool
    # dependency labels
    np_links: frozenset[str]  # from a number to the noun it counts
    governed: frozenset[str]  # clauses governed by another verb ("expected to flee")
    aux: frozenset[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    obliques: frozenset[str]  # place phrases with their preposition as a `case` child (UD)
    # words
    scale_lemmas: frozenset[str]  # "thousands of people": the noun is after "of"
    term_nouns: dict
    person_lemmas: frozenset[str]
    household_lemmas: frozenset[str]
    housing_lemmas: frozenset[str]
    housing_terms: dict
    movement_terms: dict
    shelter_terms: dict
    process_noun_terms: dict
    arrival_lemmas: frozenset[str]
    camp_lemmas: frozenset[str]
    shelter_place_lemmas: frozenset[str]
    negations: frozenset[str]
    projecting_aux: frozenset[str]
    excluding_aux: frozenset[str]
    projecting_heads: frozenset[str]
    excluding_heads: frozenset[str]
    risk_words: frozenset[str]
    condition_marks: frozenset[str]
    stock_lemmas: frozenset[str]
    stock_adverbs: frozenset[str]
    cumulative_words: frozenset[str]
    new_words: frozenset[str]
    border_words: frozenset[str]
    border_place_nouns: frozenset[str]  # "border villages": a kind of place, no border crossed
    border_cause_nouns: frozenset[str]  # "border clashes": what drove people out, no border crossed
    role_of: dict
    near_adverbs: frozenset[str]  # "close to the border": the "to" phrase is only where something lies
    flight_to_verbs: frozenset[str]  # after these, "à"/"en" is where people went ("fui au Cameroun")
    origin_object: frozenset[str]
    origin_verbs: frozenset[str]  # verbs after which "de X" is where people came from
    destination_object: frozenset[str]
    block_words: frozenset[str]
    return_lemmas: frozenset[str]
    weak_predicates: frozenset[str]
    near_misses: tuple
    flight_context: tuple[str, ...]
    # The future and the conditional mood of the predicate forecast ("seront évacués").
    projecting_moods: frozenset[str] = frozenset()


ENGLISH = Grammar(
    code="en",
    constructions=CONSTRUCTIONS,
    find_quantities=counts,
    number_hint=NUMBER_HINT,
    cue_hint=PARSE_HINT,
    word_rules=True,
    np_links=frozenset({"nummod", "quantmod", "compound", "amod", "advmod", "det", "nmod", "npadvmod"}),
    governed=frozenset({"xcomp", "ccomp", "oprd"}),
    aux=frozenset({"aux", "auxpass"}),
    subjects=frozenset({"nsubj", "nsubjpass"}),
    objects=frozenset({"dobj", "attr"}),
    obliques=frozenset(),
    scale_lemmas=frozenset({"thousand", "hundred", "million", "ten", "dozen", "score"}),
    term_nouns=en.TERM_NOUNS,
    person_lemmas=frozenset(en.PERSON_LEMMAS | {"people", "persons"}),
    household_lemmas=frozenset(en.HOUSEHOLD_LEMMAS),
    housing_lemmas=frozenset(en.HOUSING_LEMMAS),
    housing_terms=en.HOUSING_TERMS,
    movement_terms=en.MOVEMENT_TERMS,
    shelter_terms=en.SHELTER_TERMS,
    process_noun_terms=en.PROCESS_NOUN_TERMS,
    arrival_lemmas=frozenset(en.ARRIVAL_LEMMAS),
    camp_lemmas=frozenset(en.CAMP_LEMMAS),
    shelter_place_lemmas=frozenset(en.SHELTER_PLACE_LEMMAS | {"facility", "temple", "gymnasium"}),
    negations=frozenset({"not", "n't", "never"}),
    projecting_aux=frozenset(en.PROJECTING_AUX),
    excluding_aux=frozenset(en.EXCLUDING_AUX),
    projecting_heads=frozenset(en.PROJECTING_HEADS),
    excluding_heads=frozenset(en.EXCLUDING_HEADS),
    risk_words=frozenset({"risk", "threat", "danger", "prevent", "avoid"}),
    condition_marks=frozenset(en.CONDITION_MARKS),
    stock_lemmas=frozenset(en.STOCK_LEMMAS),
    stock_adverbs=frozenset(en.STOCK_ADVERBS - {"now"}),
    cumulative_words=frozenset(en.CUMULATIVE_WORDS),
    new_words=frozenset(en.NEW_WORDS),
    border_words=frozenset({"border", "frontier", "abroad"}),
    border_place_nouns=frozenset(en.BORDER_PLACE_NOUNS),
    border_cause_nouns=frozenset(en.BORDER_CAUSE_NOUNS),
    role_of={**ROLE_OF, **en.PLACE_ROLE_EXTRA},
    near_adverbs=frozenset(en.NEAR_ADVERBS),
    flight_to_verbs=frozenset(),  # English says "to"
    origin_object=frozenset(en.ORIGIN_OBJECT),
    origin_verbs=frozenset(),
    destination_object=frozenset(en.DESTINATION_OBJECT),
    block_words=frozenset(en.BLOCK_WORDS),
    return_lemmas=frozenset(en.RETURN_LEMMAS),
    weak_predicates=frozenset(en.WEAK_PREDICATES),
    near_misses=en.NEAR_MISSES,
    flight_context=tuple(en.FLIGHT_CONTEXT) + tuple(en.FLIGHT_WORDS),
)

FRENCH = Grammar(
    code="fr",
    constructions=CONSTRUCTIONS_FR,
    find_quantities=find_quantities_fr,
    number_hint=NUMBER_HINT_FR,
    cue_hint=PARSE_HINT_FR,
    word_rules=False,
    np_links=frozenset({"nummod", "det", "amod", "advmod", "fixed", "dep"}),
    governed=frozenset({"xcomp", "ccomp"}),
    aux=frozenset({"aux", "aux:pass", "aux:tense", "cop"}),
    subjects=frozenset({"nsubj", "nsubj:pass"}),
    objects=frozenset({"obj"}),
    obliques=frozenset({"obl", "obl:arg", "obl:mod", "obl:agent", "nmod"}),
    scale_lemmas=frozenset({"millier", "centaine", "dizaine", "million", "milliard", "vingtaine"}),
    term_nouns=fr.TERM_NOUNS_FR,
    person_lemmas=frozenset(fr.PERSON_LEMMAS_FR),
    household_lemmas=frozenset(fr.HOUSEHOLD_LEMMAS_FR),
    housing_lemmas=frozenset(fr.HOUSING_LEMMAS_FR),
    housing_terms=fr.HOUSING_TERMS_FR,
    movement_terms=fr.MOVEMENT_TERMS_FR,
    shelter_terms=fr.SHELTER_TERMS_FR,
    process_noun_terms={k: v for k, v in fr.PROCESS_NOUN_TERMS_FR.items() if v},
    arrival_lemmas=frozenset(fr.ARRIVAL_LEMMAS_FR),
    camp_lemmas=frozenset(fr.CAMP_LEMMAS_FR),
    shelter_place_lemmas=frozenset(fr.SHELTER_PLACE_LEMMAS_FR),
    negations=frozenset({"ne", "n'"}),
    projecting_aux=frozenset(),
    excluding_aux=frozenset(),
    projecting_heads=frozenset(fr.PROJECTING_HEADS_FR),
    excluding_heads=frozenset(fr.EXCLUDING_HEADS_FR),
    risk_words=frozenset({"risque", "menace", "danger", "empêcher", "éviter"}),
    condition_marks=frozenset(fr.CONDITION_MARKS_FR),
    stock_lemmas=frozenset({"rester", "demeurer", "vivre", "accueillir", "séjourner"}),
    stock_adverbs=frozenset({"toujours", "actuellement", "déjà"}),
    cumulative_words=frozenset(fr.CUMULATIVE_WORDS_FR),
    new_words=frozenset(fr.NEW_WORDS_FR),
    border_words=frozenset({"frontière", "étranger", "poste-frontière"}),
    border_place_nouns=frozenset(fr.BORDER_PLACE_NOUNS_FR),
    border_cause_nouns=frozenset(),  # French says "affrontements frontaliers": an adjective, no border word
    role_of=fr.ROLE_OF_FR,
    near_adverbs=frozenset(),  # "près de" is a preposition in the French model's parse (`ROLE_OF_FR`)
    flight_to_verbs=frozenset(fr.FLIGHT_TO_VERBS_FR),
    origin_object=frozenset(fr.ORIGIN_OBJECT_FR),
    origin_verbs=frozenset(fr.ORIGIN_VERBS_FR),
    destination_object=frozenset(fr.DESTINATION_OBJECT_FR),
    block_words=frozenset(fr.BLOCK_LEMMAS_FR),
    return_lemmas=frozenset({"retourner", "rentrer", "rapatrier"}),
    weak_predicates=frozenset(fr.WEAK_PREDICATES_FR),
    near_misses=fr.NEAR_MISSES_FR,
    flight_context=("fui", "fuy", "fuite", "violence", "combat", "attaque", "conflit", "réfugi", "exode", "frontière"),
    projecting_moods=frozenset({"Fut", "Cnd"}),
)

GRAMMARS = {g.code: g for g in (ENGLISH, FRENCH)}
