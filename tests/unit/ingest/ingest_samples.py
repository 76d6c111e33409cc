"""Invented wire copy for the ingest tests (never text from real articles): an imaginary
province, imaginary towns, made-up figures."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from email.utils import format_datetime

from aiohttp.test_utils import TestClient, TestServer

from wirewatch.settings import Settings

from ingest.api import make_web_app
from ingest.pipeline import Ingestor, MemorySink

STORY = [
    "Fighting between the army and the Free Hills Front has forced more than 12,000 people to flee their homes in "
    "Varnia province over the past week, the United Nations humanitarian office said on Tuesday.",
    "Most of those displaced have sought shelter in schools and churches in the provincial capital Oldmere, where "
    "aid workers say supplies of clean water are running low. Local officials said at least 40 villages had been "
    "emptied.",
    "\"Families arrived with nothing, many of them walked for three days,\" a spokeswoman for the office told "
    "reporters. The agency appealed for urgent funding to provide food, shelter and medical care.",
    "The province has been hit by repeated waves of violence since the rebels launched a new offensive earlier this "
    "year, capturing several towns along the main road to the border.",
    "Humanitarian groups have warned that the rainy season, due to begin next month, could worsen conditions in "
    "overcrowded sites and raise the risk of cholera.",
]
DATELINE = "OLDMERE (AFP) - "
WIRE_BODY = DATELINE + "\n\n".join(STORY)

OTHER_STORY = (
    "Heavy rains have caused flooding across the southern districts of Lakeshire, destroying hundreds of homes and "
    "damaging crops ahead of the harvest, the disaster management agency said on Monday. Officials said schools had "
    "been closed and roads cut off in several areas while rescue teams were sent by boat to reach stranded residents."
)


def web_copy(outlet: str = "Daily Planet") -> str:
    """The wire story as a news site prints it: markup, gallery captions, widgets, a sign-off."""
    caption = "<figure><img src='a.jpg'><figcaption>Displaced families queue for water in Oldmere on May 2. " \
              "(Photo by A. Person / AFP)</figcaption></figure>"
    return (f"<html><head><title>{outlet}</title><script>track()</script></head><body>"
            f"<nav>Home | World | Sport</nav><article><p>{DATELINE}{STORY[0]}</p>{caption}"
            f"{''.join(f'<p>{p}</p>' for p in STORY[1:])}{caption}"
            "<p>Share this article</p><p>fp-xy/ab</p></article>"
            "<p>You must be logged in to post a comment</p><footer>Copyright 2031 " + outlet + "</footer>"
            "</body></html>")


def ours(article_id: str = "a-1", body: str = WIRE_BODY, **fields) -> bytes:
    return json.dumps({"id": article_id, "body": body, **fields}).encode()


NINJS_1 = {
    "uri": "urn:example:wire:1001",
    "type": "text",
    "versioncreated": "2025-05-02T08:30:00+02:00",
    "headline": "Thousands flee fighting in Varnia",
    "body_html": "<p>" + "</p><p>".join([DATELINE + STORY[0], *STORY[1:]]) + "</p>",
    "language": "en",
    "copyrightholder": "AFP",
}
NINJS_2 = {
    "uri": "https://example.org/wire/1002",
    "type": "text",
    "firstcreated": "2025-05-02T06:00:00Z",
    "headlines": [{"role": "short", "value": "Varnia exodus"}, {"role": "main", "value": "Thousands flee Varnia"}],
    "bodies": [{"role": "main", "contenttype": "text/plain", "value": OTHER_STORY}],
    "infosources": [{"name": "Example Wire", "role": "originfeed"}],
}

NEWSML_NITF = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:20310502:1003" version="1"
          standard="NewsML-G2" standardversion="2.30" xml:lang="en">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:AFP"/>
    <versionCreated>2025-05-02T09:00:00Z</versionCreated>
    <firstCreated>2025-05-02T08:00:00+01:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <headline>Thousands flee fighting in Varnia</headline>
    <dateline>OLDMERE, May 2 (AFP)</dateline>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
        <body>
          <body.head><hedline><hl1>Thousands flee fighting in Varnia</hl1></hedline></body.head>
          <body.content>{''.join(f'<p>{p}</p>' for p in STORY)}</body.content>
        </body>
      </nitf>
    </inlineXML>
  </contentSet>
</newsItem>
""".encode()

NEWSML_XHTML = f"""<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>
<newsItem guid="urn:example:1004" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Example Wire"/></itemMeta>
  <contentMeta><headline>Floods in Lakeshire</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body><p>{OTHER_STORY}</p></body></html>
  </inlineXML></contentSet>
</newsItem></itemSet></newsMessage>""".encode()

PASTED = ("Thousands flee fighting in Varnia\n" + WIRE_BODY).encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<newsItem><contentSet><inlineData>&lol9;</inlineData></contentSet></newsItem>"""

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<newsItem><contentSet><inlineData>&xxe;</inlineData></contentSet></newsItem>"""

XXE_EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem SYSTEM "http://127.0.0.1:9/evil.dtd">
<newsItem><contentSet><inlineData>text</inlineData></contentSet></newsItem>"""

XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>
<newsItem/>"""


def ready_ingestor(**settings) -> tuple[Ingestor, MemorySink]:
    sink = MemorySink()
    ingestor = Ingestor(Settings(**settings), sink)
    ingestor.ready.set()
    return ingestor, sink


def run(coro):
    return asyncio.run(coro)


PUBLISHED = format_datetime(datetime(2025, 5, 2, 8, tzinfo=UTC), usegmt=True)


def rss(*items: tuple[str, str, str], ttl: int | None = None) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://news.example/{guid}</link><guid>{guid}</guid>"
        f"<pubDate>{PUBLISHED}</pubDate><description><![CDATA[{body}]]></description></item>"
        for guid, title, body in items)
    return (f"<?xml version='1.0'?><!DOCTYPE rss PUBLIC '-//Netscape Communications//DTD RSS 0.91//EN' "
            f"'http://my.netscape.com/publish/formats/rss-0.91.dtd'><rss version='2.0' "
            f"xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Example News</title>"
            f"{f'<ttl>{ttl}</ttl>' if ttl else ''}{entries}</channel></rss>").encode()


class Api:
    """One server on its own loop for a test module; each call runs the loop until answered."""

    def __init__(self, **settings) -> None:
        self.loop = asyncio.new_event_loop()
        self.sink = MemorySink()
        self.ingestor = Ingestor(Settings(**settings), self.sink)
        self.ingestor.ready.set()
        self.client = self.run(self._start(make_web_app(self.ingestor, self.ingestor.settings)))

    @staticmethod
    async def _start(app) -> TestClient:
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        return client

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def request(self, method: str, path: str, **kwargs) -> tuple[int, dict, dict]:
        async def call():
            response = await self.client.request(method, path, **kwargs)
            text = await response.text()
            return response.status, (json.loads(text) if text else {}), dict(response.headers)

        return self.run(call())

    def post(self, data, content_type: str | None = "application/json", **headers) -> tuple[int, dict]:
        if content_type:
            headers["Content-Type"] = content_type
        status, body, _ = self.request("POST", "/articles", data=data, headers=headers)
        return status, body

    def close(self) -> None:
        self.run(self.client.close())
        self.loop.close()
