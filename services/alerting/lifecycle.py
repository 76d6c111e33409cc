"""The alert lifecycle of one situation, as pure functions over a JSON-serialisable state.

    observe(state, observation, rule, now) -> (state, events)   an article's reports arrive
    expire(state, rule, now)               -> (state, events)   the periodic tick

Times: a report is dated by when wirewatch received its article (`Article.received_at`), a
value fixed at ingest, so a redelivered message is judged exactly as the first time; `now` only
stamps `emitted_at` and, in `expire`, says how late it is.

Lifecycle (one open alert per situation at a time, its "episode"):
- `new` when the estimate first reaches a threshold; the alert id is fixed then, from the rule,
  the situation key and the start of the window (the oldest report counted).
- `escalated` when the estimate reaches a higher level. Levels never go down within an episode.
- `updated` at the same level only when the estimate has grown by the rule's `update_growth`
  since the last event: a tenth outlet repeating the figure is not news.
- `resolved` when the window passes without a new report (the tick, or the next report if it
  comes later than that).
An article already seen by the situation (same article_id, redelivered or re-ingested) changes
nothing and raises nothing. Event ids are derived from the alert id, status and level, so a
consumer can drop the repeats that at-least-once delivery may still produce.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from alerting.estimate import EMPTY, MAX_EVIDENCE, Estimate, estimate, newest_first
from alerting.rules import LEVELS, Rule
from alerting.situations import Observation, Report
from wirewatch.contracts import (AlertEvent, AlertEvidence, AlertFigure, AlertPlace, AlertStatus, Category,
                                 Severity)

# Long enough to cover ingest's re-acceptance of an old story, small enough to bound the state.
SEEN_FOR = timedelta(days=90)
SEEN_MAX = 2000


# State models ignore unknown fields: a table written by a newer version must still load after a
# rollback, and the changelog outlives any one release.


class OpenAlert(BaseModel):
    model_config = ConfigDict(extra="ignore")

    alert_id: str
    severity: Severity
    window_start: datetime
    people: int  # the estimate when the last event went out, for the update test


class SituationState(BaseModel):
    """Everything one situation remembers; the value of the alerting table, keyed by `key`."""

    model_config = ConfigDict(extra="ignore")

    key: str
    rule: str
    place: AlertPlace
    reports: list[Report] = []
    seen: dict[str, datetime] = {}
    last_report_at: datetime | None = None
    alert: OpenAlert | None = None
    previous_alert_id: str | None = None
    partition: int | None = None  # the stream partition that owns the key (set by the app)

    def dumps(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def loads(cls, data: bytes | str | None) -> "SituationState | None":
        return cls.model_validate_json(data) if data else None


def observe(state: SituationState | None, observation: Observation, rule: Rule,
            now: datetime) -> tuple[SituationState, list[AlertEvent]]:
    """Fold one article's reports about a situation into its state."""
    now = _utc(now)
    if state is None:
        state = SituationState(key=observation.key, rule=observation.rule, place=observation.place)
    if observation.article_id in state.seen or not observation.reports:
        return state, []
    reports = [r.model_copy(update={"reported_at": _utc(r.reported_at)}) for r in observation.reports]
    at = max(r.reported_at for r in reports)
    events: list[AlertEvent] = []
    if state.alert and state.last_report_at and at >= state.last_report_at + rule.window:
        state, events = _resolve(state, rule, now)
    seen = _remember(state.seen, observation.article_id, at)
    if state.last_report_at and at <= state.last_report_at - rule.window:
        # Older than the window the situation is in: remembered, never counted.
        return state.model_copy(update={"seen": seen}), events

    last = max(state.last_report_at or at, at)
    kept = [r for r in state.reports + reports if r.reported_at > last - rule.window]
    place = observation.place if _richer(observation.place, state.place) else state.place
    state = state.model_copy(update={"reports": kept, "seen": seen, "last_report_at": last, "place": place})
    current = estimate(kept)
    level = rule.severity(current.people)
    alert = state.alert
    if level is None and alert is None:
        return state, events
    if alert is None:
        start = min(r.reported_at for r in kept)
        alert = OpenAlert(alert_id=alert_id(state.key, start), severity=level, window_start=start, people=current.people)
        status: AlertStatus = "new"
    elif level is not None and LEVELS.index(level) > LEVELS.index(alert.severity):
        alert = alert.model_copy(update={"severity": level, "people": current.people})
        status = "escalated"
    elif rule.update_growth is not None and current.people >= alert.people * (1 + rule.update_growth) \
            and current.people > alert.people:
        alert = alert.model_copy(update={"people": current.people})
        status = "updated"
    else:
        return state, events
    state = state.model_copy(update={"alert": alert})
    events.append(_event(state, rule, status, current, now))
    return state, events


def expire(state: SituationState, rule: Rule, now: datetime) -> tuple[SituationState, list[AlertEvent]]:
    """The tick: resolve a quiet alert, drop reports the window has left behind.

    Returns the very same state object when nothing changed, so the caller can skip a write.
    """
    now = _utc(now)
    if state.last_report_at is None or now < state.last_report_at + rule.window:
        return state, []
    if state.alert is not None:
        return _resolve(state, rule, now)
    if state.reports:
        return state.model_copy(update={"reports": []}), []
    return state, []


def alert_id(key: str, window_start: datetime) -> str:
    rule = key.split("/", 1)[0]
    digest = hashlib.sha256(f"{key}|{_utc(window_start).isoformat()}".encode()).hexdigest()[:20]
    return f"{rule}:{digest}"


def event_id(alert: str, status: AlertStatus, severity: Severity, people: int) -> str:
    # An update at the same level is told apart by the figure it reports.
    suffix = f":{people}" if status == "updated" else ""
    return f"{alert}:{status}:{severity}{suffix}"


def _resolve(state: SituationState, rule: Rule, now: datetime) -> tuple[SituationState, list[AlertEvent]]:
    assert state.alert is not None
    event = _event(state, rule, "resolved", estimate(state.reports), now)
    resolved = state.model_copy(update={"alert": None, "reports": [], "previous_alert_id": state.alert.alert_id})
    return resolved, [event]


def _event(state: SituationState, rule: Rule, status: AlertStatus, current: Estimate, now: datetime) -> AlertEvent:
    alert = state.alert
    assert alert is not None and state.last_report_at is not None
    figure = AlertFigure(min=current.min, max=current.max, unit="person",
                         category=_category(current.reports, rule), estimate=current.people)
    return AlertEvent(
        alert_id=alert.alert_id,
        event_id=event_id(alert.alert_id, status, alert.severity, current.people),
        rule=rule.name,
        severity=alert.severity,
        status=status,
        place=state.place,
        figure=figure,
        sources_count=current.sources,
        window_start=alert.window_start,
        window_end=state.last_report_at + rule.window,
        evidence=_evidence(state.reports, current),
        emitted_at=now,
        previous_alert_id=state.previous_alert_id if status == "new" else None,
        summary=summary(rule.name, alert.severity, status, current, state.place.name),
    )


def summary(rule: str, severity: Severity, status: AlertStatus, current: Estimate, place: str) -> str:
    if current.min is None and current.max is not None:
        amount = f"up to {current.max:,}"
    elif current.min is not None and current.max is not None and current.max != current.min:
        amount = f"{current.min:,} to {current.max:,}"
    else:
        amount = f"{current.people:,}"
    sources = f"{current.sources} independent source{'s' if current.sources != 1 else ''}"
    return f"{severity} ({status}): {amount} people, {place} [{rule}], {sources}"


def _evidence(reports: list[Report], current: Estimate) -> list[AlertEvidence]:
    """What the estimate stands on, then the other reports of the window as context."""
    counted = current.evidence() if current is not EMPTY else []
    in_estimate = {(r.article_id, r.figure_id) for r in current.reports}
    shown = {(r.article_id, r.sentence) for r in counted}
    context = []
    for report in newest_first(reports):
        if (report.article_id, report.figure_id) in in_estimate or (report.article_id, report.sentence) in shown:
            continue
        shown.add((report.article_id, report.sentence))
        context.append(report)
    chosen = [(r, True) for r in counted] + [(r, False) for r in context]
    return [AlertEvidence(article_id=r.article_id, sentence=r.sentence, provider=r.provider, url=r.url,
                          reported_by=r.reported_by, published_at=r.published_at, place_name=r.place_name,
                          quantity_text=r.quantity_text, counted=counted_flag)
            for r, counted_flag in chosen[:MAX_EVIDENCE]]


def _category(reports: tuple[Report, ...], rule: Rule) -> Category:
    counts = Counter(r.category for r in reports)
    if not counts:
        return rule.categories[0]
    return max(counts, key=lambda c: (counts[c], c == rule.categories[0]))


def _remember(seen: dict[str, datetime], article_id: str, at: datetime) -> dict[str, datetime]:
    updated = {**seen, article_id: at}
    newest = max(updated.values())
    kept = sorted(((a, t) for a, t in updated.items() if t > newest - SEEN_FOR), key=lambda item: item[1])
    return dict(kept[-SEEN_MAX:])


def _richer(candidate: AlertPlace, current: AlertPlace) -> bool:
    return current.lat is None and candidate.lat is not None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
