"""Claims: who said what, with the stance of the reporting verb.

Rules, not a parser. For each reporting verb of `speech_verbs.yaml` outside quotation marks:

1. the speaker is the noun phrase before the verb (back to a clause boundary, across an
   apposition: "Armen Grigoryan, the secretary of ..., said"), or after it in the inverted
   quote frame ('"...," said Jane Doe.'), or the phrase after "according to";
2. the speaker phrase is resolved to an actor: a person named in it; else its head noun — a
   state role ("spokesperson", "officials", "Ministry") with a state in the phrase goes to
   the state, "the spokesperson" alone to the previous speaker; a group ("analysts",
   "residents") becomes an unknown speaker; else the actor the phrase ends with. Pronouns
   (he/she/it/they) refer to the previous speaker, which the caller passes;
3. a news outlet or agency as speaker ("the Azerbaijan State News Agency reported") is kept
   as speaker — an `Actor` of kind organisation named after the outlet, so that readers see
   who says it — but outlets never appear in actor lists (`ActorRegistry.find` skips them);
4. the content is the complement after the verb ("that ..." / the quote), or what precedes a
   clause-final attribution ('"...," the spokesperson said.').

Negated ("did not say") and passive ("it was announced") verbs, verbs inside quotes, and
nouns that look like verbs ("the two sides' claims") make no claim.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from briefings.extract._lexicon import MONTHS, WEEKDAYS, SpeechLexicon, VerbForm, speech_lexicon
from briefings.extract.actors import ActorMention, ActorRegistry, OutletMention, default_registry
from briefings.models import Actor, ActorKind, Stance
from briefings.textpatterns import gated


@dataclass(frozen=True)
class ClaimMatch:
    """One claim in a sentence; `start`/`end` span the whole claim (speaker, verb, content)."""

    speaker: Actor
    speaker_text: str
    stance: Stance
    content: str
    verb: str
    start: int
    end: int


MAX_CHUNK = 2000  # longest text handled in one piece (real sentences are far shorter)
_DAY = "(?:" + "|".join(WEEKDAYS) + ")"
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_PRONOUNS = frozenset({"he", "she", "it", "they"})
_INVERTIBLE = frozenset(
    {
        "said",
        "says",
        "added",
        "adds",
        "wrote",
        "writes",
        "asked",
        "continued",
        "explained",
        "noted",
        "insisted",
        "argued",
        "warned",
        "stressed",
        "told",
        "tells",
        "according",
    }
)

_AUX_WORDS = (
    r"has|have|had|also|later|earlier|previously|reportedly|again|then|would|will|could|may|"
    r"might|should|must|can|recently|publicly|repeatedly|initially|first|further|separately|"
    r"swiftly|quickly|immediately|promptly|strongly|flatly|firmly|categorically|officially|"
    r"formally|openly|privately|explicitly|once|already|long|even|not|never|did|does|do|is|"
    r"was|were|are|been|being|himself|herself|itself|themselves|however|meanwhile|too|"
    r"continued\s+to|continues\s+to|went\s+on\s+to|has\s+long|had\s+long|also\s+has|"
    r"last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning)|"
    rf"(?:on|late|early)\s+{_DAY}(?:\s+(?:night|morning|evening|afternoon))?|"
    rf"{_DAY}(?:\s+(?:night|morning|evening|afternoon))?|on\s+{_MONTH}\s+\d{{1,2}}|"
    r"in\s+(?:a|an|his|her|its|their)\s+(?:statement|speech|interview|address|post|letter)"
)
# The scans below run at many positions of a phrase and each hit is rare: `gated` puts a
# check of the first letters in front (the same matches, a fraction of the time).
_AUX_TAIL = gated(r"(?:^|(?<=\s)|(?<=,))", rf"(?:{_AUX_WORDS})\s*,?\s*$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never)\b|n[’']t\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:is|was|were|are|been|being)\b", re.IGNORECASE)
_BOUNDARY = re.compile(
    r"[;:—–(\[]|,|[\"“”]|(?<![\w’'-])(?:and|but|while|whereas|although|though|as|after|before|"
    r"because|since|when|with|that|if|so|until|once|where|which|who|whom|whose|than|"
    r"And|But|While|Whereas|Although|Though|As|After|Before|Because|Since|When|With|If|So|"
    r"Until|Once|Where|However|Meanwhile|Still|Yet|Also|Then)(?![\w’'-])"
)
_LEADING = re.compile(
    r"^(?:[\s\"“”‘’']+|(?:the|The|a|A|an|An|one|One|some|Some|many|Many|several|Several|other|Other|"
    r"most|Most|few|Few|two|Two|three|Three|both|Both|all|All|more|More|thousands\s+of|"
    r"Thousands\s+of|hundreds\s+of|Hundreds\s+of|dozens\s+of|Dozens\s+of|scores\s+of|"
    r"Scores\s+of|tens\s+of\s+thousands\s+of|Tens\s+of\s+thousands\s+of)\s+)+"
)
_DEFINITE = re.compile(r"^(?:the|The|this|This|that|That)\s")
_PREPOSITION = re.compile(r"\s(?:of|for|in|from|at|with|to|on|within|inside|by|near|close\s+to)\s")
_MODIFIER_AFTER = re.compile(
    r"-(?:run|led|backed|brokered|controlled|held|based|linked|allied|aligned|funded|"
    r"supported|appointed|installed|dominated|sponsored|affiliated|friendly|born|speaking)\b"
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|these|those|such|any|no|of|new|fresh|latest|"
    r"earlier|previous|false|baseless|those|two|both|repeated|similar|own)|[’']s?)\s*$",
    re.IGNORECASE,
)
_WHAT_BEFORE = re.compile(r"\b(?:what|whatever|which)\s+$", re.IGNORECASE)

_ADVERBIAL_ALTERNATIVES = (
    rf"(?:on|late|early|late\s+on|early\s+on)\s+{_DAY}(?:\s+(?:night|morning|evening|afternoon))?|"
    rf"{_DAY}(?:\s+(?:night|morning|evening|afternoon))?|on\s+{_MONTH}\s+\d{{1,2}}|"
    rf"in\s+{_MONTH}(?:\s+this\s+year|\s+last\s+year|\s+\d{{4}})?|"
    r"today|yesterday|tonight|earlier|later|again|also|repeatedly|publicly|separately|"
    r"previously|further|last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning)|"
    r"earlier\s+this\s+(?:week|month|year)|"
    r"in\s+(?:a|an|his|her|its|their)\s+(?:written\s+|joint\s+|televised\s+|video\s+|brief\s+|"
    r"separate\s+|short\s+|official\s+)?(?:statement|speech|post|interview|address|video|message|"
    r"briefing|news\s+conference|press\s+conference|letter|tweet|report|call|phone\s+call|"
    r"appearance|comments|remarks)(?:\s+(?:on|to|with|at|posted\s+on|published\s+on|"
    r"released\s+on|carried\s+by)\s+[^,\"“]*?(?=\s+that\b|,|$))?|"
    r"on\s+(?:Telegram|X|Twitter|Facebook|Instagram|social\s+media|state\s+television|"
    r"television|TV|radio)|at\s+a\s+(?:news|press)\s+(?:conference|briefing)|"
    r"in\s+(?:comments|remarks)(?:\s+to\s+[^,\"“]*?(?=\s+that\b|,|$))?|"
    r"in\s+(?!(?:a|an|the|his|her|its|their)\b)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
)
_ADVERBIAL = re.compile(rf"\s*,?\s*(?:{_ADVERBIAL_ALTERNATIVES}|,)(?=\W|$)")
_ADVERBIAL_NO_COMMA = re.compile(rf"\s*(?:{_ADVERBIAL_ALTERNATIVES})(?=\W|$)")
_GAP_THAT = re.compile(
    r"\s*(?P<gap>(?:in|on|at|during|to|last|this|earlier|late|early|after|before|while|"
    r"from|via|through|with)\b[^\"“”.;]{0,80}?)\s*,?\s+that\s"
)
_OBJECT = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|its|our)\s+)?(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
    r"|(?:news|press|televised)\s+(?:conference|briefing)|(?:state\s+)?(?:television|TV|radio)"
    r"|reporters|journalists|lawmakers|legislators|parliament|deputies|senators|"
    r"supporters|officials|diplomats|counterparts?|the\s+\w+|\w+)"
)
_ATTRIBUTION_END = re.compile(
    r"\s*(?:[.!?][\"”’]?\s*$|$|,\s*(?:according\s+to|citing)\b|,(?!\s*[\"“‘]|\s*that\b))"
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.’' -]{2,}(?:,\s*[A-Z][\w.’' -]+)?\s*(?:\([^)]{1,40}\))?\s*[—–-]+\s*"
    r"|\([A-Z][\w ]{1,20}\)\s*[—–-]+\s*)"
)
_TAIL = re.compile(
    rf"^(?:\s*,?\s*(?:according\s+to\s+[^.;]*|citing\s+[^.;]*|{_ADVERBIAL_ALTERNATIVES}))*"
    r"\s*[.!?]*[\"”’]?\s*$"
)
_ACCORDING = re.compile(
    r"(?<![\w-])[Aa]ccording\s+to\s+(?P<np>[^,.;:!?\"“”()]+?)(?=\s*(?:[,.;:!?()]|$))"
)
_CONTENT_LEAD = re.compile(r"^[\s,:;—–-]*(?:that\s+)?")
_CONCERN_LEAD = re.compile(r"\s*(?:over|about|at|regarding|for|that|on)\s+")
_DISCOURSE_LEAD = re.compile(r"^(?:However|But|And|Meanwhile|Still|Yet|Also|Now),?\s+")
_POSSESSIVE_NP = re.compile(r"^(?:his|her|its|their|His|Her|Its|Their)\s")
_COORDINATING_END = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas|as)?|\s(?:while|whereas)|\s(?:and|but))\s*$"
)
_QUOTE_OPEN = "“"
_QUOTE_CHARS = re.compile(r"[“”\"]")
_ORG_KINDS = (ActorKind.ORGANISATION, ActorKind.ARMED_GROUP)
_SKIP = (-1, -1)  # _subject_before: this verb makes no claim
_ANONYMITY = re.compile(
    r"(?:not\s+to\s+be\s+(?:named|identified|quoted)|anonymity|that\s+(?:his|her|their)\s+"
    r"names?\s+not\s+be)",
    re.IGNORECASE,
)
_ARTICLE_WORDS: tuple[str, ...] = ("the", "a", "an", "this", "that", "these", "those", "its")
_ARTICLE_WORDS += ("his", "her", "their", "our", "my", "your", "so-called")
_ARTICLE_BEFORE = re.compile(
    rf"(?:\b(?:{'|'.join(map(re.escape, _ARTICLE_WORDS))})|[’']s)$", re.IGNORECASE
)
# The longest text _ARTICLE_BEFORE can match: on a phrase without trailing space it need
# only be looked for in the phrase's last characters (it must end where the phrase does).
_ARTICLE_WIDTH = max(map(len, _ARTICLE_WORDS))
_LOWERABLE = frozenset(
    {
        "Separatist",
        "Local",
        "Senior",
        "Western",
        "Foreign",
        "Rebel",
        "Regional",
        "Military",
        "Government",
        "Security",
        "Medical",
        "Humanitarian",
        "Independent",
        "International",
        "Opposition",
    }
)
_INFINITIVE_BEFORE = re.compile(r"\bto\s*$")
_RELATIVE_END = re.compile(r"\s(?:who|which)\s*$")
_WITH_END = re.compile(r"\swith\s*$")
_TRAILING_ADJECTIVE = re.compile(
    r"\s+(?:familiar|close|briefed|knowledgeable|speaking|involved|present)\s*$"
)
_OWNED_ROLE = re.compile(
    r"[’']s\s+(?:[a-z-]+\s+){0,2}(?:government|administration|office|"
    r"ministry|cabinet|spokes(?:man|woman|person)|aides?|camp)\b"
)
_NOUN_THEN_NAME = re.compile(r"\s*(?:an?|the|An?|The)\s+[a-z]+\s+")
_SUBJECT_GAP = re.compile(r"(?:\s+|[’']s\s+)(?:[A-Z][\w.’'-]*\s+|[a-z]+\s+(?=[A-Z])){0,4}")
_QUOTE_CLOSE = "”"
_TITLE_BEFORE = re.compile(r"[A-Z][\w.’'-]*\s+$")  # "Secretary of State (Antony Blinken)"
_SURNAME = re.compile(r"[A-Z][\w’'-]+")
_STATEMENT_NOUNS = frozenset(
    {
        "claim",
        "claims",
        "accusation",
        "accusations",
        "allegation",
        "allegations",
        "charge",
        "charges",
        "assertion",
        "assertions",
        "suggestion",
        "report",
        "reports",
        "account",
        "version",
        "characterisation",
        "characterization",
        "description",
        "label",
    }
)
_SELF_SUBJECT = (
    r"(?:it|he|she|they|we|I|(?:its|his|her|their|our)\s+(?:own\s+)?"
    r"(?:country|government|forces|troops|army|military|soldiers|side|party|group|men))"
)
_SELF_DENIAL = re.compile(  # "(said) it had no role in the attack"
    rf"^{_SELF_SUBJECT}\s+(?:(?:had|has|have)\s+(?:had\s+)?(?:nothing\s+to\s+do\s+with|no"
    r"(?:\s+(?:military|armed|direct|such))?\s+(?:role|involvement|presence|part|troops|forces|"
    r"soldiers|links?|connection|hand)\b)"
    r"|(?:was|were|is|are)\s+not\s+(?:involved|responsible|behind|present|to\s+blame)"
    r"|(?:did|does|do)\s+not\s+(?:carry\s+out|attack|target|order|fire|shell|strike)"
    r"|(?:had|has|have)\s+never\s+(?:attacked|targeted|fired|shelled|deployed))"
)
_OWN_SUPPORT = re.compile(  # "(declared that) his country supports ..."
    rf"^{_SELF_SUBJECT}\s+(?:(?:fully|strongly|firmly|still|will\s+continue\s+to|continues?\s+to)\s+)?"
    r"(?:supports?|backs?|stands?\s+(?:with|by)|welcomes?|endorses?)\b"
)
_FAILED = re.compile(  # "(said that) Putin has failed to support his country"
    r"^(?:[A-Z][\w.’'-]*\s+){1,5}(?:has|had|have)\s+(?:repeatedly\s+|consistently\s+)?"
    r"failed\s+to\b"
)
_BLAME = gated(  # "subjected to shelling by the Armenian Armed Forces"
    "",
    r"(?<![\w-])(?:shelling|shelled|attacks?|attacked|aggression|provocations?|targeted|"
    r"bombardment|bombed)[\"”’]?\s+(?:(?:carried\s+out|launched|committed|conducted)\s+)?"
    r"by\s+(?:the\s+)?[A-Z]"
    r"|\bresponding\s+to\s+(?:the\s+)?[A-Z][\w-]*\s+(?:attacks|aggression|provocations|"
    r"shelling|fire|strikes)\b",
)
_LABELLED_THREAT = re.compile(  # '..., "...," a veiled threat of military action'
    r"[,”\"]\s+(?:in\s+)?(?:a|an|what\s+\w+\s+(?:called|described\s+as))\s+"
    r"(?:[\w-]+\s+){0,2}(?:threat|warning|ultimatum)\b"
)
_RELATIVE_TAIL = re.compile(r",?\s*\b(?:which|who|whom|that)\s*$")
_MASCULINE = frozenset(
    {
        "spokesman",
        "chairman",
        "congressman",
        "councilman",
        "alderman",
        "assemblyman",
        "king",
        "prince",
        "father",
        "son",
        "brother",
        "husband",
        "mr",
        "sir",
        "lord",
        "businessman",
        "policeman",
        "man",
        "grandfather",
        "uncle",
        "nephew",
        "boy",
        "emir",
        "sheikh",
    }
)
_FEMININE = frozenset(
    {
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "councilwoman",
        "alderwoman",
        "assemblywoman",
        "queen",
        "princess",
        "mother",
        "daughter",
        "sister",
        "wife",
        "mrs",
        "ms",
        "dame",
        "lady",
        "businesswoman",
        "policewoman",
        "woman",
        "grandmother",
        "aunt",
        "niece",
        "girl",
        "widow",
    }
)
_AND_BEFORE = re.compile(r"\s(?:and|&)\s+$")
_LEAD_BEFORE = re.compile(r"(?:^|[,;:(\"“]|\b(?:[Bb]oth|the|The|and|while|as|but))\s*$")
_CONJOINED = re.compile(r"(?:,|\band|\bbut)$")
_LABEL_QUOTES = re.compile(r"[\"“‘']")
_RELATIVE_START = re.compile(r"\s*(?:who|which|whose|whom)\s")
_BARE_OFFICIALS = frozenset({"officials", "authorities"})
_BARE_DEFINITE = re.compile(r"(?:the|The)\s+[a-z]+")
_GROUP_MODIFIER = re.compile(
    r"\s(?:in|at|from|near|inside|outside|across|around|on|of)\s+(?:the\s+)?[A-Z]"
)


@dataclass
class _Speaker:
    actor: Actor
    start: int
    end: int
    explicit: bool = True  # False: a pronoun or anaphor resolved to the previous speaker
    text: str | None = None  # speaker as written, when not the span start:end


def find_claims(
    sentence: str,
    mentions: list[ActorMention],
    previous_speaker: Actor | None,
    *,
    registry: ActorRegistry | None = None,
) -> list[ClaimMatch]:
    """Claims in one sentence. `mentions` come from `ActorRegistry.find(sentence)`;
    `previous_speaker` is the last speaker named before this sentence (for "he said")."""
    if not sentence or not sentence.strip():
        return []
    registry = registry or default_registry()
    if len(sentence) <= MAX_CHUNK:
        verbs = list(speech_lexicon().spans(sentence))
        if not verbs and "ccording" not in sentence:
            return []  # no reporting verb and no "according to": nothing to set up a finder for
        return _ClaimFinder(sentence, mentions, previous_speaker, registry, verbs).run()
    # An over-long "sentence" (unsplit or junk text): work on bounded pieces so that time
    # stays linear in the length.
    found: list[ClaimMatch] = []
    previous = previous_speaker
    for offset, piece in _chunks(sentence):
        limit = offset + len(piece)
        local = [
            dataclasses.replace(m, start=m.start - offset, end=m.end - offset)
            for m in mentions
            if offset <= m.start and m.end <= limit
        ]
        claims = _ClaimFinder(piece, local, previous, registry).run()
        for claim in claims:
            found.append(
                dataclasses.replace(claim, start=claim.start + offset, end=claim.end + offset)
            )
        if claims:
            previous = claims[-1].speaker
    return found


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split text into pieces of at most MAX_CHUNK characters, at sentence-like breaks."""
    pieces: list[tuple[int, str]] = []
    position = 0
    while position < len(text):
        end = min(len(text), position + MAX_CHUNK)
        if end < len(text):
            window = text[position + MAX_CHUNK // 2 : end]
            cut = max(window.rfind(". "), window.rfind("; "), window.rfind("\n"))
            if cut < 0:
                cut = window.rfind(" ")
            if cut >= 0:
                end = position + MAX_CHUNK // 2 + cut + 1
        pieces.append((position, text[position:end]))
        position = end
    return pieces


class _ClaimFinder:
    def __init__(
        self,
        sentence: str,
        mentions: list[ActorMention],
        previous: Actor | None,
        registry: ActorRegistry,
        verbs: list[tuple[int, int]] | None = None,
    ) -> None:
        self.s = sentence
        self.verbs = verbs  # spans of the reporting verbs, when the caller has found them
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.previous = previous
        self.registry = registry
        self.lex: SpeechLexicon = speech_lexicon()
        self.outlets: list[OutletMention] = registry.find_outlets(sentence)
        self.quotes = _quote_spans(sentence)
        self._role_words = self.lex.role_words
        self.apposition: tuple[int, int] | None = None
        self.np_extension: int | None = None

    # --- driver ------------------------------------------------------------------------------

    def run(self) -> list[ClaimMatch]:
        # claim, verb start, content start (-1: the content precedes the speaker)
        found: list[tuple[ClaimMatch, int, int]] = []
        verbs = self.lex.spans(self.s) if self.verbs is None else self.verbs
        for vstart, vend in verbs:
            if self._in_quote(vstart):
                continue
            form = self.lex.lookup(self.s[vstart:vend])
            for claim, content_start, explicit in self._claims_at(vstart, vend, form, found):
                if not explicit and self._nested(vstart, found):
                    continue  # "X said that his government asked ...": X's claim covers it
                found.append((claim, vstart, content_start))
                if explicit:
                    self.previous = claim.speaker
        if not any(c.verb.lower().startswith("according") for c, _v, _c in found):
            found.extend(self._according(found))
        return _trim_coordinated(self.s, found)

    def _in_quote(self, position: int) -> bool:
        return any(start < position < end for start, end in self.quotes)

    def _nested(self, position: int, found: list[tuple[ClaimMatch, int, int]]) -> bool:
        for claim, _verb, content_start in found:
            inside = 0 <= content_start <= position < claim.end
            if inside and not _COORDINATING_END.search(self.s[content_start:position].rstrip()):
                return True
        return False

    # --- one verb ------------------------------------------------------------------------------

    def _claims_at(
        self, vstart: int, vend: int, form: VerbForm, found: list[tuple[ClaimMatch, int, int]]
    ) -> list[tuple[ClaimMatch, int, bool]]:
        """Claims made with the verb at vstart:vend: (claim, content start, explicit)."""
        s = self.s
        verb_text = s[vstart:vend]
        subject = self._subject_before(vstart, form)
        if subject == _SKIP:
            return []
        speaker: _Speaker | None = None
        speaker_text = ""
        np_start = vstart
        if subject is not None:
            np_start, np_end = subject
            if form.noun_like and _PREPOSITION.search(s, np_start, np_end):
                return []  # "an alliance of post-Soviet states that ...": a noun, not a verb
            speaker = self._resolve(np_start, np_end)
            if speaker is None and self.np_extension is not None:
                np_start = _content_start(s, self.np_extension)
                speaker = self._resolve(np_start, np_end)
            if speaker is None:
                return []
            speaker_text = s[np_start:np_end].strip()
        else:
            inverted = self._inverted(vstart, vend, verb_text)
            if inverted is not None:
                return [inverted]
            speaker = self._fallback_subject(vstart, verb_text, found)
            if speaker is None:
                return []
            speaker_text = speaker.text or s[speaker.start : speaker.end].strip()
            np_start = vstart

        content = ""
        content_start = 0
        end = vend
        start = min(np_start, vstart)
        if np_start > 0 and self._attribution_only(vend, form):
            content = _clean_content(_RELATIVE_TAIL.sub("", s[:np_start]))
            content_start = -1
            end = len(s.rstrip().rstrip('.!?"”’ '))
            start = _content_start(s, 0)
        if len(content) < 3:
            content_start, content_end = self._content_after(vend, form)
            content = _clean_content(s[content_start:content_end])
            start = min(np_start, vstart)
            end = content_end
        if len(content) < 3 or _ANONYMITY.match(content):
            return []
        if form.acts and (content.lower() + " ").startswith(form.acts):
            return []  # "declared independence", "declared war": an act, not a statement
        verb = _verb_label(verb_text)
        stance = _content_stance(form.stance, content)
        claim = ClaimMatch(
            speaker.actor, speaker_text, stance, content, verb, start, max(end, vend)
        )
        out = [(claim, content_start, speaker.explicit)]
        for partner in self._coordinated_subjects(np_start, speaker):
            twin = ClaimMatch(
                partner.actor,
                partner.text or "",
                stance,
                content,
                verb,
                min(partner.start, start),
                max(end, vend),
            )
            out.insert(0, (twin, content_start, True))
        return out

    def _attribution_only(self, vend: int, form: VerbForm) -> bool:
        """True when nothing follows the verb but adverbials ("..., the ministry said on
        Tuesday." / "..., officials said, as talks resumed"): the content comes before."""
        s = self.s
        position = vend
        if form.skip_object:
            obj = _OBJECT.match(s, position)
            if obj is not None and not re.match(r"\s+that\b", s[position:]):
                position = obj.end()
        while True:
            match = _ADVERBIAL_NO_COMMA.match(s, position)
            if match is None or match.end() == position:
                break
            position = match.end()
        return _ATTRIBUTION_END.match(s, position) is not None

    def _coordinated_subjects(self, np_start: int, speaker: _Speaker) -> list[_Speaker]:
        """ "Russia, China and Iran condemned ...", "Russian and Ukrainian officials said ...":
        the other actors of a coordinated subject, nearest first."""
        if not speaker.explicit or not _AND_BEFORE.search(self.s, max(0, np_start - 12), np_start):
            return []
        partners: list[_Speaker] = []
        edge = np_start
        joiner = re.compile(r"\s+(?:and|&)\s+")
        for mention in reversed(self.mentions):
            if mention.end > edge:
                continue
            if not joiner.fullmatch(self.s, mention.end, edge):
                break
            if mention.actor != speaker.actor and all(p.actor != mention.actor for p in partners):
                partners.append(
                    _Speaker(mention.actor, mention.start, mention.end, text=mention.text)
                )
            edge = mention.start
            joiner = re.compile(r"\s*,\s*")
        if not partners:
            return []
        lead = self.s[:edge]
        if _LEAD_BEFORE.search(lead) is None:
            return []
        return partners

    # --- the speaker phrase ------------------------------------------------------------------

    def _subject_before(self, vstart: int, form: VerbForm) -> tuple[int, int] | None:
        """Span of the subject noun phrase, None if there is none, _SKIP if no claim here."""
        s = self.s
        end = vstart
        stripped = ""
        while not self._clause_apposition(vstart):
            match = _AUX_TAIL.search(s, max(0, end - 120), end)
            if match is None or match.start() == match.end():
                break
            stripped = s[match.start() : end] + " " + stripped
            end = match.start()
        before = s[:end].rstrip()
        if "," in stripped and before.endswith(","):
            end = len(before) - 1  # "Russia, however, said": the adverb is parenthetical
        if _NEGATION.search(stripped):
            return _SKIP
        lowered = form.form.lower()
        passive = _PASSIVE.search(stripped) and not lowered.startswith(("was", "were", "is"))
        if passive and not lowered.endswith("ing"):
            return _SKIP
        head = s[max(0, end - 80) : end].rstrip()
        if form.noun_like and (_DETERMINER_BEFORE.search(head) or not head):
            return _SKIP
        if _ARTICLE_BEFORE.search(head, max(0, len(head) - _ARTICLE_WIDTH)):
            return _SKIP  # "the disputed region", "its declared aim": an adjective
        head = s[:end].rstrip()
        if _WHAT_BEFORE.search(s, max(0, end - 40), end):
            return _SKIP
        if _INFINITIVE_BEFORE.search(s, max(0, end - 10), end):
            return _SKIP  # "voted to condemn", "is expected to announce"
        self.apposition = None
        if head.endswith(","):
            apposition = self._apposition(head)
            if apposition is None:
                return None
            self.apposition = (apposition, len(head))
            head = s[:apposition].rstrip()
            outer = self._apposition(s[: apposition + 1])
            if outer is not None and any(m.end == outer for m in self.mentions):
                # "X, a former deputy of Y, the main party of Z, said": two appositions
                self.apposition = (outer, self.apposition[1])
                head = s[:outer].rstrip()
        np_end = len(head)
        if np_end == 0:
            return None
        boundary = self._boundary_before(np_end)
        relative = _RELATIVE_END.search(s, max(0, boundary - 20), boundary)
        if relative is not None and self._relative_subject(boundary, np_end):
            relative = None  # "..., which diplomats warned ...": the clause has its own subject
        if relative is not None and relative.start() > 0:
            # "a senior official who asked not to be named said": the subject precedes "who"
            np_end = relative.start()
            boundary = self._boundary_before(np_end)
        self.np_extension = None
        with_end = _WITH_END.search(s, max(0, boundary - 20), boundary)
        if with_end is not None:
            # "a source familiar with the talks said": retry across "with" if need be
            self.np_extension = self._boundary_before(with_end.start())
        np_start = boundary
        while np_start < np_end and s[np_start] in " \t\n\"“”‘’'":
            np_start += 1
        if np_start >= np_end:
            return None
        if len(s[np_start:np_end].split()) > 12:
            return _SKIP
        return np_start, np_end

    def _clause_apposition(self, vstart: int) -> bool:
        """ "X, who visited the area on Sunday, pledged": the words before the verb end a
        relative clause set off by commas, not adverbs of the verb (", however," is not)."""
        head = self.s[:vstart].rstrip()
        if not head.endswith(","):
            return False
        comma = head.rfind(",", 0, len(head) - 1)
        return comma > 0 and _RELATIVE_START.match(head, comma + 1) is not None

    def _relative_subject(self, start: int, end: int) -> bool:
        """Whether the words between "who"/"which" and the verb are a subject of their own."""
        text = self.s[start:end].strip()
        if not text:
            return False
        if text.lower() in _PRONOUNS or any(start <= m.start < end for m in self.mentions):
            return True
        words = text.split()
        return words[-1].lower() in self._role_words and len(words) <= 4

    def _boundary_before(self, position: int) -> int:
        """End of the last clause boundary in the 300 characters before `position`, else 0.

        The last 60 characters are scanned first: a boundary is one character or a whole
        word, so none can start inside another, and the last one found there is the last one
        of the long scan too; only a phrase without one needs the long scan.
        """
        for window in (60, 300):
            start = max(0, position - window)
            boundary = 0
            for match in _BOUNDARY.finditer(self.s, start, position):
                boundary = match.end()
            if boundary or start == 0 or window == 300:
                return boundary
        return 0

    def _apposition(self, head: str) -> int | None:
        """For a subject ending in ", <apposition>," return where the apposition begins."""
        inner_end = len(head) - 1
        comma = head.rfind(",", 0, inner_end)
        if comma <= 0:
            return None
        text = head[comma + 1 : inner_end].strip()
        if not text or len(text) > 160 or any(q in text for q in '"“”;'):
            return None
        first = text.split()[0]
        named = any(m.start > comma and m.end <= inner_end for m in self.mentions)
        if not (first[0].islower() or first in {"a", "an", "the", "A", "An", "The"} or named):
            return None
        if first.lower() in {"and", "but", "while", "however", "though", "although", "meanwhile"}:
            return None
        return comma

    def _resolve(self, start: int, end: int) -> _Speaker | None:
        """The actor a speaker phrase stands for."""
        s = self.s
        text = s[start:end]
        lowered = text.strip().lower()
        if lowered in _PRONOUNS:
            if self.previous is None or _gender_clash(lowered, self.previous):
                return None
            return _Speaker(self.previous, start, end, explicit=False)
        if lowered in {"we", "i", "you", "one", "this", "that", "there", "which", "who"}:
            return None
        inside = [m for m in self.mentions if m.start >= start and m.end <= end]
        last = inside[-1] if inside else None
        if (
            last is not None
            and (
                last.actor.kind is ActorKind.PERSON
                or (last.actor.kind is ActorKind.UNKNOWN and len(last.text.split()) >= 2)
            )
            and not s[last.end : end].strip(' "”’')
            and _TITLE_BEFORE.search(s, start, last.start)
        ):
            return _Speaker(last.actor, last.start, last.end)  # "U.S. Secretary of State X"
        if not inside and self.previous is not None:
            surname = self._previous_surname(text)
            if surname is not None:
                return surname  # "Okafor said" after "Mayor Daniel Okafor said"
        pre_end = end
        for split in _PREPOSITION.finditer(s, start, end):
            if not any(m.start <= split.start() < m.end for m in inside):
                pre_end = split.start()
                break
        trailing = _TRAILING_ADJECTIVE.search(s, start, pre_end)
        if trailing is not None:
            pre_end = trailing.start()  # "a source familiar (with ...)"
        pre = [m for m in inside if m.end <= pre_end]
        post = [m for m in inside if m.start >= pre_end]

        head_at_end = bool(pre) and not s[pre[-1].end : pre_end].strip(' "”’')
        if head_at_end and _NOUN_THEN_NAME.fullmatch(s, start, pre[-1].start):
            role_word = s[start : pre[-1].start].split()[-1].lower()
            if role_word not in self._role_words and role_word not in _STATEMENT_NOUNS:
                return None  # "a town Russia (claims)": not a speaker phrase
        people = [m for m in pre if m.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN)]
        if people:
            head = people[-1]
            owned = _OWNED_ROLE.match(s, head.end, pre_end)
            if owned is not None and head.actor.affiliation:
                owner = self.registry.get(head.actor.affiliation)  # "Abiy's government"
                if owner is not None and owner.kind in (ActorKind.STATE, ActorKind.TERRITORY):
                    return _Speaker(owner, start, end)
            return _Speaker(head.actor, head.start, head.end)
        named = self._apposition_person()

        outlet = self._outlet_head(start, pre_end)
        if outlet is not None and not pre:
            return outlet
        role_match = self.lex.roles_pattern.search(s, start, pre_end)
        if role_match is not None and pre and pre[-1].end > role_match.start():
            role_match = None  # the phrase ends with an actor, not a role noun
        if role_match is not None:
            role = " ".join(role_match.group("role").lower().split())
            candidates = [m for m in pre if not _MODIFIER_AFTER.match(s, m.end)] or pre
            if role in self.lex.state_roles:
                if named is not None:
                    return named  # "Russia's foreign minister, Sergei Lavrov, said"
                if candidates:
                    return _Speaker(candidates[-1].actor, start, end)
                if post:
                    return _Speaker(post[0].actor, start, end)
                if outlet is not None:
                    return outlet
                if _DEFINITE.match(text.strip() + " "):
                    referent = self._referent(start)
                    if referent is not None:
                        return _Speaker(referent, start, end, explicit=False)
                if _POSSESSIVE_NP.match(text.strip()):
                    owner = self._owner_state()
                    return None if owner is None else _Speaker(owner, start, end, explicit=False)
                if lowered in _BARE_OFFICIALS:
                    owner = self._owner_state()
                    if owner is not None and owner.kind in (ActorKind.STATE, ActorKind.TERRITORY):
                        return _Speaker(owner, start, end, explicit=False)  # "Officials said"
                return _Speaker(self._unknown(text), start, end)
            groups = [m for m in candidates if m.actor.kind in _ORG_KINDS]
            if groups:
                return _Speaker(groups[-1].actor, start, end)
            if role in self.lex.org_roles:
                if candidates:
                    return _Speaker(candidates[-1].actor, start, end)
                if post:
                    return _Speaker(post[0].actor, start, end)
                if _DEFINITE.match(text.strip() + " ") and not re.search(r"\s[A-Z]", text):
                    earlier = [
                        m for m in self.mentions if m.end <= start and m.actor.kind in _ORG_KINDS
                    ]
                    if earlier:
                        return _Speaker(earlier[-1].actor, start, end, explicit=False)
                    if self.previous is not None and self.previous.kind in _ORG_KINDS:
                        return _Speaker(self.previous, start, end, explicit=False)
                    if _BARE_DEFINITE.fullmatch(text.strip()):
                        return None  # "the coalition": named in an earlier sentence
            return _Speaker(self._unknown(text), start, end)
        if outlet is not None:
            return outlet
        if pre and re.fullmatch(r"[\s\"”’]*", s[pre[-1].end : pre_end]):
            head = pre[-1]
            return _Speaker(head.actor, head.start, head.end)
        return None

    def _apposition_person(self) -> _Speaker | None:
        """A person named in the subject's apposition ("the minister, Sergei Lavrov,")."""
        if self.apposition is None:
            return None
        first, last = self.apposition
        for mention in self.mentions:
            if first < mention.start and mention.end <= last:
                if mention.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN):
                    between = self.s[first + 1 : mention.start].strip()
                    if not between:
                        return _Speaker(mention.actor, mention.start, mention.end)
                return None
        return None

    def _previous_surname(self, text: str) -> _Speaker | None:
        """ "Okafor" naming the previous speaker "Daniel Okafor" (a person not in the registry)."""
        previous = self.previous
        word = text.strip(' "“”’')
        if previous is None or not _SURNAME.fullmatch(word):
            return None
        if previous.kind not in (ActorKind.PERSON, ActorKind.UNKNOWN) or " " not in previous.name:
            return None
        if previous.name.split()[-1] != word:
            return None
        start = self.s.find(word)
        return _Speaker(previous, start, start + len(word), explicit=False)

    def _referent(self, np_start: int) -> Actor | None:
        """ "The ministry", "the spokesperson": the previous speaker (a person's state), else the
        last state named earlier in the sentence."""
        previous = self.previous
        if previous is not None and previous.kind is not ActorKind.UNKNOWN:
            return self._owner_state() if previous.kind is ActorKind.PERSON else previous
        states = [
            m
            for m in self.mentions
            if m.end <= np_start and m.actor.kind in (ActorKind.STATE, ActorKind.TERRITORY)
        ]
        if states:
            return states[-1].actor
        return None

    def _owner_state(self) -> Actor | None:
        """ "his government": the previous speaker's state (or the previous speaker)."""
        if self.previous is None:
            return None
        if self.previous.kind is ActorKind.PERSON and self.previous.affiliation:
            return self.registry.get(self.previous.affiliation) or self.previous
        return self.previous

    def _unknown(self, text: str) -> Actor:
        """An unnamed group or official as speaker: "analysts", "separatist Armenian fighters"."""
        name = _LEADING.sub("", text.strip()).strip(" ,\"“”’'") or text.strip()
        cut = _GROUP_MODIFIER.search(name)
        if cut is not None and cut.start() > 0:
            name = name[: cut.start()]  # "residents in Shire" → "residents"
        first, _, rest = name.partition(" ")
        if first.lower() in self._role_words or first in _LOWERABLE:
            name = first.lower() + (" " + rest if rest else "")  # "Analysts" → "analysts"
        return Actor(name=name, kind=ActorKind.UNKNOWN)

    def _outlet_head(self, start: int, end: int) -> _Speaker | None:
        """An outlet at the end of the phrase ("the Azerbaijan State News Agency")."""
        for outlet in self.outlets:
            if outlet.start >= start and outlet.end <= end:
                rest = self.s[outlet.end : end]
                if re.fullmatch(
                    r"\s*(?:news\s+agency|agency|newspaper|daily|channel|television|TV|"
                    r"broadcaster|website|reported|reports)?\s*",
                    rest,
                ):
                    actor = Actor(name=outlet.name, kind=ActorKind.ORGANISATION, role="news outlet")
                    return _Speaker(actor, outlet.start, outlet.end)
        return None

    def _inverted(
        self, vstart: int, vend: int, verb_text: str
    ) -> tuple[ClaimMatch, int, bool] | None:
        """'"...," said Jane Doe, a spokeswoman for the Red Crescent.'"""
        s = self.s
        if verb_text.lower() not in _INVERTIBLE:
            return None
        before = s[:vstart].rstrip()
        if not before or before[-1] not in ",\"”’'":
            return None
        after = re.match(r"\s+(?P<np>[^,.;:!?\"“”()]{1,80}?)(?=\s*(?:[,.;:!?()]|$))", s[vend:])
        if after is None:
            return None
        np_start = vend + after.start("np")
        np_end = vend + after.end("np")
        speaker = self._resolve(np_start, np_end)
        if speaker is None:
            return None
        content = _clean_content(before)
        if len(content) < 3:
            return None
        form = self.lex.lookup(verb_text)
        start = _content_start(s, 0)
        claim = ClaimMatch(
            speaker=speaker.actor,
            speaker_text=s[np_start:np_end].strip(),
            stance=form.stance,
            content=content,
            verb=_verb_label(verb_text),
            start=start,
            end=np_end,
        )
        return claim, 0, speaker.explicit

    def _fallback_subject(
        self, vstart: int, verb_text: str, found: list[tuple[ClaimMatch, int, int]]
    ) -> _Speaker | None:
        """Subject of "..., accusing X of Y" and "... and demanding Z": the clause's subject."""
        s = self.s
        before = s[:vstart].rstrip()
        conjoined = _CONJOINED.search(before, max(0, len(before) - 5)) is not None
        if not (verb_text.lower().endswith("ing") or conjoined):
            return None
        if found:
            last = found[-1][0]
            return _Speaker(last.speaker, vstart, vstart, text=last.speaker_text)
        if not verb_text.lower().endswith("ing"):
            return None  # "... who constitute the majority and reject X": not the subject's
        first_comma = s.find(",", 0, vstart)
        window_end = first_comma if first_comma > 0 else vstart
        mentions = [m for m in self.mentions if m.end <= window_end]
        role = self.lex.roles_any.search(s, 0, window_end)
        role_first = (
            role is not None
            and (not mentions or role.start() < mentions[0].start)
            and role.group("role").lower() not in self.lex.state_roles
        )
        if mentions and not role_first:
            if mentions[0].start > 60:
                return None
            # the subject is the run "Israeli Defense Minister Yoav Gallant": take its person
            chain = [mentions[0]]
            for mention in mentions[1:]:
                gap = _SUBJECT_GAP.fullmatch(s, chain[-1].end, mention.start)
                if gap is None and mention.start != chain[-1].end:
                    break
                chain.append(mention)
            people = [m for m in chain if m.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN)]
            head = people[-1] if people else chain[0]
            return _Speaker(head.actor, head.start, head.end)
        if role is not None and role.start() <= 60:
            if role.group("role").lower() in self.lex.state_roles:
                return None
            return _Speaker(self._unknown(s[: role.end()]), 0, role.end())
        return None

    # --- the content ---------------------------------------------------------------------------

    def _content_after(self, vend: int, form: VerbForm) -> tuple[int, int]:
        s = self.s
        position = vend
        while True:
            match = _ADVERBIAL.match(s, position)
            if match is None or match.end() == position:
                break
            position = match.end()
        gap = _GAP_THAT.match(s, position)
        if gap is not None:
            position = gap.end()
        elif form.skip_object:
            that = re.match(r"(?:\s+\S+){1,8}?\s+that\s", s[position:])
            if that is not None and '"' not in that.group() and "“" not in that.group():
                position += that.end()
            else:
                obj = _OBJECT.match(s, position)
                if obj is not None:
                    position = obj.end()
                    while True:
                        match = _ADVERBIAL.match(s, position)
                        if match is None or match.end() == position:
                            break
                        position = match.end()
        if form.stance is Stance.CONCERN:
            lead = _CONCERN_LEAD.match(s, position)
            if lead is not None:
                position = lead.end()
        lead = _CONTENT_LEAD.match(s[position:])
        if lead is not None:
            position += lead.end()
        return position, len(s)

    # --- "according to X" --------------------------------------------------------------------

    def _according(
        self, found: list[tuple[ClaimMatch, int, int]]
    ) -> list[tuple[ClaimMatch, int, int]]:
        s = self.s
        out: list[tuple[ClaimMatch, int, int]] = []
        if "ccording" not in s:  # what _ACCORDING needs; most sentences are spared the scan
            return out
        for match in _ACCORDING.finditer(s):
            if found or self._in_quote(match.start()):
                continue
            np_start, np_end = match.span("np")
            speaker = self._resolve(np_start, np_end) or self._any_in(np_start, np_end)
            if speaker is None:
                continue
            before = s[: match.start()].rstrip().rstrip(",").rstrip()
            after = s[match.end() :].lstrip().lstrip(",").strip()
            if match.start() <= 1 or not before:
                content = after
            elif _TAIL.match(s[match.end() :]):
                content = before
            else:
                content = f"{before} {after}"
            content = _clean_content(content)
            if len(content) < 3:
                continue
            claim = ClaimMatch(
                speaker=speaker.actor,
                speaker_text=s[np_start:np_end].strip(),
                stance=Stance.ASSERTS,
                content=content,
                verb="according to",
                start=_content_start(s, 0),
                end=len(s.rstrip().rstrip('.!?"”’ ')),
            )
            out.append((claim, match.start(), 0))
        return out

    def _any_in(self, start: int, end: int) -> _Speaker | None:
        inside = [m for m in self.mentions if m.start >= start and m.end <= end]
        if inside:
            return _Speaker(inside[0].actor, inside[0].start, inside[0].end)
        for outlet in self.outlets:
            if outlet.start >= start and outlet.end <= end:
                actor = Actor(name=outlet.name, kind=ActorKind.ORGANISATION, role="news outlet")
                return _Speaker(actor, outlet.start, outlet.end)
        return None


# --- helpers ---------------------------------------------------------------------------------


def _gender_clash(pronoun: str, actor: Actor) -> bool:
    """ "she said" cannot refer back to "a spokesman", nor "he said" to "a spokeswoman"."""
    if pronoun not in ("he", "she") or not actor.role:
        return False
    words = set(re.findall(r"[a-z]+", actor.role.lower()))
    return bool(words & (_MASCULINE if pronoun == "she" else _FEMININE))


def _content_stance(stance: Stance, content: str) -> Stance:
    """A neutral verb's stance refined by what is said: "said it had no role in" denies,
    "said his country supports" supports, "said X has failed to" criticises, "said the army
    was shelled by X" accuses, "…, a veiled threat" warns."""
    if stance not in (Stance.ASSERTS, Stance.ANNOUNCES):
        return stance
    if _LABELLED_THREAT.search(content):
        return Stance.WARNS
    if stance is Stance.ANNOUNCES:
        return Stance.SUPPORTS if _OWN_SUPPORT.match(content) else stance
    if _SELF_DENIAL.match(content):
        return Stance.DENIES
    if _OWN_SUPPORT.match(content):
        return Stance.SUPPORTS
    if _BLAME.search(content):
        return Stance.ACCUSES
    if _FAILED.match(content):
        return Stance.CRITICISES
    return stance


def _verb_label(text: str) -> str:
    return " ".join(_LABEL_QUOTES.sub(" ", text).split())


def _quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans between matching quotation marks (curly pairs and straight double quotes)."""
    spans: list[tuple[int, int]] = []
    if '"' not in sentence and _QUOTE_OPEN not in sentence and _QUOTE_CLOSE not in sentence:
        return spans  # the usual case, decided without the regex
    open_at: int | None = None
    for quote in _QUOTE_CHARS.finditer(sentence):
        index, char = quote.start(), quote.group()
        if char == _QUOTE_OPEN:
            open_at = index
        elif char == _QUOTE_CLOSE and open_at is not None:
            spans.append((open_at, index))
            open_at = None
        elif char == '"':
            if open_at is None:
                open_at = index
            else:
                spans.append((open_at, index))
                open_at = None
    return spans


_EDGE_LEAD = " \t\n\r\f\v\u00a0\u2009\u202f,:;—–-"
_EDGE_TAIL = _EDGE_LEAD + ".!?"


def _clean_content(text: str) -> str:
    """Trim punctuation and unbalanced quotation marks from the edges of a content span."""
    text = _DISCOURSE_LEAD.sub("", _DATELINE.sub("", text.strip()))
    for _ in range(3):
        before = text
        text = text.lstrip(_EDGE_LEAD).rstrip(_EDGE_TAIL)
        for opening, closing in (("“", "”"), ("‘", "’")):
            if text.startswith(opening) and text.count(opening) > text.count(closing):
                text = text[1:]
            if text.endswith(closing) and text.count(closing) > text.count(opening):
                text = text[:-1]
            if text.startswith(opening) and text.endswith(closing):
                inner = text[1:-1]
                if opening not in inner and closing not in inner:
                    text = inner
        if text.count('"') % 2 == 1:
            if text.startswith('"'):
                text = text[1:]
            elif text.endswith('"'):
                text = text[:-1]
        elif text.startswith('"') and text.endswith('"') and text.count('"') == 2:
            text = text[1:-1]
        if text == before:
            break
    return text.strip()


def _content_start(sentence: str, position: int) -> int:
    while position < len(sentence) and sentence[position] in " \t\n":
        position += 1
    return position


def _trim_coordinated(sentence: str, found: list[tuple[ClaimMatch, int, int]]) -> list[ClaimMatch]:
    """Cut a claim's content where a coordinated claim by another speaker begins
    ("A said X, while B said Y")."""
    ordered = sorted(found, key=lambda item: item[1])
    result: list[ClaimMatch] = []
    for index, (claim, _verb_start, content_start) in enumerate(ordered):
        if content_start < 0:
            result.append(claim)
            continue
        for other, _other_verb, _other_content in ordered[index + 1 :]:
            if other.start <= content_start or other.start >= claim.end:
                continue
            between = sentence[content_start : other.start]
            cut = _COORDINATING_END.search(between)
            if cut is None:
                continue
            new_end = content_start + cut.start()
            content = _clean_content(sentence[content_start:new_end])
            if len(content) >= 3:
                claim = ClaimMatch(
                    speaker=claim.speaker,
                    speaker_text=claim.speaker_text,
                    stance=claim.stance,
                    content=content,
                    verb=claim.verb,
                    start=claim.start,
                    end=new_end,
                )
            break
        result.append(claim)
    return sorted(result, key=lambda c: (c.start, c.end))


__all__ = ["ClaimMatch", "find_claims"]
