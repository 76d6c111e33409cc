"""The constructions that make a count a displacement figure, read from the dependency parse.

Each row of `CONSTRUCTIONS` is one construction of English news copy: a `DependencyMatcher`
pattern over the parse of a candidate sentence, the role the count fills, where the reporting
term comes from, and two sentences of our own that it must read. The pattern always names two
nodes: `predicate`, the word that says what happened (a verb, noun, adjective or participle), and
`counted`, the head of the noun phrase that holds the count ("3,000 people" -> people; "4,000"
alone when the noun is elided; "thousands" in "thousands of families").

Adding a construction means adding a row here and its sentences to
`tests/unit/ner/test_ner_constructions.py`; `wirewatch enrich --explain` prints the row's name
behind each figure. The term comes from the predicate's lemma (`lexicon.MOVEMENT_TERMS` and its
neighbours) or from the counted noun ("evacuees", "refugees"), never from how far apart words stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from ner.lexicon import (
    ARRIVAL_LEMMAS, BORDER_LEMMAS, CONTROL_LEMMAS, CONVEYING, COUNTING_IN, DIRECTION_WORDS, DRIVING, HEADING,
    HOME_LEMMAS, HOUSING_TERMS, INTRANSITIVE_MOVING, MOVEMENT_TERMS, PASSIVE_MOVING, PROCESS_NOUN_TERMS,
    SHELTER_PLACE_LEMMAS, SHELTER_TERMS, STAY_LEMMAS, TERM_NOUNS, TRANSITIVE_MOVING,
)

# Where a construction's term comes from.
PREDICATE, NOUN, HOMELESS, SHELTER_PLACE, STRANDED = "predicate", "noun", "homeless", "shelter_place", "stranded"
ASYLUM, UNINHABITABLE = "asylum_seeker", "uninhabitable_housing"

# Verbs of passing the nights somewhere: "living in the open", "sleeping outdoors".
ROUGH_SLEEPING = ["live", "sleep", "stay", "spend", "camp", "remain"]
MOVING = sorted(MOVEMENT_TERMS)
SHELTERING = sorted(SHELTER_TERMS)
HOUSING = sorted(HOUSING_TERMS)


def node(name: str, **attrs) -> dict:
    return {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def child(parent: str, name: str, **attrs) -> dict:
    """`name` is a direct dependent of `parent`."""
    return {"LEFT_ID": parent, "REL_OP": ">", "RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def lemma(*words: str | list[str]) -> dict:
    flat = [w for group in words for w in ([group] if isinstance(group, str) else group)]
    return {"LEMMA": {"IN": flat}}


def dep(*labels: str) -> dict:
    return {"DEP": {"IN": list(labels)}}


@dataclass(frozen=True, slots=True)
class Construction:
    name: str
    role: str  # the role the count fills, in words
    pattern: list[dict]
    term_from: str  # PREDICATE, NOUN, or the term itself (HOMELESS, SHELTER_PLACE, STRANDED, ASYLUM...)
    examples: tuple[str, str]
    # The counted noun must be housing ("homes", "buildings"), or must not be.
    housing: bool | None = None
    # Other patterns of the same construction, for the parser's other readings of it.
    alternatives: tuple[list[dict], ...] = ()

    def patterns(self) -> list[list[dict]]:
        return [self.pattern, *self.alternatives]


def row(name, role, pattern, term_from, examples, housing=None, alternatives=()) -> Construction:
    return Construction(name, role, pattern, term_from, tuple(examples), housing, tuple(alternatives))


CONSTRUCTIONS: tuple[Construction, ...] = (
    # -- who was moved: subject of a passive, object of an active verb ---------------------------
    row("passive_housing", "housing that is the subject of a passive: evacuated, destroyed, damaged",
        [node("predicate", **lemma(HOUSING, "evacuate", "abandon"), TAG="VBN"),
         child("predicate", "counted", DEP="nsubjpass")],
        PREDICATE, ("More than 300 flats were evacuated after the gas leak.",
                    "Nearly 1,400 houses were flattened by the cyclone."), housing=True),
    row("passive_subject", "subject of a passive movement verb",
        [node("predicate", **lemma(PASSIVE_MOVING), TAG="VBN"), child("predicate", "counted", DEP="nsubjpass")],
        PREDICATE, ("Some 4,200 villagers were uprooted by the landslide.",
                    "About 900 residents have been relocated to a hillside settlement.")),
    row("elided_passive", "subject of a passive whose auxiliary a coordination elides",
        [node("predicate", **lemma(TRANSITIVE_MOVING, "force", "drive", "chase"), TAG="VBN"),
         child("predicate", "counted", DEP="nsubj")],
        PREDICATE, ("Two were killed and 2,600 forced from their homes.",
                    "Five were hurt and 700 displaced when the dyke gave way.")),
    row("coordinated_passive", "subject of a passive coordinated with another: rescued and evacuated",
        [node("first", TAG="VBN"), child("first", "counted", DEP="nsubjpass"),
         child("first", "predicate", DEP="conj", **lemma(PASSIVE_MOVING))],
        PREDICATE, ("About 1,500 people were rescued and moved to shelters.",
                    "Some 400 residents were pulled from the water and evacuated by boat.")),
    row("active_object", "object of a verb that moves people",
        [node("predicate", **lemma(TRANSITIVE_MOVING)), child("predicate", "counted", DEP="dobj")],
        PREDICATE, ("The clashes displaced some 6,500 herders last week.",
                    "Rescuers evacuated another 1,100 residents overnight.")),
    row("housing_object", "housing that is the object of a verb of destruction or damage",
        [node("predicate", **lemma(HOUSING)), child("predicate", "counted", DEP="dobj")],
        PREDICATE, ("The earthquake damaged 2,300 buildings in the old town.",
                    "Militiamen torched about 450 homes in the valley."), housing=True),
    row("driven_out_object", "object of a verb of force with a direction: forced out, drove from",
        [node("predicate", **lemma(DRIVING)), child("predicate", "counted", DEP={"IN": ["dobj", "npadvmod"]}),
         child("predicate", "direction", **{"LOWER": {"IN": DIRECTION_WORDS}})],
        PREDICATE, ("The offensive drove 30,000 people from their villages.",
                    "Gangs attacked the district, forcing out more than 2,000 families.")),
    row("driven_out_passive", "subject of a passive verb of force with a direction: were driven from",
        [node("predicate", **lemma("force", "drive", "chase", "push", "expel", "flush"), TAG="VBN"),
         child("predicate", "counted", DEP="nsubjpass"),
         child("predicate", "direction", **{"LOWER": {"IN": DIRECTION_WORDS}})],
        PREDICATE, ("About 30,000 people were driven from their villages by the militia.",
                    "Some 900 families have been chased out of the settlement.")),
    # -- who moved: subject of an intransitive verb ----------------------------------------------
    row("fled_place_subject", "subject of fleeing a named place",
        [node("predicate", **lemma("flee", "escape", "leave")), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "origin", DEP="dobj", TAG="NNP")],
        PREDICATE, ("Some 12,000 people fled Kessala after the attack.",
                    "About 2,500 residents have left Mirwah since the siege began.")),
    row("left_home_subject", "subject of leaving or abandoning one's home",
        [node("predicate", **lemma("leave", "abandon", "desert", "quit")),
         child("predicate", "counted", DEP="nsubj"), child("predicate", "home", DEP="dobj", **lemma(HOME_LEMMAS))],
        PREDICATE, ("Nearly 20,000 residents abandoned their homes as the water rose.",
                    "About 3,000 families have left their villages in the hills.")),
    row("flight_subject", "subject of a verb of flight",
        [node("predicate", **lemma(INTRANSITIVE_MOVING), TAG={"IN": ["VBD", "VBN", "VBP", "VBZ", "VBG", "VB"]}),
         child("predicate", "counted", DEP="nsubj")],
        PREDICATE, ("Roughly 8,000 civilians fled as the shelling intensified.",
                    "Some 1,300 have escaped across the river since Sunday.")),
    row("heading_subject", "subject of a crowd on the move with a direction: streamed into, headed for",
        [node("predicate", **lemma(HEADING)), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "direction", DEP="prep", LOWER={"IN": ["to", "into", "toward", "towards", "for", "across"]})],
        PREDICATE, ("Some 5,000 people streamed into the border town on Friday.",
                    "About 2,000 villagers were heading toward the frontier.")),
    row("asylum_subject", "subject of seeking or claiming asylum",
        [node("predicate", **lemma("seek", "claim", "request", "apply")), child("predicate", "counted", DEP="nsubj"),
         {"LEFT_ID": "predicate", "REL_OP": ">>", "RIGHT_ID": "asylum", "RIGHT_ATTRS": {"LOWER": "asylum"}}],
        ASYLUM, ("About 3,000 people sought asylum in the neighbouring country last month.",
               "Nearly 800 Eritreans applied for asylum at the frontier post.")),
    row("crossing_subject", "subject of crossing a border or into a country",
        [node("predicate", **lemma("cross")), child("predicate", "counted", DEP="nsubj")],
        PREDICATE, ("About 2,000 people crossed into Chad over the weekend.",
                    "Some 600 Syrians crossed the frontier on foot.")),
    row("arrival_subject", "refugees, IDPs or a people who arrive, enter or reach a place",
        [node("predicate", **lemma(sorted(ARRIVAL_LEMMAS))), child("predicate", "counted", DEP="nsubj")],
        NOUN, ("Some 1,000 refugees arrived in Uganda from South Sudan this week.",
               "More than 4,000 IDPs have reached the town since Friday.")),
    # -- who a clause says moved: relative and participial clauses -------------------------------
    row("relative_clause", "the noun of a relative clause whose verb moves people",
        [node("counted"), child("counted", "predicate", DEP="relcl", **lemma(MOVING, SHELTERING))],
        PREDICATE, ("The 3,000 people who escaped the fighting reached the capital.",
                    "Aid reached 1,800 families who were evacuated from the island.")),
    row("participle_clause", "the noun of a participle clause: uprooted by, displaced from",
        [node("counted"), child("counted", "predicate", DEP="acl", **lemma(MOVING, SHELTERING, HOUSING),
                               TAG={"IN": ["VBN", "VBG", "VBD"]})],
        PREDICATE, ("About 5,000 residents uprooted by the storm are in shelters.",
                    "Officials counted 2,200 homes damaged by the floods.")),
    # -- made or told to move: control and causative verbs ---------------------------------------
    row("control_object", "object of a verb that makes or tells people move",
        [node("control", **lemma(sorted(CONTROL_LEMMAS))), child("control", "counted", DEP="dobj"),
         child("control", "predicate", DEP={"IN": ["xcomp", "ccomp", "oprd", "advcl"]}, **lemma(MOVING, SHELTERING))],
        PREDICATE, ("The governor urged 40,000 residents to leave the coast.",
                    "The shelling forced 10,000 people to flee toward the hills.")),
    row("control_passive", "subject of a passive control verb: told to evacuate, forced to flee",
        [node("control", **lemma(sorted(CONTROL_LEMMAS))), child("control", "counted", DEP="nsubjpass"),
         child("control", "predicate", DEP="xcomp", **lemma(MOVING, SHELTERING))],
        PREDICATE, ("Some 1,200 people were told to evacuate before the cyclone.",
                    "About 4,000 villagers were forced to flee their homes.")),
    # -- people in shelters, camps and at borders ------------------------------------------------
    row("shelter_subject", "subject of sheltering: people in shelters",
        [node("predicate", **lemma("shelter", "camp", "crowd", "squeeze", "pack"),
              TAG={"IN": ["VBD", "VBN", "VBP", "VBZ", "VBG"]}),
         child("predicate", "counted", DEP={"IN": ["nsubj", "nsubjpass"]})],
        PREDICATE, ("Around 6,000 people have sheltered in the stadium since Friday.",
                    "Some 2,400 are sheltering in schools and churches.")),
    row("refuge_subject", "subject of taking or seeking refuge or shelter",
        [node("predicate", **lemma("take", "seek", "find")), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "refuge", DEP="dobj", **lemma("refuge", "shelter", "sanctuary", "safety"))],
        SHELTER_PLACE, ("An estimated 7,500 people have taken refuge in churches.",
                        "About 900 families sought shelter with relatives.")),
    row("stay_in_shelter_subject", "subject of staying, sleeping or living in a shelter or camp",
        [node("predicate", **lemma(sorted(STAY_LEMMAS))), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "at", DEP="prep", LOWER={"IN": ["in", "at", "inside"]}),
         child("at", "shelter", DEP="pobj", **lemma(sorted(SHELTER_PLACE_LEMMAS)))],
        SHELTER_PLACE, ("Some 650 spent the night in evacuation centres.",
                        "More than 9,000 people remain in camps near the city.")),
    row("stranded_at_border_subject", "subject of waiting, gathering or being stranded at a border",
        [node("predicate", **lemma("gather", "mass", "wait", "strand", "camp", "queue", "stick")),
         child("predicate", "counted", DEP={"IN": ["nsubj", "nsubjpass"]}),
         {"LEFT_ID": "predicate", "REL_OP": ">>", "RIGHT_ID": "border", "RIGHT_ATTRS": lemma(BORDER_LEMMAS)}],
        STRANDED, ("Up to 15,000 people were stranded at the frontier.",
                   "About 3,000 people have gathered at the border crossing.")),
    row("taken_to_shelter", "who is taken, brought or bussed to a shelter or camp",
        [node("predicate", **lemma(CONVEYING)), child("predicate", "counted", DEP={"IN": ["nsubjpass", "dobj"]}),
         child("predicate", "to", DEP="prep", LOWER={"IN": ["to", "into"]}),
         child("to", "shelter", DEP="pobj", **lemma(sorted(SHELTER_PLACE_LEMMAS)))],
        SHELTER_PLACE, ("Some 2,000 villagers were bussed to evacuation centres overnight.",
                        "Soldiers took about 600 families to a camp outside the town.")),
    row("coordinated_taken_to_shelter", "who is rescued and taken to a shelter or camp",
        [node("first", TAG="VBN"), child("first", "counted", DEP="nsubjpass"),
         child("first", "predicate", DEP="conj", **lemma(CONVEYING)),
         child("predicate", "to", DEP="prep", LOWER={"IN": ["to", "into"]}),
         child("to", "shelter", DEP="pobj", **lemma(sorted(SHELTER_PLACE_LEMMAS)))],
        SHELTER_PLACE, ("Nearly 1,000 people were rescued and taken to relief camps.",
                        "About 300 residents were pulled out of the water and brought to a shelter.")),
    row("shelter_object", "object of sheltering, housing or accommodating",
        [node("predicate", **lemma("shelter", "house", "accommodate", "lodge"),
              TAG={"IN": ["VBD", "VBN", "VBP", "VBZ", "VBG"]}),
         child("predicate", "counted", DEP="dobj")],
        PREDICATE, ("Schools across the district are sheltering 3,000 people.",
                    "The authorities housed 2,000 families in tents.")),
    row("hosting_object", "object of hosting: a standing population",
        [node("predicate", **lemma("host")), child("predicate", "counted", DEP="dobj")],
        NOUN, ("The district hosts 12,000 refugees from across the border.",
               "The region now hosts some 40,000 IDPs.")),
    row("housing_site", "a shelter housing N: the count of those it houses",
        [node("predicate", LOWER={"IN": ["housing", "sheltering", "hosting", "accommodating"]}),
         child("predicate", "counted", DEP={"IN": ["nummod", "dobj"]})],
        PREDICATE, ("A school housing 7,000 was flooded overnight.",
                    "Tents housing 2,400 were blown down by the wind.")),
    # -- without a home: homeless, uninhabitable -------------------------------------------------
    row("control_homeless", "object of leaving or making people homeless",
        [node("control", **lemma("leave", "render", "make")), child("control", "counted", DEP={"IN": ["dobj", "nsubjpass"]}),
         child("control", "predicate", DEP={"IN": ["oprd", "acomp", "xcomp", "ccomp", "amod"]}, LOWER="homeless")],
        HOMELESS, ("The floods left 5,000 people homeless.",
                   "Around 1,100 families were made homeless by the fire.")),
    row("homeless_subject", "subject of being homeless",
        [node("control", LEMMA="be"), child("control", "counted", DEP="nsubj"),
         child("control", "predicate", DEP="acomp", LOWER="homeless")],
        HOMELESS, ("At least 2,000 people are homeless after the quake.",
                   "About 600 families were homeless by nightfall.")),
    row("lost_homes_subject", "subject of losing one's home",
        [node("predicate", **lemma("lose")), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "home", DEP="dobj", **lemma("home", "house", "shelter"))],
        HOMELESS, ("Some 3,400 people have lost their homes to the fire.",
                   "More than 800 families lost their houses in the landslide.")),
    row("left_uninhabitable", "housing left or rendered uninhabitable",
        [node("control", **lemma("leave", "render", "make")),
         child("control", "counted", DEP={"IN": ["dobj", "nsubjpass"]}),
         child("control", "predicate", DEP={"IN": ["oprd", "acomp", "xcomp", "ccomp", "amod"]}, LOWER="uninhabitable")],
        UNINHABITABLE, ("The quake left 1,800 homes uninhabitable.",
                   "About 600 houses were rendered uninhabitable by the floods."), housing=True),
    row("left_without_shelter", "people left without shelter or a home",
        [node("control", **lemma("leave")), child("control", "counted", DEP={"IN": ["dobj", "nsubjpass"]}),
         child("control", "without", DEP="prep", LOWER="without"),
         child("without", "predicate", DEP="pobj", **lemma("shelter", "home", "house", "roof", "housing"))],
        HOMELESS, ("The storm left 12,000 people without shelter.",
                   "Some 3,000 families were left without a roof over their heads.")),
    row("sleeping_in_the_open", "subject of living or sleeping in the open: homes lost, no shelter",
        [node("predicate", **lemma(ROUGH_SLEEPING)), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "in", DEP="prep", LOWER={"IN": ["in", "under"]}),
         child("in", "open", DEP="pobj", LOWER={"IN": ["open", "sky", "air"]})],
        HOMELESS, ("More than 2,500 people are living in the open after the quake.",
                   "Some 900 families slept under the open sky for a third night."),
        alternatives=([node("predicate", **lemma(ROUGH_SLEEPING)), child("predicate", "counted", DEP="nsubj"),
                       child("predicate", "outdoors", DEP="advmod", LOWER={"IN": ["outdoors", "outside"]})],)),
    # -- a process noun: the evacuation of N -----------------------------------------------------
    row("evacuation_order_for", "an evacuation order for N",
        [node("predicate", **lemma("order", "warning", "notice", "call")),
         child("predicate", "kind", DEP="compound", **lemma("evacuation")),
         child("predicate", "for", DEP="prep", LOWER={"IN": ["for", "covering"]}),
         child("for", "counted", DEP="pobj")],
        PREDICATE, ("Officials issued an evacuation order for 20,000 residents of the valley.",
                    "An evacuation notice for some 4,500 households went out at noon.")),
    row("process_of", "the object of a process noun: the evacuation of N, the destruction of N",
        [node("predicate", **lemma(sorted(PROCESS_NOUN_TERMS))), child("predicate", "of", DEP="prep", LOWER="of"),
         child("of", "counted", DEP="pobj")],
        PREDICATE, ("Police ordered the evacuation of 300 homes near the dam.",
                    "The storm caused the destruction of 2,500 houses.")),
    # -- the noun phrase alone says who moved or where they are ----------------------------------
    row("running_tally", "the figure a tally of the displaced rises or stands at",
        [node("verb", **lemma("rise", "climb", "reach", "stand", "increase", "grow", "jump", "swell", "hit")),
         child("verb", "subject", DEP="nsubj", **lemma("number", "total", "tally", "count")),
         child("subject", "of", DEP="prep", LOWER="of"), child("of", "who", DEP="pobj"),
         child("who", "predicate", DEP={"IN": ["acl", "amod", "relcl"]}, **lemma(MOVING, SHELTERING)),
         child("verb", "to", DEP="prep", LOWER={"IN": ["to", "at"]}), child("to", "counted", DEP="pobj")],
        PREDICATE, ("The number of people sheltering in evacuation centres has climbed to 18,000.",
                    "The total of residents displaced by the quake now stands at 9,400.")),
    row("state_modifier", "a count of people described as displaced, homeless or evacuated",
        [node("counted"), child("counted", "predicate", DEP={"IN": ["amod", "compound"]},
                               LOWER={"IN": ["displaced", "homeless", "evacuated", "uprooted", "relocated"]})],
        PREDICATE, ("Some 2,000 newly displaced people gathered near the lake.",
                    "There are 900 homeless families in the town.")),
    row("damaged_housing_modifier", "a count of housing described as destroyed or damaged",
        [node("counted"), child("counted", "predicate", DEP={"IN": ["amod", "compound"]}, **lemma(HOUSING))],
        PREDICATE, ("Surveyors listed 2,000 destroyed homes along the coast.",
                    "Engineers inspected 1,300 damaged buildings in the old town."), housing=True),
    row("counted_in_camps", "people counted, registered or housed in camps or shelters",
        [node("verb", **lemma(COUNTING_IN)), child("verb", "counted", DEP={"IN": ["dobj", "nsubjpass", "nsubj"]}),
         child("verb", "in", DEP="prep", LOWER={"IN": ["in", "at", "inside"]}),
         child("in", "predicate", DEP="pobj", **lemma(sorted(SHELTER_PLACE_LEMMAS)))],
        SHELTER_PLACE, ("Officials counted 4,12,500 people in relief camps in the state.",
                        "About 2,300 families are now registered at evacuation sites.")),
    row("people_in_camps", "people counted in camps or shelters",
        [node("counted"), child("counted", "in", DEP="prep", LOWER={"IN": ["in", "at", "inside"]}),
         child("in", "predicate", DEP="pobj", **lemma(sorted(SHELTER_PLACE_LEMMAS)))],
        SHELTER_PLACE, ("The 3,000 families in shelters across the province need blankets.",
                        "Some 4,000 people in relief camps lack clean water.")),
    row("term_noun", "a noun that is a reporting term: evacuees, IDPs, the displaced",
        [node("counted", **{"LOWER": {"IN": sorted(TERM_NOUNS) + ["evacuees", "refugees"]}})],
        NOUN, ("The camp now holds 12,000 evacuees.",
               "Authorities registered 4,000 IDPs in the district.")),
)
