"""Resolve the places an article names, then give each figure its place.

    enrich(extracted, gazetteer) -> EnrichedArticle

A name alone is ambiguous ("Geneva": 15 places, "Kafin": a town in Armenia by an alternate name),
so every mention is read in the article's context:

1. The article's countries: country names and nationality words anywhere in it ("Syrians",
   "the Turkish border"), outside PERSON spans -- inside organisation names
   ("Revolutionary Armed Forces of Colombia") at half weight, before "forces"/"strikes"
   ("Russian forces advanced") at less, "Congo" half for each Congo; the address it was
   published at (ReliefWeb's country page; weakly, a national domain) and the country it was
   filed in ("MAIDUGURI, Nigeria (Reuters)"; weakly, "KABUL"); then what its place names agree
   on, each weighted by the size of its places ("Cerrito" + "Santander" -> Colombia; "Pokrovsk":
   mostly Ukraine's city, a little Russia's village; "Darfur", in no index, is the common part
   of North, South and West Darfur: Sudan), and what the members of a list agree on
   ("Grand'Anse, Sud and Nippes": each also a place elsewhere, together only Haiti's provinces).
   In French copy, French country names ("Tchad") and lower-case nationality words ("les
   réfugiés centrafricains") count too. A country named only as a border's far side ("near the
   border with Pakistan", "la frontière avec le Mali") or as the nationality of refugees
   ("Nigerian refugees arrived in Diffa") also lends its land neighbours (GeoNames' country
   info): the place spoken of lies beside it. A French name loses the word for its kind ("la
   région de Diffa").
2. Place-like mentions: GPE/LOC/FAC and the ruler's labels (never a PERSON span: "Linda Tom"),
   plus the names ner marked because cue words make them places (`cued_places`: "displaced to
   Chibok town"; a one-word PERSON only when a place word follows: "in Rakhine state"; geocode
   reads no text for names and no dateline: ingest cut it), plus whole PERSON/ORG/NORP
   spans that can only be a province of one country ("Amhara") or, unless a PERSON, a sizeable
   town of one country ("Malakal" ORG), each name of a span that lists them ("Sud and Nippes"
   ORG), the province an armed group is named after ("Karen National Union", a weak hint),
   and any name after "the city/district/... of" whatever its label ("the city of Kunduz"), each
   member of "the provinces of A, B and C". Never continents and world regions ("Africa", "the
   Balkans"), nor a person's surname repeated alone ("Simon Bingo ... Bingo says"). Names that
   PDF extraction damaged are read by their repairs ("Choc\u2019_" -> Chocó, "Kouitown" -> Koui).
   Candidates are scored by the share of the article's attention their country has, the
   distance to places already resolved in the article (never to the same name elsewhere), lying
   in a province the article names, primary over alternate names, kind hints around the words
   ("Latakia province" -> admin1, "Bulilima district" -> region, "the town of" -> city), then
   population. A first pass finds anchors; a second re-scores with distances to them.
3. A best candidate outside the article's countries is accepted only if it is a primary-name
   match of a large place (Geneva, Moscow); a candidate inside them matched by as good a name
   wins over one known abroad only by an alternate name ("Ras al-Ain": the Syrian town, not
   Turkish Ceylanpınar, also called so); otherwise the mention stays unresolved with a reason,
   because a place on the wrong continent is worse than none. With no country to go on, only a
   name spelled as GeoNames spells it, of a major city or a town ten times its namesakes' size.
   Candidates are ranked by a table of named, weighted features (`features.FEATURES`). The
   evidence is "split" when the best place of another country scores within `choose.SPLIT_MARGIN`
   (0.5) of the best: then the mention stays unresolved, and only then does unresolved beat a
   choice whose countries the article names.
4. "the border"/"the Turkish border"/"the frontier" -> a curated crossing the article names (or
   one near its places) on that country's border; failing that, a `border` place without
   coordinates.
5. Each figure takes the place of its `place_mention` (from ner). When ner named a place the
   gazetteer lacks, the figure gets the area holding it ("Ulang, in Upper Nile state" -> Upper
   Nile) or else its country, and keeps ner's words as `mention`: another place of the sentence
   would be a different place. Without a mention, or when ner only fell back on context, the
   best place in its sentence (most specific, then after the number, then nearest); a movement
   "to" a country is recorded where it started if the sentence says; then an unknown name of
   its sentence, held as above; then the place named just before it (or just after, in the
   same paragraph); then a one-word PERSON of its sentence that can only be a sizeable town
   ("Kutkai was hosting ..."); then the article's main country.
   A figure whose sentence spans many provinces or towns ("slammed eight provinces", "over 130
   cities") takes no place of another sentence, and a country-level figure keeps the article's
   words for the part it is about ("southern Brazil"); "across the state" is the state the
   article named last.
   ner's parse gives every place of the figure's own clause a role (`Figure.place_mentions`, read
   in `roles.py`): a cross-border flow goes to its destination, displacement is counted at its
   origin, and a place named only as context ("near the border with B") neither becomes the
   figure's place nor lends it its country; the words are read only where the roles are silent.
   Within the sentence, what its words say overrides: the place it opens with ("In Pursat,
   40 huts ..., while in Kampot, ...") unless ner's place lies inside it alone
   (not one of "A and B"); where people crossed ("into Chad at Adre": the crossing there);
   "Ethiopia's Somali region" over Ethiopia; a place of the sentence inside the country the
   figure was placed at, which its words locate something in ("Au Mali, ... dans la région de
   Mopti"), over the country; the place of the event over a later destination
   ("Clashes around Kunduz uprooted 24,000 people, who went on to Kabul"; "fled from A to B" is A);
   home over the country returnees came back from; where "the majority" is (in this or a next
   sentence about the same people); and a list's first member ("flooding in Afar, Amhara, ...
   and Oromia"), which reports name first as the worst hit.

The dateline ("BEIRUT (AFP) -") is where the report was filed and is never an event place; its
country only leans the reading of the article's names.
"""

from __future__ import annotations

from datetime import UTC, datetime

from geocode.gazetteer import Gazetteer
from geocode.resolve.candidates import resolve_all
from geocode.resolve.context import Context, filed_in, source_countries
from geocode.resolve.figure import place_figure, place_key, to_place
from geocode.resolve.mentions import article_mentions, listed_parts
from geocode.resolve.model import ArticleText
from wirewatch.contracts import EnrichedArticle, ExtractedArticle, Place


__all__ = ["enrich", "filed_in", "source_countries"]


def enrich(extracted: ExtractedArticle, gazetteer: Gazetteer, evidence: dict | None = None) -> EnrichedArticle:
    """Set each figure's `place` (or `unresolved_reason`) and list every place resolved in the article.

    With `evidence` (a dict), also record for each figure id the words its place was read from and
    the resolution behind it, with the ranked candidates: see `explain.candidates_line`."""
    article = extracted.article
    body = article.body
    # Ingest took the dateline out of the body: where the report was filed is context, never a place.
    mentions, blocked = article_mentions(extracted, gazetteer)
    doc = ArticleText(body, article.headline or "", blocked, mentions, article.language)
    filed = article.dateline.place if article.dateline is not None else None
    ctx = Context(source=source_countries(article.url, gazetteer) + filed_in(filed, gazetteer))
    listed = listed_parts(extracted.entities, mentions)
    resolved = resolve_all(gazetteer, doc, ctx, listed)

    places: dict[tuple, Place] = {}
    for mention, result in resolved:
        if result.candidate is not None:
            place = to_place(gazetteer, result, mention)
            places.setdefault(place_key(place), place)

    figures = [place_figure(gazetteer, doc, ctx, figure, resolved, evidence) for figure in extracted.figures]
    for figure in figures:
        if figure.place is not None:
            places.setdefault(place_key(figure.place), figure.place)

    return EnrichedArticle(
        article_id=article.article_id,
        source_id=article.source_id,
        article=article,
        entities=extracted.entities,
        figures=figures,
        places=list(places.values()),
        model=extracted.model,
        enriched_at=datetime.now(UTC),
    )
