"""One event reported twice in an article is one figure, with the later sentence as evidence."""

from __future__ import annotations

from dataclasses import dataclass, field


from wirewatch.contracts import Evidence, Figure


@dataclass
class Found:
    """A figure before it becomes a contract object, with what merging needs."""

    figure: dict
    rank: int  # how specific its place mention is
    figure_end: int  # doc offset where its quantity ends
    evidence: list[Evidence] = field(default_factory=list)


def _compatible_category(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"displacement", "cross_border"}


def _compatible_place(a, b) -> bool:
    if a is None or b is None or a.role == "context" or b.role == "context":
        return True
    if a.text.casefold() == b.text.casefold():
        return True
    return a.kind in ("border", "country") or b.kind in ("border", "country")


def _same_vague(a: dict, b: dict) -> bool:
    """ "Thousands" is said of many groups: only the same term at the same named place is one event."""
    pa, pb = a["place_mention"], b["place_mention"]
    return (
        a["term"] == b["term"]
        and pa is not None
        and pb is not None
        and pa.role != "context"
        and pb.role != "context"
        and pa.text.casefold() == pb.text.casefold()
    )


def _merge(found: list[Found], article_id: str, language: str | None = None) -> list[Figure]:
    kept: list[Found] = []
    for item in found:
        f = item.figure
        twin = None
        if not f["additive"]:
            for other in kept:
                g = other.figure
                if (
                    (g["quantity"].min, g["quantity"].max, g["unit"])
                    == (f["quantity"].min, f["quantity"].max, f["unit"])
                    and _compatible_category(g["category"], f["category"])
                    and _compatible_place(g["place_mention"], f["place_mention"])
                    and (f["quantity"].qualifier != "vague" or _same_vague(g, f))
                    and g["sentence"] != f["sentence"]
                ):
                    twin = other
                    break
        if twin is None:
            kept.append(item)
            continue
        g = twin.figure
        twin.evidence.append(Evidence(sentence=f["sentence"], span=f["span"]))
        if item.rank > twin.rank:
            g["place_mention"] = f["place_mention"]
            twin.rank = item.rank
        if g["category"] == "displacement" and f["category"] == "cross_border":
            g["category"] = "cross_border"
        g["reported_by"] = g["reported_by"] or f["reported_by"]
        g["date"] = g["date"] or f["date"]
    figures = []
    for item in kept:
        span = item.figure["span"]
        figures.append(Figure(
            figure_id=f"{article_id}:{span.start}-{span.end}", evidence=item.evidence, language=language, **item.figure
        ))
    return figures
