"""ingest: articles from outside the system, cleaned and de-duplicated, onto Kafka.

Consumes:  HTTP `POST /articles` on Settings.http_host:http_port (our JSON, ninjs, NewsML-G2,
           text/plain; see ingest.api), RSS/Atom feeds (Settings.feeds), files dropped into
           Settings.drop_dir.
Produces:  `<ns>.articles.raw.v1` (contracts.Article, key article_id), one article per story;
           `<ns>.ingest.v1.dlq` (contracts.DeadLetter) for input that failed after acceptance.

Run: `python -m ingest worker -l info`
"""

from __future__ import annotations

from wirewatch.settings import Settings
from wirewatch.topics import ARTICLES_RAW
from wirewatch.wiring import dead_letter_topic, make_app, topic

from ingest.api import HttpServer, make_web_app
from ingest.dropdir import DropFolder
from ingest.feeds import FeedPoller
from ingest.pipeline import Ingestor, TopicSink
from ingest.replay import replay_until_ready

settings = Settings()
app = make_app("ingest", settings, web_enabled=True, web_bind=settings.http_host, web_port=settings.http_port)

articles = topic(app, ARTICLES_RAW, settings)
dead_letters = dead_letter_topic(app, "ingest", settings)
ingestor = Ingestor(settings, TopicSink(articles, dead_letters))

app.web_server(HttpServer(make_web_app(ingestor, settings), settings.http_host, settings.http_port))


@app.task
async def rebuild_dedup_index() -> None:
    """Until this is done the API answers 503 and feeds and the drop folder wait."""
    await replay_until_ready(ingestor, settings)


@app.task
async def poll_feeds() -> None:
    await FeedPoller(ingestor, settings).run()


@app.task
async def watch_drop_folder() -> None:
    if settings.drop_dir is not None:
        await DropFolder(ingestor, settings).run()
