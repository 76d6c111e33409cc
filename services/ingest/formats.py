"""Reading the formats articles arrive in: our JSON, IPTC ninjs, NewsML-G2, plain text.

Every reader turns bytes into a `Submission` (the submitter's fields, not yet cleaned) or raises
`InputError` with the HTTP status and a message that tells the submitter what is wrong.
"""

from __future__ import annotations

import codecs
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.parsers import expat

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MAX_ID_CHARS = 512
MAX_URL_CHARS = 2048
MAX_HEADLINE_CHARS = 2000
MAX_PROVIDER_CHARS = 200


class InputError(ValueError):
    """Input refused, with the HTTP status that says why (400 malformed, 413, 415, 422 unusable)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Submission:
    """One article as submitted: raw text fields, before cleaning and de-duplication."""

    body: str
    headline: str | None = None
    source_id: str | None = None
    published_at: str | int | float | datetime | None = None
    url: str | None = None
    provider: str | None = None
    body_is_html: bool | None = None  # None: decide by looking at the text
    dateline: str | None = None  # as the format states it apart from the body (NewsML, ninjs 'located')
    format: str = "json"


# --- decoding ------------------------------------------------------------------------------

_TEXT_ENCODINGS = frozenset(codecs.lookup(name).name for name in (
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "ascii", "latin-1", "iso8859-15", "cp1252", "cp1250",
    "cp1251", "cp1256", "iso8859-2", "iso8859-5", "iso8859-6", "koi8-r", "mac-roman",
))


def decode_text(data: bytes, charset: str | None, *, what: str = "body") -> str:
    """Bytes to str with the declared charset (UTF-8 by default); a clear error when they disagree."""
    name = (charset or "utf-8").strip().strip('"').lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(415, f"unsupported charset {name!r}; send UTF-8") from None
    if codec not in _TEXT_ENCODINGS:
        raise InputError(415, f"unsupported charset {name!r}; send UTF-8")
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(400, f"{what} is not valid {name} (byte 0x{bad} at offset {exc.start})") from None


def _load_json(data: bytes, charset: str | None) -> Any:
    if charset and charset.strip().strip('"').lower() not in ("utf-8", "utf8"):
        raise InputError(415, f"JSON must be UTF-8, not {charset!r}")
    text = decode_text(data, "utf-8")
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError(400, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise InputError(400, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except ValueError as exc:  # e.g. integers longer than Python converts
        raise InputError(400, f"invalid JSON: {exc}") from None


# --- our JSON -------------------------------------------------------------------------------

class SubmittedArticle(BaseModel):
    """Our own JSON article. Unknown fields are refused so that typos are noticed."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    body: str = Field(min_length=1)
    headline: str | None = Field(None, max_length=MAX_HEADLINE_CHARS)
    published_at: str | None = Field(None, max_length=64)
    url: str | None = Field(None, max_length=MAX_URL_CHARS)
    provider: str | None = Field(None, max_length=MAX_PROVIDER_CHARS)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors()[:5]:
        where = ".".join(str(part) for part in error["loc"]) or "article"
        problems.append(f"{where}: {error['msg']}")
    return "; ".join(problems)


def submission_from_ours(doc: dict) -> Submission:
    try:
        article = SubmittedArticle.model_validate(doc)
    except ValidationError as exc:
        raise InputError(422, f"invalid article: {_describe(exc)}") from None
    return Submission(body=article.body, headline=article.headline, source_id=article.id,
                      published_at=article.published_at, url=article.url, provider=article.provider, format="json")


# --- ninjs ----------------------------------------------------------------------------------

NINJS_FIELDS = frozenset({"uri", "body_text", "body_html", "bodies", "headlines", "versioncreated", "firstcreated",
                          "contentcreated", "pubstatus", "located", "copyrightholder", "infosources", "standard",
                          "renditions", "representationtype", "byline", "by", "description_text"})
OUR_FIELDS = frozenset(SubmittedArticle.model_fields)


def is_ninjs(doc: Any) -> bool:
    """ninjs when it has ninjs fields and is not plainly ours: a typo in our JSON should be
    reported as an unknown field, not as a ninjs item without a body."""
    if not isinstance(doc, dict):
        return False
    keys = set(doc)
    return bool(keys & NINJS_FIELDS) and not {"id", "body"} <= keys


def _string(doc: dict, key: str, limit: int | None = None) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(422, f"ninjs: '{key}' must be a string")
    return value[:limit] if limit else value


def _pick(items: Any, key: str, *, roles: tuple[str, ...] = ("main", "body", "")) -> dict | None:
    """From a ninjs 2.x list of {value, role, contenttype} take the main one."""
    if items is None:
        return None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(422, f"ninjs: '{key}' must be a list of objects")
    usable = [i for i in items if isinstance(i.get("value"), str)]
    for role in roles:
        for item in usable:
            if (item.get("role") or "") == role:
                return item
    return usable[0] if usable else None


def submission_from_ninjs(doc: dict) -> Submission:
    if _string(doc, "type") not in (None, "text", "composite"):
        raise InputError(422, f"ninjs: type {doc.get('type')!r} carries no article text")
    if doc.get("pubstatus") == "canceled":
        raise InputError(422, "ninjs: pubstatus 'canceled': the provider withdrew this item")
    html = False
    body = _string(doc, "body_text")
    if not body:
        body = _string(doc, "body_html")
        html = bool(body)
    if not body:
        item = _pick(doc.get("bodies"), "bodies")
        if item:
            body = item["value"]
            html = "html" in str(item.get("contenttype") or "")
    if not body:
        body = _string(doc, "description_text")
    if not body:
        raise InputError(422, "ninjs: no body_text, body_html or bodies")
    headline = _string(doc, "headline")
    if headline is None:
        item = _pick(doc.get("headlines"), "headlines")
        headline = item["value"] if item else None
    provider = _string(doc, "copyrightholder", MAX_PROVIDER_CHARS)
    sources = doc.get("infosources") or doc.get("infosource")
    if isinstance(sources, list) and sources and isinstance(sources[0], dict):
        name = sources[0].get("name") or sources[0].get("literal")
        if isinstance(name, str):
            provider = name[:MAX_PROVIDER_CHARS]
    uri = _string(doc, "uri")
    located = doc.get("located")
    return Submission(
        body=body,
        headline=headline,
        source_id=uri[:MAX_ID_CHARS] if uri else None,
        published_at=_string(doc, "firstcreated") or _string(doc, "versioncreated") or _string(doc, "contentcreated"),
        url=uri if uri and uri.lower().startswith(("http://", "https://")) and len(uri) <= MAX_URL_CHARS else None,
        provider=provider,
        body_is_html=html,
        dateline=located if isinstance(located, str) else None,
        format="ninjs",
    )


def submission_from_doc(doc: Any, *, ninjs: bool | None = None) -> Submission:
    """Our JSON article or ninjs (`ninjs=None`: decided by the fields present)."""
    if not isinstance(doc, dict):
        raise InputError(422, f"expected a JSON object, got {type(doc).__name__}")
    if ninjs or (ninjs is None and is_ninjs(doc)):
        return submission_from_ninjs(doc)
    return submission_from_ours(doc)


def load_json(data: bytes, charset: str | None = None) -> Any:
    return _load_json(data, charset)


def parse_json(data: bytes, charset: str | None = None, *, ninjs: bool | None = None) -> Submission:
    return submission_from_doc(_load_json(data, charset), ninjs=ninjs)


# --- XML ------------------------------------------------------------------------------------

def parse_xml(data: bytes, *, allow_doctype: bool = False) -> ET.Element:
    """Parse untrusted XML: no entity declarations (billion laughs), no external entities (XXE).

    A first expat pass refuses any declaration before anything is expanded; only then does
    ElementTree build the tree. Feeds may carry a bare DOCTYPE (RSS 0.91), the API may not."""

    def refuse_doctype(*_args) -> None:
        raise InputError(400, "XML with a DOCTYPE is refused (no DTDs, entities or external references)")

    def refuse_entity(*_args) -> None:
        raise InputError(400, "XML entity declarations are refused")

    def refuse_external(*_args) -> None:
        raise InputError(400, "XML external entities are refused")

    checker = expat.ParserCreate()
    checker.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if not allow_doctype:
        checker.StartDoctypeDeclHandler = refuse_doctype
    checker.EntityDeclHandler = refuse_entity
    checker.UnparsedEntityDeclHandler = refuse_entity
    checker.ExternalEntityRefHandler = refuse_external
    try:
        checker.Parse(data, True)
    except InputError:
        raise
    except expat.ExpatError as exc:
        raise InputError(400, f"invalid XML: {expat.ErrorString(exc.code)} at line {exc.lineno} column {exc.offset}") \
            from None
    except (ValueError, LookupError) as exc:  # unknown encoding declarations
        raise InputError(400, f"invalid XML: {exc}") from None
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(400, f"invalid XML: {exc}") from None


def local(tag: Any) -> str:
    """'{namespace}name' -> 'name' (comments and processing instructions have no string tag)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: ET.Element | None, name: str) -> ET.Element | None:
    if element is None:
        return None
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def text_of(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return "".join(element.itertext()).strip() or None


_XML_BLOCKS = frozenset({"p", "div", "hl1", "hl2", "li", "br", "block", "section", "h1", "h2", "h3", "h4", "tr",
                         "blockquote", "pre", "table", "ul", "ol"})
_XML_SKIP = frozenset({"body.head", "head", "script", "style", "figure", "figcaption", "media", "media-caption",
                       "caption", "note", "body.end", "tagline"})


def xml_text(root: ET.Element) -> str:
    """Readable text of inline XHTML or NITF: paragraphs from block elements; iterative, so deep
    nesting cannot exhaust the stack."""
    out: list[str] = []
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        name = local(element.tag)
        if closing:
            if name in _XML_BLOCKS:
                out.append("\n\n")
            if element.tail:
                out.append(element.tail.replace("\n", " "))
            continue
        if name in _XML_SKIP:
            if element.tail:
                out.append(element.tail.replace("\n", " "))
            continue
        if name in _XML_BLOCKS:
            out.append("\n\n")
        if element.text:
            out.append(element.text.replace("\n", " "))
        stack.append((element, True))
        stack.extend((item, False) for item in reversed(list(element)))
    return "".join(out)


def _qcode_name(element: ET.Element | None) -> str | None:
    """'<provider qcode="nprov:AFP"/>', '<provider literal="AFP"/>' or '<provider><name>AFP</name>' -> 'AFP'."""
    if element is None:
        return None
    name = text_of(child(element, "name")) or element.get("literal")
    if name:
        return name
    qcode = element.get("qcode")
    return qcode.split(":", 1)[-1] if qcode else None


def submission_from_newsitem(item: ET.Element) -> Submission:
    item_class = child(child(item, "itemMeta"), "itemClass")
    if item_class is not None and item_class.get("qcode", "ninat:text").split(":")[-1] not in ("text", "composite"):
        raise InputError(422, f"NewsML-G2: itemClass {item_class.get('qcode')!r} carries no article text")
    meta = child(item, "itemMeta")
    content_meta = child(item, "contentMeta")
    pub_status = child(meta, "pubStatus")
    if pub_status is not None and pub_status.get("qcode", "").endswith("canceled"):
        raise InputError(422, "NewsML-G2: pubStatus canceled: the provider withdrew this item")
    body = None
    html = False
    content_set = child(item, "contentSet")
    if content_set is not None:
        for content in content_set:
            kind = local(content.tag)
            if kind == "inlineXML":
                body = xml_text(content).strip()
            elif kind == "inlineData":
                body = (content.text or "").strip()
                html = "html" in (content.get("contenttype") or "")
            if body:
                break
    if not body:
        raise InputError(422, "NewsML-G2: no inlineXML or inlineData content")
    headline = text_of(child(content_meta, "headline"))
    published = text_of(child(meta, "firstCreated")) or text_of(child(meta, "versionCreated")) \
        or text_of(child(content_meta, "contentCreated"))
    provider = _qcode_name(child(meta, "provider"))
    link = child(meta, "link")
    url = link.get("href") if link is not None else None
    guid = item.get("guid")
    return Submission(
        body=body,
        headline=headline,
        source_id=guid[:MAX_ID_CHARS] if guid else None,
        published_at=published,
        url=url if url and url.lower().startswith(("http://", "https://")) and len(url) <= MAX_URL_CHARS else None,
        provider=provider[:MAX_PROVIDER_CHARS] if provider else None,
        body_is_html=html,
        dateline=text_of(child(content_meta, "dateline")),
        format="newsml",
    )


def parse_newsml(data: bytes) -> Submission:
    """A NewsML-G2 newsItem, or a newsMessage holding exactly one."""
    root = parse_xml(data)
    name = local(root.tag)
    if name == "newsMessage":
        items = [el for el in root.iter() if local(el.tag) == "newsItem"]
        if len(items) != 1:
            raise InputError(422, f"NewsML-G2: send one newsItem per request (this newsMessage has {len(items)})")
        return submission_from_newsitem(items[0])
    if name != "newsItem":
        raise InputError(422, f"expected a NewsML-G2 newsItem, got <{name}>")
    return submission_from_newsitem(root)


# --- plain text ----------------------------------------------------------------------------

def parse_text(data: bytes, charset: str | None = None) -> Submission:
    """Pasted text: the first non-empty line is the headline, the rest the body."""
    text = decode_text(data, charset)
    lines = text.lstrip().split("\n", 1)
    headline = lines[0].strip()
    body = lines[1].strip() if len(lines) > 1 else ""
    if not body:
        raise InputError(422, "text/plain: no body (the first line is the headline, the lines after it the body)")
    return Submission(body=body, headline=headline or None, body_is_html=False, format="text")


# --- dispatch by media type -----------------------------------------------------------------

JSON_TYPES = frozenset({"application/json"})
NINJS_TYPES = frozenset({"application/ninjs+json"})
NEWSML_TYPES = frozenset({"application/vnd.iptc.g2.newsitem+xml", "application/vnd.iptc.g2.newsmessage+xml",
                          "application/xml", "text/xml"})
TEXT_TYPES = frozenset({"text/plain"})
# Many articles in one request, one JSON object (ours or ninjs) per line.
BATCH_TYPES = frozenset({"application/x-ndjson", "application/jsonl"})
ACCEPTED_TYPES = sorted(JSON_TYPES | NINJS_TYPES | NEWSML_TYPES | TEXT_TYPES | BATCH_TYPES)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_batch(content_type: str | None) -> bool:
    return media_type(content_type) in BATCH_TYPES


def parse_batch(data: bytes, charset: str | None = None) -> list[tuple[bytes, Submission | InputError]]:
    """JSON lines: each non-empty line with its submission, or with why that line is refused (a
    bad line never sinks the others). Refused as a whole only when there is no line at all."""
    if charset and charset.strip().strip('"').lower() not in ("utf-8", "utf8"):
        raise InputError(415, f"JSON lines must be UTF-8, not {charset!r}")
    items: list[tuple[bytes, Submission | InputError]] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        line = line.strip()
        if not line:
            continue
        try:
            items.append((line, parse_json(line)))
        except InputError as exc:
            items.append((line, InputError(exc.status, f"line {number}: {exc.message}")))
    if not items:
        raise InputError(400, "no article: JSON lines need one JSON object per line")
    return items


def parse(data: bytes, content_type: str, charset: str | None = None) -> Submission:
    """One submission from a request body, by its media type (batches: `parse_batch`)."""
    media = media_type(content_type)
    if media in JSON_TYPES:
        return parse_json(data, charset)
    if media in NINJS_TYPES:
        return parse_json(data, charset, ninjs=True)
    if media in NEWSML_TYPES:
        return parse_newsml(data)
    if media in TEXT_TYPES:
        return parse_text(data, charset)
    raise InputError(415, f"unsupported Content-Type {media or '(none)'!r}; use one of: {', '.join(ACCEPTED_TYPES)}")
