"""Headed sections: a heading (h1-h6, dt, th, or a bold label opening a paragraph) and the
content that follows it until the next heading of the same or a higher rank.

The page is first flattened into blocks in document order; a section is then a heading block
plus the text blocks after it. Each section is matched against a table of heading patterns to
say which catalog field it speaks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.extract.text import BLOCK_TAGS, CHROME_TAGS, clean, is_blank

_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LABEL_LEVEL = 7  # dt, th and bold labels: end at the next heading of any rank
_LABEL_TAGS = {"strong", "b"}
_CONTAINERS = {"section", "article"}
_CONTENT_CHROME = {"header", "footer", "aside"}
# "Credits: 2 AAMA CEUs" as plain text: a short capitalised label, a colon, a value
_FACT_KINDS = {
    "credits",
    "price",
    "format",
    "release",
    "expiry",
    "instructors",
    "audience",
    "course_ref",
}
_TEXT_LABEL = re.compile(
    r"^([A-Z][\w #/&'’()-]{1,38}?)\s*:\s+(\S.*)$"
)  # a heading inside one ends where it ends
_LABEL_CLASS = re.compile(r"label|heading|title|term", re.I)
MAX_LABEL = 80

# heading pattern -> kind (first match wins; order matters)
KINDS = (
    ("course_ref", r"^(?:course|activity|program|module|item)\s*(?:#|no\.?|number|code|id)\s*:?$"),
    ("objectives", r"objective|learning outcome|\boutcomes?\b|you will (?:be able to|learn)|"
     r"what you(?:'ll|’ll| will) learn|after (?:completing|this)|upon (?:completion|completing)|"
     r"by the end of|learning goals|competenc"),
    ("instructors", r"faculty|instructor|author|presenter|planner|speaker|presented by|educator|"
     r"trainer|developed by|course developer|written by|meet (?:the|your)|reviewer|"
     r"about the expert"),
    ("refund", r"refund|cancel+ation|money[- ]back|returns? polic"),
    ("expiry", r"valid (?:for credit )?(?:through|until)|expir|credit available until|"
     r"available (?:for credit )?until|credit end|end date|termination date|last day"),
    ("release", r"release|published|first offered|\bposted\b|publication date|date (?:of )?issue|"
     r"launch date|original date"),
    ("approval", r"accredit|approv|continuing education credit|credit designation|ce (?:credit|"
              "approval)|"
     r"credit statement|certification of completion"),
    ("credits", r"contact hours?|credits?|\bceus?\b|\bce hours?\b|credit hours|clock hours|"
             r"\bpoints\b|"
     r"\bhours\b"),
    ("audience", r"audience|^for$|who should (?:attend|take|enrol)|who (?:is|this course is) for|"
              "designed for|"
     r"intended for|eligib"),
    ("rationale", r"purpose|rationale|why (?:take )?this course|why it matters|statement of need|"
               r"\bgoals?\b|"
     r"\bneed\b|background|introduction"),
    ("format", r"format|delivery|method|how you(?:'ll| will) learn|modality|location|course type|"
     r"learning mode"),
    ("price", r"price|\bfees?\b|tuition|\bcost\b|registration|pricing|enrollment|how much"),
    ("description", r"description|overview|about (?:this|the) (?:course|activity|program|module)|"
     r"summary|"
     r"course details|what is covered|content|topics"),
    ("contact", r"contact|questions\?|need help|get in touch"),
)  # fmt: skip
_KIND_RX = tuple((kind, re.compile(rx, re.I)) for kind, rx in KINDS)


@dataclass
class Block:
    kind: str  # "heading", "text", "end" (closes a "Label: value"), "close" (a <section> ends)
    text: str
    level: int = 0
    tag: str = ""
    depth: int = 0  # how many <section>/<article> elements enclose the block


@dataclass
class Section:
    heading: str
    kind: str | None
    level: int
    depth: int = 0
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def items(self) -> list[str]:
        """List items in the section, else its lines."""
        items = [b.text for b in self.blocks if b.tag == "li"]
        return items or [b.text for b in self.blocks]


@lru_cache(maxsize=4096)  # headings repeat across a site's pages
def heading_kind(heading: str, level: int = 2) -> str | None:
    """Which field a heading speaks about; a level-1 heading is the page title, not a label."""
    text = clean(heading)
    if level == 1:
        return None
    if not text or len(text) > MAX_LABEL:
        return None
    return next((kind for kind, rx in _KIND_RX if rx.search(text)), None)


def _label_of(el, text: str | None) -> str | None:
    """A bold label opening a block ("<p><strong>Contact hours:</strong> 1.5</p>");
    ``text`` is the block's own text before its first child."""
    if text and not is_blank(text):
        return None
    first = el[0] if len(el) else None
    if first is None:
        return None
    tag = first.tag
    if not isinstance(tag, str):
        return None
    is_label = tag in _LABEL_TAGS or (tag == "span" and _LABEL_CLASS.search(first.get("class", "")))
    if not is_label:
        return None
    label = clean(first.text_content())
    return label if label and len(label) <= MAX_LABEL else None


_FACT_LABEL_TAGS = frozenset({"p", "li", "div"})
_HEADING_TAGS = frozenset({*_HEADING_LEVEL, "dt", "th"})


def blocks(root, skip=CHROME_TAGS) -> list[Block]:
    """The content under ``root`` as heading and text blocks, in document order."""
    out: list[Block] = []
    buffer: list[str] = []
    # Inside <main> or <article>, a header, footer or aside belongs to the content (an
    # article's title header, a course's credit sidebar); outside, it is site chrome.
    # Runs once per element of the page: plain locals, not attribute or dict lookups.
    block_tag = ""  # the innermost block element the buffered text belongs to
    depth = 0  # enclosing <section>/<article> elements
    content = 0  # enclosing <main>/<article>/role=main elements
    block_tags, heading_tags, containers = BLOCK_TAGS, _HEADING_TAGS, _CONTAINERS
    content_chrome = _CONTENT_CHROME

    def flush() -> None:
        joined = "".join(buffer)
        buffer.clear()
        text = clean(joined) if joined and not joined.isspace() else ""
        if not text:
            return
        label = _TEXT_LABEL.match(text) if block_tag in _FACT_LABEL_TAGS else None
        if label and heading_kind(label.group(1)) in _FACT_KINDS:
            out.append(Block("heading", label.group(1), LABEL_LEVEL, "label", depth))
            out.append(Block("text", label.group(2), tag=block_tag))
            out.append(Block("end", ""))
        else:
            out.append(Block("text", text, tag=block_tag))

    def walk(el) -> None:
        nonlocal block_tag, depth, content
        tag = el.tag
        if not isinstance(tag, str) or (
            tag in skip and not (content and tag in content_chrome)
        ):  # a comment, or a skipped subtree: only the text after it counts
            tail = el.tail
            if tail:
                buffer.append(tail)
            return
        if tag in heading_tags:
            flush()
            text = clean(el.text_content())
            if text:
                out.append(Block("heading", text, _HEADING_LEVEL.get(tag, LABEL_LEVEL), tag, depth))
            tail = el.tail
            if tail:
                buffer.append(tail)
            return
        own_text = el.text
        block = tag in block_tags
        if block:
            flush()
            label = _label_of(el, own_text)
            if label:
                name, colon, value = label.partition(":")  # "<b>Price: $9.99</b>"
                if not (colon and value.strip() and len(name) <= 40):
                    name, value = label.rstrip(":"), ""
                out.append(Block("heading", name.strip(), LABEL_LEVEL, "label", depth))
                label_el = el[0]
                buffer.append(value + " " + (label_el.tail or ""))
                saved, block_tag = block_tag, tag
                before = len(out)
                for child in list(el)[1:]:
                    walk(child)
                flush()
                if len(out) > before:  # "Label: value" ends with its paragraph
                    out.append(Block("end", ""))
                block_tag = saved
                tail = el.tail
                if tail:
                    buffer.append(tail)
                return
            saved, block_tag = block_tag, tag
        container = tag in containers
        main_content = tag == "main" or tag == "article" or el.get("role") == "main"
        depth += container
        content += main_content
        if own_text:
            buffer.append(own_text)
        for child in el:
            walk(child)
        if block:
            flush()
            block_tag = saved
        if container:
            out.append(Block("close", "", depth=depth))
            depth -= 1
        content -= main_content
        tail = el.tail
        if tail:
            buffer.append(tail)

    walk(root)
    flush()
    return out


def sections(block_list: list[Block]) -> list[Section]:
    """Each heading with the text blocks that belong to it."""
    out: list[Section] = []
    open_sections: list[Section] = []
    for block in block_list:
        if block.kind == "heading":
            open_sections = [
                s for s in open_sections if s.level < block.level and s.level < LABEL_LEVEL
            ]
            for parent in open_sections:
                parent.blocks.append(Block("text", block.text, tag=block.tag))
            kind = heading_kind(block.text, block.level)
            section = Section(block.text, kind, block.level, block.depth)
            out.append(section)
            open_sections.append(section)
        elif block.kind == "close":
            open_sections = [s for s in open_sections if s.depth < block.depth]
        elif block.kind == "end":
            open_sections = [s for s in open_sections if s.level < LABEL_LEVEL]
        else:
            for section in open_sections:
                section.blocks.append(block)
    return out


LEAD_MIN = 60


def lead_paragraph(block_list: list[Block]) -> str | None:
    """The first paragraph after the page title, before any other heading: a course summary."""
    after_title = False
    for block in block_list:
        if block.kind == "heading":
            if after_title:
                return None
            after_title = block.level == 1
        elif (
            after_title
            and block.kind == "text"
            and block.tag == "p"
            and len(block.text) >= LEAD_MIN
        ):
            return block.text
    return None
