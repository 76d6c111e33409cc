"""De-duplication: exact by content hash, near by one-permutation MinHash with LSH banding.

Exact: the article id is a hash of the normalised body (case, punctuation and whitespace
folded), so the same text always gets the same id, across restarts and ingest instances.

Near: word 3-gram shingles are summarised in a 64-bin one-permutation MinHash signature
(Li, Owen & Zhang 2012; empty bins densified by rotation, Shrivastava & Li 2014): one hash per
shingle instead of 64, combined from per-word hashes with numpy. 32 LSH bands of 2 rows find
candidates down to a Jaccard similarity of about 0.2, so that copies cut short by an outlet are
found too; candidates are then judged on the estimated Jaccard similarity and on containment of
the shorter text in the longer.

What a match means is decided here, what is published is decided by the pipeline:
- `exact` and `copy`: the same story; it adds no text worth reading again.
- `update`: the same story with new numbers or substantially more text (an agency's updated
  toll, the full story after a short one). It is treated as a new article: a copy that adds a
  figure must reach extraction, or an escalation would be missed.

Signatures use Python's `hash`, which is salted per process: they live in this process's
memory only and are recomputed from the articles topic after a restart, never stored.
"""

from __future__ import annotations

import functools
import hashlib
import re
from array import array
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from wirewatch.contracts import Source

BINS = 64
ROWS_PER_BAND = 2
BANDS = BINS // ROWS_PER_BAND
SHINGLE_WORDS = 3
_MASK64 = (1 << 64) - 1
_VALUE_BITS = 58
_EMPTY = _MASK64

# Below these sizes a text is too short for similarity to mean anything: exact matches only.
MIN_SHINGLES = 8
MIN_CONTAINED_SHINGLES = 25
NEAR_JACCARD = 0.6
NEAR_CONTAINMENT = 0.75
# A near-duplicate this much longer than what we have is the fuller story, not a copy.
LONGER_FACTOR = 1.25
MAX_SOURCES = 50
MAX_NUMBERS = 64
DEFAULT_MAX_ENTRIES = 100_000

_TOKEN = re.compile(r"\w+", re.U)
_YEAR = re.compile(r"(?:19|20)\d\d")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def content_id(body: str, words: list[str] | None = None) -> str:
    """The deterministic article id: 128 bits of SHA-256 over the normalised body."""
    words = tokens(body) if words is None else words
    canonical = " ".join(words) if words else " ".join(body.casefold().split())
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def numbers(words: list[str]) -> frozenset[str]:
    """The digit groups a text states ('12,000', '12.000' and '12 000' all give '12' and '000');
    bare years are dates, not figures."""
    found = {w for w in set(filter(str.isdigit, words)) if not (len(w) == 4 and _YEAR.fullmatch(w))}
    return frozenset(sorted(found)[:MAX_NUMBERS]) if len(found) > MAX_NUMBERS else frozenset(found)


# splitmix64's finaliser: spreads a combination of word hashes over all 64 bits, so that the low
# bits (the bin) and the high bits (the value) are independent.
_MIX_1, _MIX_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_SHIFT_30, _SHIFT_27, _SHIFT_31 = np.uint64(30), np.uint64(27), np.uint64(31)
_WEIGHT_1, _WEIGHT_2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_BIN_MASK, _VALUE_SHIFT = np.uint64(BINS - 1), np.uint64(64 - _VALUE_BITS)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Sorted 64-bit hashes of the word 3-grams, from each word's hash (computed once per word,
    not once per shingle: this is most of ingest's de-duplication cost)."""
    if len(words) < SHINGLE_WORDS:
        return np.array([hash(tuple(words))] if words else [], dtype=np.int64).view(np.uint64)
    w = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        h = w[:-2] * _WEIGHT_1 + w[1:-1] * _WEIGHT_2 + w[2:]
        h ^= h >> _SHIFT_30
        h *= _MIX_1
        h ^= h >> _SHIFT_27
        h *= _MIX_2
        h ^= h >> _SHIFT_31
    h.sort()
    return h


def signature(words: list[str]) -> tuple[array, int]:
    """One-permutation MinHash of the word shingles, and the number of distinct shingles."""
    hashes = shingle_hashes(words)
    if not len(hashes):
        return array("Q", [_EMPTY] * BINS), 0
    distinct = 1 + int(np.count_nonzero(hashes[1:] != hashes[:-1]))
    bins = np.full(BINS, _EMPTY, dtype=np.uint64)
    np.minimum.at(bins, (hashes & _BIN_MASK).astype(np.intp), hashes >> _VALUE_SHIFT)
    mins = bins.tolist()
    if _EMPTY in mins:
        # Rotation densification: an empty bin borrows from the next filled bin to its right,
        # tagged with the distance so that borrowed values only match equally borrowed ones.
        dense = list(mins)
        nearest = None
        for i in range(2 * BINS - 1, -1, -1):
            if mins[i % BINS] != _EMPTY:
                nearest = i
            elif i < BINS and nearest is not None:
                dense[i] = ((nearest - i) << _VALUE_BITS) | mins[nearest % BINS]
        mins = dense
    return array("Q", mins), distinct


def similarity(a: array, b: array) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(1 for x, y in zip(a, b) if x == y) / BINS


@dataclass(frozen=True)
class Fingerprint:
    article_id: str
    signature: array
    shingles: int
    numbers: frozenset[str]

    @functools.cached_property
    def band_keys(self) -> list[int]:
        # Computed once: looked up, then indexed under the same keys.
        return _band_keys(self.signature)


def fingerprint(body: str, words: list[str] | None = None) -> Fingerprint:
    words = tokens(body) if words is None else words
    sig, count = signature(words)
    return Fingerprint(article_id=content_id(body, words), signature=sig, shingles=count, numbers=numbers(words))


@dataclass(slots=True, eq=False)
class Entry:
    article_id: str
    signature: array
    shingles: int
    numbers: frozenset[str]
    received_at: float
    sources: list[Source] = field(default_factory=list)

    def add_source(self, source: Source) -> bool:
        """Record another outlet; False if already known or the list is full."""
        if len(self.sources) >= MAX_SOURCES:
            return False
        for known in self.sources:
            if known.provider == source.provider and known.url == source.url:
                return False
        self.sources.append(source)
        return True


MatchKind = Literal["exact", "copy", "update"]


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    kind: MatchKind
    similarity: float


def _band_keys(sig: array) -> list[int]:
    return [hash((band, sig[band * ROWS_PER_BAND], sig[band * ROWS_PER_BAND + 1])) for band in range(BANDS)]


class DedupIndex:
    """Articles seen within the window, searchable by id and by similarity. Not thread-safe;
    used from one event loop."""

    def __init__(self, window_s: float, *, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.window_s = window_s
        self.max_entries = max_entries
        self.entries: dict[str, Entry] = {}
        self._buckets: dict[int, str | list[str]] = {}
        self._order: deque[Entry] = deque()

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.entries

    def lookup(self, fp: Fingerprint, now: float) -> Match | None:
        self.evict(now)
        entry = self.entries.get(fp.article_id)
        if entry is not None:
            return Match(entry, "exact", 1.0)
        if fp.shingles < MIN_SHINGLES:
            return None
        best: Match | None = None
        for candidate_id in self._candidates(fp.band_keys):
            candidate = self.entries[candidate_id]
            if candidate.shingles < MIN_SHINGLES:
                continue
            jaccard = similarity(fp.signature, candidate.signature)
            if not self._similar(jaccard, fp.shingles, candidate.shingles):
                continue
            if best is None or jaccard > best.similarity:
                adds = bool(fp.numbers - candidate.numbers) or fp.shingles > candidate.shingles * LONGER_FACTOR + 5
                best = Match(candidate, "update" if adds else "copy", jaccard)
        return best

    @staticmethod
    def _similar(jaccard: float, a: int, b: int) -> bool:
        if jaccard >= NEAR_JACCARD:
            return True
        smaller = min(a, b)
        if smaller < MIN_CONTAINED_SHINGLES or jaccard <= 0:
            return False
        # |A∩B| = J(|A|+|B|)/(1+J); how much of the shorter text the longer one holds.
        containment = jaccard * (a + b) / (1 + jaccard) / smaller
        return containment >= NEAR_CONTAINMENT

    def _candidates(self, band_keys: list[int]) -> set[str]:
        found: set[str] = set()
        for key in band_keys:
            hit = self._buckets.get(key)
            if hit is None:
                continue
            if isinstance(hit, str):
                found.add(hit)
            else:
                found.update(hit)
        return found

    def add(self, fp: Fingerprint, received_at: float, sources: list[Source] | None = None) -> Entry:
        """Index an article (replacing an entry with the same id)."""
        if fp.article_id in self.entries:
            self.remove(fp.article_id)
        entry = Entry(fp.article_id, fp.signature, fp.shingles, fp.numbers, received_at,
                      list(sources or [])[:MAX_SOURCES])
        self.entries[entry.article_id] = entry
        self._order.append(entry)
        if fp.shingles >= MIN_SHINGLES:
            for key in fp.band_keys:
                hit = self._buckets.get(key)
                if hit is None:
                    self._buckets[key] = entry.article_id
                elif isinstance(hit, str):
                    self._buckets[key] = [hit, entry.article_id]
                else:
                    hit.append(entry.article_id)
        while len(self.entries) > self.max_entries:
            self._drop_oldest()
        return entry

    def remove(self, article_id: str) -> None:
        entry = self.entries.pop(article_id, None)
        if entry is None or entry.shingles < MIN_SHINGLES:
            return
        for key in _band_keys(entry.signature):
            hit = self._buckets.get(key)
            if hit == article_id:
                del self._buckets[key]
            elif isinstance(hit, list):
                if article_id in hit:
                    hit.remove(article_id)
                if len(hit) == 1:
                    self._buckets[key] = hit[0]

    def _drop_oldest(self) -> None:
        entry = self._order.popleft()
        # The queue may hold entries already removed or replaced: only drop the live one.
        if self.entries.get(entry.article_id) is entry:
            self.remove(entry.article_id)

    def evict(self, now: float) -> None:
        cutoff = now - self.window_s
        while self._order and (self._order[0].received_at < cutoff or self.entries.get(self._order[0].article_id)
                               is not self._order[0]):
            self._drop_oldest()
