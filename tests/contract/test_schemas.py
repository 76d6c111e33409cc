"""Contracts: the committed schemas match the code, and real messages validate against them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from wirewatch import schemagen
from wirewatch.cli import read_inputs, to_article
from wirewatch.contracts import (AlertEvent, AlertEvidence, AlertFigure, AlertPlace, EnrichedArticle,
                                 ExtractedArticle, Figure, Place, Quantity, Span)
from wirewatch.topics import PIPELINE, all_topic_names
from wirewatch.wiring import dead_letter

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def validator(stage: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / schemagen.schema_file(stage)).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_match_the_code():
    assert schemagen.drift(SCHEMAS) == [], "run `make schemas` and commit the result"


def test_drift_is_detected(tmp_path):
    schemagen.write(tmp_path)
    path = tmp_path / schemagen.schema_file("alerts")
    path.write_text(path.read_text().replace('"severity"', '"seriousness"', 1))
    assert schemagen.drift(tmp_path) == [schemagen.schema_file("alerts")]


def test_topic_names_are_versioned_and_each_input_has_a_dead_letter_topic():
    names = all_topic_names("wirewatch")
    assert "wirewatch.articles.raw.v1" in names and "wirewatch.alerts.v1" in names
    for dlq in ("wirewatch.ingest.v1.dlq", "wirewatch.articles.raw.v1.dlq",
                "wirewatch.articles.extracted.v1.dlq", "wirewatch.articles.enriched.v1.dlq"):
        assert dlq in names


def sample_messages():
    article = to_article(next(read_inputs([str(ROOT / "samples" / "articles.jsonl")])))
    figure = Figure(
        figure_id="f1", quantity=Quantity(min=None, max=15000, qualifier="at_most", text="Up to 15,000"),
        unit="person", term="displaced", category="cross_border", sentence="Up to 15,000 people have massed.",
        span=Span(start=0, end=12),
        place=Place(name="Bab al-Hawa", kind="crossing", country="SYR", lat=36.23, lon=36.67, crossing_id="x"),
    )
    extracted = ExtractedArticle(article=article, figures=[figure], model="m", extracted_at=NOW)
    enriched = EnrichedArticle(article_id=article.article_id, article=article, figures=[figure], model="m",
                               enriched_at=NOW)
    alert = AlertEvent(
        alert_id="a", event_id="e", rule="border_crossing", severity="medium", status="new",
        place=AlertPlace(name="Bab al-Hawa", kind="crossing", country="SYR", lat=36.23, lon=36.67),
        figure=AlertFigure(min=None, max=15000, category="cross_border"), sources_count=1,
        window_start=NOW, window_end=NOW,
        evidence=[AlertEvidence(article_id=article.article_id, sentence=figure.sentence)], emitted_at=NOW,
    )
    letter = dead_letter("ner", b"\xff not json", ValueError("bad"), topic_name="wirewatch.articles.raw.v1")
    return {"articles.raw": article, "articles.extracted": extracted, "articles.enriched": enriched,
            "alerts": alert, "dead-letter": letter}


@pytest.mark.parametrize("stage", [spec.stage for spec in PIPELINE] + ["dead-letter"])
def test_sample_messages_validate_against_committed_schemas(stage):
    message = sample_messages()[stage]
    validator(stage).validate(json.loads(message.model_dump_json()))


def test_schema_refuses_a_message_missing_required_fields():
    with pytest.raises(jsonschema.ValidationError):
        validator("alerts").validate({"alert_id": "a", "rule": "r"})
