"""From a page's text to the article's paragraphs: furniture out, captions apart, metadata noted.

The document is read line by line (a hard-wrapped paragraph is first joined back into one
line). Each line is, in this order: a date line, a source line, a byline, a contributor
line, a furniture block or line, a teaser bullet, a video teaser, a photo caption or credit,
the title, a subheading — or body text, from which a leading dateline is cut.

Design choice: a short headline-like line right before a caption (a gallery title such as
"Armenian police detain a protestor") is dropped, like every subheading; the caption itself
is kept as its own paragraph with its photo credit removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from briefings.ingest.dates import DateLine, parse_date_line
from briefings.ingest.furniture import (
    FurnitureRules,
    furniture_rules,
    has_letters,
    is_headline_like,
    video_title,
)
from briefings.ingest.metadata import (
    Dateline,
    OutletEvidence,
    bio_author,
    parse_byline,
    parse_dateline,
    source_line_outlet,
)

_SPACES = re.compile(r"[ \t]+")
_WORD_RUN = re.compile(r"\w+")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*$")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
# a list marker, not a European day ("16. May 2024 at 12:45")
_MD_LIST = re.compile(
    r"^(?:[-*+]|\d{1,3}[.)](?!\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+\d{4}))\s+(?=\S)"
)
_MD_QUOTE = re.compile(r"^(?:>\s?)+")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s\n]+(?:\s+\"[^\"\n]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_WRAP_MAX = 100
_CAPTION_MAX = 300  # a line announced as a caption longer than this is body text
_FURNITURE_MAX = 1_000  # longer lines are never furniture, captions or headings
_WRAP_MIN = 30


@dataclass(frozen=True)
class Line:
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    caption: bool = False


@dataclass
class Cleaned:
    """The article's paragraphs in document order and what the furniture said about it."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    bio_author: str | None = None
    outlet: OutletEvidence = field(default_factory=OutletEvidence)
    page_dates: list[DateLine] = field(default_factory=list)
    dateline: Dateline | None = None


@lru_cache(maxsize=64)
def _fold(text: str) -> str:
    """The text case-folded, each run of non-word characters one space, ends trimmed (built
    from the word runs: faster than replacing the others). Cached: a paragraph is compared
    with the title and with its neighbours, so the same few texts are folded over and over."""
    return " ".join(_WORD_RUN.findall(text.casefold()))


def _markdown_line(raw: str) -> Line | None:
    """The line without Markdown. Each syntax is tried only where its first character
    allows it (all are anchored at the start), which spares most lines every regex."""
    text = (_SPACES.sub(" ", raw) if "  " in raw or "\t" in raw else raw).strip()
    if not text or text.startswith("```") or (text[0] in "-*_" and _MD_RULE.match(text)):
        return None
    heading = False
    match = _MD_HEADING.match(text) if text[0] == "#" else None
    if match:
        text, heading = match["text"], True
    if text.startswith(">"):
        text = _MD_QUOTE.sub("", text)
    if text.startswith(("-", "*", "+")) or text[:1].isdecimal():
        text = _MD_LIST.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    if "*" in text or "__" in text:
        text = _MD_EMPHASIS.sub(r"\1", _MD_STRONG.sub(r"\2", text))
    text = text.strip()
    return Line(text, heading) if text else None


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip("\"'”’)] ")
    return bool(stripped) and stripped[-1] in ".!?…:"


def _unwrap(block: list[Line], rules: FurnitureRules) -> list[Line]:
    """Join a hard-wrapped paragraph (every line at most ~100 characters, broken mid-sentence)."""
    if len(block) < 2 or any(line.heading or rules.is_bullet(line.text) for line in block):
        return block
    lengths = [len(line.text) for line in block]
    if max(lengths) > _WRAP_MAX or min(lengths[:-1]) < _WRAP_MIN or max(lengths) < 50:
        return block
    open_ended = sum(not _ends_sentence(line.text) for line in block[:-1])
    if open_ended * 2 < len(block) - 1:
        return block
    if any(parse_date_line(line.text) is not None for line in block):
        return block  # a byline over its date line ("Mon 9 Dec 2024 13.05 GMT"): two lines
    return [Line(" ".join(line.text for line in block))]


def document_lines(text: str, rules: FurnitureRules) -> list[Line]:
    lines: list[Line] = []
    block: list[Line] = []
    for raw in text.split("\n"):
        line = _markdown_line(raw)
        if line is None:
            if not raw.strip():
                lines.extend(_unwrap(block, rules))
                block = []
            continue
        block.append(line)
    lines.extend(_unwrap(block, rules))
    return lines


class _Walker:
    def __init__(self, rules: FurnitureRules) -> None:
        self.rules = rules
        self.out = Cleaned()
        self.title_open = True  # the title may still come
        self.in_bio = False
        self.body_seen = False
        self.body_count = 0  # body paragraphs read so far
        self.caption_next = False  # a credit or "Image caption," line announced a caption

    def furniture(self, line: str) -> None:
        self.out.outlet.observe_furniture(line)

    def walk(self, lines: list[Line]) -> Cleaned:
        for line in lines:
            if self.step(line):
                break
        return self.out

    def step(self, line: Line) -> bool:
        """Handle one line; True when the rest of the page is furniture."""
        rules, text, out = self.rules, line.text, self.out
        if self.in_bio:
            self.furniture(text)
            if not is_headline_like(text):
                self.in_bio = False
                out.bio_author = out.bio_author or bio_author(text)
            return False
        if len(text) > _FURNITURE_MAX:  # page furniture is short; a long line is the story
            self.title_open = False
            self.body(text)
            return False
        if rules.is_tail_heading(text):
            self.furniture(text)
            return self.body_seen  # "Related Topics" above the story (BBC) ends nothing

        if rules.is_block_heading(text):
            self.furniture(text)
            self.in_bio = True
            return False
        date_line = parse_date_line(text)
        if date_line is not None:
            out.page_dates.append(date_line)
            return False
        is_source, outlet = source_line_outlet(text)
        if is_source:
            if outlet:
                out.outlet.vote(outlet, strong=True)
            self.furniture(text)
            return False
        byline = parse_byline(text)
        if byline is not None:
            out.author = out.author or byline.author
            if byline.outlet:
                out.outlet.vote(byline.outlet, strong=True)
            if byline.published:
                out.page_dates.append(DateLine(byline.published, is_update=False))
            return False
        if rules.is_contributor_line(text):
            self.furniture(text)  # "Text by: FRANCE 24" names the outlet
            return False
        if rules.is_furniture(text) or rules.is_bullet(text):
            self.furniture(text)
            return False
        if self.caption_next:
            self.caption_next = False
            if len(text) <= _CAPTION_MAX and has_letters(text) and not line.heading:
                if not self.caption(text):
                    self.add(Paragraph(text, caption=True))
                return False
        video = video_title(text)
        if video is not None:
            if self.title_open and not self.body_seen and len(video.split()) >= 3:
                out.title = video
                self.title_open = False
            return False
        if self.caption(text):
            return False
        if out.title is not None and _fold(text) == _fold(out.title):
            return False  # the headline repeated
        if line.heading or is_headline_like(text):
            if self.title_open and (line.heading or len(text.split()) >= 3):
                out.title = text
                self.title_open = False
                return False
            if _is_standfirst(text, out.title, self.body_seen):
                self.body(text)  # the summary under the headline: the story, not furniture
                return False
            return False  # a subheading or kicker
        self.title_open = False
        self.body(text)
        return False

    def caption(self, text: str) -> bool:
        """A photo caption or credit line; True when the line was one. A line that is only a
        credit or a caption label ("Image: Jane Doe/AFP", "Image caption,") announces the
        caption on the next line."""
        rules = self.rules
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1].strip()
        unprefixed = rules.strip_caption_prefix(text)
        credit = rules.split_credit(unprefixed if unprefixed is not None else text)
        if credit is None and unprefixed is None:
            return False
        caption = credit[0] if credit is not None else (unprefixed or "")
        if caption and has_letters(caption):
            self.add(Paragraph(caption, caption=True))
        else:
            self.caption_next = True
        return True

    def body(self, text: str) -> None:
        # a plain dateline ("KYIV, Ukraine —", "ISLAMABAD:") opens the story: its first
        # paragraph, or the second under a standfirst that reads as body
        opening = self.body_count < _DATELINE_PARAGRAPHS and self.out.dateline is None
        self.body_count += 1
        dateline = parse_dateline(text, allow_plain=opening)
        if dateline is not None:
            if self.out.dateline is None:
                self.out.dateline = dateline
            if dateline.outlet:
                self.out.outlet.vote(dateline.outlet, strong=True)
            text = text[dateline.end :]
        self.body_seen = True
        if has_letters(text):
            self.add(Paragraph(text))

    def add(self, paragraph: Paragraph) -> None:
        paragraphs = self.out.paragraphs
        if paragraphs and _fold(paragraphs[-1].text) == _fold(paragraph.text):
            return  # the same paragraph twice in a row
        paragraphs.append(paragraph)


_STANDFIRST_WORDS = 10
_DATELINE_PARAGRAPHS = 2


def _is_standfirst(text: str, title: str | None, body_seen: bool) -> bool:
    """The sentence under a headline that sums the story up ("Cargo vessel carrying 21,000
    tonnes of fertiliser goes down two weeks after missile strike, Yemeni government says"):
    long for a heading, before any body text, after the title."""
    return title is not None and not body_seen and len(text.split()) >= _STANDFIRST_WORDS


def clean_document(text: str) -> Cleaned:
    """Paragraphs (body and captions) of a normalised plain-text page, plus metadata clues."""
    rules = furniture_rules()
    return _Walker(rules).walk(document_lines(text, rules))
