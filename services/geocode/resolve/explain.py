"""What `wirewatch enrich --explain` shows of a figure's place: the words it was read from and the
best candidates of those words, each with its score and the features that made it."""

from __future__ import annotations

from geocode.gazetteer import Gazetteer
from geocode.resolve.model import Resolved
from wirewatch.contracts import EnrichedArticle, ExtractedArticle


def candidates_line(words: str, result: Resolved) -> str:
    """'Homs -> Homs (admin1, SYR) 0.85 | Homs admin1 SYR 14.20 = kind_fits_words +3.00, ...; ...'"""
    chosen = result.candidate
    head = f"{words} -> " + (f"{chosen.name} ({chosen.kind}, {chosen.country}) {result.confidence:.2f}"
                             if chosen is not None else f"none ({result.reason})")
    ranked = []
    for r in result.ranking:
        parts = ", ".join(f"{name} {value:+.2f}" for name, value in r.parts if value)
        ranked.append(f"{r.candidate.name} {r.candidate.kind} {r.candidate.country} {r.score:.2f} = {parts}")
    return head + (" | " + "; ".join(ranked) if ranked else "")


def evidence_lines(enriched: EnrichedArticle, gazetteer: Gazetteer) -> dict[str, str]:
    """For each figure id of an enriched article, its `candidates_line`: the resolution is run again
    on what ner gave (cheap next to the parse), so the output contract carries no ranking."""
    from geocode.resolve import enrich

    extracted = ExtractedArticle(article=enriched.article, entities=enriched.entities, model=enriched.model,
                                 figures=[f.model_copy(update={"place": None, "unresolved_reason": None})
                                          for f in enriched.figures],
                                 extracted_at=enriched.enriched_at)
    evidence: dict[str, tuple[str, Resolved]] = {}
    enrich(extracted, gazetteer, evidence)
    return {figure_id: candidates_line(words, result) for figure_id, (words, result) in evidence.items()}
