"""Reading the formats articles arrive in: our JSON, IPTC ninjs, NewsML-G2, plain text.

Every reader turns bytes into a `Submission` (the submitter's fields, not yet cleaned) or raises
`InputError` with the HTTP status and a message that tells the submitter what is wrong.
"""

from __future__ import annotations

import codecs
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ingest.errors import InputError
from ingest.xmlsafe import child, children, local, parse_xml, text_of, xml_text

MAX_ID_CHARS = 512
MAX_URL_CHARS = 2048
MAX_HEADLINE_CHARS = 2000
MAX_PROVIDER_CHARS = 200


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
    summary: bool = False  # the text is the item's description (a lead), the item had no body
    format: str = "json"
    language: str | None = None  # ISO 639-1, as the format declares it; None: detect it from the text


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


# --- languages ------------------------------------------------------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*")


def language_code(tag: str | None) -> str | None:
    """The ISO 639-1 code of a declared language: a BCP 47 tag ("fr", "fr-CA", "en_GB", as ninjs,
    NewsML-G2's xml:lang and RSS's <language> write it). None for none, or for a tag whose
    language has no two-letter code ("fil", "und"): the text then tells."""
    match = _LANGUAGE_TAG.fullmatch((tag or "").strip())
    return match.group(1).lower() if match else None


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
    language: str | None = Field(None, max_length=35, description="BCP 47 tag, e.g. 'fr' or 'fr-CA'")

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        if value is not None and language_code(value) is None:
            raise ValueError("must be an ISO 639-1 code or a BCP 47 tag that starts with one, such as 'fr' or 'fr-CA'")
        return value

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
                      published_at=article.published_at, url=article.url, provider=article.provider, format="json",
                      language=language_code(article.language))


# --- ninjs ----------------------------------------------------------------------------------

# Fields of ninjs 1.0 to 3.x that our own JSON does not have (1.x: body_xhtml, description_*;
# 2.x and 3.x: headlines, bodies, descriptions as lists of {role, contenttype, value}).
NINJS_FIELDS = frozenset({"uri", "body_text", "body_html", "body_xhtml", "bodies", "headlines", "versioncreated",
                          "firstcreated", "contentcreated", "pubstatus", "located", "copyrightholder", "infosources",
                          "standard", "renditions", "representationtype", "byline", "by", "description_text",
                          "description_html", "descriptions"})
OUR_FIELDS = frozenset(SubmittedArticle.model_fields)
# ninjs `type` values that carry article text; picture, video, audio, graphic, event... do not.
NINJS_TEXT_TYPES = (None, "text", "composite")


def is_ninjs(doc: Any) -> bool:
    """ninjs when it has ninjs fields and is not plainly ours: a typo in our JSON should be
    reported as an unknown field, not as a ninjs item without a body."""
    if not isinstance(doc, dict):
        return False
    keys = set(doc)
    return bool({key.lower() for key in keys} & NINJS_FIELDS) and not {"id", "body"} <= keys


def lowercase_keys(doc: dict) -> dict:
    """ninjs 3.x spells its properties in camelCase ('versionCreated', 'contentType', 'infoSources'),
    1.x and 2.x in lower case ('versioncreated'): one spelling for the readers below. Objects
    directly inside (copyrightHolder) and inside lists (bodies, headlines) are lowered too."""
    lowered = {}
    for key, value in doc.items():
        if isinstance(value, list):
            value = [{k.lower(): v for k, v in item.items()} if isinstance(item, dict) else item for item in value]
        elif isinstance(value, dict):
            value = {k.lower(): v for k, v in value.items()}
        lowered[key.lower()] = value
    return lowered


def _string(doc: dict, key: str, limit: int | None = None) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(422, f"ninjs: '{key}' must be a string")
    return value[:limit] if limit else value


def _pick(items: Any, key: str, *, roles: tuple[str, ...] = ("main", "body", "")) -> dict | None:
    """From a ninjs 2.x/3.x list of {value, role, contenttype} take the one of the first role
    found (a prefixed role such as 'drol:summary' counts as 'summary'), else the first."""
    if items is None:
        return None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(422, f"ninjs: '{key}' must be a list of objects")
    usable = [i for i in items if isinstance(i.get("value"), str) and i["value"].strip()]
    for role in roles:
        for item in usable:
            if str(item.get("role") or "").rsplit(":", 1)[-1] == role:
                return item
    return usable[0] if usable else None


def _is_markup(contenttype: Any) -> bool:
    """text/html and application/xhtml+xml are read as markup; anything else as plain text."""
    return "html" in str(contenttype or "").lower()


def ninjs_text(doc: dict) -> tuple[str, bool, bool] | None:
    """(text, is_markup, is_summary) of a ninjs item: its body in any field ninjs 1.0 to 3.x
    defines, else its description (a lead or summary, flagged as such); None when it has neither.
    XHTML is read by the HTML cleaner, which takes any fragment (several roots, HTML entities)."""
    for key, markup in (("body_text", False), ("body_html", True), ("body_xhtml", True)):
        text = _string(doc, key)
        if text and text.strip():
            return text, markup, False
    item = _pick(doc.get("bodies"), "bodies")
    if item:
        return item["value"], _is_markup(item.get("contenttype")), False
    for key, markup in (("description_text", False), ("description_html", True)):
        text = _string(doc, key)
        if text and text.strip():
            return text, markup, True
    item = _pick(doc.get("descriptions"), "descriptions", roles=("summary", "abstract", "main", ""))
    if item:
        return item["value"], _is_markup(item.get("contenttype")), True
    return None


def _ninjs_provider(doc: dict) -> str | None:
    """The first information source's name, else the copyright holder (a string in 1.x, an
    object with a name in 2.x and 3.x)."""
    sources = doc.get("infosources") or doc.get("infosource")
    if isinstance(sources, list) and sources and isinstance(sources[0], dict):
        name = sources[0].get("name") or sources[0].get("literal")
        if isinstance(name, str):
            return name[:MAX_PROVIDER_CHARS]
    holder = doc.get("copyrightholder")
    if isinstance(holder, dict):
        holder = holder.get("name")
    return holder[:MAX_PROVIDER_CHARS] if isinstance(holder, str) else None


def submission_from_ninjs(doc: dict) -> Submission:
    doc = lowercase_keys(doc)
    if doc.get("type") not in NINJS_TEXT_TYPES:
        raise InputError(422, f"ninjs: type {doc.get('type')!r} carries no article text")
    if doc.get("pubstatus") == "canceled":
        raise InputError(422, "ninjs: pubstatus 'canceled': the provider withdrew this item")
    found = ninjs_text(doc)
    if found is None:
        raise InputError(422, "ninjs: no body_text, body_html, body_xhtml, bodies or descriptions")
    body, html, summary = found
    headline = _string(doc, "headline")
    if headline is None:
        item = _pick(doc.get("headlines"), "headlines")
        headline = item["value"] if item else None
    uri = _string(doc, "uri")
    located = doc.get("located")
    return Submission(
        body=body,
        headline=headline,
        source_id=uri[:MAX_ID_CHARS] if uri else None,
        published_at=_string(doc, "firstcreated") or _string(doc, "versioncreated") or _string(doc, "contentcreated"),
        url=uri if uri and uri.lower().startswith(("http://", "https://")) and len(uri) <= MAX_URL_CHARS else None,
        provider=_ninjs_provider(doc),
        body_is_html=html,
        dateline=located if isinstance(located, str) else None,
        summary=summary,
        format="ninjs",
        language=language_code(_string(doc, "language")),
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


# --- NewsML-G2 -------------------------------------------------------------------------------

# The kinds of item a NewsML-G2 newsMessage carries; only a newsItem can hold article text.
G2_ITEMS = frozenset({"newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem"})
# NewsML-G2 nature codes (ninat) of news items that carry text.
G2_TEXT_CLASSES = frozenset({"text", "composite"})


def _qcode_name(element: ET.Element | None) -> str | None:
    """'<provider qcode="nprov:AFP"/>', '<provider literal="AFP"/>' or '<provider><name>AFP</name>' -> 'AFP'."""
    if element is None:
        return None
    name = text_of(child(element, "name")) or element.get("literal")
    if name:
        return name
    qcode = element.get("qcode")
    return qcode.split(":", 1)[-1] if qcode else None


def _code(element: ET.Element | None) -> str | None:
    """The code of a qcode ('ninat:picture') or of a URI ('http://cv.iptc.org/newscodes/ninat/picture')."""
    if element is None:
        return None
    qcode, uri = element.get("qcode"), element.get("uri")
    if qcode:
        return qcode.rsplit(":", 1)[-1]
    return uri.rstrip("/").rsplit("/", 1)[-1] if uri else None


def _newsitem_text(item: ET.Element) -> tuple[str, bool, bool] | None:
    """(text, is_html, is_summary): the first inline content, else the description (a lead)."""
    for content in child(item, "contentSet") if child(item, "contentSet") is not None else ():
        kind = local(content.tag)
        if kind == "inlineXML":
            body = xml_text(content).strip()
            if body:
                return body, False, False
        elif kind == "inlineData":
            body = (content.text or "").strip()
            if body:
                return body, "html" in (content.get("contenttype") or ""), False
    descriptions = children(child(item, "contentMeta"), "description") \
        if child(item, "contentMeta") is not None else []
    # A caption describes a picture, not the story.
    leads = [d for d in descriptions if _code(d) != "caption" and (d.get("role") or "").rsplit(":", 1)[-1] != "caption"]
    for description in leads:
        text = xml_text(description).strip()
        if text:
            return text, False, True
    return None


def submission_from_newsitem(item: ET.Element) -> Submission:
    meta = child(item, "itemMeta")
    item_class = _code(child(meta, "itemClass"))
    if item_class is not None and item_class not in G2_TEXT_CLASSES:
        raise InputError(422, f"NewsML-G2: itemClass ninat:{item_class} carries no article text")
    content_meta = child(item, "contentMeta")
    if _code(child(meta, "pubStatus")) == "canceled":
        raise InputError(422, "NewsML-G2: pubStatus canceled: the provider withdrew this item")
    found = _newsitem_text(item)
    if found is None:
        raise InputError(422, "NewsML-G2: no inlineXML or inlineData content and no description")
    body, html, summary = found
    headline = text_of(child(content_meta, "headline"))
    published = text_of(child(meta, "firstCreated")) or text_of(child(meta, "versionCreated")) \
        or text_of(child(content_meta, "contentCreated"))
    # A provider given only by URI names nobody: then the information source, or the copyright holder.
    provider = _qcode_name(child(meta, "provider")) or _qcode_name(child(content_meta, "infoSource")) \
        or _qcode_name(child(child(item, "rightsInfo"), "copyrightHolder"))
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
        summary=summary,
        format="newsml",
        language=_newsitem_language(item),
    )


def _newsitem_language(item: ET.Element) -> str | None:
    """A newsItem's language: its content's xml:lang, contentMeta's <language tag>, the item's xml:lang."""
    contents = child(item, "contentSet")
    for content in contents if contents is not None else ():
        if content.get(XML_LANG):
            return language_code(content.get(XML_LANG))
    meta = child(item, "contentMeta")
    declared = child(meta, "language") if meta is not None else None
    return language_code(declared.get("tag") if declared is not None else None) or language_code(item.get(XML_LANG))


@dataclass
class MessageItem:
    """One item of a NewsML-G2 newsMessage: a text newsItem to ingest, or why it is skipped."""

    guid: str | None
    kind: str  # newsItem, packageItem, conceptItem, ...
    original: bytes
    submission: Submission | None = None
    skipped: str | None = None
    version: str | None = None  # the item's version: a correction comes with the same guid


def newsmessage_items(root: ET.Element) -> list[MessageItem]:
    """Every item of a newsMessage, in order: text newsItems with their submission, everything
    else (pictures, video, packages, concepts, items without text) with the reason it is skipped.
    A message of nothing but non-text items is still read: each skip is an answer, not an error."""
    items = []
    for element in root.iter():
        kind = local(element.tag)
        if kind not in G2_ITEMS:
            continue
        original = ET.tostring(element, encoding="utf-8")
        guid, version = element.get("guid"), element.get("version")
        if kind != "newsItem":
            items.append(MessageItem(guid, kind, original, skipped=f"{kind} carries no article text", version=version))
            continue
        try:
            items.append(MessageItem(guid, kind, original, submission=submission_from_newsitem(element),
                                     version=version))
        except InputError as exc:
            items.append(MessageItem(guid, kind, original, skipped=exc.message.removeprefix("NewsML-G2: "),
                                     version=version))
    return items


def read_newsml(data: bytes) -> Submission | list[MessageItem]:
    """A NewsML-G2 document: a newsItem's submission, or a newsMessage's items (each answered)."""
    root = parse_xml(data)
    name = local(root.tag)
    if name == "newsMessage":
        return newsmessage_items(root)
    if name in G2_ITEMS - {"newsItem"}:
        raise InputError(422, f"NewsML-G2: a {name} carries no article text")
    if name != "newsItem":
        raise InputError(422, f"expected a NewsML-G2 newsItem or newsMessage, got <{name}>")
    return submission_from_newsitem(root)


def parse_newsml(data: bytes) -> Submission:
    """A NewsML-G2 newsItem, or a newsMessage holding exactly one text item."""
    read = read_newsml(data)
    if not isinstance(read, list):
        return read
    texts = [item for item in read if item.submission is not None]
    if len(texts) != 1:
        raise InputError(422, f"NewsML-G2: this newsMessage has {len(texts)} text items, expected one")
    return texts[0].submission


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
