"""The contracts as other implementations read them: ajv validates messages against schemas/v1
and AsyncAPI's own parser validates schemas/asyncapi.yaml. Each check also fails on a broken input."""

from __future__ import annotations

import json
import shutil

from outside_checks import SCHEMAS, validate_asyncapi, validate_messages, write_jsonl
from test_schemas import sample_messages


def test_asyncapi_document_validates_with_the_asyncapi_parser():
    result = validate_asyncapi()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid AsyncAPI 3.0.0, 8 channels, 5 message payloads resolved" in result.stdout


def test_asyncapi_parser_refuses_a_broken_document(tmp_path):
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    document = tmp_path / "schemas" / "asyncapi.yaml"
    original = document.read_text()
    document.write_text(original.replace("action: send", "action: publish", 1))  # AsyncAPI 2's word
    result = validate_asyncapi(document)
    assert result.returncode == 1 and '"action" property must be equal to one of the allowed values' in result.stdout
    document.write_text(original.replace("./v1/alerts.schema.json", "./v1/alert.schema.json"))
    result = validate_asyncapi(document)
    assert result.returncode == 1 and "invalid-ref" in result.stdout


def test_sample_messages_validate_with_ajv(tmp_path):
    files = {stage: write_jsonl(tmp_path / f"{stage}.jsonl", [json.loads(message.model_dump_json())])
             for stage, message in sample_messages().items()}
    result = validate_messages(files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" 1 of 1 valid") == len(files)


def test_ajv_refuses_bad_messages_and_a_broken_schema(tmp_path):
    alert = json.loads(sample_messages()["alerts"].model_dump_json())
    bad = [{**alert, "severity": "urgent"},
           {**alert, "emitted_at": "yesterday"},  # a format the Python validator does not check by default
           {key: value for key, value in alert.items() if key != "rule"}]
    result = validate_messages({"alerts": write_jsonl(tmp_path / "bad.jsonl", bad)})
    assert result.returncode == 1 and "0 of 3 valid" in result.stdout, result.stdout
    assert 'must match format "date-time"' in result.stdout

    schemas = tmp_path / "v1"
    shutil.copytree(SCHEMAS / "v1", schemas)
    path = schemas / "alerts.schema.json"
    path.write_text(path.read_text().replace('"type": "string"', '"type": "strin"', 1))
    result = validate_messages({"alerts": write_jsonl(tmp_path / "good.jsonl", [alert])}, schemas)
    assert result.returncode == 1 and "schema does not compile" in result.stdout, result.stdout
