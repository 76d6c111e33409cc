"""Message contracts: every shape that crosses a Kafka topic, defined once.

JSON Schemas in `schemas/` are generated from these models (`make schemas`) and checked for
drift in the tests (`make check-schemas`). Add fields as optional to stay backward compatible;
a breaking change gets a new topic version (see `wirewatch.topics`).

Place data derived from GeoNames (https://www.geonames.org/) is licensed CC BY 4.0.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Unit = Literal["person", "household"]
# displacement: new movement inside a country; cross_border: people at, crossing or heading to a
# border; stock: a standing refugee/IDP population; fatalities: deaths; projected: a forecast of a
# coming movement ("up to 250,000 could be displaced by the offensive"), kept for analysts but never
# read by an alert rule (rules take only displacement and cross_border).
Category = Literal["displacement", "cross_border", "stock", "fatalities", "projected"]
# IDMC reporting terms in snake_case (IDETECT's vocabulary).
Term = Literal[
    "displaced",
    "evacuated",
    "forced_to_flee",
    "homeless",
    "in_relief_camp",
    "sheltered",
    "relocated",
    "destroyed_housing",
    "partially_destroyed_housing",
    "uninhabitable_housing",
    "refugee",
    "asylum_seeker",
    "evicted",
    "sacked",
    "stranded",
    "killed",
]
PlaceKind = Literal["country", "admin1", "city", "village", "crossing", "camp", "region", "border"]
AlertStatus = Literal["new", "escalated", "updated", "resolved"]
Severity = Literal["low", "medium", "high", "critical"]
MentionRole = Literal["at", "to", "from", "in", "toward", "near", "context"]
# What marks a name the tagger missed as a place: a word for its kind ("the city of X", "X
# province", "the provinces of X and Y") or a place preposition alone ("displaced to X").
PlaceCue = Literal["kind_word", "preposition"]


class Contract(BaseModel):
    """Base for messages: unknown fields are refused so producers notice typos early."""

    model_config = ConfigDict(extra="forbid")


class Span(Contract):
    start: int = Field(ge=0, description="Character offset in the article body (inclusive).")
    end: int = Field(ge=0, description="Character offset in the article body (exclusive).")


class Source(Contract):
    """One outlet that published the story; a republished story adds a source."""

    provider: str | None = Field(None, description="Agency or outlet, e.g. 'AFP', 'Reuters'.")
    url: str | None = None
    received_at: datetime | None = None


class Dateline(Contract):
    """'BEIRUT (AFP) -': where the report was filed, never where events happened."""

    place: str | None = None
    provider: str | None = None
    text: str = Field(description="The dateline as printed, removed from the body.")


class Article(Contract):
    """A clean, de-duplicated article as published by ingest."""

    article_id: str = Field(description="Deterministic id: hash of the normalised content.")
    source_id: str | None = Field(None, description="The id the submitter gave, unchanged.")
    headline: str = ""
    body: str
    language: str | None = Field(None, description="ISO 639-1 code; non-English is kept and labelled.")
    published_at: datetime | None = Field(None, description="UTC.")
    received_at: datetime = Field(description="When ingest accepted it (UTC).")
    url: str | None = None
    dateline: Dateline | None = None
    sources: list[Source] = Field(default_factory=list)
    is_summary: bool = Field(
        False, description="The body is the item's description (a lead or summary): the provider sent no full text "
        "(ninjs `descriptions`, NewsML-G2 `description`)."
    )


class Entity(Contract):
    text: str
    label: str = Field(description="spaCy label (GPE, LOC, FAC, ORG, NORP, PERSON, ...) or CROSSING.")
    start: int
    end: int


class Quantity(Contract):
    """How many. 'up to 20,000' -> min null, max 20000; 'tens of thousands' -> 10000..99999."""

    min: int | None = None
    max: int | None = None
    qualifier: Literal["exact", "approximate", "at_most", "at_least", "range", "vague"] = "exact"
    text: str = Field(description="The quantity as written.")


class PlaceMention(Contract):
    """Words that name a place, for the geocoder: a figure's place, or a name the tagger missed."""

    text: str
    start: int
    end: int
    role: MentionRole = "in"
    kind: PlaceKind | None = Field(None, description="What ner read it as: country, border, crossing, camp; null if unsure.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 the words imply ('the Turkish border' -> TUR).")
    as_written: str | None = Field(
        None, description="The reference as printed when `text` was resolved from context ('his country' -> text 'Turkey')."
    )
    cue: PlaceCue | None = Field(
        None, description="For a name the tagger missed: the words that mark it as a place, a word for its kind "
        "('the city of X') or a place preposition alone ('fled to X', less sure). Null otherwise.",
    )


class Place(Contract):
    """A resolved place. `geonames_id` credits GeoNames (CC BY 4.0)."""

    name: str
    kind: PlaceKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-3.")
    admin1: str | None = Field(None, description="Name of the first-level area (governorate, province, state).")
    admin1_code: str | None = Field(None, description="GeoNames admin1 code, e.g. 'SY.09'.")
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    crossing_id: str | None = Field(None, description="Id in the curated border-crossing file.")
    countries: list[str] | None = Field(
        None, description="Every country a crossing or border joins (alpha-3); `country` is the side of the coordinates."
    )
    confidence: float = Field(1.0, ge=0, le=1)
    mention: str | None = Field(None, description="The words in the article the place was read from.")
    mention_span: Span | None = None
    mention_role: MentionRole | None = Field(None, description="How the figure relates to the place.")


class Evidence(Contract):
    sentence: str
    span: Span


class Figure(Contract):
    """One displacement-relevant figure read from an article."""

    figure_id: str = Field(description="Deterministic within the article.")
    quantity: Quantity
    unit: Unit
    term: Term
    category: Category = Field(
        description="displacement (new movement inside a country), cross_border (at, crossing or heading to a "
        "border), stock (a standing refugee/IDP population), fatalities, or projected (a forecast of a coming "
        "movement, e.g. 'could be displaced', 'expected to flee': never feeds alerts)."
    )
    additive: bool = Field(False, description="'another 10,000': adds to what was reported before.")
    cumulative: bool = Field(False, description="A running total since some start ('so far').")
    sentence: str
    span: Span = Field(description="Span of the quantity in the body.")
    place_mention: PlaceMention | None = None
    place_mentions: list[PlaceMention] = Field(
        default_factory=list,
        description="Every place named in the figure's own clause, each with the role the sentence's parse gives "
        "it: in/at, from (origin), to/toward (destination), near (context only).",
    )
    rule: str | None = Field(
        None, description="Name of the construction that read the figure (services/ner/figures/constructions.py "
        "and constructions_fr.py), or of the word rule ('words:<trigger kind>').",
    )
    language: str | None = Field(None, description="ISO 639-1 code of the text the figure was read from.")
    place: Place | None = Field(None, description="Filled by geocode.")
    unresolved_reason: str | None = Field(None, description="Why geocode left the place empty.")
    date: str | None = Field(None, description="Date of the event if stated (ISO 8601 or as written).")
    reported_by: str | None = Field(None, description="Who said it: 'OCHA', 'the Syrian Observatory'.")
    evidence: list[Evidence] = Field(
        default_factory=list, description="Further sentences reporting the same figure in this article."
    )


class ExtractedArticle(Contract):
    """NER output: the article with its entities and figures (places not yet resolved)."""

    schema_version: int = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    cued_places: list[PlaceMention] = Field(
        default_factory=list, description="Names the tagger left untagged, or tagged as a person or an "
        "organisation, that the words around them mark as places, in body order (role 'context'; `cue` says "
        "which words). Geocode resolves them with the place entities: it does not read the text for names.",
    )
    model: str = Field(description="spaCy model name and version that read it.")
    extracted_at: datetime
    language: str | None = Field(None, description="ISO 639-1 code of the pipeline that read the article.")
    unread_reason: str | None = Field(
        None, description="Why no figure could be read: the article's language has no pipeline "
        "('no pipeline for language de'). Null when the article was read.",
    )


class EnrichedArticle(Contract):
    """Geocode output: what downstream systems subscribe to. Figures carry resolved places."""

    schema_version: int = SCHEMA_VERSION
    article_id: str
    source_id: str | None = None
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list, description="Every place resolved in the article.")
    model: str
    enriched_at: datetime


class AlertPlace(Contract):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: PlaceKind
    admin1: str | None = None
    admin1_code: str | None = None
    geonames_id: int | None = None
    crossing_id: str | None = None


class AlertFigure(Contract):
    min: int | None = None
    max: int | None = None
    unit: Unit = "person"
    category: Category
    estimate: int | None = Field(None, description="The number compared with the rule's thresholds (people).")


class AlertEvidence(Contract):
    article_id: str
    sentence: str
    provider: str | None = None
    url: str | None = None
    reported_by: str | None = None
    published_at: datetime | None = None
    place_name: str | None = Field(None, description="The place the sentence's figure is about.")
    quantity_text: str | None = Field(None, description="The quantity as written in the sentence.")
    counted: bool | None = Field(
        None, description="True: part of the estimate; false: context (superseded, or inside a wider figure).")


class AlertEvent(Contract):
    """One lifecycle event of an alert. `alert_id` names the situation; `event_id` the event."""

    schema_version: int = SCHEMA_VERSION
    alert_id: str = Field(description="Deterministic: rule + place + window start.")
    event_id: str = Field(description="Deterministic: alert_id + status + level; dedup key for consumers.")
    rule: str
    severity: Severity
    status: AlertStatus
    place: AlertPlace
    figure: AlertFigure
    sources_count: int = Field(ge=0, description="Independent articles supporting the figure.")
    window_start: datetime
    window_end: datetime
    evidence: list[AlertEvidence]
    emitted_at: datetime
    previous_alert_id: str | None = Field(None, description="On 'new': the last resolved alert for the same situation.")
    summary: str | None = Field(None, description="One line for humans: level, figure, place, sources.")


class DeadLetter(Contract):
    """A message a service could not process, kept whole with the reason."""

    schema_version: int = SCHEMA_VERSION
    service: str
    topic: str | None = Field(None, description="Where the message came from (null for HTTP input).")
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    original: str = Field(description="The original bytes, base64.")
    reason: str = Field(description="What was wrong, for a human.")
    error_type: str
    failed_at: datetime
