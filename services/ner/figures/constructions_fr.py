"""The constructions of French displacement reporting, over the Universal Dependencies parse of
`fr_core_news_sm`: the same design as `constructions` (a `predicate` node, a `counted` node, the term
from the predicate or the noun, two example sentences of our own per row), French tables.

The small French parser often reads a past participle as an adjective ("contraintes", "déplacées")
and an infinitive after "à" as a noun modifier ("à fuir"): rows carry the alternatives it gives.
"""

from __future__ import annotations

from ner.figures.constructions import (
    ASYLUM, HOMELESS, NOUN, PREDICATE, SHELTER_PLACE, STRANDED, Construction, child, lemma, node, row,
)
from ner.lexicon.fr import (
    ARRIVAL_LEMMAS_FR, BORDER_LEMMAS_FR, CONTROL_LEMMAS_FR, HOME_LEMMAS_FR, HOUSING_TERMS_FR, MOVEMENT_TERMS_FR,
    PROCESS_NOUN_TERMS_FR, SHELTER_PLACE_LEMMAS_FR, SHELTER_TERMS_FR, STAY_LEMMAS_FR, STRANDED_LEMMAS_FR,
    TERM_NOUNS_FR,
)

MOVING = sorted(MOVEMENT_TERMS_FR)
SHELTERING = sorted(SHELTER_TERMS_FR)
HOUSING = sorted(HOUSING_TERMS_FR)
# Verbs whose object, or passive subject, is who was moved: "ont déplacé 3 000 personnes".
TRANSITIVE = ["déplacer", "évacuer", "reloger", "réinstaller", "relocaliser", "expulser", "chasser", "déraciner",
              "transférer", "héberger", "abriter", "loger", "installer", "accueillir"]
FLEEING = ["fuir", "enfuir", "réfugier", "exiler", "évacuer", "déplacer"]
# Participles the parser tags as adjectives: "personnes déplacées", "familles évacuées".
STATE_WORDS = ["déplacé", "évacué", "sinistré", "relogé", "réfugié", "expulsé", "hébergé", "déplacer", "évacuer",
               "reloger", "expulser", "héberger"]
# "Jusqu'à 20 000 personnes", "plus de 9 000 réfugiés": the small parser often reads the qualifier as a
# preposition and hangs the count on the verb as an oblique; the count's span still says who it is.
SUBJECT = {"IN": ["nsubj", "nsubj:pass", "obl:mod"]}
OBJECT = {"IN": ["obj", "obl:arg", "obl:mod"]}
OBLIQUE = {"IN": ["obl", "obl:arg", "obl:mod", "nmod"]}


CONSTRUCTIONS_FR: tuple[Construction, ...] = (
    # -- people in shelters, camps and at borders -------------------------------------------------------------
    row("hébergés_dans_un_site", "sujet d'un verbe de séjour ou d'hébergement dans un site, un camp, un abri",
        [node("predicate", **lemma(sorted(STAY_LEMMAS_FR), SHELTERING, "réfugier")),
         child("predicate", "counted", DEP=SUBJECT),
         child("predicate", "shelter", DEP=OBLIQUE, **lemma(sorted(SHELTER_PLACE_LEMMAS_FR)))],
        SHELTER_PLACE, ("Environ 1 200 ménages sont hébergés dans des écoles.",
                        "Quelque 4 000 déplacés vivent dans des sites de fortune.")),
    row("bloqués_à_la_frontière", "sujet d'un verbe d'attente ou de rassemblement à la frontière",
        [node("predicate", **lemma(sorted(STRANDED_LEMMAS_FR))), child("predicate", "counted", DEP=SUBJECT),
         {"LEFT_ID": "predicate", "REL_OP": ">>", "RIGHT_ID": "border",
          "RIGHT_ATTRS": lemma(sorted(BORDER_LEMMAS_FR))}],
        STRANDED, ("Jusqu'à 15 000 personnes sont bloquées à la frontière.",
                   "Près de 3 000 personnes se sont rassemblées au poste-frontière."),
        alternatives=([node("predicate", **lemma(sorted(STRANDED_LEMMAS_FR))),
                       child("predicate", "counted", DEP={"IN": ["nsubj", "nsubj:pass", "obl:mod", "obl", "obj"]}),
                       {"LEFT_ID": "predicate", "REL_OP": ">>", "RIGHT_ID": "border",
                        "RIGHT_ATTRS": {"LOWER": {"REGEX": "^(?:poste-)?fronti"}}}],)),
    row("objet_d_accueil", "objet d'accueillir ou d'héberger: une population accueillie",
        [node("predicate", **lemma("accueillir", "héberger", "abriter", "accueill")),
         child("predicate", "counted", DEP=OBJECT)],
        NOUN, ("La région héberge désormais 40 000 déplacés.",
               "Le district abrite désormais 12 000 déplacés.")),
    row("trouver_refuge", "sujet de trouver ou chercher refuge",
        [node("predicate", **lemma("trouver", "chercher")), child("predicate", "counted", DEP=SUBJECT),
         child("predicate", "refuge", DEP={"IN": ["obj", "xcomp", "advmod"]}, **lemma("refuge", "abri", "refug"))],
        SHELTER_PLACE, ("Environ 7 500 personnes ont trouvé refuge dans des églises.",
                        "Quelque 900 familles ont cherché refuge chez des proches.")),
    # -- who was moved: passive subject, object -------------------------------------------------------------------
    row("sujet_passif_logement", "logements sujets d'un passif de destruction ou de dégâts",
        [node("predicate", **lemma(HOUSING, "détruit", "endommagé")), child("predicate", "counted", DEP=SUBJECT)],
        PREDICATE, ("Près de 2 400 maisons ont été détruites par les eaux.",
                    "Quelque 600 habitations ont été endommagées par le séisme."), housing=True),
    row("sujet_passif", "sujet d'un passif de déplacement: ont été déplacées, évacués, relogés",
        [node("predicate", **lemma(TRANSITIVE)), child("predicate", "counted", DEP={"IN": ["nsubj:pass", "obl:mod"]})],
        PREDICATE, ("Quelque 1 500 familles ont été déplacées vers la ville.",
                    "Environ 3 000 habitants ont été évacués de la ville."),
        alternatives=([node("predicate", **lemma(STATE_WORDS), POS="ADJ"), child("predicate", "counted", DEP="nsubj")],)),
    row("objet_actif", "objet d'un verbe qui déplace des personnes",
        [node("predicate", **lemma(TRANSITIVE[:9])), child("predicate", "counted", DEP=OBJECT)],
        PREDICATE, ("Les combats ont déplacé plus de 6 000 personnes.",
                    "Les secours ont évacué 1 100 habitants pendant la nuit.")),
    row("objet_logement", "logements objets d'un verbe de destruction ou de dégâts",
        [node("predicate", **lemma(HOUSING)), child("predicate", "counted", DEP=OBJECT)],
        PREDICATE, ("Les inondations ont détruit 2 400 maisons.",
                    "Le cyclone a endommagé environ 900 habitations."), housing=True),
    # -- who moved: subject of an intransitive verb ----------------------------------------------------------------
    row("quitter_son_foyer", "sujet de quitter ou d'abandonner son foyer, son village",
        [node("predicate", **lemma("quitter", "abandonner", "fuir")), child("predicate", "counted", DEP=SUBJECT),
         child("predicate", "home", DEP="obj", **lemma(sorted(HOME_LEMMAS_FR)))],
        PREDICATE, ("Près de 20 000 habitants ont quitté leurs maisons.",
                    "Quelque 3 000 familles ont abandonné leurs villages.")),
    row("sujet_de_fuite", "sujet d'un verbe de fuite: ont fui, se sont enfuis, se sont réfugiés",
        [node("predicate", **lemma(FLEEING)), child("predicate", "counted", DEP=SUBJECT)],
        PREDICATE, ("Plus de 20 000 personnes ont fui les combats.",
                    "Des milliers de civils se sont enfuis vers la brousse.")),
    row("départ_vers", "sujet de partir vers un lieu, quand le nom dit qui part",
        [node("predicate", **lemma("partir", "affluer", "converger")), child("predicate", "counted", DEP=SUBJECT),
         child("predicate", "toward", DEP=OBLIQUE)],
        NOUN, ("Quelque 5 000 réfugiés sont partis vers le camp voisin.",
               "Environ 4 000 déplacés sont partis vers la capitale régionale.")),
    row("sujet_d_arrivée", "réfugiés ou déplacés qui arrivent, entrent ou rejoignent un lieu",
        [node("predicate", **lemma(sorted(ARRIVAL_LEMMAS_FR))), child("predicate", "counted", DEP=SUBJECT)],
        NOUN, ("Près de 15 000 réfugiés sont arrivés au Tchad.",
               "Quelque 2 000 déplacés ont rejoint la ville cette semaine.")),
    row("sujet_de_traversée", "sujet de traverser ou de franchir la frontière",
        [node("predicate", **lemma("traverser", "franchir")), child("predicate", "counted", DEP=SUBJECT)],
        PREDICATE, ("Environ 2 000 personnes ont traversé la frontière.",
                    "Quelque 600 civils ont franchi le fleuve vers le pays voisin.")),
    row("demande_d_asile", "sujet de demander l'asile",
        [node("predicate", **lemma("demander", "solliciter", "déposer")), child("predicate", "counted", DEP=SUBJECT),
         {"LEFT_ID": "predicate", "REL_OP": ">>", "RIGHT_ID": "asylum", "RIGHT_ATTRS": {"LOWER": "asile"}}],
        ASYLUM, ("Quelque 3 000 personnes ont demandé l'asile le mois dernier.",
                 "Près de 800 Érythréens ont demandé l'asile à la frontière.")),
    # -- who a clause says moved: relative and participial clauses --------------------------------------------------
    row("relative", "le nom d'une relative dont le verbe déplace",
        [node("counted"), child("counted", "predicate", DEP="acl:relcl", **lemma(MOVING, SHELTERING))],
        PREDICATE, ("Les 2 000 personnes qui ont fui les violences sont arrivées en ville.",
                    "On compte 1 800 familles qui ont été évacuées de l'île.")),
    row("logements_détruits", "des logements dits détruits ou endommagés",
        [node("counted"), child("counted", "predicate", DEP={"IN": ["amod", "acl"]},
                               **lemma(HOUSING, "détruit", "endommagé", "effondré", "inondé"))],
        PREDICATE, ("On dénombre 2 000 maisons détruites le long de la côte.",
                    "Les équipes ont recensé 1 300 habitations endommagées."), housing=True),
    row("participiale", "le nom d'une participiale: déplacées par, fuyant",
        [node("counted"), child("counted", "predicate", DEP={"IN": ["acl", "amod"]},
                               **lemma(MOVING, SHELTERING, HOUSING, STATE_WORDS))],
        PREDICATE, ("Les 1 500 personnes déplacées par les inondations ont besoin d'aide.",
                    "Quelque 5 000 civils fuyant les combats ont été recensés.")),
    # -- made to move, or said to be about to: control and modal verbs ----------------------------------------------------
    row("sujet_du_verbe_modal", "sujet d'un verbe modal dont l'infinitif déplace: pourraient être déplacées",
        [node("control", **lemma("pouvoir", "devoir", "risquer", "aller", "sembler", "continuer", "commencer")),
         child("control", "counted", DEP=SUBJECT),
         child("control", "predicate", DEP={"IN": ["xcomp", "ccomp"]}, **lemma(MOVING, SHELTERING))],
        PREDICATE, ("Plus de 10 000 personnes pourraient être déplacées par la crue.",
                    "Environ 5 000 habitants devraient être évacués demain.")),
    row("objet_de_contrainte", "objet d'un verbe qui contraint à partir: a contraint 5 000 personnes à fuir",
        [node("control", **lemma(sorted(CONTROL_LEMMAS_FR))), child("control", "counted", DEP=OBJECT),
         child("control", "predicate", DEP={"IN": ["xcomp", "advcl", "obl", "obl:arg", "obl:mod", "ccomp"]},
               **lemma(MOVING))],
        PREDICATE, ("Les combats ont forcé 5 000 personnes à fuir leurs villages.",
                    "L'armée a obligé 2 000 habitants à quitter la zone."),
        alternatives=([node("control", **lemma(sorted(CONTROL_LEMMAS_FR))), child("control", "counted", DEP=OBJECT),
                       child("counted", "predicate", DEP={"IN": ["nmod", "acl"]}, **lemma(MOVING))],)),
    row("sujet_de_contrainte", "sujet d'un passif de contrainte: ont été contraintes de quitter",
        [node("control", **lemma(sorted(CONTROL_LEMMAS_FR))), child("control", "counted", DEP=SUBJECT),
         child("control", "predicate", DEP={"IN": ["xcomp", "advcl", "ccomp", "obl", "obl:arg", "nmod"]},
               **lemma(MOVING))],
        PREDICATE, ("Environ 3 000 personnes ont été contraintes de quitter leur domicile.",
                    "Quelque 900 familles ont été forcées de fuir vers le sud.")),
    # -- without a home ---------------------------------------------------------------------------------------------------
    row("laissés_sans_abri", "objet de laisser sans abri",
        [node("control", **lemma("laisser", "retrouver", "rendre")), child("control", "counted", DEP={"IN": ["nsubj", "nsubj:pass", *OBJECT["IN"]]}),
         {"LEFT_ID": "control", "REL_OP": ">>", "RIGHT_ID": "predicate",
          "RIGHT_ATTRS": {"LOWER": {"IN": ["abri", "sans-abri", "toit"]}}}],
        HOMELESS, ("Les pluies ont laissé 3 000 personnes sans abri.",
                   "Quelque 1 100 familles se retrouvent sans abri après l'incendie.")),
    row("être_sans_abri", "sujet d'être sans abri",
        [node("predicate", LOWER={"IN": ["abri", "sans-abri", "abris"]}), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "cop", DEP="cop")],
        HOMELESS, ("Quelque 2 000 personnes sont sans abri après le séisme.",
                   "Plus de 700 familles étaient sans abri à la tombée de la nuit.")),
    row("à_la_belle_étoile", "sujet de dormir ou vivre dehors: à la belle étoile, en plein air",
        [node("predicate", **lemma("dormir", "vivre", "passer", "rester")), child("predicate", "counted", DEP="nsubj"),
         child("predicate", "open", DEP={"IN": ["obl:arg", "obl:mod", "obl"]}, LOWER={"IN": ["étoile", "air"]})],
        HOMELESS, ("Plus de 600 familles dorment à la belle étoile depuis le séisme.",
                   "Environ 1 500 personnes vivent en plein air depuis le tremblement de terre."),
        alternatives=([node("predicate", **lemma("dormir", "vivre", "passer", "rester")),
                       child("predicate", "counted", DEP="nsubj"),
                       child("predicate", "open", DEP={"IN": ["fixed", "advmod"]}, LOWER="dehors")],)),
    row("bilan_des_déplacés", "le chiffre qu'atteint le nombre des déplacés",
        [node("verb", **lemma("atteindre", "passer", "dépasser", "élever", "grimper", "franchir", "porter")),
         child("verb", "subject", DEP={"IN": ["nsubj", "nsubj:pass"]}, **lemma("nombre", "total")),
         child("subject", "predicate", DEP="nmod", **lemma("déplacé", "réfugié", "sinistré", "évacué", "pdi")),
         child("verb", "counted", DEP={"IN": ["obj", "obl:arg", "obl:mod", "obl"]})],
        PREDICATE, ("Le nombre de déplacés a atteint 1,2 million, selon les autorités.",
                    "Le nombre de sinistrés s'élève désormais à 14 000.")),
    row("perte_du_logement", "sujet de perdre sa maison",
        [node("predicate", **lemma("perdre")), child("predicate", "counted", DEP=SUBJECT),
         child("predicate", "home", DEP="obj", **lemma("maison", "logement", "domicile", "toit", "habitation"))],
        HOMELESS, ("Quelque 3 400 personnes ont perdu leur maison dans l'incendie.",
                   "Plus de 800 familles ont perdu leur logement.")),
    # -- the evacuation of N -----------------------------------------------------------------------------------------------
    row("processus_de", "le complément d'un nom de processus: l'évacuation de N, la destruction de N",
        [node("predicate", **lemma(sorted(k for k, v in PROCESS_NOUN_TERMS_FR.items() if v))),
         child("predicate", "counted", DEP="nmod")],
        PREDICATE, ("Les autorités ont ordonné l'évacuation de 8 000 habitants.",
                    "La crue a provoqué la destruction de 1 300 maisons.")),
    row("arrivée_de", "le complément de l'arrivée de: réfugiés ou déplacés qui arrivent",
        [node("predicate", **lemma("arrivée", "afflux", "flux")), child("predicate", "counted", DEP="nmod")],
        NOUN, ("Les autorités signalent l'arrivée de 6 000 réfugiés à la frontière.",
               "Le HCR s'inquiète de l'afflux de 10 000 déplacés dans la ville.")),
    # -- the noun phrase alone ------------------------------------------------------------------------------------------------
    row("personnes_dans_les_sites", "des personnes comptées dans des sites, camps ou abris",
        [node("counted"), child("counted", "predicate", DEP="nmod", **lemma(sorted(SHELTER_PLACE_LEMMAS_FR)))],
        SHELTER_PLACE, ("Les 3 000 familles dans les sites de la province manquent d'eau.",
                        "On compte 4 000 personnes dans des camps autour de la ville.")),
    row("nom_de_statut", "un nom qui est le terme: déplacés, réfugiés, évacués, sinistrés, PDI",
        [node("counted", **{"LOWER": {"IN": sorted(TERM_NOUNS_FR) + ["déplacés", "réfugiés", "évacués", "sinistrés",
                                                                     "demandeurs", "pdi"]}})],
        NOUN, ("Le site compte désormais 12 000 déplacés.",
               "La commune a enregistré 4 000 sinistrés.")),
)
