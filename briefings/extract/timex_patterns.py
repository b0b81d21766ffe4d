"""Vocabulary and precompiled regular expressions for the temporal expression finder.

One combined regex (`CANDIDATE`) proposes every date-like span in a single left-to-right
pass; each alternative is a named group whose name picks the handler in `timex.py`. The
order of alternatives matters: Python takes the first alternative that matches at a
position, so longer or more specific forms come first. Month names are matched only when
capitalised (or in capitals) so that "may" the modal and "march" the verb never start a date.
"""

from __future__ import annotations

import re

from briefings.extract.numbers import CARDINALS
from briefings.textpatterns import gate

MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
# Months that are also ordinary words or first names; alone they need a date-like context.
AMBIGUOUS_MONTHS = frozenset({"march", "april", "may", "june", "august"})

WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1} | {
    word: value for word, value in CARDINALS.items() if value
}


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string, for readability of the vocabularies below."""
    return tuple(text.split())


_FULL_MONTHS = words(
    "January February March April May June July August September October November December"
)
_ABBREVIATED_MONTHS = words("Sept Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec")
FULL_MONTH_NAMES = frozenset(m.lower() for m in _FULL_MONTHS)


def _cased(word: str) -> str:
    """Title case or all capitals, never lower case."""
    return f"{word}|{word.upper()}"


MONTH = (
    "(?:"
    + "|".join(f"(?:{_cased(m)})\\b" for m in _FULL_MONTHS)
    + "|"
    + "|".join(f"(?:{_cased(m)})(?:\\.|\\b)" for m in _ABBREVIATED_MONTHS)
    + ")"
)
WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_NUMW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|fifteen|\d{1,3})"
)
_AFTER_YEAR = r"(?![\w]|[.,]\d)"

_ALTERNATIVES = [
    # 2023-09-19
    rf"(?P<iso>(?<![\w./-])(?P<iso_y>{YEAR})-(?P<iso_m>0[1-9]|1[0-2])-"
    rf"(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\w-]))",
    # 19 September 2023, the 19th of September, 19-20 Sept.
    rf"(?P<dmy>(?:(?i:the)\s+(?=\d{{1,2}}(?:st|nd|rd|th)))?(?<![\w.,:/$£€#-])(?P<dmy_d>{_DAY})"
    rf"(?:\s*[-–]\s*(?P<dmy_d2>{_DAY}))?(?:\s+of)?\s+(?P<dmy_m>{MONTH})"
    rf"(?:,?\s+(?P<dmy_y>{YEAR}){_AFTER_YEAR})?)",
    # the day before, the year after
    r"(?P<anc4>(?i:the\s+(?P<a4_u>day|night|morning|evening|week|month|year)\s+"
    r"(?P<a4_d>before|after|earlier|later|prior))\b)",
    # this week, last month, earlier this year, late last year, next week
    r"(?P<rel>(?i:(?:(?P<rel_pre>earlier|later|early|late)\s+)?"
    r"(?P<rel_dir>this|last|next)\s+(?P<rel_unit>week|month|year|morning|afternoon|evening|"
    r"night)\b)(?![-\w]))",
    # the following day, the next morning, the previous year, later the same day
    r"(?P<anc1>(?i:(?:(?P<a1_pre>later|earlier|early|late)\s+)?(?:on\s+)?(?:the\s+)?"
    r"(?P<a1_w>following|next|previous|preceding|prior|same)\s+"
    r"(?P<a1_u>day|morning|afternoon|evening|night|week|month|year))\b(?!-))",
    # later that day, that year, that same month
    r"(?P<anc2>(?i:(?:(?P<a2_pre>later|earlier)\s+)?that\s+(?:same\s+)?"
    r"(?P<a2_u>day|morning|afternoon|evening|night|week|month|year))\b(?![-'’]))",
    # this weekend, the weekend
    r"(?P<we>(?i:(?P<we_dir>this|last|next|the)\s+weekend)\b)",
    # the 1990s, the early 2000s, the '90s
    r"(?P<dec>(?:(?P<dec_mod>(?i:early|mid|late))[\s-]+)?"
    r"(?:(?<![\w.,])(?P<dec_y>1[89]\d0|20\d0)['’]?s|(?<!\w)['’‘](?P<dec_2>\d0)s)\b)",
    # three days ago
    rf"(?P<ago>(?i:(?<![\w,.])(?P<ago_n>{_NUMW})\s+(?P<ago_u>day|week|month|year|decade)s?"
    r"\s+ago)\b)",
    # two days later, 24 hours after, a week earlier
    rf"(?P<anc3>(?i:(?<![\w,.])(?P<a3_n>{_NUMW})\s+(?P<a3_u>hour|day|week|month|year)s?\s+"
    r"(?P<a3_d>later|earlier|after|before|afterwards|previously))\b)",
    # September 19, 2023; Sept. 13; Sep 19-20
    rf"(?P<mdy>(?P<mdy_m>{MONTH})\s*(?P<mdy_d>{_DAY})(?:\s*[-–]\s*(?P<mdy_d2>{_DAY}))?"
    rf"(?![\w]|[.,:]\d)(?:,?\s+(?P<mdy_y>{YEAR}){_AFTER_YEAR})?)",
    # December 2022, mid-May 2021
    rf"(?P<my>(?:(?P<my_mod>(?i:early|mid|late))[\s-]+)?(?P<my_m>{MONTH})(?:\s+of)?,?\s+"
    rf"(?P<my_y>{YEAR}){_AFTER_YEAR})",
    # December, last December, mid-April, April this year
    rf"(?P<mon>(?:(?P<mon_mod>(?i:early|mid|late|last|next|this))[\s-]+)?(?P<mon_m>{MONTH})"
    r"(?P<mon_q>,?\s+(?:of\s+)?(?i:this|last|next)\s+year\b)?)",
    # Tuesday, late Monday, Thursday morning, last Friday
    rf"(?P<wd>(?:(?P<wd_mod>(?i:early|late|last|next|this\s+past|this\s+coming|this|coming|"
    rf"past))\s+(?:(?i:on)\s+)?)?(?P<wd_d>{WEEKDAY})"
    r"(?:[\s-]+(?P<wd_part>(?i:morning|afternoon|evening|night))\b)?)",
    # today, yesterday, tonight, tomorrow
    r"(?P<dw>(?i:(?<![\w-])(?P<dw_w>today|tonight|yesterday|tomorrow))\b(?!-))",
    # 1995, mid-2022
    rf"(?P<yr>(?:(?P<yr_mod>(?i:early|mid|late))[\s-]+)?(?<![\w.,$£€#/:])(?P<yr_y>{YEAR})"
    r"(?![\w]|[.,]\d|%|\s*(?:per\s?cent|percent)))",
]

# What every alternative above can start with: a digit, an opening quote ('90s), a month
# name as MONTH writes it (title case or capitals), or, under the same (?i) as the words
# themselves, one of the word beginnings below. It is a necessary condition only (nothing it
# lets through is taken for a date), so adding it changes no match; it lets the engine leave
# most word starts after a character test or two instead of trying sixteen alternatives there
# (see `textpatterns.gate`; several times faster on news). A new alternative must be covered here.
_UNIT = r"\s+(?:ho|da|we|mo|ye|de)"  # a count's unit: hour, day, week, month, year, decade
_FIRST_LETTERS = [
    # "the 19th", "the day before", "the following day", "the weekend"
    r"the\s+(?:\d|da|ni|mo|ev|we|ye|fo|ne|pr|sa)",
    r"on\s+(?:th|fo|ne|pr|sa)",  # "on the following day", "on the same day"
    r"that\s+(?:sa|da|mo|af|ev|ni|we|ye)",  # "that same day", "that year"
    r"this[\s-]",  # this week/weekend/year, "this December", "this past Friday"
    r"last[\s-]",
    r"next[\s-]",
    r"earl",  # early, earlier
    r"late",  # late, later
    r"mid[\s-]",
    r"comi",  # coming Friday
    r"past\s",  # past Friday
    *words("foll prev prec prio"),  # the following/previous/preceding/prior day
    r"same\s",
    *words("mond tues wedn thur frid satu sund"),
    *words("toda toni yest tomo"),
    # counts before a unit ("three days ago", "two weeks later", "an hour after")
    rf"an?{_UNIT}",
    *[rf"{word}{_UNIT}" for word in words("one two four five six ten")],
    *words("twen thir fort fift sixt seven eigh nine thre elev twel"),
]
_MONTH_STARTS = [m[:3] for m in _FULL_MONTHS] + [m[:3].upper() for m in _FULL_MONTHS]
_GATE = gate(_FIRST_LETTERS, also=[r"[\d'’‘]", *_MONTH_STARTS])

# Every alternative starts a word; saying so once lets the engine skip mid-word positions
# cheaply (about four times faster than letting each alternative fail there).
CANDIDATE = re.compile(r"(?<!\w)" + _GATE + "(?:" + "|".join(_ALTERNATIVES) + ")")

# --- context ------------------------------------------------------------------------------

# The preposition right before a mention (possibly across "the", "the end of the").
PREPOSITION_TAIL = re.compile(
    r"(?i)\b(on|upon|at|since|until|till|til|through|thru|to|by|before|after|following|"
    r"during|throughout|over|in|within|from|between|of|as\s+of|prior\s+to|ahead\s+of|"
    r"up\s+to|up\s+until|no\s+later\s+than|not\s+until|starting|beginning|and|or|effective)"
    r"\s+(?:the\s+(?:(?:very\s+)?(?:end|beginning|start|middle|turn|close|spring|summer|"
    r"autumn|fall|winter|first\s+half|second\s+half|eve|night|morning|afternoon|evening|"
    r"early\s+hours|weekend)\s+of\s+(?:the\s+)?)?)?$"
)
RANGE_JOIN = re.compile(r"(?i)^\s*(?:[-–]|to|through|till|until|and|or|,)\s*(?:the\s+)?$")

# Where a clause starts: a future cue before this does not govern the date after it.
CLAUSE_BOUNDARY = re.compile(
    r"[,;:()\"“”—–!?]|\b(?:which|who|whom|whose|that|after|when|because|while|whereas|"
    r"although|though|but|said|says|told|announced|reported|added|stated|confirmed)\b",
    re.I,
)
_PLAN_VERBS = (
    r"meeting|holding|hosting|visiting|travell?ing|heading|going|leaving|flying|starting|"
    r"beginning|opening|resuming|voting|convening|gathering|returning|signing|planning|"
    r"preparing|playing|launching|releasing|unveiling|being\s+held"
)
_FUTURE_CUE = (
    r"(?<!the )(?<!political )(?<!own )(?<!free )(?<!popular )(?<!their )(?<!his )(?<!her )"
    r"\bwill\b|\bwon'?t\b|\bshall\b|'ll\b|\bwould\b(?!\s+(?:have|not)\b)|\bmust\b(?!\s+have)|"
    r"\b(?:is|are|'s|'re)\s+(?:to|due|set|scheduled|slated|expected|planned|poised)\b|"
    r"(?<!was )(?<!were )(?<!been )(?<!had )"
    r"\b(?:scheduled|slated|planned|expected|set)\s+(?:to|for|on)\b|\bdue\s+(?:on|for)\b|"
    r"\b(?:plans?|planning|intends?|intending|going|aims?)\s+to\b|"
    r"\bnext\b(?!\s+to\b)|\bupcoming\b|\bto\s+(?:be\s+held|take\s+place)\b|"
    rf"\b(?:is|are|'re|am)\s+(?:\w+ly\s+)?(?:{_PLAN_VERBS})\b"
)
# Gates (see `textpatterns.gate`): how each of the patterns' words begins. A word added to a
# pattern must be covered by its gate; `benchmarks.extraction_baseline --regex-check` verifies.
_FUTURE_STARTS = words(
    r"will won shal woul must is\s are\s sche slat plan expe set\s due\s inte goin aim next "
    r"upco to\s am\s"
)
FUTURE_CUE = re.compile(gate(_FUTURE_STARTS, also=[r"'(?i:ll|s\s|re\s)"]) + f"(?i:{_FUTURE_CUE})")
# "by" deadlines count as future when the sentence anywhere speaks of obligation or plan.
DEADLINE_CUE = re.compile(
    r"\b(?:will|must|shall|(?:is|are|has|have|need|needs)\s+to|deadline|ultimatum)\b|'ll\b",
    re.I,
)

# Past tense anywhere in the sentence: a month-day there is not read as just ahead.
PAST_CUE = re.compile(
    r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|began|met|took|held|said|told|came|went|left|fell|rose|"
    r"won|lost|saw|made|gave|struck|broke|ran|led|sent|fought|became|brought|found|kept|paid|"
    r"sold|spoke|stood|wrote|ago|[a-z]{3,}ed)\b"
)

PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z'’.-]*)[ \t]+$")
NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")

# Words allowed right before a bare year or month even when capitalised.
DATE_CONTEXT_WORDS = frozenset(
    words(
        "in since until till by before after during from to through of the and or early mid "
        "late around circa between summer spring autumn fall winter year on at for throughout "
        "within about end start beginning last next this than ever beyond toward towards amid "
        "despite unlike like as including except against"
    )
)
# Words that make a bare month name a date ("since December", "in May", "early June").
MONTH_CONTEXT_WORDS = frozenset(
    words(
        "in since until till by before after during from to through of early mid late around "
        "between and or throughout within last next this end start beginning ever as for"
    )
)
MONTH_WORDS = frozenset(
    [m.lower() for m in _FULL_MONTHS] + [m.lower() for m in _ABBREVIATED_MONTHS]
)
# Lower-case words before a number that make it a label, not a year ("flight 2020").
YEAR_LABEL_WORDS = frozenset(
    words(
        "no nos number flight route page pages room chapter article resolution section model "
        "code bus highway road line item verse paragraph unit platform gate seat exit row "
        "rank ranked score scored tally total vol volume issue"
    )
)
# Nouns after a number that make it a count or a clock time ("2000 troops", "1800 GMT").
# The patterns used with `.match(text, pos)` carry no "^": it would only match at 0.
COUNT_NOUN_AFTER_YEAR = re.compile(
    r"(?i)(?:[ \t]+(?:people|persons|troops|soldiers|civilians|residents|refugees|km|"
    r"kilomet(?:er|re)s|miles|met(?:er|re)s|feet|tonnes|tons|dollars|euros|pounds|roubles|"
    r"rubles|barrels|votes|seats|cases|deaths|homes|houses|units|points|words|pages|"
    r"employees|workers|jobs|vehicles|tanks|rounds|shells|drones|missiles|hectares|acres|"
    r"gmt|utc|hours|hrs|local|members|fighters|families|children|prisoners|detainees|more|"
    r"additional|extra|others)\b|"
    r"-(?:strong|member|seat|page|word|mile|km|kilomet(?:er|re)|met(?:er|re)|foot|ton|tonne|"
    r"bed|acre|man|person|hour)\b)"
)

# Between a date and a count that places a side event: "on Thursday, just a day after the
# truce" (the gap), and the start of the complement after "after"/"before" (a word).
APPOSITIVE_GAP = re.compile(
    r"\s*,?\s*(?:(?i:just|only|barely|nearly|almost|about|some|exactly|less\s+than|"
    r"more\s+than)\s+)?"
)
COMPLEMENT_AFTER = re.compile(r"[ \t]+[\w'’\"“]")

# "the Sept. 11 attacks" name 2001, whatever the publication year.
NINE_ELEVEN_AFTER = re.compile(r"(?i)\s+(?:terror(?:ist)?\s+)?attacks?\b")
WEEKDAY_DATE_GAP = re.compile(r",?[ \t]+")
WEEKDAY_NAME_BEFORE = re.compile(
    r"(?i)\b(?:bloody|super|black|good|holy|ash|easter|palm|cyber|maundy|shrove|giving|"
    r"mail\s+on)\s+$"
)
WEEKDAY_NAME_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Agreement|Independent|Sport|"
    r"Star|People|Night\s+Live|Review)\b"
)

# --- durations ----------------------------------------------------------------------------

_DUR_NUM = (
    r"(?:\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|hundred|a\s+few|few|several|many|a\s+couple\s+of|couple\s+of|"
    r"a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of)"
    r"(?:\s+and\s+a\s+half)?"
)
# "a", "an" and "half a" count one unit: "a day", never "a decades-old conflict".
_DUR_ONE = r"(?:an?|half\s+an?)"
_DUR_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|"
    r"century|centuries|millenni(?:um|a))"
)
_DUR_UNIT_ONE = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|millennium)"
)
_DUR_PREP = r"(?:for|over|in|within|during|after|throughout|lasting|spanning)"
_DUR_QUANT = (
    r"(?:nearly|almost|about|around|some|roughly|approximately|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|up\s+to|over|under|just|only|barely|another|"
    r"an?\s+(?:additional|further|extra|full)|the\s+first|the\s+final)"
)
_DURATION = (
    r"(?<!\w)(?:"  # as with CANDIDATE: every alternative starts a word
    # for nine months, in just 44 days, the 10-day exercise, decades-old (numbered)
    rf"(?P<num>\b(?:(?P<prep>{_DUR_PREP})\s+)?(?:{_DUR_QUANT}\s+)*(?<![\w.,])"
    rf"(?:{_DUR_NUM}(?:\s+|-)(?:(?:more|additional|full|straight|consecutive|long)\s+)?"
    rf"{_DUR_UNIT}|{_DUR_ONE}(?:\s+|-)(?:full\s+|long\s+)?{_DUR_UNIT_ONE})(?:-(?:long|old))?\b)"
    # the past 24 hours, over the next week, the last two years
    rf"|(?P<window>\b(?:(?P<wprep>{_DUR_PREP})\s+)?the\s+"
    r"(?P<wdir>past|last|coming|next|following|previous|preceding)\s+"
    rf"(?:{_DUR_QUANT}\s+)?(?P<wnum>{_DUR_NUM}\s+)?{_DUR_UNIT}\b)"
    # for decades, over years
    rf"|(?P<bare>\b{_DUR_PREP}\s+(?:{_DUR_QUANT}\s+)?"
    r"(?:decades|years|months|weeks|days|hours|centuries|ages)\b)"
    # decades-old, years-long, months of
    r"|(?P<plural>\b(?:decades|years|months|weeks|days|hours|centuries)"
    r"(?:-(?:old|long)\b|\s+of\b|\s+on\s+end\b))"
    rf"|(?P<century>\b(?:{_DUR_PREP}\s+)?(?:half\s+a|a\s+quarter\s+of\s+a)\s+century\b))"
)
_DURATION_STARTS = words(
    # prepositions, quantifiers, "the" (windows, "the first"), "a"/"an"/"half" (one unit, "a
    # few", "an extra", "a quarter of a century")
    r"for\s over\s in\s withi duri afte thro last span nearl almo abou arou some roug appr more "
    r"less few at\s up\s unde just only bare anot the\s+(?:pa|la|co|ne|fo|pr|fi) half "
    r"an?[\s-]+(?:se|mi|ho|da|ni|we|fo|mo|ye|de|ce|fu|lo|ad|ex|fe|co|do|qu) "
    # numbers in words, vague counts
    r"twen thir fort fift seve eigh nine one[\s-] two[\s-] thre four five six ten[\s-] elev twel "
    r"hund many coup doze thou "
    # bare plural units
    r"deca year mont week days hour cent"
)
DURATION = re.compile(r"(?<!\w)" + gate(_DURATION_STARTS, also=[r"\d"]) + f"(?i:{_DURATION})")
# Every duration names a unit; without one the full DURATION scan is skipped.
DURATION_UNITS = words("second minute hour day night week fortnight month year decade centur")
DURATION_UNITS += words("millenni ages")
DURATION_HINT = re.compile("(?i)" + "|".join(DURATION_UNITS))
# What follows a number-and-unit that makes it a point in time instead of a length.
ANCHOR_AFTER_DURATION = re.compile(
    r"(?i)\s+(?:ago|later|earlier|afterwards|previously|from\s+now|hence)\b"
)
RELATIVE_AFTER_DURATION = re.compile(r"(?i)\s+(?:after|before|prior\s+to)\b")

# --- datelines ----------------------------------------------------------------------------

_MONTH_ANY_CASE = (
    r"(?i:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|sept\.?|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|oct\.?|nov\.?|"
    r"dec\.?)"
)
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z'’.\- ]{1,40}){0,2},\s*"
    rf"(?:(?P<m1>{_MONTH_ANY_CASE})\s*(?P<d1>\d{{1,2}})(?!\d)(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_ANY_CASE})(?:,?\s+(?P<y2>\d{{4}}))?)"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:[-—–:]|$)"
)
