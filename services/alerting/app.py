"""Alerting service: turns placed figures into alert lifecycle events with their evidence.

    consumes  <ns>.articles.enriched.v1                EnrichedArticle
    produces  <ns>.alerts.v1                           AlertEvent, key alert_id
    failures  <ns>.articles.enriched.v1.dlq            DeadLetter (original bytes + reason)
    internal  <ns>.alerting.situations.v1              Observation (or a tick), key = situation key
    state     table `situations` -> changelog <ns>.alerting-situations-changelog, SituationState JSON

Articles are keyed by article id, but a situation (a rule at a place) gathers many articles, so
`route` re-keys each article's observations by situation: one partition, one writer, one
changelog partition per situation. `track` folds them into the table (logic in
`alerting.lifecycle`); ticks travel the same topic so that resolution writes the table from
inside the stream too. Rules: `alerting/rules.yaml`, or WIREWATCH_RULES_PATH.

Run: python -m alerting worker -l info
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime

from alerting.lifecycle import SituationState, expire, observe
from alerting.published import PublishedEvents
from alerting.rules import load_rules
from alerting.situations import Observation, situations_for
from alerting.webhook import run as run_webhook
from geocode.gazetteer import area_points as gazetteer_area_points
from wirewatch import metrics
from wirewatch.contracts import AlertEvent, EnrichedArticle
from wirewatch.places import load_places
from wirewatch.settings import Settings
from wirewatch.topics import ALERTING_SITUATIONS_STAGE, ALERTING_TABLE, ALERTS, ARTICLES_ENRICHED, partition_counts
from wirewatch.wiring import dead_letter_topic, decode, encode, make_app, send_dead_letter, topic

log = logging.getLogger(__name__)
SERVICE = "alerting"
TICK = b"\x00tick"

settings = Settings()
PARTITIONS = partition_counts(settings.namespace, settings.partitions)[ALERTING_SITUATIONS_STAGE]
rules = load_rules(settings.rules_path)  # a bad file stops the service here, naming the line
crossing_sides = {p.id: p.countries for p in load_places(settings.extra_places) if p.kind == "crossing"}
# Points of admin1 areas and countries, for alerts on an area the article did not name itself.
area_points = gazetteer_area_points(settings.gazetteer_path)
app = make_app(SERVICE, settings)
enriched_articles = topic(app, ARTICLES_ENRICHED, settings)
alerts = topic(app, ALERTS, settings)
dead_letters = dead_letter_topic(app, SERVICE, settings)
situations = app.topic(f"{settings.namespace}.{ALERTING_SITUATIONS_STAGE}.v1", key_type=bytes, value_type=bytes,
                       partitions=PARTITIONS, internal=True)
table = app.Table(ALERTING_TABLE, key_type=bytes, value_type=bytes, partitions=PARTITIONS)
published = PublishedEvents(settings, alerts.get_topic_name())


@app.agent(enriched_articles)
async def route(stream) -> None:
    async for event in stream.events():
        enriched = await decode(event, EnrichedArticle, dead_letters, SERVICE)
        if enriched is None:
            continue
        for observation in situations_for(enriched, rules, crossing_sides, area_points):
            await situations.send(key=observation.key.encode(), value=encode(observation))


@app.agent(situations)
async def track(stream) -> None:
    async for event in stream.events():
        partition, now = event.message.partition, datetime.now(UTC)
        if event.key == TICK:
            for key, state in _states_in(partition):
                await _advance(key, state, *expire(state, rules.get(state.rule), now), partition)
            _refresh_gauges()
            continue
        try:
            observation = Observation.model_validate_json(event.value)
            rule = rules.get(observation.rule)
            if rule is None:  # the rules file changed since this was routed
                continue
            state = SituationState.loads(table.get(event.key))
            new, events = observe(state, observation, rule, now)
            log.debug("observed %s from %s at %s[%d]@%d", observation.key, observation.article_id,
                      event.message.topic, partition, event.message.offset)
        except Exception as exc:  # a bad message or a bug: kept with its reason, never dropped silently
            log.exception("situation %r failed", event.key)
            metrics.MESSAGES_FAILED.labels(service=SERVICE, topic=event.message.topic).inc()
            await send_dead_letter(dead_letters, SERVICE, event, exc)
            continue
        # Broker errors are not caught: the worker stops and the input is replayed on restart.
        await _advance(event.key, state, new, events, partition)
        if events and observation.reports:
            received = max(report.reported_at for report in observation.reports)
            metrics.END_TO_END_SECONDS.labels(stage="alert").observe((now - received).total_seconds())


@app.timer(interval=settings.alert_tick_s, on_leader=True)
async def tick() -> None:
    # One tick per partition, so each partition's situations are expired by their own writer.
    # It carries nothing: resolution reads the clock when the tick is processed.
    for partition in range(PARTITIONS):
        await situations.send(key=TICK, value=b"{}", partition=partition)


if settings.webhook_url:
    @app.task
    async def webhook_sink() -> None:
        await run_webhook(settings)  # its own consumer group: commits only what the receiver took


@app.on_partitions_assigned.connect
async def _reassigned(app, assigned, **kwargs) -> None:
    published.invalidate()


async def _advance(key: bytes, old: SituationState | None, new: SituationState, events: list[AlertEvent],
                   partition: int) -> None:
    # Events first, acknowledged, then the state: a crash in between replays the input, and the
    # replayed events are recognised on the alerts topic instead of being lost or doubled.
    for alert in events:
        if await published.contains(alert.event_id):
            continue
        await (await alerts.send(key=alert.alert_id.encode(), value=encode(alert)))
        published.add(alert.event_id)
        metrics.MESSAGES_PRODUCED.labels(service=SERVICE, topic=alerts.get_topic_name()).inc()
        metrics.ALERT_EVENTS.labels(rule=alert.rule, severity=alert.severity, status=alert.status).inc()
        metrics.track_alert_event(alert)
        log.info("%s %s", alert.event_id, alert.summary)
    if new is not old or new.partition != partition:
        table[key] = new.model_copy(update={"partition": partition}).dumps()


def _states_in(partition: int) -> list[tuple[bytes, SituationState]]:
    states = ((key, SituationState.loads(value)) for key, value in list(table.items()))
    return [(key, s) for key, s in states if s and s.partition == partition and rules.get(s.rule)]


def _refresh_gauges() -> None:
    # The table is the truth (a restarted worker starts with empty gauges); count only the
    # partitions this worker owns, standby copies are another worker's.
    owned = {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == situations.get_topic_name()}
    open_alerts = [s for _, value in list(table.items())
                   if (s := SituationState.loads(value)) and s.alert and s.partition in owned]
    metrics.ACTIVE_ALERTS.clear()
    for (rule, severity), count in Counter((s.rule, s.alert.severity) for s in open_alerts).items():
        metrics.ACTIVE_ALERTS.labels(rule=rule, severity=severity).set(count)
    for s in open_alerts:
        metrics.set_alert_figure(s.rule, s.place.name, s.place.country, s.place.lat, s.place.lon, s.alert.people)
