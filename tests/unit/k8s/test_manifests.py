"""deploy/k8s validated offline: core kinds against Kubernetes' schemas (kubernetes-validate, strict),
Strimzi resources against the operator's CRD schemas in ../shared/k8s/strimzi (unknown fields
refused, as the API server's strict field validation does), KEDA's ScaledObjects against what
the code's topic registry says, and the KafkaTopics against the registry itself (names and
partition counts, from the ConfigMap's WIREWATCH_PARTITIONS)."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from wirewatch.acls import SUBSCRIBER, kafka_users
from wirewatch.settings import Settings
from wirewatch.topics import SERVICE_INPUT, all_topic_names, compacted_topic_names

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy" / "k8s"
STRIMZI = ROOT.parent / "shared" / "k8s" / "strimzi"
KUBERNETES_VERSION = "1.33"
STRIMZI_KINDS = {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"}
SERVICES = ("ingest", "ner", "geocode", "alerting")
KEDA_KINDS = {"ScaledObject", "TriggerAuthentication"}

needs_strimzi_schemas = pytest.mark.skipif(
    not STRIMZI.is_dir() and os.environ.get("CI") != "true", reason="../shared/k8s/strimzi not beside the repo")


def manifests() -> list[dict]:
    """Every resource kustomization.yaml lists, in its namespace (what `kustomize build` emits
    apart from the common labels)."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    docs = []
    for name in kustomization["resources"]:
        for doc in yaml.safe_load_all((K8S / name).read_text()):
            if doc:
                if doc["kind"] != "Namespace":
                    doc["metadata"].setdefault("namespace", kustomization["namespace"])
                docs.append(doc)
    return docs


def of_kind(docs: list[dict], kind: str) -> list[dict]:
    return [doc for doc in docs if doc["kind"] == kind]


def strict(schema: dict) -> dict:
    """The schema with unknown properties refused wherever the CRD lists the properties and does
    not ask to keep unknown fields (the API server would prune or, strictly, reject them)."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if (node.get("type") == "object" and "properties" in node and "additionalProperties" not in node
                    and not node.get("x-kubernetes-preserve-unknown-fields")):
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def strimzi_schemas() -> dict[tuple[str, str], dict]:
    schemas = {}
    for path in sorted(STRIMZI.glob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            schemas[(f"{group}/{version['name']}", kind)] = strict(version["schema"]["openAPIV3Schema"])
    return schemas


def validate_strimzi(doc: dict, schemas: dict) -> None:
    schema = schemas[(doc["apiVersion"], doc["kind"])]
    jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)


def validate_core(doc: dict) -> None:
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def config() -> dict[str, str]:
    (config_map,) = [doc for doc in of_kind(manifests(), "ConfigMap") if doc["metadata"]["name"] == "wirewatch"]
    return config_map["data"]


def partitions() -> dict[str, int]:
    return json.loads(config()["WIREWATCH_PARTITIONS"])


# --- core kinds -------------------------------------------------------------------------------

def test_every_core_resource_is_valid_kubernetes():
    core = [doc for doc in manifests() if doc["kind"] not in STRIMZI_KINDS | KEDA_KINDS]
    assert {doc["kind"] for doc in core} >= {"Deployment", "Service", "PodDisruptionBudget", "ConfigMap"}
    for doc in core:
        validate_core(doc)


def test_a_wrongly_typed_field_fails_validation():
    deployment = copy.deepcopy(of_kind(manifests(), "Deployment")[0])
    deployment["spec"]["replicas"] = "three"
    with pytest.raises(kubernetes_validate.ValidationError):
        validate_core(deployment)


def test_an_unknown_field_in_a_core_resource_fails_validation():
    deployment = copy.deepcopy(of_kind(manifests(), "Deployment")[0])
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate_core(deployment)


def test_each_service_runs_with_probes_resources_metrics_and_a_disruption_budget():
    docs = manifests()
    deployments = {doc["metadata"]["name"]: doc for doc in of_kind(docs, "Deployment")}
    budgets = {doc["metadata"]["name"] for doc in of_kind(docs, "PodDisruptionBudget")}
    assert set(deployments) == set(SERVICES) and budgets == set(SERVICES)
    for name, deployment in deployments.items():
        template = deployment["spec"]["template"]
        (container,) = template["spec"]["containers"]
        assert {"readinessProbe", "livenessProbe", "resources"} <= set(container), name
        assert container["resources"]["requests"] and container["resources"]["limits"]["memory"], name
        annotations = template["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        assert int(annotations["prometheus.io/port"]) in [p["containerPort"] for p in container["ports"]]
    (service,) = of_kind(docs, "Service")
    assert service["spec"]["selector"] == deployments["ingest"]["spec"]["selector"]["matchLabels"]


# --- Strimzi ----------------------------------------------------------------------------------

@needs_strimzi_schemas
def test_strimzi_resources_match_the_operator_crds():
    schemas = strimzi_schemas()
    docs = [doc for doc in manifests() if doc["kind"] in STRIMZI_KINDS]
    assert {doc["kind"] for doc in docs} == {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"}
    for doc in docs:
        validate_strimzi(doc, schemas)


@needs_strimzi_schemas
def test_an_unknown_key_in_a_kafka_topic_spec_fails_validation():
    topic = copy.deepcopy(of_kind(manifests(), "KafkaTopic")[0])
    topic["spec"]["replicationFactor"] = 3
    with pytest.raises(jsonschema.ValidationError, match="replicationFactor"):
        validate_strimzi(topic, strimzi_schemas())


@needs_strimzi_schemas
def test_a_wrongly_typed_strimzi_field_fails_validation():
    pool = copy.deepcopy(of_kind(manifests(), "KafkaNodePool")[0])
    pool["spec"]["replicas"] = "three"
    with pytest.raises(jsonschema.ValidationError):
        validate_strimzi(pool, strimzi_schemas())


def test_the_cluster_keeps_three_replicas_and_two_in_sync():
    docs = manifests()
    (pool,) = of_kind(docs, "KafkaNodePool")
    (kafka,) = of_kind(docs, "Kafka")
    assert pool["spec"]["replicas"] == 3 and set(pool["spec"]["roles"]) == {"broker", "controller"}
    settings = kafka["spec"]["kafka"]["config"]
    assert settings["default.replication.factor"] == 3 and settings["min.insync.replicas"] == 2
    assert settings["offsets.topic.replication.factor"] == 3
    assert settings["unclean.leader.election.enable"] is False
    assert config()["WIREWATCH_REPLICATION_FACTOR"] == "3" and config()["WIREWATCH_MIN_INSYNC_REPLICAS"] == "2"


def test_kafka_topics_are_the_code_registry_with_its_partitions():
    topics = {doc["spec"].get("topicName", doc["metadata"]["name"]): doc["spec"]
              for doc in of_kind(manifests(), "KafkaTopic")}
    wanted = all_topic_names("wirewatch", partitions())
    assert {name: spec["partitions"] for name, spec in topics.items()} == wanted
    for name, spec in topics.items():
        assert spec["replicas"] == 3 and spec["config"]["min.insync.replicas"] == 2, name
        assert (spec["config"].get("cleanup.policy") == "compact") == (name in compacted_topic_names("wirewatch"))


def test_the_drift_check_notices_a_partition_count_the_code_does_not_have():
    topics = {doc["spec"]["topicName"]: doc["spec"]["partitions"] for doc in of_kind(manifests(), "KafkaTopic")}
    topics["wirewatch.articles.raw.v1"] += 1
    assert topics != all_topic_names("wirewatch", partitions())


# --- autoscaling ------------------------------------------------------------------------------

def test_consumers_scale_on_their_group_lag_up_to_one_worker_per_partition():
    docs = manifests()
    counts = all_topic_names("wirewatch", partitions())
    scaled = {doc["spec"]["scaleTargetRef"]["name"]: doc["spec"] for doc in of_kind(docs, "ScaledObject")}
    assert set(scaled) == {"ner", "geocode", "alerting"}
    deployments = {doc["metadata"]["name"] for doc in of_kind(docs, "Deployment")}
    for service, spec in scaled.items():
        assert service in deployments
        (trigger,) = spec["triggers"]
        assert trigger["type"] == "kafka"
        topic = SERVICE_INPUT[service].name("wirewatch")
        assert trigger["metadata"]["topic"] == topic
        assert trigger["metadata"]["consumerGroup"] == f"wirewatch.{service}"
        assert trigger["metadata"]["bootstrapServers"] == config()["WIREWATCH_BROKER"]
        assert (trigger["metadata"]["sasl"], trigger["metadata"]["tls"]) == ("scram_sha512", "enable")
        (auth,) = [doc["spec"] for doc in of_kind(docs, "TriggerAuthentication")
                   if doc["metadata"]["name"] == trigger["authenticationRef"]["name"]]
        assert {ref["parameter"]: (ref["name"], ref["key"]) for ref in auth["secretTargetRef"]} == {
            "password": (service, "password"), "ca": (cluster_ca_secret(), "ca.crt")}
        assert auth["env"] == [{"parameter": "username", "name": "WIREWATCH_KAFKA_USER", "containerName": service}]
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"] <= counts[topic], service
    (hpa,) = of_kind(docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"]["name"] == "ingest"


# --- security: TLS, SCRAM users, ACLs ---------------------------------------------------------

def kafka_cluster() -> dict:
    (kafka,) = of_kind(manifests(), "Kafka")
    return kafka


def cluster_ca_secret() -> str:
    return f"{kafka_cluster()['metadata']['name']}-cluster-ca-cert"


def test_the_only_client_listener_is_tls_with_scram_and_acls_are_enforced():
    spec = kafka_cluster()["spec"]["kafka"]
    assert [(listener["tls"], listener.get("authentication")) for listener in spec["listeners"]] == [
        (True, {"type": "scram-sha-512"})]
    assert spec["authorization"]["type"] == "simple"
    (listener,) = spec["listeners"]
    assert config()["WIREWATCH_BROKER"] == f"{kafka_cluster()['metadata']['name']}-kafka-bootstrap:{listener['port']}"


def test_every_service_and_the_subscriber_have_a_scram_kafka_user():
    users = {doc["metadata"]["name"]: doc for doc in of_kind(manifests(), "KafkaUser")}
    assert set(users) == {*SERVICES, SUBSCRIBER}
    for user in users.values():
        assert user["metadata"]["labels"]["strimzi.io/cluster"] == kafka_cluster()["metadata"]["name"]
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
        assert user["spec"]["authorization"]["type"] == "simple"


def test_the_kafka_users_acls_are_the_generated_table():
    """deploy/k8s/users.yaml is `python -m wirewatch.acls k8s deploy/k8s/users.yaml`: regenerate it
    when wirewatch.acls changes."""
    on_disk = [{k: v for k, v in doc.items()} for doc in of_kind(manifests(), "KafkaUser")]
    for doc in on_disk:
        doc["metadata"] = {k: v for k, v in doc["metadata"].items() if k != "namespace"}
    assert on_disk == kafka_users("wirewatch", kafka_cluster()["metadata"]["name"])


def test_the_acl_check_notices_a_grant_the_table_does_not_have():
    users = kafka_users("wirewatch", "wirewatch")
    forged = copy.deepcopy(users)
    forged[1]["spec"]["authorization"]["acls"][0]["operations"].append("Write")
    assert forged != users


def test_each_deployment_connects_as_its_own_user_with_strimzis_secrets(monkeypatch):
    settings = config()
    ca_file = Path(settings["WIREWATCH_KAFKA_CA_FILE"])
    for deployment in of_kind(manifests(), "Deployment"):
        service = deployment["metadata"]["name"]
        pod = deployment["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        env = {item["name"]: item for item in container["env"]}
        assert env["WIREWATCH_KAFKA_USER"]["value"] == service
        assert env["WIREWATCH_KAFKA_PASSWORD"]["valueFrom"]["secretKeyRef"] == {"name": service, "key": "password"}
        (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == str(ca_file.parent)]
        (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
        assert volume["secret"]["secretName"] == cluster_ca_secret()
        assert {item["key"]: item["path"] for item in volume["secret"]["items"]} == {"ca.crt": ca_file.name}
        # What the service would read: the ConfigMap, its user, a password (checked by Settings).
        values = {**settings, "WIREWATCH_KAFKA_USER": service, "WIREWATCH_KAFKA_PASSWORD": "from-the-secret",
                  "WIREWATCH_API_TOKEN": "from-the-secret"}
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        read = Settings()
        assert (read.kafka_security_protocol, read.create_topics) == ("SASL_SSL", False)
