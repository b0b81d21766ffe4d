"""Article → Extraction: each sentence analysed once, then time, actors, claims, figures and
events read that analysis in this order.

Deterministic and offline. The time layer carries state across the article (the last date
mentioned anchors "the following day"), and so does the claim finder (who "he" and "the
ministry" are, a quotation running over several sentences); everything else looks at one
sentence at a time.
"""

from __future__ import annotations

from collections import Counter

from briefings.collector import collector_paused
from briefings.extract.actors import (
    ActorMention,
    ActorRegistry,
    ArticleMemory,
    default_registry,
    lone_capitalised,
)
from briefings.extract.analyse import analyse
from briefings.extract.analysis import LOCATED_SUFFIXES, SentenceAnalysis, capitalised
from briefings.extract.claims import ClaimFinder, ClaimMatch
from briefings.extract.claims.cataphora import opening_person, unnamed_role_claims
from briefings.extract.events import (
    EventVocabulary,
    Trigger,
    default_vocabulary,
    find_events,
    statement_trigger,
)
from briefings.extract.figures import ArticleFigures, Attribution
from briefings.extract.time import TimeTagger, Timex
from briefings.models import (
    HEADLINE_INDEX,
    Actor,
    ActorKind,
    Article,
    Citation,
    Claim,
    Event,
    Extraction,
    Sentence,
    TemporalExpression,
    TimePoint,
)

# The components in pipeline order: what each reads from the analysis and what it adds.
# `tests/test_pipeline_order.py` checks that every requirement is provided earlier.
COMPONENTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("analyse", (), ("tokens", "quotes", "clauses", "names", "numbers")),
    ("time", ("tokens", "clauses"), ("times",)),
    ("actors", ("tokens",), ("actors",)),
    ("claims", ("tokens", "quotes", "names", "actors", "times"), ("claims",)),
    (
        "figures",
        ("tokens", "clauses", "names", "numbers", "times", "actors", "claims"),
        ("figures",),
    ),
    ("events", ("clauses", "names", "times", "actors", "claims"), ("events",)),
)


def _citation(article: Article, sentence: Sentence, start: int, end: int) -> Citation:
    """A citation whose span is offset into the article text (sentence spans are local), or
    into the headline for a fact read there."""
    base = 0 if sentence.index == HEADLINE_INDEX else sentence.start
    return Citation(
        article_id=article.id,
        outlet=article.outlet_label,
        sentence_index=sentence.index,
        start=base + start,
        end=base + end,
        sentence=sentence.text,
        caption=sentence.caption,
    )


ROLE_WAIT = 2  # sentences a claim by an unnamed role waits for the person who holds it


def _claim_citation(article: Article, sentence: Sentence, start: int, end: int) -> Citation:
    """A claim's citation. A quote that began in an earlier sentence ('"We were told to stay.
    If they had told us…," a shopkeeper said') is cited from the sentence where it begins
    through the one that names its speaker, so the passage reads whole."""
    citation = _citation(article, sentence, start, end)
    if start >= 0 or sentence.caption or sentence.index == HEADLINE_INDEX:
        return citation
    first = sentence
    for earlier in reversed(article.sentences[: sentence.index]):
        if earlier.caption != sentence.caption or earlier.end <= citation.start:
            break
        first = earlier
    if first is sentence:
        return citation
    return citation.model_copy(
        update={
            "sentence_index": first.index,
            "sentence": article.text[first.start : sentence.end],
        }
    )


def _attributions(claims: list[ClaimMatch], sentence: Sentence) -> list[Attribution]:
    """Who said what in the sentence, for the figures' sources (cues at sentence offsets)."""
    return [
        Attribution(c.start, c.end, c.speaker.name, c.speaker_text, c.cue_start - sentence.start)
        for c in claims
    ]


def _local(offset: int | None, sentence: Sentence) -> int | None:
    """An article offset as cited: into the headline for the headline's facts."""
    if offset is None or sentence.index != HEADLINE_INDEX:
        return offset
    return offset - sentence.start


def _first_time_in(times: list[Timex], start: int, end: int) -> TimePoint | None:
    """The date of a span: the first date inside it, else the first after it, else the
    sentence's first date."""
    dates = [time for time in times if time.is_date]
    for time in dates:
        if start <= time.start < end or time.start >= end:
            return time.point
    return dates[0].point if dates else None


def _verb_trigger(sentence: Sentence, claim: ClaimMatch) -> Trigger | None:
    """The claim's cue as a statement trigger ("said Wednesday" dates a statement)."""
    start = claim.cue_start - sentence.start
    end = claim.cue_end - sentence.start
    if not 0 <= start < end <= len(sentence.text):
        return None
    return statement_trigger(start, end)


STORY_STATE_MENTIONS = 2  # a state named once, in passing ("mediated by Qatar"), is no story's


class _ArticleExtractor:
    """Holds the per-article state while its sentences are read in order."""

    def __init__(
        self, article: Article, registry: ActorRegistry, vocabulary: EventVocabulary
    ) -> None:
        self.article = article
        self.registry = registry
        self.vocabulary = vocabulary
        self.time = TimeTagger(article.published)
        # names and acronyms the article introduced, and the words it uses alone
        self.actor_memory = ArticleMemory(lone_capitalised(article.text))
        self.claim_finder = ClaimFinder(article.text)
        self.actors: dict[str, Actor] = {}
        self.mentions: Counter[str] = Counter()
        self.events: list[Event] = []
        self.claims: list[Claim] = []
        self.figures = ArticleFigures(article)
        self.timexes: list[TemporalExpression] = []
        # claims by an unnamed role, waiting for the person holding it: (index, sentences since)
        self._role_claims: list[tuple[int, int]] = []

    def run(self) -> Extraction:
        # first the time and the actors of every sentence, so that claims know the state the
        # whole story is about before its first sentences name it ("Federal Police say …"
        # in a standfirst); then claims, figures and events, in reading order
        read = [self._read(sentence) for sentence in self.article.sentences]
        story_state = self.actor_memory.main_state(
            at_least=STORY_STATE_MENTIONS
        ) or self.actor_memory.hinted_state(at_least=STORY_STATE_MENTIONS)
        self.claim_finder.discourse.story_state = story_state
        self.claim_finder.discourse.office_holders = {
            (m.actor.affiliation, m.actor.role.lower()): m.actor
            for _, _, mentions in read
            for m in mentions
            if m.actor.kind is ActorKind.PERSON and m.actor.affiliation and m.actor.role
        }
        for sentence, (analysis, times, mentions) in zip(self.article.sentences, read, strict=True):
            self._sentence(sentence, analysis, times, mentions)
        self._headline()
        claims = self._finished_claims()
        return Extraction(
            article=self.article,
            actors=sorted(self.actors.values(), key=lambda actor: actor.name),
            events=self.events,
            claims=claims,
            figures=self.figures.finish(),
            mention_counts=dict(self.mentions),
            timexes=self.timexes,
        )

    def _finished_claims(self) -> list[Claim]:
        """The claims with a content, speakers named by surname alone before their full
        name ("Henry says …" opening an article about Ariel Henry) given the full name."""
        full = self.claim_finder.full_names()
        claims = []
        for claim in self.claims:
            if not claim.text:
                continue  # "He said:" with nothing after it
            name = full.get(claim.speaker)
            if name is not None:
                claim = claim.model_copy(update={"speaker": name})
                short = self.actors.pop(claim.speaker_text, None)
                if short is not None and name not in self.actors:
                    self.actors[name] = self.registry.get(name) or short.model_copy(
                        update={"name": name}
                    )
            claims.append(claim)
        return claims

    def _note_actor(self, actor: Actor) -> None:
        """Count an actor for the article. News outlets quoted as sources and unnamed groups
        ("analysts", "separatist fighters") speak in claims but are not actors."""
        if self.registry.is_outlet(actor.name) or actor.role == "news outlet":
            return
        if not capitalised(actor.name) or actor.name.split()[0].lower().endswith(LOCATED_SUFFIXES):
            return  # "analysts", "a Moscow-based lawyer"; not "al-Siddiq al-Sour"
        self.actors.setdefault(actor.name, actor)
        self.mentions[actor.name] += 1

    def _read(self, sentence: Sentence) -> tuple[SentenceAnalysis, list[Timex], list[ActorMention]]:
        """One sentence's analysis, time expressions and actor mentions."""
        analysis = analyse(sentence.text)
        times = self.time(analysis)
        for time in times:
            self.timexes.append(
                TemporalExpression(
                    text=time.text,
                    start=sentence.start + time.start,
                    end=sentence.start + time.end,
                    type=time.type,
                    value=time.value,
                    sentence_index=sentence.index,
                )
            )
        return analysis, times, self.registry.find_in(analysis, self.actor_memory)

    def _sentence(
        self,
        sentence: Sentence,
        analysis: SentenceAnalysis,
        times: list[Timex],
        mentions: list[ActorMention],
    ) -> None:
        text = sentence.text
        self._name_role_speakers(mentions, text)
        for mention in mentions:
            self._note_actor(mention.actor)
        claims_before = len(self.claims)
        found = self.claim_finder.sentence(sentence.start, analysis, mentions)
        for index, grown in found.extended.items():
            citation = self.claims[index].citation
            self.claims[index] = self.claims[index].model_copy(
                update={
                    "text": grown.content,
                    "line": grown.line,
                    "citation": citation.model_copy(
                        update={
                            "end": grown.content_end,
                            "sentence": self._passage(citation, sentence),
                        }
                    ),
                }
            )
        claims = found.new
        for claim in claims:
            self._add_claim(sentence, claim, mentions, times)
        attributions = _attributions(claims, sentence)
        vocabulary = self.claim_finder.vocabulary
        self._role_claims = [
            (index, waited + 1) for index, waited in self._role_claims if waited < ROLE_WAIT
        ] + [
            (index, 0)
            for index in unnamed_role_claims(
                self.claims, claims_before, self.actors, vocabulary.person_roles
            )
        ]
        self.figures.add(sentence, analysis, mentions, attributions)
        verbs = [_verb_trigger(sentence, claim) for claim in claims]
        self._add_events(sentence, analysis, mentions, [v for v in verbs if v is not None])

    def _passage(self, citation: Citation, sentence: Sentence) -> str:
        """The cited text of a claim whose quotation runs on into `sentence`: from its own
        sentence through this one, so that every sentence of what was said is shown."""
        index = citation.sentence_index
        if index < 0 or sentence.caption or index >= sentence.index:
            return citation.sentence
        first = self.article.sentences[index]
        if first.caption:
            return citation.sentence
        return self.article.text[first.start : sentence.end]

    def _headline(self) -> None:
        """The claims and figures the headline states ("Derna mayor fears up to 20,000
        dead"), read last, with the body's people known. A headline dates nothing and names
        no actor on its own account; its facts cite it (`HEADLINE_INDEX`), and the store
        keeps those of the body, which restates them."""
        title = self.article.title
        if not title or not title.strip():
            return
        offset = len(self.article.text) + 1  # past the body, so reading order holds
        sentence = Sentence(index=HEADLINE_INDEX, text=title, start=offset, end=offset + len(title))
        analysis = analyse(title)
        times = self.time(analysis)
        mentions = self.registry.find_in(analysis, self.actor_memory)
        self._role_claims = []
        claims = self.claim_finder.headline(offset, analysis, mentions)
        for claim in claims:
            self._add_claim(sentence, claim, mentions, times)
        self.figures.add(sentence, analysis, mentions, _attributions(claims, sentence))

    def _name_role_speakers(self, mentions: list[ActorMention], text: str) -> None:
        """The previous sentence's claims by an unnamed role ("The mayor of Derna has said
        …") go to the person this sentence opens with, named for the first time; the body
        or place the role resolved to is who they speak for."""
        if not self._role_claims:
            return
        waiting = [index for index, _ in self._role_claims]
        roles = {
            word
            for index in waiting
            for word in (self.claims[index].speaker_role or "").lower().replace("-", " ").split()
        }
        vocabulary = self.claim_finder.vocabulary
        person = opening_person(mentions, self.actors, vocabulary.org_name, text, roles)
        if person is None:
            return
        self._role_claims = []
        for index in waiting:
            claim = self.claims[index]
            stand_in = self.actors.get(claim.speaker)
            if stand_in is not None and stand_in.kind is ActorKind.UNKNOWN:
                del self.actors[claim.speaker]  # "Governor says …" was no name
                self.mentions.pop(claim.speaker, None)
                speaks_for = claim.speaks_for
            else:
                speaks_for = claim.speaks_for or claim.speaker
            self.claims[index] = claim.model_copy(
                update={"speaker": person.name, "speaks_for": speaks_for}
            )

    def _add_claim(
        self,
        sentence: Sentence,
        claim: ClaimMatch,
        mentions: list[ActorMention],
        times: list[Timex],
    ) -> None:
        """One claim; its citation spans the content (which a quote may carry past the
        sentence), its subjects are the actors named in the content."""
        headline = sentence.index == HEADLINE_INDEX
        if claim.speaker.role != "document" and not headline:
            self._note_actor(claim.speaker)  # a headline names no actor on its own account
            body = self._state_body_named(claim)
            if body is not None:
                self._note_actor(body)
        local_start = claim.content_start - sentence.start
        local_end = claim.content_end - sentence.start
        subjects = [
            m.actor.name
            for m in mentions
            if local_start <= m.start < local_end and m.actor.name != claim.speaker.name
        ]
        self.claims.append(
            Claim(
                speaker=claim.speaker.name,
                speaker_text=claim.speaker_text,
                stance=claim.stance,
                text=claim.content,
                subjects=list(dict.fromkeys(subjects)),
                date=_first_time_in(times, claim.start, claim.end),
                citation=_claim_citation(self.article, sentence, local_start, local_end),
                cue=claim.verb,
                cue_start=_local(claim.cue_start, sentence),
                cue_end=_local(claim.cue_end, sentence),
                speaker_role=claim.speaker_role,
                speaks_for=claim.speaks_for,
                line=claim.line or None,
            )
        )
        if claim.speaks_for and claim.speaks_for not in self.actors:
            body = self.registry.get(claim.speaks_for)
            if body is not None:  # stored as what it is, not as an unknown speaker
                self.actors[body.name] = body

    def _state_body_named(self, claim: ClaimMatch) -> Actor | None:
        """ "The Federal Police said": the claim is Brazil's, and the body named with capitals
        is an actor of its own (not "the Culture Ministry", which is the state itself)."""
        role = claim.speaker_role
        if claim.speaker.kind is not ActorKind.STATE or not role or " " not in role:
            return None
        if "'" in role or "’" in role:
            return None  # "the Philippines' Department …": the state's, named by it
        words = role.split()
        institutions = self.claim_finder.vocabulary.state_institutions
        if not all(word[:1].isupper() for word in words) or any(
            word.lower() in institutions for word in words
        ):
            return None
        return self.registry.get(role) or Actor(
            name=role, kind=ActorKind.UNKNOWN, affiliation=claim.speaker.name
        )

    def _add_events(
        self,
        sentence: Sentence,
        analysis: SentenceAnalysis,
        mentions: list[ActorMention],
        verbs: list[Trigger],
    ) -> None:
        for match in find_events(analysis, self.vocabulary, verbs, self.article.published):
            time = match.time
            inside = [m.actor.name for m in mentions if match.start <= m.start < match.end]
            actors = inside or [m.actor.name for m in mentions]
            self.events.append(
                Event(
                    kind=match.kind.name,
                    date=match.point,
                    date_text=time.text if time else None,
                    unresolved=time is not None and time.point is None,
                    actors=list(dict.fromkeys(actors)),
                    text=sentence.text[match.start : match.end],
                    citation=_citation(self.article, sentence, match.start, match.end),
                    caption=sentence.caption,
                )
            )


@collector_paused()
def extract(
    article: Article,
    registry: ActorRegistry | None = None,
    vocabulary: EventVocabulary | None = None,
) -> Extraction:
    """All facts of one article, each cited to its sentence and character span."""
    return _ArticleExtractor(
        article, registry or default_registry(), vocabulary or default_vocabulary()
    ).run()
