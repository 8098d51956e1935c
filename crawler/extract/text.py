"""Text out of an lxml tree: block-aware, without scripts, styles or comments."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml import html as lxml_html
from w3lib.encoding import read_bom, resolve_encoding

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "select"}
)
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "ul", "ol",
        "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "blockquote", "pre",
        "form", "fieldset", "figure", "figcaption", "address", "br", "hr", "h1", "h2", "h3", "h4",
        "h5", "h6", "body", "html", "details", "summary", "label", "option", "button",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bNo\.)(?<!\bvs\.)(?<!Mrs\.)"
    r"\s+(?=[A-Z(\"“])"
)


def clean(text: str | None) -> str:
    """One line: whitespace runs collapsed, ends stripped."""
    if not text:
        return ""
    return " ".join(text.replace("\u200b", "").split())


def is_blank(text: str) -> bool:
    """``clean(text) == ""`` without building the cleaned text."""
    return not text.replace("\u200b", "").strip()


def clean_lines(text: str) -> str:
    """Collapse spaces inside lines and blank lines between them."""
    return _NEWLINES.sub("\n", _SPACES.sub(" ", text)).strip()


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode(html: str | bytes) -> str:
    """Page bytes as text, as browsers decode them (WHATWG): a byte-order mark first, then
    UTF-8 when the bytes are valid UTF-8, then the declared charset by its WHATWG meaning
    (iso-8859-1, latin1 and ascii mean windows-1252), else windows-1252."""
    if isinstance(html, str):
        return html
    bom, _ = read_bom(html)
    if bom:
        return html[len(_) :].decode(bom, errors="replace")
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(html[:4096])
    encoding = resolve_encoding(declared.group(1).decode("ascii")) if declared else None
    # a page that is not valid UTF-8 yet says utf-8 is most often windows-1252 mislabelled
    if encoding in (None, "utf-8", "utf-16-le", "utf-16-be"):
        encoding = "cp1252"
    return html.decode(encoding, errors="replace")


# lxml.html's own parser picks each element's Python class in a Python callback (form, input
# and label get their own classes); every element the layers touch pays for that call. Plain
# HtmlElement for all, chosen in C, keeps text_content() and the rest without the callback.
_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)
_PARSER = etree.HTMLParser()
_PARSER.set_element_class_lookup(_CLASSES)
# the page is already decoded: its bytes are re-encoded as UTF-8, whatever its meta charset says
_UTF8_PARSER = etree.HTMLParser(encoding="utf-8")
_UTF8_PARSER.set_element_class_lookup(_CLASSES)


def parse_html(html: str | bytes):
    """The one lxml tree every layer reads. Empty or unparsable input gives an empty document."""
    html = decode(html).lstrip("\ufeff")
    if html.startswith("<?xml"):
        html = re.sub(r"^<\?xml[^>]*>", "", html)
    if not html or html.isspace():
        html = "<html><body></body></html>"
    try:
        # libxml2 reads UTF-8 bytes a third faster than a Python str (which it converts first)
        source, parser = html.encode("utf-8"), _UTF8_PARSER
    except UnicodeEncodeError:  # a lone surrogate: let lxml take the str as it is
        source, parser = html, _PARSER
    try:
        return lxml_html.document_fromstring(source, parser=parser)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return lxml_html.document_fromstring("<html><body></body></html>", parser=_PARSER)


def node_text(el, skip=SKIP_TAGS) -> str:
    """Visible text of ``el`` with a newline at every block boundary."""
    parts: list[str] = []
    _walk(el, parts, skip)
    return clean_lines("".join(parts))


def _walk(el, parts: list[str], skip) -> None:
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is not None and tag not in skip:
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            _walk(child, parts, skip)
        if block:
            parts.append("\n")
    if el.tail:
        parts.append(el.tail)


def main_element(tree):
    """The page's main content: <main>, role=main, a single <article>, else <body>."""
    # attributes reached directly: a predicate on every element costs libxml2 several times more
    for xpath in ("//main", "//@role[.='main']/..", "//@id[.='main-content' or .='content']/.."):
        found = tree.xpath(xpath)
        if found:
            return found[0]
    articles = tree.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    body = tree.find("body")
    return body if body is not None else tree


CHROME_TAGS = SKIP_TAGS | {"nav", "header", "footer", "aside"}


def sentences(text: str) -> list[str]:
    """Split text into sentences and lines (good enough for statement hunting)."""
    out = []
    for line in text.split("\n"):
        for part in _SENTENCE_END.split(line):
            part = part.strip()
            if part:
                out.append(part)
    return out


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text.lower()``, kept for the handful of texts a page's patterns all search."""
    return text.lower()


def _positions(haystack: str, needle: str):
    start = haystack.find(needle)
    while start != -1:
        yield start
        start = haystack.find(needle, start + 1)


def matches_at(rx: re.Pattern, text: str, keywords: tuple[str, ...], line_starts: bool = False):
    """``rx.finditer(text)`` for a pattern whose every match begins with one of ``keywords``
    (lowercase; matched case-insensitively) or, with ``line_starts``, at the start of a line.

    The regex is only tried where a keyword occurs (found with str.find, in C), which costs a
    fraction of scanning a whole page with it. Lookbehinds, ``\\b`` and ``^`` still see the
    text before each start, so the matches are the same as finditer's.
    """
    low = lowered(text)
    if len(low) != len(text):  # a character whose lowercase is longer: positions would shift
        yield from rx.finditer(text)
        return
    starts = {pos for keyword in keywords for pos in _positions(low, keyword)}
    if line_starts:
        starts.add(0)
        starts.update(pos + 1 for pos in _positions(text, "\n"))
    end = 0
    for pos in sorted(starts):
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m:
            yield m
            end = max(m.end(), pos + 1)


def keyword_windows(
    text: str, keywords: tuple[str, ...], before: int = 0, after: int = 0, whole_lines: bool = False
) -> list[str]:
    """The stretches of ``text`` around any of ``keywords`` (lowercase), overlapping ones merged.

    Running a many-branch regex over a whole 100 KB page costs tens of milliseconds; running it
    only where a keyword occurs (found with str.find, in C) costs a fraction of that.
    """
    low = lowered(text)
    spans = []
    for keyword in keywords:
        start = low.find(keyword)
        while start != -1:
            a, b = max(0, start - before), min(len(text), start + len(keyword) + after)
            if whole_lines:  # widen to the enclosing lines so sentences stay whole
                a = text.rfind("\n", 0, a) + 1
                b = len(text) if (end := text.find("\n", b)) == -1 else end
            spans.append((a, b))
            start = low.find(keyword, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [text[a:b] for a, b in merged]


_CHROME_ONLY = frozenset({"nav", "header", "footer", "aside"})


def in_site_chrome(el) -> bool:
    """True inside navigation, a site header/footer or a sidebar. A header, footer or aside
    within <main> or <article> is the content's own (a course's price sidebar); nav never is."""
    chrome = None
    for ancestor in el.iterancestors():
        tag = ancestor.tag
        if tag == "nav":
            return True
        if tag in _CHROME_ONLY and chrome is None:
            chrome = ancestor
        elif chrome is not None and (tag in ("main", "article") or ancestor.get("role") == "main"):
            return False
    return chrome is not None


_BODY_TEXT = etree.XPath("//body//text()", smart_strings=False)
_HIDDEN_TEXT = etree.XPath("//body//script//text() | //body//style//text()", smart_strings=False)
_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style)]", smart_strings=False
)


def visible_text(tree) -> str:
    """The page's text outside scripts and styles, its text nodes joined by spaces."""
    every = _BODY_TEXT(tree)
    hidden = _HIDDEN_TEXT(tree)
    if not hidden:
        return " ".join(every)
    # A predicate in the XPath costs libxml2 ~0.5 µs per node: dropping script and style text
    # by value is exact when no visible text node reads the same as one of them.
    unique = set(hidden)
    if sum(text in unique for text in every) == len(hidden):
        return " ".join(text for text in every if text not in unique)
    return " ".join(_VISIBLE_TEXT(tree))
