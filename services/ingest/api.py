"""The HTTP API: `POST /articles` (one article, or many as JSON lines), `GET /healthz`. Facing
the outside, so every refusal is a 4xx with `{"error": "..."}`, bodies are size-limited while
they stream in, and nothing a client sends can take the service down."""

from __future__ import annotations

import asyncio
import hmac
import logging

from aiohttp import __version__ as aiohttp_version
from aiohttp import web
from mode import Service

from wirewatch.settings import Settings

from ingest.formats import (ACCEPTED_TYPES, NEWSML_TYPES, InputError, MessageItem, Submission, is_batch, media_type,
                            parse, parse_batch, read_newsml)
from ingest.pipeline import Ingestor, Unavailable, ingested

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
# Bodies are held whole while processed: this many at once bounds memory at
# MAX_IN_FLIGHT * max_body_bytes, whatever the number of connections.
MAX_IN_FLIGHT = 256
BODY_TIMEOUT_S = 30.0


def error(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers or None)


def refused(status: int, message: str, **headers: str) -> web.Response:
    ingested("http", "unavailable" if status == 503 else "refused").inc()
    return error(status, message, **headers)


async def read_limited(request: web.Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed `limit`: from
    Content-Length before reading anything, else while the stream comes in."""
    declared = request.content_length
    if declared is not None and declared > limit:
        raise InputError(413, f"body of {declared} bytes exceeds the limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.content.iter_chunked(CHUNK_BYTES):
        body += chunk
        if len(body) > limit:
            raise InputError(413, f"body exceeds the limit of {limit} bytes")
    return bytes(body)


def _authorised(request: web.Request, token: bytes) -> bool:
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode("utf-8", "replace"), token)


@web.middleware
async def json_errors(request: web.Request, handler):
    """aiohttp answers routing errors in text/plain; ours are JSON like every other refusal."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {k: v for k, v in exc.headers.items() if k.lower() in ("allow", "www-authenticate")}
        return error(exc.status, exc.reason.lower(), **headers)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error(500, "internal error")


# Requests being read or published; kept on the app so that its load can be observed.
IN_FLIGHT = web.AppKey("in_flight", asyncio.Semaphore)


def make_web_app(ingestor: Ingestor, settings: Settings) -> web.Application:
    token = settings.api_token.get_secret_value().encode() if settings.api_token else None
    limit = settings.max_body_bytes
    in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def post_article(request: web.Request) -> web.Response:
        if token is not None and not _authorised(request, token):
            return refused(401, "missing or wrong bearer token", **{"WWW-Authenticate": 'Bearer realm="wirewatch"'})
        if request.content_type not in ACCEPTED_TYPES:
            # Checked before reading so that a wrong upload costs nothing.
            return refused(415, f"unsupported Content-Type {request.content_type!r}; use one of: "
                              f"{', '.join(ACCEPTED_TYPES)}")
        if in_flight.locked():
            return refused(503, "too many requests in progress", **{"Retry-After": "1"})
        async with in_flight:
            try:
                try:
                    async with asyncio.timeout(BODY_TIMEOUT_S):
                        data = await read_limited(request, limit)
                except TimeoutError:
                    return refused(408, f"request body not received within {BODY_TIMEOUT_S:g} s", Connection="close")
                if not data:
                    raise InputError(400, "empty body")
                if is_batch(request.content_type):
                    return await post_batch(parse_batch(data, request.charset))
                if media_type(request.content_type) in NEWSML_TYPES:
                    read = read_newsml(data)
                    if isinstance(read, list):
                        return await post_message(read)
                    submission = read
                else:
                    submission = parse(data, request.content_type, request.charset)
                outcome = await ingestor.submit(submission, channel="http", original=data)
            except InputError as exc:
                return refused(exc.status, exc.message)
            except Unavailable as exc:
                return error(503, str(exc), **{"Retry-After": "5"})
        return web.json_response(outcome.as_json(), status=202)

    async def submit_item(line: bytes, item: Submission | InputError) -> dict:
        try:
            if isinstance(item, InputError):
                raise item
            return {"status": 202, **(await ingestor.submit(item, channel="http", original=line)).as_json()}
        except InputError as exc:
            ingested("http", "refused").inc()
            return {"status": exc.status, "error": exc.message}
        except Unavailable as exc:
            ingested("http", "unavailable").inc()
            return {"status": 503, "error": str(exc)}

    async def post_batch(items: list[tuple[bytes, Submission | InputError]]) -> web.Response:
        """Each line is submitted as if posted alone, concurrently, and answered in order: 202 when
        every line was accepted, else 207 with each line's own status."""
        answers = await asyncio.gather(*(submit_item(line, item) for line, item in items))
        accepted = sum(1 for answer in answers if answer["status"] == 202)
        body = {"accepted": accepted, "refused": len(answers) - accepted, "items": answers}
        return web.json_response(body, status=202 if accepted == len(answers) else 207)

    async def submit_message_item(item: MessageItem) -> dict:
        answer: dict = {"guid": item.guid, "item": item.kind}
        if item.submission is None:
            ingested("http", "skipped").inc()
            return {**answer, "status": "skipped", "reason": item.skipped}
        try:
            outcome = await ingestor.submit(item.submission, channel="http", original=item.original)
        except InputError as exc:
            ingested("http", "refused").inc()
            return {**answer, "status": "refused", "reason": exc.message}
        except Unavailable as exc:
            ingested("http", "unavailable").inc()
            return {**answer, "status": "unavailable", "reason": str(exc)}
        if outcome.dead_lettered:
            return {**answer, "status": "dead_lettered", **outcome.as_json()}
        return {**answer, "status": "duplicate" if outcome.duplicate else "accepted", **outcome.as_json()}

    async def post_message(items: list[MessageItem]) -> web.Response:
        """A NewsML-G2 newsMessage: each text newsItem is ingested as if posted alone, in order (a
        wire message may carry an update right after its first version); pictures, video,
        packages and concepts are skipped with the reason. 202 when no text item was refused,
        207 when one was, 503 when one could not be published now (resending it is safe)."""
        answers = [await submit_message_item(item) for item in items]
        counts = {status: sum(1 for a in answers if a["status"] == status)
                  for status in ("accepted", "duplicate", "skipped", "refused")}
        if any(a["status"] == "unavailable" for a in answers):
            status = 503
        else:
            status = 207 if counts["refused"] else 202
        return web.json_response({**counts, "items": answers}, status=status,
                                 headers={"Retry-After": "5"} if status == 503 else None)

    async def healthz(request: web.Request) -> web.Response:
        if not ingestor.ready.is_set():
            return web.json_response({"status": "starting"}, status=503)
        return web.json_response({"status": "ok", "indexed": len(ingestor.index)})

    app = web.Application(middlewares=[json_errors], client_max_size=limit)
    app[IN_FLIGHT] = in_flight
    app.router.add_post("/articles", post_article)
    app.router.add_get("/healthz", healthz)
    return app



class HttpServer(Service):
    """Serves the aiohttp application on the faust worker's loop, registered with
    `app.web_server(...)`: faust starts it once the app is up and stops it on shutdown."""

    driver_version = f"aiohttp {aiohttp_version}"

    def __init__(self, web_app: web.Application, host: str, port: int, **kwargs) -> None:
        self.web_app = web_app
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        super().__init__(**kwargs)

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def on_start(self) -> None:
        self._runner = web.AppRunner(self.web_app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        log.info("ingest API on %s", self.web_url)

    async def on_stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
