"""Generate the JSON Schemas and the AsyncAPI document in `schemas/` from the contracts.

    python -m wirewatch.schemagen write schemas    # regenerate (make schemas)
    python -m wirewatch.schemagen check schemas    # fail on drift (make check-schemas)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from wirewatch import __version__
from wirewatch.contracts import SCHEMA_VERSION, DeadLetter
from wirewatch.topics import PIPELINE, SERVICE_INPUT

GEONAMES_CREDIT = "Place data derived from GeoNames (https://www.geonames.org/), CC BY 4.0."
NAMESPACE = "wirewatch"


def schema_file(stage: str) -> str:
    return f"v{SCHEMA_VERSION}/{stage}.schema.json"


def json_schemas() -> dict[str, dict]:
    files = {}
    for spec in PIPELINE:
        schema = spec.model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://wirewatch.example/schemas/{schema_file(spec.stage)}"
        schema["description"] = f"Topic {spec.name(NAMESPACE)}: {spec.description} {GEONAMES_CREDIT}"
        files[schema_file(spec.stage)] = schema
    letter = DeadLetter.model_json_schema()
    letter["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    letter["$id"] = f"https://wirewatch.example/schemas/{schema_file('dead-letter')}"
    letter["description"] = "Every `<input topic>.dlq`: a message a service could not process, with the reason."
    files[schema_file("dead-letter")] = letter
    return files


def asyncapi() -> dict:
    channels, operations, messages = {}, {}, {}
    for spec in PIPELINE:
        name = spec.model.__name__
        channel_id = spec.stage.replace(".", "-")
        messages[name] = {"name": name, "contentType": "application/json",
                          "payload": {"$ref": f"./{schema_file(spec.stage)}"}}
        channels[channel_id] = {
            "address": spec.name(NAMESPACE),
            "description": f"{spec.description} Key: {spec.key}. Partitions: {spec.partitions}.",
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
        }
        operations[f"publish-{channel_id}"] = {
            "action": "send", "channel": {"$ref": f"#/channels/{channel_id}"},
            "summary": f"Published by the {spec.producer} service.",
        }
    messages["DeadLetter"] = {"name": "DeadLetter", "contentType": "application/json",
                              "payload": {"$ref": f"./{schema_file('dead-letter')}"}}
    for service, spec in SERVICE_INPUT.items():
        channel_id = f"{service}-dead-letters"
        channels[channel_id] = {
            "address": spec.dead_letter_name(NAMESPACE),
            "description": f"What the {service} service could not process: original bytes (base64) and reason.",
            "messages": {"DeadLetter": {"$ref": "#/components/messages/DeadLetter"}},
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "wirewatch topics",
            "version": __version__,
            "description": "Kafka topics of the wirewatch pipeline (ingest -> ner -> geocode -> alerting). "
                           "Topic names carry the namespace `wirewatch` by default (WIREWATCH_NAMESPACE). "
                           + GEONAMES_CREDIT,
        },
        "defaultContentType": "application/json",
        "servers": {"local": {"host": "127.0.0.1:9092", "protocol": "kafka", "description": "make start"}},
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def rendered() -> dict[str, str]:
    files = {path: json.dumps(schema, indent=2, sort_keys=True) + "\n" for path, schema in json_schemas().items()}
    files["asyncapi.yaml"] = yaml.safe_dump(asyncapi(), sort_keys=False, width=100)
    return files


def write(root: Path) -> None:
    for path, text in rendered().items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def drift(root: Path) -> list[str]:
    """Files under root that differ from what the code generates (missing, changed or stale)."""
    wanted = rendered()
    problems = [path for path, text in wanted.items()
                if not (root / path).exists() or (root / path).read_text() != text]
    present = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.suffix in (".json", ".yaml")}
    problems += sorted(f"{path} (no longer generated)" for path in present - set(wanted))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[1])
    if argv[0] == "write":
        write(root)
        return 0
    problems = drift(root)
    if problems:
        print("schemas/ is out of date with the contracts; run `make schemas` and commit:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("schemas/ matches the contracts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
