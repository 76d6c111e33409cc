"""What ner's parse says of the places in a figure's own clause (`Figure.place_mentions`): the role
of each, in/at, from (origin), to/toward (destination) or near (context only). Where these roles
cover a case, the figure rules read them instead of the words around the names."""

from __future__ import annotations

from geocode.resolve.model import Mention, Resolved
from wirewatch.contracts import Figure


def role_of(figure: Figure, start: int, end: int) -> str | None:
    """The role of the innermost place phrase of the figure's clause that holds [start, end): "from
    their homes in Kalehe" gives Kalehe the role "in"; None when no phrase holds it."""
    holding = [p for p in figure.place_mentions if p.start <= start and end <= p.end]
    return min(holding, key=lambda p: p.end - p.start).role if holding else None


def context_only(figure: Figure, mention: Mention) -> bool:
    """Whether the parse gives the mention only as context ("near the border with B"): such a place
    is not where the figure is while the clause names another."""
    return role_of(figure, mention.start, mention.end) == "near"


def clause_place(figure: Figure, resolved: list[tuple[Mention, Resolved]], roles: tuple[str, ...],
                 exclude: Mention | None = None) -> tuple[Mention, Resolved] | None:
    """The first resolved place of the figure's clause whose role is one of `roles`, as a mention
    with that role ("displaced from A into B district": B for ("to", "toward"), A for ("from",))."""
    for m, r in sorted(resolved, key=lambda mr: mr[0].start):
        if r.candidate is None or r.candidate.kind == "border" or (exclude is not None and m.start == exclude.start):
            continue
        role = role_of(figure, m.start, m.end)
        if role in roles:
            return Mention(m.text, m.start, m.end, m.label, role), r
    return None
