"""Convert the PETRARCH2 / Phoenix actor and agent dictionaries into briefbot's registry data.

    python tools/petrarch/convert.py --repo /path/to/petrarch2/.git \
        --out briefings/data/actors_petrarch.yaml

The dictionaries (openeventdata/petrarch2, MIT licence, see briefings/data/NOTICE-petrarch2)
were written for event coding: one record groups every phrase that gets one CAMEO code, so
"UNITED_STATES_MILITARY" holds the Pentagon, Central Command and a spokesman. They are also
upper case, stale (2015) and noisy. This script keeps what names an actor:

- IGOs, NGOs and companies of the international file; armed groups of the non-state file;
  the named national institutions of the country file (affiliated to their state);
- people with a role that lasted into 1995 or later, affiliated to their state or body;
- the formal names and spellings of states (merged into the hand-written states);
- media sources, as outlets (never actors);
- the agents file's role nouns ("foreign minister", "ambassador") and body nouns ("election
  commission"), which the finder uses to recognise people and bodies in no dictionary.

A record's phrases are split into clusters of the same name (spelling variants, "U.S." for
"United States", an acronym of a longer phrase); each cluster is one actor. Dropped: phrases
that end in a role ("White House spokesman"), phrases of generic words only ("Central
Command", "Senate"), places listed under a state (cities, rivers), single words that are
common English words (/usr/share/dict/words, Debian's `wamerican`), and people whose last role
ended before 1995. Case is restored: title case, small words lower, acronyms upper.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from briefings.extract._lexicon import fold, load_yaml  # noqa: E402

DICT_DIR = "petrarch2/data/dictionaries"
FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "nonstate": "Phoenix.MilNonState.actors.txt",
    "agents": "Phoenix.agents.txt",
}
SMALL = {
    "of",
    "the",
    "for",
    "and",
    "on",
    "in",
    "de",
    "du",
    "des",
    "la",
    "le",
    "del",
    "di",
    "da",
    "dos",
    "das",
    "y",
    "e",
    "et",
    "to",
    "at",
    "al",
    "el",
    "bin",
    "ibn",
    "van",
    "von",
    "der",
    "den",
    "a",
    "an",
    "against",
    "with",
    "from",
}
ORG_HEADS = {
    "ministry",
    "agency",
    "council",
    "committee",
    "commission",
    "organization",
    "organisation",
    "association",
    "union",
    "front",
    "party",
    "army",
    "forces",
    "force",
    "group",
    "foundation",
    "institute",
    "center",
    "centre",
    "trust",
    "fund",
    "office",
    "service",
    "society",
    "network",
    "movement",
    "brigade",
    "brigades",
    "battalion",
    "authority",
    "court",
    "bank",
    "bureau",
    "department",
    "corps",
    "coalition",
    "alliance",
    "federation",
    "mission",
    "company",
    "corporation",
    "university",
    "church",
    "board",
    "programme",
    "program",
    "police",
    "guard",
    "militia",
    "directorate",
    "administration",
    "secretariat",
    "parliament",
    "assembly",
    "cabinet",
    "command",
    "tribunal",
    "embassy",
    "congress",
    "senate",
    "government",
    "navy",
    "ministries",
    "league",
    "conference",
    "community",
    "project",
    "club",
    "academy",
    "inc",
    "inc.",
    "ltd",
    "co",
    "industries",
    "airlines",
    "bloc",
    "cell",
    "cells",
    "faction",
    "nuclei",
    "nucleus",
    "squad",
    "squads",
    "unit",
    "units",
    "legion",
    "commandos",
    "fighters",
    "mujahideen",
    "jihad",
}
GENERIC = {
    "national",
    "federal",
    "central",
    "state",
    "supreme",
    "high",
    "general",
    "constitutional",
    "electoral",
    "election",
    "security",
    "emergency",
    "public",
    "city",
    "municipal",
    "regional",
    "local",
    "provincial",
    "district",
    "joint",
    "interim",
    "transitional",
    "military",
    "independent",
    "human",
    "rights",
    "international",
    "united",
    "special",
    "civil",
    "defence",
    "defense",
    "foreign",
    "interior",
    "health",
    "justice",
    "finance",
    "economic",
    "energy",
    "education",
    "intelligence",
    "border",
    "presidential",
    "executive",
    "legislative",
    "permanent",
    "armed",
    "naval",
    "air",
    "revolutionary",
    "popular",
    "peace",
    "development",
    "relief",
    "world",
    "global",
    "new",
    "great",
    "grand",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
    "chief",
    "senior",
    "royal",
    "democratic",
    "social",
    "affairs",
    "house",
    "representatives",
    "staff",
    "chiefs",
    "liberation",
    "people's",
    "peoples",
    "islamic",
    "arab",
    "action",
    "communist",
    "socialist",
    "workers",
    "patriotic",
    "army",
    "people",
    "youth",
    "students",
    "anti-imperialist",
    "resistance",
    "struggle",
    "revenge",
    "martyrs",
    "holy",
    "war",
    "operations",
    "pacific",
    "forces",
    "african",
    "european",
    "asian",
    "american",
    "latin",
    "red",
    "white",
    "black",
    "green",
    "free",
    "freedom",
} | ORG_HEADS
ROLE_TAILS = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "minister",
    "president",
    "secretary",
    "chief",
    "head",
    "representative",
    "envoy",
    "leader",
    "leaders",
    "director",
    "commander",
    "ambassador",
    "general",
    "monitor",
    "member",
    "members",
    "peacekeeper",
    "peacekeepers",
    "justices",
    "soldiers",
    "troops",
    "staff",
    "adviser",
    "advisor",
    "delegate",
    "delegation",
    "chairman",
    "officer",
    "bodies",
    "resident",
}
ROLE_HEADS = {
    "president",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "secretary-general",
    "chairman",
    "general",
    "king",
    "queen",
    "prince",
    "sheikh",
    "former",
    "acting",
    "deputy",
    "vice",
    "lady",
    "baroness",
    "lord",
    "sir",
    "mr",
    "mrs",
    "ms",
    "dr",
    "senator",
    "congressman",
    "governor",
    "mayor",
    "colonel",
    "major",
    "captain",
    "commander",
    "ambassador",
    "premier",
    "chancellor",
    "emir",
    "ayatollah",
    "cardinal",
    "pope",
    "bishop",
    "defense",
    "defence",
    "interior",
    "un",
    "u.n.",
    "us",
    "u.s.",
    "united",
    "nations",
    "eu",
    "european",
    "union",
    "the",
    "presidential",
    "envoy",
    "special",
    "representative",
    "chief",
    "justice",
    "speaker",
    "mullah",
    "gen.",
    "lt.",
    "col.",
    "admiral",
    "marshal",
    "field",
    "brig.",
    "brigadier",
    "opposition",
    "leader",
    "party",
    "rebel",
    "senior",
    "top",
    "new",
    "elected",
    "late",
}
PLACE_WORDS = {
    "river",
    "falls",
    "mountains",
    "mountain",
    "mount",
    "lake",
    "sea",
    "island",
    "islands",
    "valley",
    "desert",
    "canyon",
    "province",
    "city",
    "state",
    "bay",
    "gulf",
    "peninsula",
    "region",
    "coast",
    "strait",
    "ocean",
    "plateau",
    "hills",
}
MEDIA_AGENT_CODES = ("MED",)
MIN_YEAR = 1995
NAME_HEADS = {
    "abu",
    "abd",
    "abdul",
    "abdel",
    "abdal",
    "mohammed",
    "muhammad",
    "mohamed",
    "ahmed",
    "ahmad",
    "ali",
    "umm",
    "sheikh",
    "mullah",
    "maulana",
    "hafiz",
    "haji",
}
_CODE = re.compile(r"\[([^\]\s]*)\s*([^\]]*)\]")
_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass
class Record:
    """One dictionary record: its phrases (primary first), codes with dates, comment, file."""

    phrases: list[str]
    codes: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    comment: str = ""
    section: str = ""
    source: str = ""


# --- reading --------------------------------------------------------------------------------


def read_dictionary(repo: Path, name: str) -> str:
    """A dictionary file from a git directory (`git show HEAD:path`) or a plain folder."""
    path = repo / DICT_DIR / name
    if path.exists():
        return path.read_text(encoding="utf-8", errors="replace")
    shown = subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{DICT_DIR}/{name}"],
        check=True,
        capture_output=True,
    )
    return shown.stdout.decode("utf-8", errors="replace")


def commit_of(repo: Path) -> str:
    try:
        shown = subprocess.run(
            ["git", "--git-dir", str(repo), "rev-parse", "--short", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        )
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"
    return shown.stdout.strip()


def _year(text: str) -> int | None:
    digits = text.strip()
    if not digits.isdigit():
        return None
    if len(digits) == 8:
        return int(digits[:4])
    if len(digits) == 6:
        year = int(digits[:2])
        return 2000 + year if year <= 30 else 1900 + year
    return None


def _codes(text: str) -> list[tuple[str, int | None, int | None]]:
    found: list[tuple[str, int | None, int | None]] = []
    for code, dates in _CODE.findall(text):
        dates = dates.strip()
        start: int | None = None
        end: int | None = None
        if dates.startswith(">"):
            start = _year(dates[1:])
            end = 9999
        elif dates.startswith("<"):
            end = _year(dates[1:])
        elif "-" in dates:
            first, _, last = dates.partition("-")
            start, end = _year(first), _year(last)
        found.append((code, start, end))
    return found


def parse_actors(text: str, source: str) -> Iterator[Record]:
    """Records of a TABARI/PETRARCH .actors file; `section` is the last "#####" header."""
    record: Record | None = None
    section = ""
    for raw in text.splitlines():
        if raw.lstrip().startswith("#"):
            if raw.startswith("####"):
                section = raw.strip("# ").lower()
            continue
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if record is not None:
                record.codes.extend(_codes(stripped))
            continue
        if stripped.startswith("+"):
            if record is not None:
                record.phrases.append(_CODE.sub("", stripped[1:]).strip())
                record.codes.extend(_codes(stripped))
            continue
        if record is not None:
            yield record
        record = Record(
            [_CODE.sub("", stripped).strip()], _codes(stripped), comment, section, source
        )
    if record is not None:
        yield record


# --- names ----------------------------------------------------------------------------------


def words_of(phrase: str) -> list[str]:
    phrase = phrase.replace("_", " ")
    phrase = _PAREN.sub(" ", phrase)
    return [w for w in phrase.replace(",", " ").split() if w]


def acronyms_in(phrase: str) -> list[str]:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" → ["AAIA"]."""
    return [
        a.strip("_ ")
        for a in _PAREN.findall(phrase)
        if re.fullmatch(r"[A-Z0-9/&-]{2,8}", a.strip("_ "))
    ]


def _cap(word: str) -> str:
    parts = re.split(r"([-'])", word.lower())
    out = []
    for index, part in enumerate(parts):
        if (
            part in {"-", "'"}
            or (index > 0 and parts[index - 1] == "'" and part in {"s", "t"})
            or (
                index == 0
                and part in {"al", "el", "ad", "ar", "as", "ash", "az"}
                and len(parts) > 2
            )
        ):
            out.append(part)
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


def proper_case(words: list[str], acronyms: set[str]) -> str:
    """Title case; small words lower (not first), acronyms and dotted initials upper."""
    out: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        if (
            word in acronyms
            or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word)
            or (lower in {"us", "un", "uk", "eu", "usa"})
        ):
            out.append(word)
        elif index > 0 and lower in SMALL:
            out.append(lower)
        else:
            out.append(_cap(word))
    text = " ".join(out)
    if text[:2] == "al" and text[2:3] == "-":
        text = "Al" + text[2:]
    return text


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in SMALL and w[:1].isalpha()).upper()


def normal_key(words: Iterable[str]) -> str:
    """A cluster key: no "the", "U.S."/"US" → "united states", "UN" → "united nations"."""
    text = " ".join(w.lower() for w in words)
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"\b(?:u\.s\.|us|usa)\b", "united states", text)
    text = re.sub(r"\b(?:u\.n\.|un)\b", "united nations", text)
    text = re.sub(r"\b(?:u\.k\.|uk)\b", "united kingdom", text)
    text = re.sub(r"\b(?:e\.u\.|eu)\b", "european union", text)
    text = text.replace("organisation", "organization").replace("programme", "program")
    text = text.replace("defence", "defense").replace("labour", "labor")
    return fold(text).replace(".", "").strip()


class Words:
    """Common English words (lower case entries of the system word list)."""

    def __init__(self, path: Path = Path("/usr/share/dict/words")) -> None:
        self.common: set[str] = set()
        self.given: set[str] = set()
        if path.exists():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                word = line.strip()
                if word.endswith("'s"):
                    continue
                if word.islower():
                    self.common.add(word)
                elif word[:1].isupper() and word[1:].islower():
                    self.given.add(word.lower())
        else:
            print(
                f"warning: {path} missing (apt-get install wamerican); single words kept",
                file=sys.stderr,
            )

    def is_common(self, word: str) -> bool:
        return word.lower() in self.common


# --- classifying ----------------------------------------------------------------------------


def is_role_phrase(words: list[str], roles: set[str]) -> bool:
    """ "White House spokesman", "US Ambassador to the UN": a post, not a body."""
    lower = [w.lower() for w in words]
    if lower[-1] in ROLE_TAILS or " ".join(lower[-2:]) in roles:
        return True
    if not any(w in ORG_HEADS for w in lower) and any(w in roles for w in lower):
        return True
    return lower[0] in {"president", "secretary", "head", "chief", "leader", "director"} and (
        len(lower) > 1 and lower[1] in {"of", "general"}
    )


PERSON_NOUNS = {
    "minister",
    "president",
    "official",
    "chief",
    "head",
    "leader",
    "envoy",
    "general",
    "king",
    "queen",
    "pope",
    "judge",
    "secretary",
    "ambassador",
    "emir",
    "sheikh",
    "prince",
    "princess",
    "mayor",
    "governor",
    "senator",
    "deputy",
    "delegate",
    "representative",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "adviser",
    "advisor",
    "commander",
    "officer",
    "soldier",
    "guard",
    "cop",
    "student",
    "member",
    "citizen",
    "resident",
    "civilian",
    "refugee",
    "migrant",
    "activist",
    "chairman",
    "chairwoman",
    "chairperson",
    "premier",
    "chancellor",
    "monarch",
    "sultan",
    "ayatollah",
    "cleric",
    "imam",
    "rabbi",
    "priest",
    "bishop",
    "cardinal",
    "nun",
    "monk",
    "militant",
    "insurgent",
    "guerrilla",
    "rebel",
    "fighter",
    "staff",
    "analyst",
    "expert",
    "scholar",
    "academic",
    "scientist",
    "doctor",
    "nurse",
    "surgeon",
    "physician",
    "lawyer",
    "attorney",
    "counsel",
    "prosecutor",
    "diplomat",
    "consul",
    "attache",
    "legislator",
    "lawmaker",
    "parliamentarian",
    "mp",
    "candidate",
    "nominee",
    "dictator",
    "tyrant",
    "strongman",
    "warlord",
    "captain",
    "colonel",
    "lieutenant",
    "major",
    "sergeant",
    "corporal",
    "private",
    "admiral",
    "marshal",
    "brigadier",
    "ruler",
    "regent",
    "heir",
    "vizier",
    "mullah",
    "patriarch",
    "pastor",
    "vicar",
    "deacon",
    "missionary",
    "pilgrim",
    "child",
    "boy",
    "girl",
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "victim",
    "survivor",
    "witness",
    "hostage",
    "prisoner",
    "detainee",
    "suspect",
    "convict",
    "inmate",
}
NOT_PERSON_NOUNS = {
    "ship",
    "vessel",
    "aircraft",
    "carrier",
    "fighter",
    "tanker",
    "destroyer",
    "bomber",
    "launcher",
    "container",
    "computer",
    "helicopter",
    "reactor",
    "center",
    "centre",
    "tower",
    "border",
    "order",
    "water",
    "airliner",
    "liner",
    "cruiser",
    "trawler",
    "freighter",
    "steamer",
    "corvette",
    "frigate",
    "submarine",
    "warship",
    "jet",
    "plane",
    "missile",
    "rocket",
    "tank",
    "trailer",
    "shelter",
    "quarter",
    "headquarters",
    "chamber",
    "theater",
    "theatre",
    "register",
    "cluster",
    "sector",
    "generator",
    "transistor",
    "monitor",
    "detector",
    "radar",
    "interior",
    "exterior",
    "power",
    "paper",
    "letter",
    "number",
    "matter",
    "character",
    "river",
    "weather",
    "manner",
    "banner",
    "charter",
    "corner",
    "barrier",
    "disaster",
    "pillar",
    "counter",
}


def person_noun(word: str) -> bool:
    """Whether an agent's head noun names a person ("minister", "farmer"), not a thing
    ("corvette", "carrier") — the agents file mixes both."""
    if word in NOT_PERSON_NOUNS:
        return False
    if word in PERSON_NOUNS or (word.endswith("s") and word[:-1] in PERSON_NOUNS):
        return True
    return word.endswith(
        (
            "er",
            "ers",
            "or",
            "ors",
            "ist",
            "ists",
            "man",
            "men",
            "woman",
            "women",
            "ian",
            "ians",
            "ant",
            "ants",
            "ee",
            "ees",
            "ief",
            "iefs",
        )
    )


def is_garbled(words: list[str]) -> bool:
    """Mojibake left by the dictionaries' encoding ("PÃŠBLICAS")."""
    return any(not re.fullmatch(r"[A-Za-z0-9.'&/-]+", w) for w in words)


def is_generic(words: list[str]) -> bool:
    return all(w.lower().strip("'") in GENERIC or w.lower() in SMALL for w in words)


def name_shaped(words: list[str]) -> bool:
    """Two to five words, none of an institution's, no digits: a person's name's shape."""
    lower = [w.lower().strip(".") for w in words]
    if not 2 <= len(lower) <= 5 or any(w in ORG_HEADS or w in GENERIC for w in lower):
        return False
    return not any(ch.isdigit() for w in lower for ch in w)


def looks_like_person(words: list[str], vocabulary: Words) -> bool:
    """Name-shaped and starting with a given name (or an initial)."""
    lower = [w.lower().strip(".") for w in words]
    if not name_shaped(words):
        return False
    return lower[0] in vocabulary.given or bool(re.fullmatch(r"[a-z]", lower[0]))


def strip_role_words(words: list[str]) -> list[str]:
    out = list(words)
    while len(out) > 1 and out[0].lower().strip(".") in ROLE_HEADS:
        out.pop(0)
    return out


@dataclass
class Actor:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    code: str = ""
    last_year: int = 0


class Converter:
    """Holds the hand registry (to map codes to canonical names) and the output being built."""

    def __init__(self, hand: dict[str, object], vocabulary: Words) -> None:
        self.vocabulary = vocabulary
        self.hand_keys: dict[str, str] = {}
        self.hand_states: dict[str, str] = {}
        for section in ("states", "territories", "organisations", "armed_groups", "people"):
            for entry in hand.get(section) or []:  # type: ignore[attr-defined]
                forms = [
                    entry["name"],
                    *(entry.get("aliases") or []),
                    *(entry.get("demonyms") or []),
                ]
                for form in forms:
                    self.hand_keys.setdefault(normal_key(form.split()), entry["name"])
                if section in ("states", "territories"):
                    self.hand_states[normal_key(entry["name"].split())] = entry["name"]
        self.iso: dict[str, str] = {}
        self.code_names: dict[str, str] = {}
        self.actors: dict[str, Actor] = {}
        self.state_aliases: dict[str, list[str]] = {}
        self.outlets: list[str] = []
        self.roles: set[str] = set()
        self.bodies: set[str] = set()

    # -- helpers --

    def canonical_for(self, key: str) -> str | None:
        return self.hand_keys.get(key)

    def affiliation(self, code: str) -> str | None:
        for length in range(len(code), 2, -3):
            name = self.code_names.get(code[:length])
            if name:
                return name
        return self.iso.get(code[:3])

    def add(self, actor: Actor) -> None:
        key = normal_key(actor.name.split())
        existing = self.actors.get(key)
        if existing is None:
            self.actors[key] = actor
            return
        for alias in actor.aliases:
            if alias not in existing.aliases and alias != existing.name:
                existing.aliases.append(alias)
        existing.last_year = max(existing.last_year, actor.last_year)

    def is_name_variant(self, words: list[str], primary: list[str]) -> bool:
        """Another spelling of the person's name, not a title phrase ("Russian President X")."""
        lower = [w.lower().strip(".") for w in words]
        if any(
            w in ROLE_HEADS or w in self.roles or normal_key([w]) in self.hand_keys for w in lower
        ):
            return False
        return (
            lower[-1] == primary[-1].lower()
            or fuzz.ratio(" ".join(lower), " ".join(primary).lower()) >= 85
        )

    def keep_single(self, word: str) -> bool:
        """A one-word name is kept unless it is a common word, short, or a given name."""
        bare = word.strip(".").lower()
        if len(bare) < 3 or self.vocabulary.is_common(bare):
            return False
        return bare not in self.vocabulary.given or (word.isupper() and len(word) <= 6)

    def clusters(self, record: Record) -> list[list[list[str]]]:
        """The record's phrases grouped by the name they spell (word lists)."""
        groups: dict[str, list[list[str]]] = {}
        phrases = [words_of(p) for p in record.phrases]
        for extra in (a for p in record.phrases for a in acronyms_in(p)):
            phrases.append([extra])
        order: list[str] = []
        for words in phrases:
            if not words or is_garbled(words):
                continue
            key = normal_key(words)
            match = next(
                (k for k in order if k == key or (len(key) > 8 and fuzz.ratio(k, key) >= 92)),
                None,
            )
            if match is None:
                groups[key] = [words]
                order.append(key)
            else:
                groups[match].append(words)
        # a lone acronym joins the cluster whose initials it spells
        for key in list(order):
            cluster = groups[key]
            if len(cluster) == 1 and len(cluster[0]) == 1:
                acronym = cluster[0][0].replace(".", "").upper()
                target = next(
                    (
                        k
                        for k in order
                        if k != key
                        and any(initials(w) == acronym and len(w) > 1 for w in groups[k])
                    ),
                    None,
                )
                if target is not None:
                    groups[target].append(cluster[0])
                    order.remove(key)
                    del groups[key]
        return [groups[k] for k in order]

    def names_of(self, cluster: list[list[str]]) -> tuple[str, list[str]] | None:
        """Canonical name (the longest multi-word form) and aliases of a cluster."""
        acronyms = {
            w[0]
            for w in cluster
            if len(w) == 1 and initials(max(cluster, key=len)) == w[0].replace(".", "").upper()
        }
        forms: list[str] = []
        for words in cluster:
            if len(words) == 1:
                word = words[0]
                if word in acronyms or (len(word) <= 5 and word.isupper() and word.isalpha()):
                    if len(word.replace(".", "")) >= 2:
                        forms.append(word)
                    continue
                if not self.keep_single(word):
                    continue
            forms.append(proper_case(words, acronyms))
        forms = list(dict.fromkeys(forms))
        if not forms:
            return None
        multi = [f for f in forms if " " in f]
        name = max(multi or forms, key=lambda f: (len(f.split()), len(f), f))
        if name.lower().startswith("the "):
            name = name[4:]
        aliases = [f for f in forms if f != name and f.lower() != "the " + name.lower()]
        return name, aliases

    # -- files --

    def countries(self, text: str) -> None:
        current: str | None = None
        for record in parse_actors(text, "countries"):
            codes = [c for c, _, _ in record.codes]
            if (
                len(codes) == 1
                and re.fullmatch(r"[A-Z]{3}", codes[0])
                and not any(s for _, s, _ in record.codes)
            ):
                current = self.state(record, codes[0])
                continue
            if current is None:
                continue
            if self.person(record):
                continue
            self.institutions(record, current)

    def state(self, record: Record, iso: str) -> str | None:
        primary = words_of(record.phrases[0])
        name = self.hand_states.get(normal_key(primary)) or self.canonical_for(normal_key(primary))
        if name is None:
            return None
        self.iso[iso] = name
        self.code_names.setdefault(iso, name)
        base = normal_key(name.split())
        keep: list[str] = []
        for phrase in record.phrases[1:]:
            words = words_of(phrase)
            key = normal_key(words)
            if not words or any(w.lower() in PLACE_WORDS for w in words):
                continue
            if (base in key and len(words) > 1 and not is_role_phrase(words, self.roles)) or (
                len(words) == 1 and fuzz.ratio(base, key) >= 80 and len(key) >= 5
            ):
                keep.append(proper_case(words, set()))
        if keep:
            self.state_aliases[name] = sorted(set(keep) - {name})
        return name

    def person(self, record: Record) -> bool:
        """People: a dated role, or a name shaped like a person's. True when handled."""
        dated = [(c, s, e) for c, s, e in record.codes if s is not None or e is not None]
        primary = strip_role_words(words_of(record.phrases[0]))
        if not dated and not looks_like_person(primary, self.vocabulary):
            return False
        if not primary or is_garbled(primary) or not name_shaped(primary):
            return True  # a dated record that is not a clean name ("ACTING_MINISTER_X")
        last = max((e or 0) for _, _, e in dated) if dated else 9999
        if last < MIN_YEAR:
            return True
        latest = max(record.codes, key=lambda c: c[2] or 0, default=None)
        code = latest[0] if latest else ""
        affiliation = self.affiliation(code) if code else None
        if affiliation is None:
            return True  # a person of no state or body we know: nothing to tie them to
        name = proper_case(primary, set())
        aliases: list[str] = []
        for phrase in record.phrases[1:]:
            words = strip_role_words(words_of(phrase))
            if not words:
                continue
            if len(words) == 1:
                continue  # a surname alone is anyone's: only full names are kept
            if self.is_name_variant(words, primary):
                aliases.append(proper_case(words, set()))
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        self.add(Actor(name, "people", aliases, affiliation, code, last))
        return True

    def institutions(self, record: Record, state: str) -> None:
        code = record.codes[0][0] if record.codes else ""
        kind = "armed_groups" if code[3:6] in ("REB", "UAF", "INS") else "organisations"
        for cluster in self.clusters(record):
            good = [
                w
                for w in cluster
                if not is_role_phrase(w, self.roles)
                and not any(x.lower() in PLACE_WORDS for x in w)
                and (len(w) > 1 or len(cluster) > 1)
            ]
            multi = [w for w in good if len(w) > 1]
            if not multi or all(is_generic(w) for w in multi):
                continue
            if any(looks_like_person(w, self.vocabulary) for w in multi):
                continue
            named = self.names_of([w for w in good if len(w) == 1 or not is_generic(w)])
            if named is None:
                continue
            name, aliases = named
            known = self.canonical_for(normal_key(name.split()))
            self.add(
                Actor(
                    known or name,
                    kind,
                    aliases if known is None else [name, *aliases],
                    state if known is None else None,
                    code,
                )
            )

    def organisations(self, text: str, source: str) -> None:
        records = list(parse_actors(text, source))
        for record in records:  # first pass: each body's own code names it
            if record.codes and not any(s or e for _, s, e in record.codes):
                words = words_of(record.phrases[0])
                if words and not looks_like_person(words, self.vocabulary):
                    named = self.names_of([words])
                    if named:
                        known = self.canonical_for(normal_key(named[0].split()))
                        self.code_names.setdefault(record.codes[0][0], known or named[0])
        for record in records:
            codes = [c for c, _, _ in record.codes]
            if any(c == "MED" or c[3:6] == "MED" for c in codes) and "media" in record.section:
                for phrase in record.phrases:
                    words = words_of(phrase)
                    if words and not looks_like_person(words, self.vocabulary):
                        single = {words[0]} if len(words) == 1 and len(words[0]) <= 4 else set()
                        self.outlets.append(proper_case(words, single))
                continue
            if any(c.startswith("MNC") for c in codes) and (
                "$" in record.comment
                or any(looks_like_person(words_of(p), self.vocabulary) for p in record.phrases)
            ):
                continue  # company lists by turnover; company spokesmen
            if any("MED" in c[:6] for c in codes):
                continue
            if self.person(record):
                continue
            kind = "armed_groups" if source == "nonstate" else "organisations"
            for cluster in self.clusters(record):
                # generic words make a name only when there are three or more of them
                # ("Southern African Development Community", not "Security Council")
                good = [
                    w
                    for w in cluster
                    if not is_role_phrase(w, self.roles)
                    and (len([x for x in w if x.lower() != "the"]) > 2 or not is_generic(w))
                ]
                if not good:
                    continue
                if source == "nonstate" and any(
                    looks_like_person(w, self.vocabulary) or w[0].lower() in NAME_HEADS
                    for w in good
                ):
                    continue  # "Abu Abdullah": a person or a nickname, not a group
                named = self.names_of(good)
                if named is None:
                    continue
                name, aliases = named
                if " " not in name and not self.keep_single(name) and not name.isupper():
                    continue
                known = self.canonical_for(normal_key(name.split()))
                if known:
                    self.add(Actor(known, kind, [name, *aliases]))
                else:
                    self.add(Actor(name, kind, aliases))

    def merge_acronyms(self) -> None:
        """An acronym listed on its own ("SADC") joins the one body whose initials it spells
        ("Southern African Development Community")."""
        by_initials: dict[str, list[str]] = {}
        for key, actor in self.actors.items():
            words = actor.name.split()
            if len(words) >= 2 and actor.kind != "people":
                by_initials.setdefault(initials(words), []).append(key)
        for key, actor in list(self.actors.items()):
            name = actor.name
            if " " in name or not name.isupper() or len(name) > 7:
                continue
            targets = by_initials.get(name.replace(".", ""), [])
            if len(targets) != 1 or targets[0] == key:
                continue
            target = self.actors[targets[0]]
            target.aliases = list(dict.fromkeys([*target.aliases, name, *actor.aliases]))
            del self.actors[key]

    def agents(self, text: str) -> None:
        """Role nouns (people) and body nouns (institutions) of the agents file."""
        substitutions: dict[str, list[str]] = {}
        for raw in text.splitlines():
            line = raw.split("#")[0].strip()
            if not line or line.startswith("<!--"):
                continue
            if line.startswith("!") and "=" in line:
                marker, _, values = line.partition("=")
                substitutions[marker.strip()] = [v.strip() for v in values.split(",")]
                continue
            found = re.match(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
            if not found:
                continue
            phrase, code = found.group(1), found.group(3)
            if not code.startswith("~") or code[1:4] in MEDIA_AGENT_CODES:
                continue
            expanded = [phrase]
            for marker, values in substitutions.items():
                if marker in phrase:
                    expanded = [p.replace(marker, v) for p in expanded for v in values]
            for item in expanded:
                if " " in item.strip():  # a gap pattern, not a phrase
                    continue
                words = [w for w in item.lower().split("_") if w]
                if not words or not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
                    continue
                if words[-1] in ORG_HEADS or words[-1].endswith(("ministry", "ministries")):
                    self.bodies.add(" ".join(words))
                elif person_noun(words[-1]):
                    self.roles.add(" ".join(words))


def build(repo: Path, hand_path: Path) -> dict[str, object]:
    vocabulary = Words()
    converter = Converter(load_yaml(hand_path), vocabulary)
    converter.agents(read_dictionary(repo, FILES["agents"]))
    converter.countries(read_dictionary(repo, FILES["countries"]))
    converter.organisations(read_dictionary(repo, FILES["international"]), "international")
    converter.organisations(read_dictionary(repo, FILES["nonstate"]), "nonstate")
    sections: dict[str, list[dict[str, object]]] = {
        "organisations": [],
        "armed_groups": [],
        "people": [],
    }
    converter.merge_acronyms()
    hand_names = set(converter.hand_keys.values())
    all_names = hand_names | {a.name for a in converter.actors.values()}
    for actor in sorted(converter.actors.values(), key=lambda a: (a.kind, a.name)):
        if actor.affiliation not in all_names:
            actor.affiliation = converter.iso.get(actor.code[:3])
            if actor.kind == "people" and actor.affiliation is None:
                continue  # tied to a body that did not survive filtering
        entry: dict[str, object] = {"name": actor.name}
        aliases = [a for a in actor.aliases if a != actor.name]
        if aliases:
            entry["aliases"] = sorted(set(aliases))
        if actor.name in hand_names:
            entry = {"name": actor.name, "aliases": entry.get("aliases", [])}
            if not entry["aliases"]:
                continue
        if actor.affiliation and actor.affiliation != actor.name:
            entry["affiliation"] = actor.affiliation
        sections[actor.kind].append(entry)
    return {
        "source": f"openeventdata/petrarch2@{commit_of(repo)}",
        "states": [
            {"name": n, "aliases": a} for n, a in sorted(converter.state_aliases.items()) if a
        ],
        **sections,
        "outlets": sorted(set(converter.outlets)),
        "role_nouns": sorted(converter.roles),
        "body_nouns": sorted(converter.bodies),
    }


HEADER = """\
# GENERATED by tools/petrarch/convert.py from the PETRARCH2 / Phoenix dictionaries of the
# openeventdata project (MIT licence; the notice is in NOTICE-petrarch2 beside this file).
# Do not edit by hand: fix the hand-written actors.yaml or the converter, then regenerate
# (tools/petrarch/README.md). Entries whose name is an actor of actors.yaml only add aliases
# to it; `states` only adds formal names and spellings. All forms here match in any case as
# long as their words are capitalised in the text ("Greenpeace", "GREENPEACE", not
# "greenpeace").
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, required=True, help="petrarch2 .git dir or checkout")
    parser.add_argument("--hand", type=Path, default=ROOT / "briefings/data/actors.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "briefings/data/actors_petrarch.yaml")
    args = parser.parse_args(argv)
    data = build(args.repo, args.hand)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    args.out.write_text(HEADER + "case: capitalised\n" + body, encoding="utf-8")
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
