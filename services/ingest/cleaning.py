"""Turning wire and web copy into clean article text: plain functions, no I/O.

Web copies of a wire story differ from the wire in junk only (markup, photo captions repeated
by galleries, comment and share widgets, the agency's dateline and sign-off), so cleaning is
also what makes copies of one story comparable for de-duplication.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import ftfy

from wirewatch.contracts import Dateline
from wirewatch.places.countries import country_of_demonym, country_of_name

# Text inside these never reaches the reader as article copy.
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "nav", "footer", "header", "aside", "form", "button", "select", "textarea", "figure", "figcaption",
    "head", "title", "video", "audio", "picture",
})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "address", "body", "html",
})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID_TAGS:
            # Web copy separates paragraphs with <br> as often as with <p>.
            if tag in ("br", "hr") and not self.skip_depth:
                self.parts.append("\n\n")
            return
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr") and not self.skip_depth:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            # Unbalanced markup is the norm on the web: never go below zero.
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # Newlines inside HTML text are spaces; paragraphs come from block tags only.
            self.parts.append(data.replace("\n", " ").replace("\r", " "))


_HTML_HINT = re.compile(r"<(?:p|br|div|span|a|b|i|strong|em|figure|figcaption|h[1-6]|ul|ol|li|img|section|article|"
                        r"blockquote|table|script|style)\b[^>]*>|&(?:[a-z]{2,8}|#\d{1,6}|#x[0-9a-f]{1,6});", re.I)


def looks_like_html(text: str) -> bool:
    return ("<" in text or "&" in text) and _HTML_HINT.search(text) is not None


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment or page; paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# Format and control characters that only hide differences between otherwise equal texts.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\t\f\v"), " ")
_INVISIBLE_AND_SPACES = _INVISIBLE | _SPACES
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


# UTF-8 read as Windows-1252 or Latin-1 leaves a lead byte (Â..ô) followed by a continuation byte
# (U+0080..U+00BF or their Windows-1252 letters): the cheap test that decides whether ftfy, which
# costs about a millisecond per article, needs to look at the text at all.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")
# A second, lossy mis-decoding common in text extracted from humanitarian report PDFs, which ftfy
# cannot undo because the bytes are gone: only the sequences that still identify one character.
_PDF_MOJIBAKE = {"Š—È": "’", "Š—“": "“", "Š—\ufffd": "”", "’©": "é", "’±": "ñ"}
_PDF_MOJIBAKE_RE = re.compile("|".join(map(re.escape, _PDF_MOJIBAKE)))


def repair_mojibake(text: str) -> str:
    """Undo text that was encoded in UTF-8 and decoded as something else (â€™ for ’, Ã© for é)."""
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_encoding(text)
    if "Š—" in text or "’" in text:
        text = _PDF_MOJIBAKE_RE.sub(lambda m: _PDF_MOJIBAKE[m.group()], text)
    return text


def scrub(text: str) -> str:
    """NFC text with no lone surrogates, mojibake or control characters: safe to encode and compare."""
    if text.isascii():
        # Most copy: nothing to repair or normalise, only line ends, tabs and control characters.
        return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = repair_mojibake(_SURROGATE.sub("\ufffd", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub(" ", text.translate(_INVISIBLE_AND_SPACES))
    return unicodedata.normalize("NFC", text)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of scrubbed text with inner whitespace collapsed.

    Blank lines separate paragraphs when there are any (single newlines are then hard wraps, as
    in old wire copy); otherwise every line is a paragraph, as in most pasted and feed text."""
    blocks = re.split(r"\n[ ]*\n", text) if re.search(r"\n[ ]*\n", text) else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def one_line(text: str | None, limit: int = 1000) -> str:
    text = " ".join(scrub(text or "").split())
    return text[:limit].rstrip()


# --- datelines ---------------------------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|"
          r"juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|ene(?:ro)?|"
          r"abr(?:il)?|may(?:o)?|jun(?:io)?|jul(?:io)?|ago(?:sto)?|sep(?:tiembre)?|dic(?:iembre)?)\.?")
_DATE_PART = re.compile(rf"^(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\d{{4}}|"
                        r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?)$", re.I)
_PLACE_WORD = r"[^\W\d_][\w'’.\-]*"
# Agencies print the filing place in capitals; mixed case is accepted only before a credit.
_DATELINE_CREDITED = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:[ \-/]{_PLACE_WORD}){{0,5}}(?:,\s*[\w'’. \-]{{2,40}}?){{0,3}})\s*"
    r"\((?P<provider>[A-Za-z][A-Za-z&.\- ]{0,30}?)\)\s*(?:[-–—:]+|\.-|$)\s*", re.U)
# ... and may end it with a colon instead of a dash ("GOMA: Fighting resumed").
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+(?:[ /][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,4}"
    r"(?:,\s*[\w'’. \-]{2,40}?){0,3})\s*(?:[-–—]+|:)\s+", re.U)
# Newspapers print the place in mixed case before the date, with no credit or dash: "New Delhi, August 2".
_DATELINE_DATED = re.compile(
    rf"^(?P<place>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){{0,3}},\s*{_MONTH}\s+\d{{1,2}})"
    r"(?:\s*[-–—:]+\s*|\s+(?=[A-Z]))", re.U)
# Shouted words that open copy like a dateline but name no place, and agencies quoted before a colon
# ("UNHCR: 5,000 fled").
_NOT_PLACES = frozenset({"BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "URGENT", "FLASH", "EXCLUSIVE", "WATCH",
                         "LIVE", "ANALYSIS", "CORRECTED", "CORRECTION", "REFILE", "ALERT", "OPINION", "EDITORIAL",
                         "FACTBOX", "EXPLAINER", "NEWSALERT", "BULLETIN", "ADVISORY", "WARNING", "NEWS", "REPORT",
                         "FEATURE", "INTERVIEW", "NOTE", "COMMENT", "PHOTOS", "VIDEO", "SUMMARY", "FACT CHECK",
                         "UN", "UNHCR", "OCHA", "IOM", "WHO", "UNICEF", "WFP", "ICRC", "MSF", "IDMC"})
_LOWER_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "el", "es", "au", "aux", "of", "the", "and", "y",
                              "da", "do", "dos", "das", "di", "del", "al"})


def _title(word_run: str) -> str:
    if not word_run.isupper():
        return word_run
    out = []
    for index, word in enumerate(re.split(r"(\W+)", word_run.lower())):
        out.append(word if index and word in _LOWER_PARTICLES else word[:1].upper() + word[1:])
    return "".join(out)


def split_dateline(body: str) -> tuple[Dateline | None, str]:
    """Remove a leading wire dateline ('BEIRUT (AFP) -', 'GENEVA, March 3 (Reuters) -') from the body.

    The only dateline parser of the pipeline: ner and geocode take `Article.dateline` as given.

    The dateline says where the report was filed, not where events happened; it is kept apart so
    that extraction does not read the filing city as the place of displacement."""
    head = body.lstrip()
    match = _DATELINE_CREDITED.match(head)
    provider = None
    if match:
        provider = match.group("provider").strip()
        city = re.split(r"[ \-/]", match.group("place").split(",")[0].strip())
        # 'The UN refugee agency (UNHCR) -' is a sentence: a place name capitalises its words.
        if not all(w[:1].isupper() or w.lower() in _LOWER_PARTICLES for w in city if w):
            match = None
    else:
        match = _DATELINE_CAPS.match(head) or _DATELINE_DATED.match(head)
        # A caps run at the start may be a shouted headline: a dateline is short.
        if match and len(match.group("place")) > 60:
            match = None
    if not match:
        return None, body
    segments = [s.strip() for s in match.group("place").split(",") if s.strip()]
    places = [s for s in segments if not _DATE_PART.match(s)]
    if not places or any(len(p) > 40 for p in places) or places[0].upper() in _NOT_PLACES:
        return None, body
    rest = head[match.end():]
    place = ", ".join(_title(p) for p in places)
    return Dateline(place=place, provider=provider, text=match.group(0).strip()), rest


# --- boilerplate and captions --------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"^(?:you must be logged in to (?:post|leave) a comment|log ?in to (?:comment|reply)|leave a (?:comment|reply)|"
    r"\d+ comments?|comments?|no comments yet|be the first to comment|share (?:this|on|via)\b.*|share$|"
    r"(?:tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit)(?:\s*[|/·•]\s*\w+)*|"
    r"click here\b.*|read more\b.*|read also\b.*|related(?: articles| stories| content| news)?(?::.*)?|see also\b.*|"
    r"advertisement|sponsored(?: content)?|scroll to continue.*|subscribe\b.*|sign up\b.*|newsletter\b.*|"
    r"follow us\b.*|(?:©|\(c\)|copyright)\s*\d{0,4}.*|all rights reserved\.?|skip to (?:main )?content|"
    r"loading(?:\.\.\.|…)?|cookies?\b.*(?:accept|policy|consent).*|(?:image|photo|picture) (?:caption|credit):?.*|"
    r"this (?:article|story) (?:was|has been) (?:first )?(?:published|republished|reprinted|updated)\b.*|"
    rf"(?:updated|published|last updated|posted)(?:\s+on|\s+at)?(?::\s*|\s+(?=\d|{_MONTH}))[\w ,:./+\-]{{0,40}}|"
    r"[a-z]{2,5}(?:-[a-z]{2,5})?(?:/[a-z]{2,5}(?:-[a-z]{2,5})?)+)[.!:]?$",
    re.I,
)
# 'Displaced families wait for aid near Goma on May 2. (Photo by J. Doe / AFP)'
_CAPTION = re.compile(
    r"(?:\((?:photo|picture|image|file photo|credit)\b[^)]{0,120}\)|"
    r"\b(?:photo|picture|image|credit)s?\s*(?:by|:)\s*[^.]{0,80}$|"
    r"/\s*(?:AFP|AP|Reuters|Getty Images|EPA|Anadolu|Xinhua)(?:\s+via Getty Images)?\s*\)?\s*$|"
    r"\bvia Getty Images\)?\s*$|"
    r"\b(?:AFP|AP|Reuters|EPA|Getty)\s*(?:photo|/\s*Getty Images)\s*\)?\s*$)",
    re.I,
)
_MAX_JUNK_CHARS = 300


_BYLINE = re.compile(r"^(?:by|special to|from our correspondents?|(?:additional )?reporting by|writing by|editing by|"
                     r"compiled by)\b(?P<rest>.*)$", re.I)
_BYLINE_JOINERS = frozenset({"and", "&", "by", "in", "for", "with", "de", "van", "von", "al", "el", "-", "|", ";", ","})


def is_byline(paragraph: str) -> bool:
    """'By A. Writer', 'Special to', 'Reporting by A. Writer; Editing by B. Editor', but not
    'By Tuesday, 400 more had fled': after the lead-in come only names."""
    match = _BYLINE.match(paragraph) if len(paragraph) <= 120 else None
    if not match:
        return False
    words = match.group("rest").replace(";", " ; ").replace(",", " , ").split()
    return all(w[:1].isupper() or w.lower() in _BYLINE_JOINERS for w in words) and not any(ch.isdigit()
                                                                                      for ch in paragraph)


def is_boilerplate(paragraph: str) -> bool:
    return len(paragraph) <= _MAX_JUNK_CHARS and (_BOILERPLATE.match(paragraph) is not None or is_byline(paragraph))


def is_caption(paragraph: str) -> bool:
    return len(paragraph) <= _MAX_JUNK_CHARS + 100 and _CAPTION.search(paragraph) is not None


def remove_junk(paras: list[str]) -> list[str]:
    """Drop site boilerplate and photo captions; of any other repeated paragraph keep the first."""
    counts = Counter(paras)
    out: list[str] = []
    seen: set[str] = set()
    for para in paras:
        if is_boilerplate(para) or is_caption(para):
            continue
        # A paragraph printed twice is a gallery caption or a pull quote: once is enough.
        if counts[para] > 1 and para in seen:
            continue
        seen.add(para)
        out.append(para)
    return out


# --- language ---------------------------------------------------------------------------------

_STOPWORDS = {
    "en": "the of and to in a is that for on was with as by at from are it has have were said been who which their "
          "they this an after more than had not but its",
    "fr": "le la les de des du et en un une est que qui dans pour sur par au aux pas plus ont été ce il elle sont "
          "avec selon ses leur l d qu à depuis dont ces cette mais ou où comme après aussi vers sous chez tous "
          "très ils nous se ne son sa y lors contre avait fait",  # (l', d', qu': elided articles and conjunctions)
    "es": "el la los las de del y en un una que por con para se es al su sus fue han como más sobre según lo "
          "entre",
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an wurde "
          "sind nach bei aus",
    "it": "il lo la gli le di del della e in un una che per con non sono è da dei al nel si ha più sulla",
    "pt": "o a os as de do da dos das e em um uma que para com não por se na no mais foi são ao pelo pela",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er door ook als bij werd naar",
    "sw": "na ya wa kwa za la ni katika kwa cha vya hiyo hao watu wakimbizi kuwa pia lakini ambao",
    "tr": "ve bir bu da de için ile olarak en çok daha gibi olan sonra kadar ama şekilde göre",
    "id": "yang dan di ke dari dengan untuk ini itu dalam tidak akan pada juga oleh sebagai telah",
}


def _stop_languages() -> dict[str, tuple[str, ...]]:
    """Word -> the languages it is a stopword of: one pass over a text's words scores every language."""
    languages: dict[str, tuple[str, ...]] = {}
    for lang, words in _STOPWORDS.items():
        for word in set(words.split()):
            languages[word] = (*languages.get(word, ()), lang)
    return languages


_STOP_LANGUAGES = _stop_languages()
# Letters one language writes and its neighbours in the stopword table rarely do: in a sentence
# too short for stopwords alone ("Le camp accueille 35 000 déplacés."), each is half a stopword,
# up to LETTER_POINTS_MAX. English has none: its texts are told by their stopwords.
_LETTERS = {"fr": "éèêëçàùâîôûœ", "es": "ñáíóú¿¡", "pt": "ãõçáíóúâêô", "it": "àèìòù", "de": "äöüß",
            "tr": "ğışöüç"}
LETTER_POINTS = 0.5
LETTER_POINTS_MAX = 1.5
_WORD = re.compile(r"[^\W\d_]+", re.U)
# (first, last) code points of a script and the language it almost always means in news wire.
_SCRIPTS = (
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0x0400, 0x04FF, "ru"), (0x0590, 0x05FF, "he"),
    (0x0370, 0x03FF, "el"), (0x0900, 0x097F, "hi"), (0x0E00, 0x0E7F, "th"), (0x1200, 0x137F, "am"),
    (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"), (0xAC00, 0xD7AF, "ko"), (0x0980, 0x09FF, "bn"),
    (0x0B80, 0x0BFF, "ta"), (0x1000, 0x109F, "my"), (0x10A0, 0x10FF, "ka"), (0x0530, 0x058F, "hy"),
)


_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u036f]", re.U)
_LETTER = re.compile(r"[^\W\d_]", re.U)


def _script_language(sample: str) -> str | None:
    if sample.isascii():
        return None
    others = _NON_LATIN.findall(sample)
    if not others:
        return None
    letters = len(_LETTER.findall(sample))
    counts: Counter[str] = Counter()
    for ch in others:
        code = ord(ch)
        for first, last, lang in _SCRIPTS:
            if first <= code <= last:
                counts[lang] += 1
                break
    if not letters or not counts:
        return None
    lang, count = counts.most_common(1)[0]
    if count / letters < 0.4:
        return None
    if lang == "ar" and any(ch in sample for ch in "پچژگ"):
        return "fa"
    if lang == "ru" and any(ch in sample for ch in "іїєґІЇЄҐ"):
        return "uk"
    if lang == "zh" and counts.get("ja"):
        return "ja"
    return lang


def detect_language(text: str, *, words: list[str] | None = None, sample_chars: int = 2000) -> str | None:
    """ISO 639-1 code by script, then by stopword frequency; None when the text is too short to tell.
    `words`: the text's lower-cased words if the caller has them already."""
    sample = text[:sample_chars]
    by_script = _script_language(sample)
    if by_script:
        return by_script
    if words is None:
        words = _WORD.findall(sample.lower())
    else:
        words = words[:sample_chars // 4]
    if len(words) < 5:
        return None
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    for word, count in Counter(filter(_STOP_LANGUAGES.__contains__, words)).items():
        for lang in _STOP_LANGUAGES[word]:
            scores[lang] += count
    lowered = sample.lower()
    for lang, letters in _LETTERS.items():
        hits = sum(lowered.count(letter) for letter in letters)
        scores[lang] += min(LETTER_POINTS * hits, LETTER_POINTS_MAX)
    best = max(scores, key=scores.__getitem__)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] / len(words) < 0.05 or ranked[0] == ranked[1]:
        return None
    return best


# --- time ------------------------------------------------------------------------------------

class TimeError(ValueError):
    pass


def parse_time(value: str | int | float | datetime | None, *, now: datetime | None = None,
               max_future: timedelta = timedelta(days=1)) -> datetime | None:
    """A timestamp as UTC. ISO 8601 and RFC 2822 are read; a time without zone is taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, bool):
        raise TimeError("a time must be a string, not a boolean")
    elif isinstance(value, (int, float)):
        try:
            parsed = datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise TimeError(f"{value!r} is not a plausible Unix time") from exc
    else:
        text = str(value).strip()
        if len(text) > 64:
            raise TimeError("time string too long")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            try:
                parsed = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError, OverflowError):
                parsed = None
            if parsed is None:
                raise TimeError(f"{text!r} is not an ISO 8601 or RFC 2822 time") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        parsed = parsed.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise TimeError(f"{value!r} is out of range") from exc
    now = now or datetime.now(UTC)
    if parsed.year < 1900:
        raise TimeError(f"{parsed.isoformat()} is before 1900")
    if parsed > now + max_future:
        raise TimeError(f"{parsed.isoformat()} is in the future")
    return parsed


# --- the whole cleaning step --------------------------------------------------------------------

# Text from PDFs keeps the hyphen of a word broken across lines: "Bang-ladesh", "Afghani-stans".
_BROKEN_NAME = re.compile(r"\b([A-Z][a-z]+)-[ \n]?([a-z]{2,})\b")


def rejoin_broken_names(text: str) -> str:
    """Join a country name or nationality split by a line-break hyphen; other hyphens stay."""
    if "-" not in text:
        return text

    def join(match: re.Match) -> str:
        word = match.group(1) + match.group(2)
        return word if country_of_name(word) or country_of_demonym(word) else match.group(0)

    return _BROKEN_NAME.sub(join, text)


def clean_body(raw: str, *, html: bool | None = None) -> tuple[str, Dateline | None]:
    """Clean article text and its dateline. `html=None` decides by looking at the text."""
    text = rejoin_broken_names(scrub(raw))
    if html or (html is None and looks_like_html(text)):
        text = scrub(html_to_text(text))
    paras = paragraphs(text)
    dateline = None
    if paras:
        dateline, first = split_dateline(paras[0])
        if dateline:
            # A dateline on a line of its own leaves nothing of the first paragraph.
            paras[0] = first.strip()
    # Junk goes after the dateline so a sign-off check never eats the first paragraph.
    paras = remove_junk([p for p in paras if p])
    return "\n\n".join(paras), dateline
