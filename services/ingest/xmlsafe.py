"""Untrusted XML: safe parsing (no DTDs, entities or external references) and the small helpers
every XML reader here uses (NewsML-G2, NITF, XHTML, RSS, Atom)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from xml.parsers import expat

from ingest.errors import InputError


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
