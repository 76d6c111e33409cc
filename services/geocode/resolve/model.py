"""What the steps pass each other: a mention, what it resolved to, and the article's words."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from geocode.gazetteer import Candidate, distance_km


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    parts: tuple[tuple[str, float], ...]


@dataclass
class Resolved:
    candidate: Candidate | None
    confidence: float
    reason: str | None = None
    country: str | None = None  # set for border places without a candidate
    name: str | None = None
    # The best candidates as ranked (`choose.RANKING_SHOWN` of them), each with its score and every
    # feature's part of it: the evidence behind the choice, for `wirewatch enrich --explain`.
    ranking: tuple[Ranked, ...] = ()


@dataclass
class Mention:
    text: str
    start: int
    end: int
    label: str
    role: str = "in"
    kind: str | None = None      # what ner says the words are ("crossing", "border", "country")
    country: str | None = None   # the country ner read with them ("the Turkish border" -> TUR)


# Ranking asks for the same candidate-to-anchor distances again and again.
cached_distance_km = functools.lru_cache(maxsize=1 << 16)(distance_km)


@dataclass(frozen=True)
class ArticleText:
    """The words of one article that resolution reads, fixed once its mentions are collected."""

    body: str
    headline: str
    blocked: list[tuple[int, int]]    # PERSON spans: their words are never places
    mentions: list[Mention]           # place-like mentions, in body order
    language: str | None = None       # ISO 639-1 of the text: French names countries its own way
