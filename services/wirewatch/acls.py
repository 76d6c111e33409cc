"""Who may do what on the Kafka cluster: the ACLs as data, derived from the topic registry.

One principal per service, a read-only `subscriber` for downstream systems, and `admin`, the super
user (it creates the topics and the ACLs, and the brokers replicate as it). Nothing else is allowed:
the brokers deny whatever no ACL allows. A service
- reads its input topic and uses its own consumer groups;
- writes its output topic and its dead-letter topic;
- reads and writes its own internal topics: faust names them after the app id
  (`<ns>.<service>-<table>-changelog`, `<ns>.<service>-__assignor-__leader`, alerting's
  `<ns>.alerting.situations.v1`), hence a PREFIXED pattern on the app id. The same prefix covers
  the service's consumer groups (the app id, and alerting's `<ns>.alerting-webhook`).
No service may create a topic: the admin creates them all up front (`wirewatch topics create`).
Idempotent producers need no IdempotentWrite on the cluster: since Kafka 3.0 (KIP-679) Write on a
topic is enough.

From this one table come the ACLs the local secure stack creates (`apply`), the Strimzi
KafkaUsers of deploy/k8s/users.yaml and the table in the README's operations section:

    python -m wirewatch.acls table                 the README table (Markdown)
    python -m wirewatch.acls k8s [FILE]            the KafkaUser resources (check: tests/unit/k8s)
    python -m wirewatch.acls kafka-acls BOOTSTRAP  the same ACLs as kafka-acls.sh calls
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

from wirewatch.topics import ALERTS, ARTICLES_ENRICHED, ARTICLES_RAW, PIPELINE, SERVICE_INPUT, SERVICES

ADMIN = "admin"
SUBSCRIBER = "subscriber"
# Every SCRAM user: the admin first (kafka.sh makes the first one the super user).
USERS = (ADMIN, *SERVICES, SUBSCRIBER)
# Topics downstream systems subscribe to.
SUBSCRIBED = (ARTICLES_ENRICHED, ALERTS)
# What a service reads back of its own output: ingest rebuilds its de-duplication index from the
# articles it published (ingest.replay); alerting reads the event ids already published so that a
# replay never publishes an event twice (alerting.published).
READS_OWN_OUTPUT = {"ingest": ARTICLES_RAW, "alerting": ALERTS}

Resource = Literal["topic", "group"]
Pattern = Literal["literal", "prefixed"]
Operation = Literal["Read", "Write"]


@dataclass(frozen=True, order=True)
class Grant:
    """An ALLOW ACL for any host: `user` may `operation` on `resource` `name` (or every name
    starting with it, when `pattern` is prefixed). Read and Write imply Describe in Kafka."""

    user: str
    resource: Resource
    pattern: Pattern
    name: str
    operation: Operation

    @property
    def principal(self) -> str:
        return f"User:{self.user}"


def app_id(namespace: str, service: str) -> str:
    """faust's app id of a service (wirewatch.wiring.make_app): consumer group and topic prefix."""
    return f"{namespace}.{service}"


def service_grants(namespace: str, service: str) -> list[Grant]:
    own = app_id(namespace, service)
    reads = [spec for spec in PIPELINE if service in spec.consumers]
    if service in READS_OWN_OUTPUT:
        reads.append(READS_OWN_OUTPUT[service])
    writes = [spec.name(namespace) for spec in PIPELINE if spec.producer == service]
    writes.append(SERVICE_INPUT[service].dead_letter_name(namespace))
    grants = [Grant(service, "topic", "literal", spec.name(namespace), "Read") for spec in reads]
    grants += [Grant(service, "topic", "literal", name, "Write") for name in writes]
    grants += [Grant(service, "topic", "prefixed", own, operation) for operation in ("Read", "Write")]
    grants.append(Grant(service, "group", "prefixed", own, "Read"))
    return grants


def subscriber_grants(namespace: str) -> list[Grant]:
    grants = [Grant(SUBSCRIBER, "topic", "literal", spec.name(namespace), "Read") for spec in SUBSCRIBED]
    # Its own consumer groups, so that a downstream system can commit where it is.
    grants.append(Grant(SUBSCRIBER, "group", "prefixed", app_id(namespace, SUBSCRIBER), "Read"))
    return grants


def grants(namespace: str) -> list[Grant]:
    """Every ACL of the cluster, by user (the admin, a super user, needs none)."""
    table = [grant for service in SERVICES for grant in service_grants(namespace, service)]
    return table + subscriber_grants(namespace)


# --- what is generated from the table ---------------------------------------------------------

def markdown_table(namespace: str) -> str:
    """One row per user and resource: what the README's operations section shows."""
    rows: dict[tuple[str, str, str, str], list[str]] = {}
    for grant in grants(namespace):
        rows.setdefault((grant.user, grant.resource, grant.pattern, grant.name), []).append(grant.operation)
    lines = ["| principal | resource | name | operations |", "|---|---|---|---|"]
    for (user, resource, pattern, name), operations in rows.items():
        shown = f"`{name}*`" if pattern == "prefixed" else f"`{name}`"
        lines.append(f"| `User:{user}` | {resource} | {shown} | {', '.join(operations)} |")
    lines.append(f"| `User:{ADMIN}` | cluster | (super user) | everything: creates topics and ACLs; the brokers' identity |")
    return "\n".join(lines) + "\n"


def kafka_users(namespace: str, cluster: str) -> list[dict]:
    """Strimzi KafkaUser resources, SCRAM-SHA-512, with each user's ACLs. Strimzi writes each
    user's password to a Secret of the user's name (key `password`)."""
    users = []
    for user in USERS[1:]:
        acls: dict[tuple[str, str, str], list[str]] = {}
        for grant in grants(namespace):
            if grant.user == user:
                acls.setdefault((grant.resource, grant.pattern, grant.name), []).append(grant.operation)
        users.append({
            "apiVersion": "kafka.strimzi.io/v1",
            "kind": "KafkaUser",
            "metadata": {"name": user, "labels": {"strimzi.io/cluster": cluster}},
            "spec": {
                "authentication": {"type": "scram-sha-512"},
                "authorization": {"type": "simple", "acls": [
                    {"type": "allow",
                     "resource": {"type": resource, "name": name,
                                  "patternType": "prefix" if pattern == "prefixed" else "literal"},
                     "operations": operations, "host": "*"}
                    for (resource, pattern, name), operations in acls.items()]},
            },
        })
    return users


def kafka_users_yaml(namespace: str, cluster: str = "wirewatch") -> str:
    """deploy/k8s/users.yaml: the KafkaUsers of the Strimzi cluster `cluster`."""
    import yaml

    header = ("# Generated by `python -m wirewatch.acls k8s deploy/k8s/users.yaml` from wirewatch.acls: edit\n"
              "# the table there, not this file (tests/unit/k8s checks they agree). One SCRAM-SHA-512 user per\n"
              "# service and a read-only subscriber; Strimzi puts each password in a Secret of the user's name.\n")
    return header + yaml.safe_dump_all(kafka_users(namespace, cluster), sort_keys=False, width=120)


def kafka_acls_commands(namespace: str, bootstrap: str, command_config: str = "admin.properties") -> list[str]:
    """The same ACLs as calls of Kafka's own kafka-acls.sh, for a cluster run without Strimzi."""
    commands = []
    for grant in grants(namespace):
        option = "--topic" if grant.resource == "topic" else "--group"
        pattern = " --resource-pattern-type prefixed" if grant.pattern == "prefixed" else ""
        commands.append(f"kafka-acls.sh --bootstrap-server {bootstrap} --command-config {command_config} --add "
                        f"--allow-principal {grant.principal} --operation {grant.operation} {option} {grant.name}{pattern}")
    return commands


# --- applying the table to a running cluster (as the admin) ----------------------------------

# Kafka's protocol codes (org.apache.kafka.common.resource / acl).
_RESOURCE_CODES = {"topic": 2, "group": 3}
_PATTERN_CODES = {"literal": 3, "prefixed": 4}
_OPERATION_CODES = {"Read": 3, "Write": 4}
_ALLOW = 3


async def apply(settings, namespace: str | None = None) -> int:
    """Create every ACL of the table on the cluster `settings` reaches, as its (admin) user, in
    one CreateAcls request. Creating an ACL that exists is a no-op in Kafka. Returns how many."""
    from aiokafka.client import AIOKafkaClient
    from aiokafka.errors import for_code
    from aiokafka.protocol.admin import CreateAclsRequest_v1
    from aiokafka.protocol.api import Request

    from wirewatch.kafka_client import client_options

    class CreateAcls(Request[CreateAclsRequest_v1]):
        # aiokafka's own CreateAclsRequest carries one ACL per request.
        API_KEY = 30

        def __init__(self, creations: list[tuple]) -> None:
            self.creations = creations

        def build(self, request_struct_class):
            return request_struct_class(self.creations)

    table = grants(namespace or settings.namespace)
    creations = [(_RESOURCE_CODES[g.resource], g.name, _PATTERN_CODES[g.pattern], g.principal, "*",
                  _OPERATION_CODES[g.operation], _ALLOW) for g in table]
    client = AIOKafkaClient(**client_options(settings))
    await client.bootstrap()
    try:
        response = await client.send(client.get_random_node(), CreateAcls(creations))
    finally:
        await client.close()
    for grant, (error_code, message) in zip(table, response.creation_responses):
        if error_code:
            raise for_code(error_code)(f"ACL {grant}: {message}")
    return len(table)


def main(argv: list[str]) -> int:
    from wirewatch.settings import Settings

    namespace = Settings().namespace
    command = argv[0] if argv else ""
    if command == "table":
        sys.stdout.write(markdown_table(namespace))
    elif command == "k8s":
        text = kafka_users_yaml(namespace)
        if len(argv) > 1:
            with open(argv[1], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
    elif command == "kafka-acls" and len(argv) > 1:
        print("\n".join(kafka_acls_commands(namespace, argv[1])))
    else:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
