"""What an article's text says about itself: outlet, publication date, author.

Outlets come from `briefings/data/outlets.yaml`. Dates come only from the page's own date
lines ("Published September 21, 2023", "Updated 10:05 AM EDT, Thu September 21, 2023") and
datelines ("YEREVAN, Sept. 13 (AP) —"), never from dates mentioned in the story, which are
as often years old. The small parsers here handle exactly those shapes and nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from briefings.ingest._data import load_data, string_list

# --------------------------------------------------------------------------- outlets


@dataclass(frozen=True)
class Outlet:
    name: str
    keys: tuple[str, ...]
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    agency: bool
    dateline_tags: tuple[str, ...]
    markers: tuple[str, ...]
    brand: tuple[str, ...]
    page_markers: tuple[str, ...]
    day_first: bool | None = None  # writes 07/03/2024 for 7 March (date_order: dmy)


@dataclass(frozen=True)
class OutletRegistry:
    outlets: tuple[Outlet, ...]
    by_key: dict[str, str]
    by_tag: dict[str, str]
    by_domain: dict[str, str]
    brand_patterns: tuple[tuple[re.Pattern[str], str], ...]
    marker_patterns: tuple[tuple[re.Pattern[str], str], ...]
    page_marker_patterns: tuple[tuple[re.Pattern[str], str], ...]


def _norm_name(name: str) -> str:
    key = name.casefold().replace("&", " and ")
    key = re.sub(r"[\s\-_.,'’]+", " ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    if key.startswith("www "):
        key = key[4:]
    return key


def _outlet(entry: dict[str, Any]) -> Outlet:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuntimeError("every outlet in outlets.yaml needs a name")
    return Outlet(
        name=name.strip(),
        keys=tuple(string_list(entry, "keys")),
        aliases=tuple(string_list(entry, "aliases")),
        domains=tuple(d.lower() for d in string_list(entry, "domains")),
        agency=bool(entry.get("agency", False)),
        dateline_tags=tuple(string_list(entry, "dateline_tags")),
        markers=tuple(string_list(entry, "markers")),
        brand=tuple(string_list(entry, "brand")),
        page_markers=tuple(string_list(entry, "page_markers")),
        day_first=_date_order(entry),
    )


def _date_order(entry: dict[str, Any]) -> bool | None:
    order = entry.get("date_order")
    if order is None:
        return None
    if order not in {"dmy", "mdy"}:
        raise RuntimeError(f"outlets.yaml: {entry.get('name')}: date_order must be dmy or mdy")
    return bool(order == "dmy")


def outlet_day_first(name: str | None) -> bool | None:
    """Whether an outlet writes numeric dates day first; None when not known."""
    if not name:
        return None
    for outlet in outlet_registry().outlets:
        if outlet.name == name:
            return outlet.day_first
    return None


def _phrase(text: str, *, ignore_case: bool) -> re.Pattern[str]:
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w]){re.escape(text)}(?![\w])", flags)


@lru_cache(maxsize=1)
def outlet_registry() -> OutletRegistry:
    entries = load_data("outlets.yaml").get("outlets") or []
    outlets = tuple(_outlet(entry) for entry in entries)
    by_key: dict[str, str] = {}
    by_tag: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    for outlet in outlets:
        for name in (outlet.name, *outlet.keys, *outlet.aliases, *outlet.domains):
            by_key.setdefault(_norm_name(name), outlet.name)
        for tag in (*outlet.dateline_tags, outlet.name, *outlet.aliases):
            by_tag.setdefault(_norm_name(tag), outlet.name)
        for domain in outlet.domains:
            by_domain.setdefault(domain, outlet.name)
    return OutletRegistry(
        outlets=outlets,
        by_key=by_key,
        by_tag=by_tag,
        by_domain=by_domain,
        brand_patterns=tuple(
            (_phrase(word, ignore_case=False), o.name) for o in outlets for word in o.brand
        ),
        marker_patterns=tuple(
            (_phrase(text, ignore_case=True), o.name) for o in outlets for text in o.markers
        ),
        page_marker_patterns=tuple(
            (_phrase(text, ignore_case=True), o.name) for o in outlets for text in o.page_markers
        ),
    )


def lookup_outlet(name: str) -> str | None:
    """The canonical outlet for a name, short key, alias or domain; None when unknown."""
    return outlet_registry().by_key.get(_norm_name(name)) if name else None


def known_outlets() -> list[str]:
    """Every outlet's canonical name, sorted."""
    return sorted((outlet.name for outlet in outlet_registry().outlets), key=str.casefold)


def is_agency(name: str) -> bool:
    """True when `name` is a wire service (AP, Reuters, AFP …)."""
    canonical = lookup_outlet(name)
    return any(o.agency and o.name == canonical for o in outlet_registry().outlets)


def outlet_from_url(url: str) -> str | None:
    """The outlet whose domain (or a parent domain) hosts `url`."""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    domains = outlet_registry().by_domain
    parts = host.split(".")
    for i in range(len(parts) - 1):
        outlet = domains.get(".".join(parts[i:]))
        if outlet:
            return outlet
    return None


_SOURCE_LINE = re.compile(
    r"^[/|]?\s*(?:source|sources|via|from|published by|distributed by|text by|text)\s*:\s*"
    r"(?P<name>[^.!?]{2,60}?)\.?$",
    re.IGNORECASE,
)
_AGENCIES_SUFFIX = re.compile(r"\s+(?:and|with|&)\s+(?:news\s+)?agencies$|\s+wire$", re.IGNORECASE)


def source_line_outlet(line: str) -> tuple[bool, str | None]:
    """(is a source line, the outlet it names) for "/ Source: The Associated Press" or "Reuters".

    A line that consists of nothing but a known outlet's name counts as a source line too.
    """
    match = _SOURCE_LINE.match(line)
    if match:
        name = _AGENCIES_SUFFIX.sub("", match.group("name").strip())
        return True, lookup_outlet(name) or lookup_outlet(match.group("name"))
    stripped = line.strip(" /|-—–")
    if len(stripped) <= 50:
        outlet = lookup_outlet(stripped) or lookup_outlet(_AGENCIES_SUFFIX.sub("", stripped))
        if outlet:
            return True, outlet
        # "BBC News, Yerevan": the outlet and a place, with nothing that makes a sentence
        head, comma, _ = stripped.partition(",")
        if comma and not stripped.endswith((".", "!", "?")):
            outlet = lookup_outlet(head)
            if outlet:
                return True, outlet
    return False, None


@dataclass
class OutletEvidence:
    """Votes for the article's outlet: strong (markers, datelines) beat weak (brand words)."""

    strong: dict[str, int] = field(default_factory=dict)
    weak: dict[str, int] = field(default_factory=dict)

    def vote(self, outlet: str, *, strong: bool) -> None:
        votes = self.strong if strong else self.weak
        votes[outlet] = votes.get(outlet, 0) + 1

    def observe_furniture(self, line: str) -> None:
        """Count what a removed furniture line says about the outlet."""
        registry = outlet_registry()
        for pattern, outlet in registry.marker_patterns:
            if pattern.search(line):
                self.vote(outlet, strong=True)
        for pattern, outlet in (*registry.brand_patterns, *registry.page_marker_patterns):
            if pattern.search(line):
                self.vote(outlet, strong=False)

    def agency(self) -> str | None:
        """The first wire service named by a strong marker ("(AP) —", "Source: Reuters")."""
        return next((outlet for outlet in self.strong if is_agency(outlet)), None)

    def best(self) -> str | None:
        for votes in (self.strong, self.weak):
            if votes:  # most votes; the first seen wins a tie
                return max(votes, key=lambda outlet: votes[outlet])
        return None


# --------------------------------------------------------------------------- dates

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_FULL_DATE = re.compile(
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?<!\d)(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})(?:T[\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)",
    re.IGNORECASE,
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_DATE_LABEL = re.compile(
    r"^(?P<label>(?:first |last )?(?:published|updated|posted|modified|created|date)"
    r"(?: on| at)?)?\s*:?\s*",
    re.IGNORECASE,
)
_ZONES = (
    "EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|AMT|AZT|IST|"
    "JST|AEST|AEDT|SGT|HKT|WIB"
)
_DATE_NOISE = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\.?)?"
    rf"|\b\d{{1,2}}\s*[ap]\.?m\.?"
    rf"|\b[AP]M\b|\b(?:{_ZONES})(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\b"
    rf"|\b{_WEEKDAY}(?!\w)|\b(?:at|on|and|updated|published)\b|[\s,|/·•–—()-]+",
    re.IGNORECASE,
)


def _month_number(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match[str]) -> date | None:
    if match.group("y1"):
        return safe_date(int(match["y1"]), _month_number(match["m1"]), int(match["d1"]))
    if match.group("y2"):
        return safe_date(int(match["y2"]), _month_number(match["m2"]), int(match["d2"]))
    return safe_date(int(match["y3"]), int(match["m3"]), int(match["d3"]))


# --------------------------------------------------------------------------- datelines

_TAGGED_DATELINE = re.compile(
    rf"^(?:(?P<place>[^\W\d_][^()\n!?\"“]{{0,60}}?)"
    rf"(?:,\s*(?P<date>(?i:{_MONTH})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?))?\s*)?"
    rf"\((?P<tag>[^()\n]{{1,30}})\)\s*(?:--?|[–—:])\s*"
)
_PLAIN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’\- ]{{1,30}}(?:,\s*[A-Z][A-Za-z.'’\- ]{{1,30}})?)"
    rf"(?:,\s*(?P<date>(?i:{_MONTH})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?))?\s*(?P<mark>--?|[–—:])\s+"
    r"(?=[A-Z\"“‘'])"
)


# an agency named without brackets after the date: "TOKYO, April 3 Kyodo - …"
_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’\- ]{{1,30}}(?:,\s*[A-Z][A-Za-z.'’\- ]{{1,30}})?)"
    rf",\s*(?P<date>(?i:{_MONTH})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
    rf"\s+(?P<tag>[A-Z][A-Za-z]{{1,20}})\s*(?:--?|[–—:])\s+"
)


def _known_place(place: str) -> bool:
    """A capital or state the registry knows ("ISLAMABAD"): capitals before a colon are
    otherwise a kicker ("UPDATE:") or a transcript's speaker ("HOST:")."""
    from briefings.extract.actors import default_registry  # only for this rare form
    from briefings.models import ActorKind

    actor = default_registry().get(place.split(",")[0].strip().title())
    return actor is not None and actor.kind in (ActorKind.STATE, ActorKind.TERRITORY)


_DATELINE_DATE = re.compile(
    rf"(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?", re.I
)


@dataclass(frozen=True)
class Dateline:
    """The dateline that opened a paragraph; `end` is where the story text resumes."""

    end: int
    outlet: str | None
    month: int | None = None
    day: int | None = None
    year: int | None = None


def _dateline_date(text: str | None) -> tuple[int | None, int | None, int | None]:
    if not text:
        return None, None, None
    match = _DATELINE_DATE.fullmatch(text)
    if not match:
        return None, None, None
    year = int(match["year"]) if match["year"] else None
    return _month_number(match["mon"]), int(match["day"]), year


def parse_dateline(paragraph: str, *, allow_plain: bool) -> Dateline | None:
    """Recognise "(CNN) --", "YEREVAN, Sept. 13 (AP) —", "LONDON (Reuters) -" at the start.

    A dateline with no agency tag ("KYIV, Ukraine —") is accepted only when `allow_plain`
    (the first paragraph of the body) and only with the place in capitals.
    """
    match = _TAGGED_DATELINE.match(paragraph) if "(" in paragraph else None  # needs "(CNN)"
    if match:
        tag = match["tag"].strip()
        outlet = outlet_registry().by_tag.get(_norm_name(tag))
        place = match["place"] or ""
        plain_place = bool(place) and place.split(",")[0].strip().isupper()
        if outlet is None and not plain_place:
            return None
        month, day, year = _dateline_date(match["date"])
        return Dateline(match.end(), outlet or tag, month, day, year)
    match = _AGENCY_DATELINE.match(paragraph)  # "TOKYO, April 3 Kyodo -"
    if match:
        outlet = outlet_registry().by_tag.get(_norm_name(match["tag"]))
        if outlet is not None:
            month, day, year = _dateline_date(match["date"])
            return Dateline(match.end(), outlet, month, day, year)
    if allow_plain:
        match = _PLAIN_DATELINE.match(paragraph)
        if match and match["mark"] == ":" and not _known_place(match["place"]):
            return None  # "UPDATE: …", "HOST: …"; a Dawn-style "ISLAMABAD: …" is a place
        if match and sum(c.isupper() for c in match["place"].split(",")[0]) >= 3:
            month, day, year = _dateline_date(match["date"])
            return Dateline(match.end(), None, month, day, year)
    return None


# A year: not part of a larger number ("12,025", "2025.5") but may end a clause ("2025, he said").
_YEAR = re.compile(r"(?<![\d$£€])(?<!\d[,.])(?:19[5-9]\d|20\d\d)(?!\d|[,.]\d)")
# Years of plans and deadlines say nothing of when the article was written.
_PLANNED_YEAR = re.compile(
    r"\b(?:by|until|till|before|through|from|next|in early|in late)\s+(?:(?:the\s+)?end\s+of\s+)?$",
    re.IGNORECASE,
)


def _reported_years(text: str) -> list[int]:
    return [
        int(match.group())
        for match in _YEAR.finditer(text)
        if not _PLANNED_YEAR.search(text, max(0, match.start() - 30), match.start())
    ]


def dateline_year(texts: list[str], month: int, day: int) -> int | None:
    """The year for a dateline that gives none: the latest year the text reports on.

    Years of deadlines and plans ("by 2026") are ignored; never later than the current year;
    None when the text writes no year at all.
    """
    this_year = date.today().year
    years = [y for text in texts for y in _reported_years(text) if y <= this_year]
    if not years:
        return None
    year = max(years)
    return year if safe_date(year, month, day) else None


def date_from_url(url: str) -> date | None:
    """The date a URL path spells as /2023/09/21/, as most news sites print it."""
    match = re.search(r"/(20\d\d|19\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)", urlsplit(url).path)
    if not match:
        return None
    return safe_date(int(match[1]), int(match[2]), int(match[3]))


# --------------------------------------------------------------------------- authors

_PARTICLE = r"(?:van|von|der|den|de|del|della|da|di|du|la|le|al|el|bin|ibn|ben|dos|das)"
_NAME_WORD = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,4}}"
_NAME_RE = re.compile(rf"{_NAME}(?:\s+(?:and|&)\s+{_NAME})*")
_NOT_NAMES = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|"
    r"Nov|Dec|Late|Early|Then|Now|The|This|That|These|Those|Last|Next)\b"
)
_BYLINE = re.compile(
    r"^(?:by|written by|story by|words by|text by)\s+(?P<rest>\S.{0,150})$", re.IGNORECASE
)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||\s[-–—]\s|/)\s*")
_BYLINE_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’\- ]{1,40}$")
_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|producer|"
    r"journalist|analyst|desk|bureau|chief|news|senior|world|politics|diplomatic|defen[cs]e)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Byline:
    author: str
    outlet: str | None
    published: date | None = None  # "By Jane Smith | September 21, 2023"


def _tidy_name(name: str) -> str:
    """ "JANE SMITH AND ALI KHAN" → "Jane Smith and Ali Khan"; other spellings are kept."""
    if not re.sub(r"\b(?:and|&)\b", "", name).isupper():
        return name
    return re.sub(r"\bAnd\b", "and", name.title())


def parse_byline(line: str) -> Byline | None:
    """ "By Jane Smith", "By Jane Smith and Ali Khan, Reuters", "BY JANE SMITH | The Guardian"."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    rest = match["rest"].strip().rstrip(".")
    if re.search(r"[!?;:\"“”]", rest):
        return None
    names: list[str] = []
    outlet: str | None = None
    for index, part in enumerate(_BYLINE_SPLIT.split(rest)):
        if not part:
            continue
        part_outlet = lookup_outlet(part)
        candidate = _BYLINE_PLACE.sub("", part)
        if index == 0 or (not part_outlet and _NAME_RE.fullmatch(candidate)):
            tidy = _tidy_name(candidate)
            if not _NAME_RE.fullmatch(tidy) or _NOT_NAMES.search(tidy):
                if index == 0:
                    return None
                continue
            if _ROLE.search(candidate) and index > 0:
                continue
            names.append(tidy)
        elif part_outlet:
            outlet = outlet or part_outlet
        elif not _ROLE.search(part) and index > 0:
            continue
    if not names:
        return None
    dated = _FULL_DATE.search(rest)
    published = _full_date(dated) if dated else None
    return Byline(author=", ".join(names), outlet=outlet, published=published)


_BIO = re.compile(rf"^(?P<name>{_NAME})\s+(?:is|was|has been|covers|writes|reports|joined)\b")


def bio_author(paragraph: str) -> str | None:
    """The writer named at the start of an "About the writer" bio."""
    match = _BIO.match(paragraph)
    if not match or _NOT_NAMES.search(match["name"]):
        return None
    return match["name"]
