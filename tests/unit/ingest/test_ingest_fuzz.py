"""Fuzzing the API handler with every accepted format, well-formed and not: never a 5xx, every
refusal a JSON error, and no loss: each 202 is a published article or a dead letter."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import DATELINE, STORY, Api, web_copy

from wirewatch.contracts import Article

# Any code point, lone surrogates included: JSON can smuggle them in as escapes.
any_text = st.text(st.characters(exclude_categories=()), max_size=200)
fragments = st.sampled_from([*STORY, DATELINE, "<p>", "</p>", "<br>", "<figure><figcaption>", "&amp;", "&#0;",
                             "Advertisement", "(Photo by A. Person / AFP)", "\r\n", "\u00a0", "\u200b", "\ud800",
                             "BEIRUT, May 2 (AFP) -", "12,000", "<script>", "</figure>", "\x00"])
story_like = st.lists(st.one_of(fragments, any_text), min_size=1, max_size=8).map("".join)
scalars = st.one_of(st.none(), any_text, st.integers(), st.floats(allow_nan=False), st.booleans())
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(any_text, scalars, max_size=3))
times = st.one_of(st.datetimes().map(lambda d: d.isoformat()), st.sampled_from(["2025-05-02T08:00:00Z",
                                                                                   "Fri, 02 May 2025 08:00:00 GMT",
                                                                                   "not a time", "9999-12-31"]))

our_docs = st.fixed_dictionaries(
    {"id": st.one_of(any_text, values), "body": st.one_of(story_like, values)},
    optional={"headline": st.one_of(any_text, values), "published_at": st.one_of(times, values),
              "url": st.one_of(st.just("https://example.org/a"), any_text), "provider": any_text, "extra": values},
)
ninjs_docs = st.fixed_dictionaries(
    {"uri": st.one_of(any_text, st.just("https://example.org/n/1"))},
    optional={"type": st.sampled_from(["text", "picture", "composite", None, 3]), "headline": any_text,
              "body_text": st.one_of(story_like, values), "body_html": story_like,
              "bodies": st.one_of(st.lists(st.fixed_dictionaries({"value": st.one_of(story_like, values)},
                                                                 optional={"role": any_text,
                                                                           "contenttype": st.sampled_from(
                                                                               ["text/html", "text/plain"])}),
                                           max_size=3), values),
              "headlines": st.one_of(st.lists(st.fixed_dictionaries({"value": any_text}), max_size=2), values),
              "versioncreated": st.one_of(times, values), "located": st.one_of(any_text, values),
              "infosources": values, "pubstatus": st.sampled_from(["usable", "canceled"])},
)


def _xml_text(text: str) -> str:
    # Only characters XML 1.0 allows; the rest is tested as raw bytes below.
    return escape("".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")))


@st.composite
def newsml_docs(draw) -> bytes:
    body = _xml_text(draw(story_like))
    inline = draw(st.sampled_from([
        f"<inlineXML contenttype='application/nitf+xml'><nitf><body><body.content><p>{body}</p></body.content>"
        "</body></nitf></inlineXML>",
        f"<inlineXML><html xmlns='http://www.w3.org/1999/xhtml'><body><div><p>{body}</p></div></body></html>"
        "</inlineXML>",
        f"<inlineData contenttype='text/html'>{body}</inlineData>",
        f"<inlineData>{body}</inlineData>",
        "",
    ]))
    meta = "".join(draw(st.lists(st.sampled_from([
        "<itemClass qcode='ninat:text'/>", "<itemClass qcode='ninat:picture'/>", "<provider qcode='nprov:AFP'/>",
        f"<firstCreated>{_xml_text(draw(times))}</firstCreated>", "<pubStatus qcode='stat:canceled'/>",
        f"<provider literal='{_xml_text(draw(any_text))}'/>",
    ]), max_size=4)))
    headline = _xml_text(draw(any_text))
    item = (f"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' guid='{_xml_text(draw(any_text))}'>"
            f"<itemMeta>{meta}</itemMeta><contentMeta><headline>{headline}</headline></contentMeta>"
            f"<contentSet>{inline}</contentSet></newsItem>")
    if draw(st.booleans()):
        item = f"<newsMessage><itemSet>{item}</itemSet></newsMessage>"
    return item.encode(draw(st.sampled_from(["utf-8", "utf-16"])) if not draw(st.booleans()) else "utf-8")


def _mutate(data: bytes, cut: int, junk: bytes) -> bytes:
    cut = cut % (len(data) + 1)
    return data[:cut] + junk + data[cut:]


JSON_TYPES = ["application/json", "application/json; charset=utf-8", "application/ninjs+json",
              "application/json; charset=latin-1"]
XML_TYPES = ["application/vnd.iptc.g2.newsitem+xml", "application/xml", "text/xml; charset=utf-8"]
TEXT_TYPES = ["text/plain", "text/plain; charset=utf-8", "text/plain; charset=iso-8859-1", "text/plain; charset=utf-16",
              "text/plain; charset=bogus"]
BATCH_TYPES = ["application/x-ndjson", "application/jsonl; charset=utf-8"]
OTHER_TYPES = ["text/html", "application/octet-stream", "multipart/form-data; boundary=x", "", "application/JSON"]

requests = st.one_of(
    st.tuples(our_docs.map(lambda d: json.dumps(d).encode()), st.sampled_from(JSON_TYPES)),
    st.tuples(ninjs_docs.map(lambda d: json.dumps(d).encode()), st.sampled_from(JSON_TYPES)),
    st.tuples(newsml_docs(), st.sampled_from(XML_TYPES)),
    st.tuples(st.tuples(story_like, any_text).map(lambda p: f"{p[1]}\n{p[0]}".encode("utf-8", "surrogatepass")),
              st.sampled_from(TEXT_TYPES)),
    st.tuples(st.builds(_mutate, st.one_of(our_docs.map(lambda d: json.dumps(d).encode()), newsml_docs(),
                                           st.just(web_copy().encode())),
                        st.integers(0, 10_000), st.binary(max_size=20)),
              st.sampled_from(JSON_TYPES + XML_TYPES + TEXT_TYPES)),
    st.tuples(st.binary(max_size=300), st.sampled_from(JSON_TYPES + XML_TYPES + TEXT_TYPES + OTHER_TYPES)),
    st.tuples(st.lists(st.one_of(our_docs.map(json.dumps), ninjs_docs.map(json.dumps), any_text), min_size=0, max_size=4)
              .map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")), st.sampled_from(BATCH_TYPES)),
)


def test_fuzz_every_format_no_5xx_no_loss():
    api = Api(max_body_bytes=20_000)
    accepted: list[tuple[str | None, bool, bool]] = []

    @settings(max_examples=400, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(request=requests)
    def one(request):
        data, content_type = request
        published_before = len(api.sink.articles)
        dead_before = len(api.sink.dead_letters)
        status, body = api.post(data, content_type or None)
        assert status < 500, (status, body, data[:200], content_type)
        if status in (202, 207) and "skipped" in body:  # a newsMessage: one answer per item
            answers = body["items"]
            assert all(a["status"] in ("accepted", "duplicate", "skipped", "refused", "dead_lettered") for a in answers)
            assert all(a.get("reason") for a in answers if a["status"] in ("skipped", "refused")), answers
            new = [a for a in answers if a["status"] == "accepted"]
            assert len(api.sink.articles) == published_before + len(new)
            accepted.extend((a.get("article_id"), a["status"] == "duplicate", a["status"] == "dead_lettered")
                            for a in answers if a["status"] in ("accepted", "duplicate", "dead_lettered"))
        elif status in (202, 207) and "items" in body:
            answers = body["items"]
            assert body["accepted"] == sum(1 for a in answers if a["status"] == 202)
            assert all(a["status"] == 202 or (400 <= a["status"] < 500 and a["error"]) for a in answers), answers
            new = [a for a in answers if a["status"] == 202 and not a["duplicate"] and not a.get("dead_lettered")]
            dead = [a for a in answers if a.get("dead_lettered")]
            assert len(api.sink.articles) == published_before + len(new)
            assert len(api.sink.dead_letters) == dead_before + len(dead)
            accepted.extend((a.get("article_id"), a.get("duplicate"), bool(a.get("dead_lettered")))
                            for a in answers if a["status"] == 202)
        elif status == 202:
            assert set(body) <= {"article_id", "duplicate", "dead_lettered"}
            if body.get("dead_lettered"):
                assert len(api.sink.dead_letters) == dead_before + 1
            elif body["duplicate"]:
                assert len(api.sink.articles) == published_before
                assert body["article_id"] in {a.article_id for a in api.sink.articles}
            else:
                assert len(api.sink.articles) == published_before + 1
                assert api.sink.articles[-1].article_id == body["article_id"]
            accepted.append((body.get("article_id"), body["duplicate"], bool(body.get("dead_lettered"))))
        else:
            assert 400 <= status < 500 and isinstance(body.get("error"), str) and body["error"], (status, body)
            assert len(api.sink.articles) == published_before

    try:
        one()
        assert api.request("GET", "/healthz")[0] == 200
        # Every published article survives the trip through its contract.
        for article in api.sink.articles:
            Article.model_validate_json(article.model_dump_json())
            assert article.body.strip() and "\x00" not in article.body
        assert sum(1 for _, duplicate, dead in accepted if not duplicate and not dead) == len(api.sink.articles)
        assert accepted, "the fuzzer never produced an acceptable article"
    finally:
        api.close()
