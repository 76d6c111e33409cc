"""The ACL table (wirewatch.acls): least privilege derived from the topic registry, and the README's
table generated from it."""

from __future__ import annotations

import re
from pathlib import Path

from wirewatch.acls import ADMIN, SUBSCRIBER, USERS, grants, kafka_acls_commands, markdown_table
from wirewatch.topics import ALERTS, PIPELINE, SERVICE_INPUT, SERVICES, all_topic_names

ROOT = Path(__file__).resolve().parents[2]
NS = "wirewatch"


def allowed(user: str, operation: str, topic: str) -> bool:
    return any(g.user == user and g.resource == "topic" and g.operation == operation
               and (topic == g.name if g.pattern == "literal" else topic.startswith(g.name))
               for g in grants(NS))


def test_the_readme_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- acls:begin[^>]*-->\n(.*?)<!-- acls:end -->", readme, re.S)
    assert found, "README.md has no acls:begin/acls:end block"
    assert found.group(1) == markdown_table(NS), "regenerate it: python -m wirewatch.acls table"


def test_each_service_reads_its_input_and_writes_its_output_and_dead_letters():
    for spec in PIPELINE:
        for consumer in spec.consumers:
            assert allowed(consumer, "Read", spec.name(NS))
        assert allowed(spec.producer, "Write", spec.name(NS))
    for service, spec in SERVICE_INPUT.items():
        assert allowed(service, "Write", spec.dead_letter_name(NS))


def test_every_topic_is_written_by_exactly_one_user():
    """Nobody forges another service's output: one writer per topic, and only the admin besides."""
    for topic in all_topic_names(NS):
        writers = [user for user in USERS if allowed(user, "Write", topic)]
        assert len(writers) == 1, (topic, writers)


def test_no_service_reads_what_it_has_no_business_with():
    assert not allowed("ner", "Read", ALERTS.name(NS))
    assert not allowed("ingest", "Read", f"{NS}.alerting-situations-changelog")
    for service in SERVICES:
        others = [g for g in grants(NS) if g.user == service and g.pattern == "prefixed"]
        assert {g.name for g in others} == {f"{NS}.{service}"}


def test_the_subscriber_only_reads():
    mine = [g for g in grants(NS) if g.user == SUBSCRIBER]
    assert {g.operation for g in mine} == {"Read"}
    assert {g.name for g in mine if g.resource == "topic"} == {f"{NS}.articles.enriched.v1", ALERTS.name(NS)}


def test_nobody_but_the_admin_may_create_alter_or_act_on_the_cluster():
    assert {g.operation for g in grants(NS)} <= {"Read", "Write"}
    assert {g.resource for g in grants(NS)} <= {"topic", "group"}
    assert ADMIN not in {g.user for g in grants(NS)}


def test_kafka_acls_commands_carry_every_grant():
    commands = kafka_acls_commands(NS, "127.0.0.1:9092")
    assert len(commands) == len(grants(NS))
    assert any("--resource-pattern-type prefixed" in c and "--group wirewatch.ner" in c for c in commands)
