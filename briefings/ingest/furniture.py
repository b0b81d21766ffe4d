"""Recognising page furniture, photo credits, captions and headings, line by line.

The rules are data (`briefings/data/furniture.yaml`); this module compiles them once and
answers small questions about one line: is it furniture, a contributor line, a teaser
bullet, a heading; does it end with a photo credit, and what is left without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefings.ingest._data import load_data, string_list
from briefings.textpatterns import literal_prefixes, lowered_for_matching

_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!…"
_LETTER = re.compile(r"[^\W\d_]")
_VIDEO = re.compile(r"^(?P<title>\S.{2,200}?)\s+\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
_PARTICLES = r"(?:van|von|der|den|de|del|da|di|du|la|le|al|el|bin|ibn|dos|das)"
_WORD = r"(?:[A-Z](?:[\w'’\-]*[\w'’])?|[A-Z]\.)"
_TOKEN = rf"{_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_WORD}){{0,3}}"
_SEP = r"(?:\s*/\s*|\s+[-–—|]\s+|\s+via\s+)"


def has_letters(text: str) -> bool:
    return _LETTER.search(text) is not None


@dataclass(frozen=True)
class PatternSet:
    """Regexes from a data file, compiled as two alternations: anchored at ^ and floating.

    One alternation of everything would try every ^-anchored branch at every position of a
    long paragraph; matching the anchored ones only at the start keeps a line check cheap.
    """

    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None
    # How every floating match starts, lower-cased, when that can be listed: a line holding
    # none of these is spared the scan (most lines are body text, and hold none).
    floating_starts: tuple[str, ...] | None = None

    @classmethod
    def compile(cls, patterns: list[str]) -> PatternSet:
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        return cls(_alternation(anchored), _alternation(floating), _starts(floating))

    def matches(self, line: str) -> bool:
        if self.anchored is not None and self.anchored.match(line):
            return True
        if self.floating is None:
            return False
        if self.floating_starts is not None and not _holds_any(line, self.floating_starts):
            return False
        return self.floating.search(line) is not None


def _starts(patterns: list[str]) -> tuple[str, ...] | None:
    """Lower-cased literal starts of the patterns' matches (up to 12 characters, cut before
    anything but plain ASCII, see `_holds_any`), or None when some start is unknown."""
    if not patterns:
        return None
    found = literal_prefixes("|".join(f"(?:{p})" for p in patterns), length=12)
    if found is None:
        return None
    starts = {_ascii_head(start).lower() for start in found}
    if "" in starts:
        return None
    # a start that begins with another start adds nothing to the test
    return tuple(sorted(s for s in starts if not any(s != t and s.startswith(t) for t in starts)))


def _ascii_head(text: str) -> str:
    for index, char in enumerate(text):
        if not char.isascii():
            return text[:index]
    return text


def _holds_any(line: str, lowered_words: tuple[str, ...]) -> bool:
    """Whether `line` holds one of the (lower-case ASCII) words the way a case-insensitive
    regex finds them: as substrings of the lower-cased line when that is exact, else True
    (the regex decides)."""
    lowered = lowered_for_matching(line)
    return lowered is None or any(word in lowered for word in lowered_words)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _literal_alternation(words: list[str]) -> str:
    variants = {w for word in words for w in (word, word.upper())}
    return "|".join(re.escape(w) for w in sorted(variants, key=len, reverse=True))


@dataclass(frozen=True)
class FurnitureRules:
    lines: PatternSet
    block_headings: PatternSet
    tail_headings: PatternSet
    contributors: PatternSet
    bullets: tuple[str, ...]
    caption_prefixes: tuple[str, ...]
    agency_tail: re.Pattern[str]
    bare_credit: re.Pattern[str]
    label_credit: re.Pattern[str]
    label_start: re.Pattern[str]
    agency: re.Pattern[str]
    # No agency name holds ".", "!" or "?": then a credit tail starts after the line's last one.
    agencies_without_stops: bool = False
    label_words: tuple[str, ...] | None = None  # credit labels, lower-cased, if all ASCII

    def is_furniture(self, line: str) -> bool:
        return self.lines.matches(line)

    def is_block_heading(self, line: str) -> bool:
        return self.block_headings.matches(line)

    def is_tail_heading(self, line: str) -> bool:
        return self.tail_headings.matches(line)

    def is_contributor_line(self, line: str) -> bool:
        return self.contributors.matches(line)

    def is_bullet(self, line: str) -> bool:
        return line.startswith(self.bullets)

    def strip_caption_prefix(self, line: str) -> str | None:
        """The caption without its "Image caption," / "FILE PHOTO:" prefix; None if none."""
        heads: dict[int, str] = {}  # the line's start, case-folded, per prefix length
        for size, folded in _folded_prefixes(self.caption_prefixes):
            head = heads.get(size)
            if head is None:
                head = heads[size] = line[:size].casefold()
            if head == folded:
                return line[size:].lstrip(" ,:-–—")
        return None

    def split_credit(self, line: str) -> tuple[str, str] | None:
        """(caption text, credit) when the line ends with a photo credit, else None.

        The caption text may be empty: then the whole line is a credit.
        """
        for finder in (self._parenthetical_credit, self._labelled_credit, self._bare_credit):
            found = finder(line)
            if found is not None:
                start = found
                text = line[:start].rstrip(" \t-–—|/,;")
                return text, line[start:].strip()
        return None

    def _parenthetical_credit(self, line: str) -> int | None:
        """ "(Photo: Jane Doe/AFP)", "(AP Photo/Jane Doe)", "[Jane Doe/Reuters]" at the end."""
        if not line.endswith((")", "]")):
            return None
        open_at = line.rfind("(" if line.endswith(")") else "[")
        if open_at < 0 or len(line) - open_at > 160:
            return None
        inner = line[open_at + 1 : -1].strip()
        if not inner or "(" in inner or "[" in inner:
            return None
        before = line[:open_at].rstrip()
        if self.label_start.match(inner):
            return open_at
        if self.agency.search(inner) and ("/" in inner or not before):
            return open_at
        if self.bare_credit.fullmatch(inner) and (not before or before[-1] in _TERMINAL + _CLOSERS):
            return open_at
        return None

    def _labelled_credit(self, line: str) -> int | None:
        if self.label_words is not None and not _holds_any(line, self.label_words):
            return None  # no credit label ("Photo", "Image source") anywhere in the line
        match = self.label_credit.search(line)
        if match is None:
            return None
        return match.start("credit")

    def _bare_credit(self, line: str) -> int | None:
        window = max(0, len(line) - 200)
        start = window
        if self.agencies_without_stops:  # `agency_tail` has no stop after the agency either
            start = max(window, *(line.rfind(stop) + 1 for stop in ".!?"))
        if self.agency_tail.search(line, start) is None:
            return None
        match = self.bare_credit.search(line, window)
        if match is None:
            return None
        credit = match.group()
        before = line[: match.start()].rstrip()
        separated = re.search(_SEP, credit) is not None
        if not before or separated or before[-1] in _TERMINAL + "?" + _CLOSERS:
            return match.start()
        return None


@lru_cache(maxsize=1)
def furniture_rules() -> FurnitureRules:
    data = load_data("furniture.yaml")
    agency_names = string_list(data, "photo_agencies")
    agencies = _literal_alternation(agency_names)
    agency = rf"(?<![\w])(?:{agencies})(?![\w])"
    labels = string_list(data, "credit_labels")
    label_words = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    spaced = [label for label in labels if " " in label]
    comma_labels = "|".join(re.escape(label) for label in spaced) or "(?!)"
    label_lead = rf"(?i:(?:{label_words})\s*(?::|\s+by\b)|(?:{comma_labels})\s*,)"
    return FurnitureRules(
        lines=PatternSet.compile(string_list(data, "lines")),
        block_headings=PatternSet.compile(string_list(data, "block_headings")),
        tail_headings=PatternSet.compile(string_list(data, "tail_headings")),
        contributors=PatternSet.compile(string_list(data, "contributors")),
        bullets=tuple(string_list(data, "bullets")),
        caption_prefixes=tuple(string_list(data, "caption_prefixes")),
        agency=re.compile(agency),
        agency_tail=re.compile(rf"{agency}[^.!?]*$"),
        bare_credit=re.compile(
            rf"(?<!\S)(?:{_TOKEN}{_SEP})*{agency}(?:{_SEP}(?:{agency}|{_TOKEN}))*\s*$"
        ),
        label_credit=re.compile(
            # after the caption's last stop, or a bar ("… on Saturday. | Photo Credit: X")
            rf"(?:^|(?<=[.!?…\"”’)])\s+(?:\|\s*)?|\s+\|\s+)"
            rf"(?P<credit>{label_lead}\s*[^\n!?]{{1,150}})$"
        ),
        label_start=re.compile(rf"(?:{label_lead}|(?:AP|AFP|Reuters|EPA) Photo\b)", re.I),
        agencies_without_stops=not any(stop in name for name in agency_names for stop in ".!?"),
        label_words=tuple(label.lower() for label in labels)
        if all(map(str.isascii, labels))
        else None,
    )


@lru_cache(maxsize=8)
def _folded_prefixes(prefixes: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """(length, case-folded text) of each prefix, in order: folded once, not per line."""
    return tuple((len(prefix), prefix.casefold()) for prefix in prefixes)


def video_title(line: str) -> str | None:
    """The headline of a video teaser line such as "Azerbaijan launches operation 2:43"."""
    if ":" not in line:  # the running time needs one; most lines are spared the regex
        return None
    match = _VIDEO.match(line)
    if not match or not has_letters(match["title"]):
        return None
    return match["title"].rstrip(" -–—|")


def _last_meaningful(line: str) -> str:
    stripped = line.rstrip(_CLOSERS + " ")
    return stripped[-1] if stripped else ""


_SPEECH_COLON = re.compile(
    r"\b(?:said|says|added|adds|continued|wrote|writes|tweeted|posted|told \w+|asked|"
    r"declared|stated|explained|warned|insisted|argued)\b[^.!?]{0,40}:\s*$"
)
# '“He scares me.” ― Krystal Correa': a quotation signed with a dash and a name (vox pops)
_SIGNED_QUOTE = re.compile(r"[.!?…][”\"’]\s*[―—–-]{1,2}\s*[A-Z][\w.'’ -]{1,60}$")


def is_headline_like(line: str) -> bool:
    """A short line that does not end like a sentence: a headline, subheading or kicker.

    Question headings ("What is Nagorno-Karabakh?") count too, unless they quote someone.
    """
    words = len(line.split())
    last = _last_meaningful(line)
    if last == "?":
        return words <= 14 and not any(q in line for q in '"“”')
    if last == ":" and _SPEECH_COLON.search(line):
        return False  # "Caddell continued:", "she wrote on Twitter:": a quote follows
    if _SIGNED_QUOTE.search(line):
        return False
    return words <= 20 and len(line) <= 160 and last not in _TERMINAL
