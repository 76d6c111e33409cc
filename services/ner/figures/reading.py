"""Figures read from the parse of one candidate sentence, by the rows of `ner.figures.constructions`.
    read_sentence(parsed, base, spans) -> {quantity span: Reading}

`parsed` is the sentence's own parsed Doc (see `ner.figures.parse`), `base` the character offset of the
sentence in the article text, `spans` the character spans of the counts found in it (see
`ner.quantities`). A count becomes a reading when a construction's `counted` node is the head of
its noun phrase; the reading carries the construction's name, term, unit, modality, category and
the places of the count's own clause, each with the role the parse gives it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ner.figures.constructions import ASYLUM, HOMELESS, NOUN, SHELTER_PLACE, STRANDED, UNINHABITABLE, Construction
from ner.figures.grammar import ENGLISH, Grammar
from ner.figures.clause_places import _border_crossed, _clause_places
from ner.figures.matching import _forms, _matches
from wirewatch.places.countries import country_of_demonym
from wirewatch.places.countries_fr import country_of_demonym_fr

PERSON, HOUSEHOLD, HOUSING = "person", "household", "housing"
PROJECTED, EXCLUDED = "projected", "excluded"
PROJECTION_CATEGORY = "projected"
# The constructions that read the running count of who is displaced (a stock, cumulative).
RUNNING_TALLIES = {"running_tally", "bilan_des_déplacés"}


@dataclass(slots=True)
class Reading:
    rule: str
    term: str
    unit: str
    category: str  # displacement, cross_border, stock, projected
    cumulative: bool
    # (start, end, role) of each place phrase of the count's own clause, as article offsets.
    places: list[tuple[int, int, str]] = field(default_factory=list)


def read_sentence(
    parsed: Doc, base: int, spans: list[tuple[int, int]], g: Grammar = ENGLISH
) -> dict[tuple[int, int], Reading]:
    """A reading for each count span the constructions account for, in table order of preference."""
    if not spans:
        return {}
    roots = {span: _np_root(parsed, base, span, g) for span in spans}
    # Only counts of people or homes can be figures: without one, the matcher has nothing to find.
    roots = {span: root for span, root in roots.items() if root is not None and _who(_counted_noun(root, g), g)}
    if not roots:
        return {}
    by_token: dict[int, tuple[int, int]] = {}
    for span, root in roots.items():
        if root is not None:
            by_token[root.i] = span
            noun = _counted_noun(root, g)  # "2,5 millions de réfugiés": the parser may hang the verb on the noun
            if noun is not None:
                by_token.setdefault(noun.i, span)
            for token in _inside(parsed, base, span):
                by_token.setdefault(token.i, span)
    matches = []
    for index, nodes in _matches(parsed, g):
        span = by_token.get(nodes["counted"])
        if span is not None:
            matches.append((index, span, g.constructions[index], nodes))
    readings: dict[tuple[int, int], Reading] = {}
    for _, span, construction, nodes in sorted(matches, key=lambda m: m[0]):
        if span in readings:
            continue
        reading = _reading(parsed, construction, nodes, roots[span], base, g)
        if reading is not None:
            readings[span] = reading
    return readings


def _inside(parsed: Doc, base: int, span: tuple[int, int]) -> list[Token]:
    """The tokens of the sentence that start inside the character span (article offsets)."""
    starts = parsed.user_data.get("token_starts")
    if starts is None:  # read once per sentence: every count of it asks
        starts = parsed.user_data["token_starts"] = parsed.to_array("IDX").tolist()
    return [parsed[i] for i in range(bisect_left(starts, span[0] - base), bisect_left(starts, span[1] - base))]


def _np_root(parsed: Doc, base: int, span: tuple[int, int], g: Grammar = ENGLISH) -> Token | None:
    """The head of the noun phrase holding the count: "people" in "3,000 people", the count itself
    when no noun follows ("4,000 forced from their homes"), "thousands" in "thousands of families"."""
    inside = _inside(parsed, base, span)
    if not inside:
        return None
    # The number itself, not its qualifier ("up to", "jusqu'à"): its last group ("000" of "20 000",
    # "thousands" of "tens of thousands") is the one the parser hangs on the noun.
    core = [t for t in inside if t.like_num or t.pos_ == "NUM" or t.lemma_.lower() in g.scale_lemmas]
    # Of a number the tokenizer split in groups, the group the others hang on ("1" of "1 200", where
    # the parser may attach "200" to "1" and "1" to the noun).
    heads = [t for t in core if t.head not in core or t.head == t]
    root = (heads or core)[-1] if core else next((t for t in inside if t.head not in inside or t.head == t), inside[-1])
    steps = 0
    while root.dep_ in g.np_links and root.head != root and root.head.i > root.i and steps < 3:
        root = root.head
        steps += 1
    return root


def _counted_noun(root: Token, g: Grammar = ENGLISH) -> Token | None:
    """The noun that says who is counted, or None when it is elided."""
    if not root.like_num and root.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        if root.lemma_.lower() not in g.scale_lemmas:
            return root
    for child in root.children:  # "thousands of families", "des milliers de personnes"
        noun = None
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    noun = _antecedent(pobj, root) if pobj.lower_ in PARTITIVE_PRONOUNS else pobj
        elif child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in ("de", "d'") for c in child.children):
            noun = child
        if noun is not None and noun.lemma_.lower() in g.scale_lemmas and noun.i != root.i:
            return _counted_noun(noun, g)  # "des dizaines de milliers de personnes", "tens of thousands of people"
        if noun is not None or child.dep_ == "prep" and child.lower_ == "of":
            return noun
    return None


# "3,000 of whom", "200 of which": a part of a group named before.
PARTITIVE_PRONOUNS = {"whom", "which", "them", "these", "those"}


def _antecedent(pronoun: Token, count: Token) -> Token | None:
    """Construction "a part of a group": the noun the pronoun stands for, the nearest counted one
    before the count ("8,000 families, about 3,000 of which were evacuated"; "800 houses were hit by
    the quake, 250 of which..."); else the nearest noun; None (elided) when there is none."""
    nouns = [t for t in reversed(count.doc[: count.i]) if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"]
    counted = next((t for t in nouns if any(c.like_num for c in t.children)), None)
    return counted or (nouns[0] if nouns else None)


def part_of_group(parsed: Doc, base: int, whole: tuple[int, int], spans: list[tuple[int, int]],
                  g: Grammar = ENGLISH) -> tuple[int, int] | None:
    """The span of a later count that is a part of this count's group ("8,000 families, about 3,000
    of which were evacuated": 3,000 of 8,000), or None."""
    root = _np_root(parsed, base, whole, g)
    if root is None:
        return None
    noun = _counted_noun(root, g) or root
    for token in parsed[noun.i + 1 :]:
        of = token.head
        if token.lower_ in PARTITIVE_PRONOUNS and token.dep_ == "pobj" and of.lower_ == "of" and of.head.like_num:
            antecedent = _antecedent(token, of.head)
            if antecedent is not None and antecedent.i == noun.i:
                at = base + of.head.idx
                return next((span for span in spans if span[0] <= at < span[1]), None)
    return None


def qualified_count(parsed: Doc, base: int, span: tuple[int, int], spans: list[tuple[int, int]],
                    g: Grammar = ENGLISH) -> tuple[int, int] | None:
    """Construction "a count that qualifies another": the span of the count whose noun this count's
    phrase modifies ("2,300 people from 600 families": 600 says who the 2,300 are), or None."""
    root = _np_root(parsed, base, span, g)
    if root is None or root.dep_ != "pobj" or root.head.dep_ != "prep":
        return None
    owner = root.head.head
    number = next((c for c in owner.children if c.dep_ == "nummod" and c.like_num), None)
    if number is None or _who(owner, g) is None:
        return None
    at = base + number.idx
    return next((other for other in spans if other[0] <= at < other[1] and other != span), None)


def _who(noun: Token | None, g: Grammar = ENGLISH) -> tuple[str, str | None, bool] | None:
    """(unit kind, the term the noun itself gives, counted by nationality); None for a noun that
    counts something other than people or homes ("14 districts", "5 kilometres")."""
    if noun is None:
        return PERSON, None, False
    low, lem = noun.lower_, noun.lemma_.lower()
    if lem == "seeker" or low.endswith("seekers"):
        return PERSON, "asylum_seeker", False
    if low == "demandeurs" or lem == "demandeur":
        return PERSON, "asylum_seeker", False
    for key in (low, lem, low.rstrip("s")):
        if key in g.term_nouns:
            return PERSON, g.term_nouns[key], False
    if low in ("evacuees", "refugees"):
        return PERSON, "evacuated" if low == "evacuees" else "refugee", False
    if lem in g.person_lemmas or low in g.person_lemmas:
        return PERSON, None, False
    if lem in g.household_lemmas:
        return HOUSEHOLD, None, False
    if lem in g.housing_lemmas:
        return HOUSING, None, False
    if noun.text[:1].isupper() and (
        noun.ent_type_ == "NORP" or country_of_demonym(noun.text) or country_of_demonym_fr(noun.text)
    ):
        return PERSON, None, True
    return None


def _reading(
    parsed: Doc, construction: Construction, nodes: dict[str, int], root: Token, base: int, g: Grammar
) -> Reading | None:
    counted_noun = _counted_noun(root, g)
    who = _who(counted_noun, g)
    if who is None:
        return None
    kind, noun_term, nation = who
    predicate = parsed[nodes.get("predicate", nodes["counted"])]
    if counted_noun is None and predicate.lemma_.lower() in g.weak_predicates and construction.term_from != SHELTER_PLACE:
        return None  # "60,000 poured into the stadium": with no noun, only a verb of displacement says who
    if construction.term_from in (NOUN, SHELTER_PLACE) or construction.name == "state_modifier":
        head = root.head
        helped = root.dep_ in ("dobj", "nsubjpass", "pobj", "obj", "nsubj:pass") and (
            head.lower_ in g.block_words or head.lemma_.lower() in g.block_words
        )
        returned = root.dep_ == "nsubj" and head.lemma_.lower() in g.return_lemmas
        if (helped or returned) and head.i not in nodes.values():
            return None  # "aid reached 4,000 refugees in the camp", "6,000 refugees returned home"
    if construction.housing is True and kind != HOUSING:
        return None
    if "first" in nodes and any(c.dep_ in g.subjects or c.like_num for c in parsed[nodes["predicate"]].children):
        return None  # "12,000 were cut off and 3,000 evacuated": the second verb has a count of its own
    if predicate.dep_ in ("relcl", "acl:relcl") and predicate.head.i == nodes["counted"] and any(
            c.dep_ in g.subjects and c.like_num for c in predicate.children):
        return None  # "100,000 people, 20,000 of whom fled": the clause counts a part of its own
    control = parsed[nodes["control"]] if "control" in nodes else None
    term = _term(construction, predicate, nodes, parsed, noun_term, nation, g)
    if term is None:
        return None
    housing_terms = set(g.housing_terms.values()) | {"uninhabitable_housing"}
    if kind == HOUSING and term not in housing_terms and term not in ("evacuated", "relocated"):
        return None  # "500 homes fled" is no reading
    if kind != HOUSING and term in housing_terms:
        return None
    chain = _chain(predicate, control, g)
    modality = _modality(_with_coordinated_heads(chain), parsed, g)
    if modality == EXCLUDED or (modality == PROJECTED and term in housing_terms):
        return None  # a forecast of damage is no figure; only a coming movement is a projection
    if term == "sheltered" and _in_place(predicate):
        return None  # "told to shelter in place": people stay where they are
    places = _clause_places(chain, root, base, g)
    if predicate.lemma_.lower() in g.arrival_lemmas:
        # "arrived in Uganda", "arrivés au Tchad": where people arrive is where they went.
        places = [(s, e, "to" if role in ("in", "at") else role) for s, e, role in places]
    category = PROJECTION_CATEGORY if modality == PROJECTED else _category(
        construction, term, noun_term, nation, chain, root, g
    )
    if noun_term in ("refugee", "asylum_seeker") and (term == "asylum_seeker" or category == "cross_border"):
        term = noun_term
    unit = "household" if kind in (HOUSEHOLD, HOUSING) else "person"
    clause = " ".join(t.lower_ for t in chain[-1].subtree)
    cumulative = construction.name in RUNNING_TALLIES or any(f" {w} " in f" {clause} " for w in g.cumulative_words)
    return Reading(construction.name, term, unit, category, cumulative, places)


def _term(construction, predicate: Token, nodes, parsed: Doc, noun_term, nation, g: Grammar) -> str | None:
    lem = predicate.lemma_.lower()
    if construction.term_from in (HOMELESS, STRANDED, ASYLUM, UNINHABITABLE):
        return construction.term_from
    if construction.term_from == SHELTER_PLACE:
        place = parsed[nodes["shelter"]] if "shelter" in nodes else None
        if place is None:
            place = next((t for t in predicate.subtree if t.dep_ == "pobj" or t.dep_ in g.obliques), None)
        if place is not None and (place.head.lower_ == "without" or any(c.lower_ == "sans" for c in place.children)):
            return "homeless"  # "sans abri", "without shelter": the shelter is what they lack
        if place is not None and place.lemma_.lower() in g.camp_lemmas:
            return "in_relief_camp"
        if place is not None and place.lemma_.lower() in g.shelter_place_lemmas:
            return "sheltered"
        if "refuge" in nodes:
            refuge = parsed[nodes["refuge"]].lemma_.lower()
            return "sheltered" if refuge in ("shelter", "abri") else "forced_to_flee"
        return "sheltered"
    if construction.term_from == NOUN:
        if noun_term is not None:
            return noun_term
        if nation and lem in g.arrival_lemmas and _speaks_of_flight(parsed, g):
            return "refugee"  # "2,000 Eritreans fleeing conscription arrived", not holidaymakers
        return None
    if predicate.lower_ in ("housing", "sheltering", "hosting", "accommodating"):
        return "sheltered"
    for kind in predicate.children:  # "an evacuation order": the kind of order says what happens
        if kind.dep_ == "compound" and kind.lemma_.lower() in g.process_noun_terms:
            return g.process_noun_terms[kind.lemma_.lower()]
    for table in (g.housing_terms, g.movement_terms, g.shelter_terms, g.process_noun_terms, g.term_nouns):
        for key in (lem, predicate.lower_):
            if table.get(key):
                return table[key]
    return None


def _chain(predicate: Token, control: Token | None, g: Grammar = ENGLISH) -> list[Token]:
    """The predicate and the verbs that govern it within its clause, innermost first."""
    chain = [predicate]
    token = predicate
    while token.dep_ in g.governed and token.head != token and len(chain) < 4:
        token = token.head
        chain.append(token)
    if control is not None and control not in chain:
        chain.append(control)
    return chain


def _modality(chain: list[Token], parsed: Doc, g: Grammar = ENGLISH) -> str | None:
    """None for a reported movement; PROJECTED for a forecast ("could be displaced", "are expected
    to flee"); EXCLUDED for a negation, a condition, an obligation, a wish or a counterfactual."""
    projected = False
    for k, verb in enumerate(chain):
        children = list(verb.children)
        lowers = [c.lower_ for c in children if c.dep_ in g.aux]
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in g.negations) for c in children):
            return EXCLUDED
        if any(low in g.excluding_aux for low in lowers):
            return EXCLUDED
        if (set(verb.morph.get("Tense")) | set(verb.morph.get("Mood"))) & g.projecting_moods:
            projected = True  # "fuiront", "serait déplacé"
        for c in children:  # "seront évacués"
            if c.dep_ in g.aux and (set(c.morph.get("Tense")) | set(c.morph.get("Mood"))) & g.projecting_moods:
                projected = True
        for j, low in enumerate(lowers):
            if low in g.projecting_aux:
                if j + 1 < len(lowers) and lowers[j + 1] == "have":
                    if low == "would":
                        return EXCLUDED  # "would have fled": it did not happen
                    continue  # "may have fled": an uncertain report of a real movement
                projected = True
        if any(c.dep_ == "mark" and c.lower_ in g.condition_marks for c in children):
            return EXCLUDED
        for c in children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in g.condition_marks for m in c.children):
                return EXCLUDED
        if k > 0 or verb.dep_ in g.governed:
            lem = verb.lemma_.lower()
            if lem in g.excluding_heads:
                return EXCLUDED
            if lem in g.projecting_heads:
                projected = True
        head = verb.head
        if verb.dep_ in g.governed and head.lemma_.lower() in g.projecting_heads:
            projected = True
        if verb.dep_ in g.governed and head.lemma_.lower() in g.excluding_heads:
            return EXCLUDED
    for ancestor in chain[-1].ancestors:
        if ancestor.lemma_.lower() in g.risk_words:
            return EXCLUDED
    for near in (chain[-1].head, *chain[-1].head.children):
        # "Les combats risquent de déplacer": the parser may hang the forecasting verb beside the predicate.
        if near.i < chain[-1].i and near.lower_ in g.projecting_heads and near not in chain:
            projected = True
    # (The small English parser may hang "if" as a preposition, "if the levee breaks"; French "si"
    # is a condition only as a marker: "si grave" is "so serious".)
    if projected and any(t.lower_ in g.condition_marks and (t.dep_ == "mark" or g.code == "en") for t in parsed):
        return EXCLUDED
    return PROJECTED if projected else None


def _category(construction, term, noun_term, nation, chain, root: Token, g: Grammar) -> str:
    predicate = chain[0]
    lem = predicate.lemma_.lower()
    if term in g.housing_terms.values() or term == "uninhabitable_housing":
        return "displacement"
    if construction.term_from == STRANDED or term == "asylum_seeker":
        return "cross_border"
    # ("2 300 nouveaux déplacés ont été enregistrés", "hosted 3,000 new refugees": the counted noun
    # says they just came, whatever the verb)
    new_counted = any(c.lower_ in g.new_words for c in (*root.children, *predicate.children))
    if noun_term in ("refugee", "asylum_seeker") and (lem in g.arrival_lemmas or term in g.movement_terms.values()
                                                      or new_counted):
        return "cross_border"  # refugees who flee, cross, pour into a place or newly came come from abroad
    if nation and construction.term_from == NOUN and lem in g.arrival_lemmas:
        return "cross_border"
    if construction.name in RUNNING_TALLIES:
        return "stock"  # the running count of who is displaced, not a new movement
    adverbs = {c.lower_ for verb in chain for c in verb.children if c.dep_ == "advmod"}
    if (any(v.lemma_.lower() in g.stock_lemmas for v in chain) or adverbs & g.stock_adverbs) and not new_counted:
        return "stock"
    if construction.term_from == NOUN and root.head.lemma_.lower() in g.stock_lemmas and not new_counted:
        return "stock"  # "the camp holds 3,400 evacuees": who is there now
    if construction.term_from == NOUN and lem not in g.arrival_lemmas and noun_term in ("refugee", "displaced") \
            and not new_counted:
        return "stock"  # "hosts 12,000 refugees", "le site compte 12 000 déplacés": who is there now
    if construction.name in ("state_modifier", "participiale") and (noun_term in ("refugee", "displaced") or term == "displaced"):
        fresh = {c.lower_ for c in predicate.children} | {c.lower_ for c in root.children}
        if construction.name == "state_modifier" and not fresh & g.new_words:
            return "stock"  # "2,000 displaced people" is who is displaced now; "newly displaced" moved
    if lem in ("cross", "traverser", "franchir"):
        return "cross_border"
    if any(t.lemma_.lower() in g.border_words and _border_crossed(t, g) for verb in chain for t in verb.subtree):
        return "cross_border"
    return "displacement"


def near_miss(parsed: Doc, base: int, span: tuple[int, int], g: Grammar = ENGLISH) -> str | None:
    """The name of the near-miss (`lexicon.NEAR_MISSES`) the count is, or None: a ferry's crew
    evacuating, travellers held up at an airport, students moving schools."""
    root = _np_root(parsed, base, span, g)
    noun = _counted_noun(root, g) if root is not None else None
    if noun is None:
        return None
    lem = noun.lemma_.lower()
    words = _forms(parsed)["lemma_lower"]
    for name, nouns, context in g.near_misses:
        if (not nouns or lem in nouns) and words & context:
            return name
    return None


def _speaks_of_flight(parsed: Doc, g: Grammar = ENGLISH) -> bool:
    return any(t.lower_.startswith(g.flight_context) for t in parsed)


def _with_coordinated_heads(chain: list[Token]) -> list[Token]:
    """A verb coordinated with another shares its auxiliaries: "could kill 60 and destroy 300 homes"."""
    out = list(chain)
    token = chain[-1]
    while token.dep_ == "conj" and token.head != token and len(out) < 8:
        token = token.head
        out.append(token)
    return out


def _in_place(predicate: Token) -> bool:
    for c in predicate.children:
        if c.lower_ in ("indoors", "inside", "home") and c.dep_ in ("advmod", "npadvmod", "prep", "dobj"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "at"):
            if any(o.lower_ in ("place", "home", "homes", "basements", "basement") for o in c.children):
                return True
    return False
