"""Noun phrases and adjuncts found by walking the tokens of a `SentenceView`.

No parser: a speaker phrase is the run of name-like and noun-like words next to a cue, up to
a word that cannot be inside one (a verb, a conjunction, most prepositions, punctuation);
"of", "for", "at" may join two parts ("a spokesman for the ministry"). What stops a walk is
a list in attribution.yaml, so a missed case is fixed by a word, not by a pattern.
"""

from __future__ import annotations

import functools

from briefings.extract.claims.view import SentenceView
from briefings.extract.lexicon import default_lexicon

MAX_PHRASE = 12  # words; a longer run is not a speaker phrase
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "it"})
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_WH = frozenset({"whether", "if", "how", "why", "what", "who", "when", "where", "which"})
_DASHES = frozenset({"—", "–", "--"})
_NOT_ADVERBS = frozenset(
    {
        "to",
        "about",
        "on",
        "this",
        "that",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "continue",
        "going",
        "set",
        "would",
        "will",
        "could",
        "may",
        "might",
        "should",
        "must",
        "can",
        "did",
        "does",
        "do",
        "'s",
        "'ve",
        "'d",
        "'ll",
        "'re",
        "'m",
    }
)
_TIME_MODIFIERS = frozenset({"late", "early", "later", "earlier"})
_NAME_PARTICLES = frozenset(
    {
        "del",
        "de",
        "la",
        "le",
        "du",
        "des",
        "al",
        "el",
        "bin",
        "ibn",
        "van",
        "von",
        "der",
        "da",
        "dos",
        "di",
        "y",
    }
)
_JOINING = frozenset({"&", "-", "/"})  # inside a name: "Shaw & Company", "CNN/ORC"
_PP_HEADS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "via",
        "through",
        "over",
        "to",
        "with",
        "from",
        "before",
        "after",
        "for",
        "into",
    }
)
_POINTERS = frozenset({"that", "this", "those", "these"})  # determiners after a preposition
_PP_TAILS = frozenset({"with", "to", "on", "at", "in", "from", "for", "before", "of", "by"})


@functools.cache
def _linking_verbs() -> frozenset[str]:
    return default_lexicon().words("linking_verbs")


@functools.cache
def _grammar_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lexicon = default_lexicon()
    return (
        lexicon.words("auxiliaries"),
        lexicon.words("irregular_past"),
        lexicon.words("determiners"),
    )


@functools.cache
def owners() -> frozenset[str]:
    """Determiners and possessives: what can stand before a noun of a phrase."""
    return determiners() | _POSSESSIVES | {"'s", "'"}


def auxiliaries() -> frozenset[str]:
    return _grammar_words()[0]


def determiners() -> frozenset[str]:
    return _grammar_words()[2]


def is_pronoun(view: SentenceView, index: int) -> bool:
    return view.norm(index) in _SUBJECT_PRONOUNS


def is_verbish(view: SentenceView, index: int) -> bool:
    """A lower-case word that reads as a verb: an auxiliary, an irregular past, a past form
    with its object after it ("passed a resolution"), or a reporting-verb form that is not
    also a noun the vocabulary knows — but not a participle after a determiner ("the
    disputed region")."""
    if not view.word(index) or view.title_case(index):
        return False
    norm = view.norm(index)
    aux, past, dets = _grammar_words()
    if norm in aux or norm in past:
        return True
    if view.norm(index - 1) in dets or view.norm(index - 1) in _POSSESSIVES:
        return False
    if norm in _linking_verbs():
        return True  # "According to officials, the roads remain closed": a clause
    following = view.norm(index + 1)
    if norm.endswith("ed") and (
        following in dets or following in _POSSESSIVES or following in view.vocabulary.prepositions
    ):
        return True  # "passed a resolution", "descended on the capital"
    if (
        norm.endswith("ed")
        and view.title_case(index - 1)
        and view.title_case(index + 1)
        and view.word(index + 1)
    ):
        return True  # "Joe Biden congratulated Sheinbaum": between two names, a verb
    vocabulary = view.vocabulary
    if vocabulary.verb_at(view.norms, index) is None:
        return False
    if following in vocabulary.media_heads:
        return False  # "state television", "press agency"
    return not (
        norm in vocabulary.nouns
        or norm in vocabulary.documents
        or norm in vocabulary.roles
        or norm in vocabulary.media.singles
    )


def finite_ahead(view: SentenceView, index: int, window: int = 12) -> bool:
    """A finite verb within `window` words from `index` (the reported clause has a verb)."""
    aux, past, dets = _grammar_words()
    for j in range(index, min(view.n, index + window)):
        if view.quote_mark(j) or view.punct(j, ",;:"):
            return False
        norm = view.norm(j)
        if norm in aux or norm in past or norm == "n't":
            return True
        if (
            j > index
            and view.word(j)
            and not view.title_case(j)
            and (norm.endswith("ed") or norm.endswith("s") or norm.endswith("ing"))
            and view.norm(j - 1) not in dets
            and len(norm) > 3
            and norm not in view.vocabulary.roles
        ):
            return True
    return False


_IS_HOSTS = frozenset({"he", "she", "it", "that", "there", "what", "who", "here", "this"})


def no_verb_after(view: SentenceView, index: int) -> bool:
    """Nothing from `index` to the sentence's end has a finite verb or a quote ("told Al
    Jazeera by phone from a relative's house in the hills"): places and means, no words."""
    aux, past, _ = _grammar_words()
    for j in range(index, view.n):
        norm = view.norm(j)
        if norm == "'s" and view.norm(j - 1) not in _IS_HOSTS:
            continue  # "a relative's house": a possessor, not "is"
        if norm in {"that", ":"}:
            return False  # "told the hall in Baltimore that …": what was said follows
        if view.quote_mark(j) or norm in aux or norm in past or norm == "n't":
            return False
        if norm.endswith("ed") and view.word(j) and not view.title_case(j) and len(norm) > 4:
            return False
    return True


def clause_start(view: SentenceView, index: int) -> bool:
    """Whether a reported clause (or a quote) starts at `index`."""
    if index >= view.n:
        return False
    norm = view.norm(index)
    if view.quote_mark(index) or norm in {":", "that"} or norm in _WH:
        return True
    if norm in _SUBJECT_PRONOUNS or norm == "there":
        return True
    if (
        view.word(index)
        and not view.title_case(index)
        and (norm.endswith(("ed", "ing")) or is_verbish(view, index))
    ):
        return False  # "felt neglected", "saw coming": no subject, no clause
    return finite_ahead(view, index)


def _phrase_goes_on(view: SentenceView, j: int, *, started: bool, pointing: bool) -> bool:
    """A stop word at token `j` that does not end a noun phrase: after an adjective taking a
    complement or as "with knowledge" once the phrase has begun ("people familiar with the
    operation", "a person with knowledge of the matter"), or, where `pointing`, a pointing
    determiner after a preposition ("officials in that state")."""
    vocabulary = view.vocabulary
    norm = view.norms[j]
    if started and (
        view.norm(j - 1) in vocabulary.phrase_adjectives
        or (norm == "with" and view.norm(j + 1) in {"knowledge", "direct"})
    ):
        return True
    return pointing and norm in _POINTERS and view.norm(j - 1) in vocabulary.prepositions


def np_left(view: SentenceView, end: int) -> int | None:
    """Start of the phrase ending at token `end` (inclusive), None when there is none."""
    vocabulary = view.vocabulary
    start: int | None = None
    words = 0
    j = end
    while j >= 0:
        token = view.tokens[j]
        norm = view.norms[j]
        if token.kind in {"word", "num"}:
            if norm == "'s" and start is not None and j > 0 and view.word(j - 1):
                start = j  # a possessive: "Mrs. Clinton's confidants"
                j -= 1
                continue
            name_like = token.is_title and not view.sentence_initial(j)
            goes_on = _phrase_goes_on(view, j, started=start is not None, pointing=True)
            if norm in vocabulary.np_stops and not name_like and not goes_on:
                break
            adjectival = (  # "Yemen's internationally recognised government"
                j >= 2
                and start is not None
                and norm.endswith("ed")
                and vocabulary.adverb(view.norms[j - 1])
                and (view.norms[j - 2] == "'s" or view.norms[j - 2] in determiners())
            )
            if (is_verbish(view, j) and not adjectival) or view.quoted[j]:
                break
            if norm in _SUBJECT_PRONOUNS and j != end:
                if view.norm(j + 1) == "and":
                    start = j  # "he and others": the pronoun opens the phrase
                break
            if norm in _SUBJECT_PRONOUNS and view.norm(j - 1) not in {"and", "or"}:
                return j  # "said on Monday she would": the pronoun alone, not "Monday she"
            if norm in vocabulary.np_inner and j == end and not token.is_title:
                break  # (a capitalised "De" ends a name: "Sabyasachi De")
            if (
                norm in {"and", "&"}
                and not (view.titles[j - 1] if j > 0 else False)
                and view.norm(j - 1) not in _SUBJECT_PRONOUNS
                and not _coordinated_sources(view, j, end)
            ):
                break  # "Russia and China" is one phrase; "aggression and officials" is not
            start = j
            words += 1
            if words > MAX_PHRASE:
                return None
        elif (token.text == "." and j > 0 and _abbreviation(view, j - 1)) or (
            token.text in _JOINING and start is not None
        ):
            start = j
        elif plural_possessive(view, j) and start is not None:
            start = j  # "the Philippines' Department of Migrant Workers"
        else:
            break
        j -= 1
    if start is None:
        return None
    while start <= end and (
        (view.norms[start] in vocabulary.np_inner and not _particle_name(view, start, end))
        or not view.word(start)
        or (view.norms[start] in vocabulary.openers and view.sentence_initial(start))
    ):
        start += 1
    return start if start <= end else None


def _coordinated_sources(view: SentenceView, joint: int, end: int) -> bool:
    """ "…, officials and witnesses said", "…, religious and community leaders have said":
    two unnamed sources joined right after a comma, the phrase ending in a role noun."""
    vocabulary = view.vocabulary
    if joint < 2 or not vocabulary.role_noun(view.norms[end]):
        return False
    left = view.norms[joint - 1]
    if not view.word(joint - 1) or view.titles[joint - 1]:
        return False
    before = view.norm(joint - 2)
    opens = before in {",", "but", "and", "while", "as"} or view.sentence_initial(joint - 1)
    return opens and (vocabulary.role_noun(left) or left.isalpha())


def _particle_name(view: SentenceView, start: int, end: int) -> bool:
    """A capitalised particle opening a surname: "Le Pen", "Van Hollen", "De Blasio"."""
    return (
        start < end
        and view.tokens[start].is_title
        and view.norms[start] in _NAME_PARTICLES
        and view.tokens[start + 1].is_title
    )


def np_right(view: SentenceView, first: int, limit: int | None = None) -> int | None:
    """End (inclusive) of the phrase starting at token `first`: to a comma, a stop word,
    a verb or the end; None when no phrase starts there."""
    vocabulary = view.vocabulary
    limit = view.n if limit is None else limit
    end: int | None = None
    words = 0
    j = first
    while j < limit:
        token = view.tokens[j]
        norm = view.norms[j]
        if token.kind in {"word", "num"}:
            if norm == "'s" and end is not None and view.word(j + 1):
                end = j  # a possessive: "Peru's Catholic bishops"
                j += 1
                continue
            goes_on = _phrase_goes_on(view, j, started=end is not None, pointing=j > first)
            if norm in vocabulary.np_stops and not (token.is_title and j > first) and not goes_on:
                break
            if is_verbish(view, j) or (norm in _SUBJECT_PRONOUNS and j > first):
                break
            if view.timed[j] and j > first:
                break
            if j > first and vocabulary.adverb(norm) and not token.is_title:
                break  # "angry protesters quickly descended": the adverb ends the phrase
            end = j
            words += 1
            if words > MAX_PHRASE:
                return None
        elif (
            (token.text == "." and _abbreviation(view, j - 1) and j + 1 < limit)
            or (token.text in _JOINING and end is not None and not _spaced(view, j))
            or (plural_possessive(view, j) and end is not None and j + 1 < limit)
        ):
            end = j
        else:
            break
        j += 1
    while (
        end is not None
        and end >= first
        and (
            (view.norms[end] in vocabulary.np_inner and not view.tokens[end].is_title)
            or not view.word(end)
        )
    ):
        end -= 1
    return end if end is not None and end >= first else None


def name_like(view: SentenceView, index: int) -> bool:
    """A capitalised word, or a name written with a lower-case particle ("al-Houthi",
    "bin")."""
    if view.title_case(index):
        return True
    if not view.word(index):
        return False
    norm = view.norms[index]
    head, dash, _rest = norm.partition("-")
    return (
        bool(dash)
        and head in _NAME_PARTICLES
        and view.tokens[index].text[len(head) + 1 :][:1].isupper()
    )


def _spaced(view: SentenceView, index: int) -> bool:
    """A mark with spaces either side (" - " is a dash, not "Smith-Jones")."""
    tokens = view.tokens
    return (
        0 < index < view.n - 1
        and tokens[index - 1].end < tokens[index].start
        and tokens[index].end < tokens[index + 1].start
    )


def plural_possessive(view: SentenceView, index: int) -> bool:
    """The apostrophe of "the Philippines'" or "Workers' Federation" (not a quote mark)."""
    token = view.tokens[index]
    return (
        token.text in {"'", "’"}
        and view.word(index - 1)
        and view.norms[index - 1].endswith("s")
        and view.word(index + 1)
        and not view.quoted[index + 1]
    )


def _abbreviation(view: SentenceView, index: int) -> bool:
    """A title, rank or initial written with a period ("Sen.", "Gen.", "G.")."""
    if not view.word(index) or not view.title_case(index):
        return False
    text = view.tokens[index].text
    return len(text) == 1 or view.norms[index] in view.vocabulary.titles


def skip_adjuncts(view: SentenceView, index: int, *, commas: bool = False) -> int:
    """Past adverbs, time expressions and where-it-was-said phrases after a cue ("said on
    Tuesday in a statement to reporters")."""
    vocabulary = view.vocabulary
    n = view.n
    j = index
    while j < n:
        norm = view.norms[j]
        if view.timed[j] or (
            (norm in _PP_HEADS or norm in _TIME_MODIFIERS)
            and j + 1 < n
            and (
                view.timed[j + 1]
                or (
                    norm in _TIME_MODIFIERS
                    and view.norm(j + 1) in _PP_HEADS
                    and j + 2 < n
                    and view.timed[j + 2]
                )
            )
        ):
            j += 1  # "on Tuesday", "late on Wednesday"
            continue
        if (
            view.word(j)
            and not view.title_case(j)
            and (
                (
                    norm in vocabulary.between
                    and norm not in _NOT_ADVERBS
                    and not norm.endswith(("ed", "es"))
                )
                or view.vocabulary.adverb(norm)
            )
        ):
            j += 1
            continue
        if commas and norm == "," and j + 1 < n and _adjunct_at(view, j + 1) > j + 1:
            j += 1
            continue
        after = _adjunct_at(view, j)
        if after > j:
            j = after
            continue
        break
    return j


def _adjunct_at(view: SentenceView, index: int) -> int:
    """The end (exclusive) of a "where it was said" phrase starting at `index` ("in a
    statement", "in an interview with Radio X", "on social media", "to reporters"), else
    `index`."""
    vocabulary = view.vocabulary
    n = view.n
    norm = view.norm(index)
    if norm not in _PP_HEADS or view.quoted[index]:
        return index
    j = index + 1
    if norm == "to":
        listener = vocabulary.listeners.match(view.norms, j) if j < n else 0
        if listener:
            return j + listener
        if view.title_case(j):
            return _name_end(view, j)
        if view.norm(j) in _OBJECT_PRONOUNS:
            return j + 1
        return index
    dets = determiners()
    while j < n and (view.norm(j) in dets or view.norm(j) in _POSSESSIVES):
        j += 1
    # adjectives and names before the medium ("a televised address", "a CNN interview")
    for _ in range(4):
        if j >= n or vocabulary.media.match(view.norms, j):
            break
        if not view.word(j) or view.norm(j) in vocabulary.np_stops:
            return index
        j += 1
    if j >= n:
        return index
    length = vocabulary.media.match(view.norms, j)
    if not length:
        return index
    while length:  # "a video message", "a news conference call"
        j += length
        length = vocabulary.media.match(view.norms, j) if j < n else 0
    # "… with CNN", "… to the nation", "… on Fox News Sunday"
    if j < n and view.norm(j) in _PP_TAILS and j + 1 < n:
        k = j + 1
        while k < n and (view.norm(k) in dets or view.norm(k) in _POSSESSIVES):
            k += 1
        if k < n and (view.title_case(k) or vocabulary.listeners.match(view.norms, k)):
            end = _name_end(view, k)
            if view.title_case(k):
                return end
            return k + vocabulary.listeners.match(view.norms, k)
    return j


def _name_end(view: SentenceView, index: int) -> int:
    """End (exclusive) of the capitalised run starting at `index`."""
    j = index
    n = view.n
    while j < n and (
        view.title_case(j)
        or (view.punct(j, ".") and _abbreviation(view, j - 1))
        or (view.norm(j) in {"of", "the", "&"} and j + 1 < n and view.title_case(j + 1))
    ):
        j += 1
    return j


def name_run(view: SentenceView, first: int, last: int) -> tuple[int, int] | None:
    """The last run of capitalised words in tokens first..last, titles left out: "Gov. Mike
    Pence" → "Mike Pence"; None when there is none."""
    titles = view.vocabulary.titles
    j = last
    while j >= first and not view.title_case(j):
        j -= 1
    if j < first:
        return None
    end = j
    while j >= first and (
        name_like(view, j)
        or (view.punct(j, ".") and j > first and _abbreviation(view, j - 1))
        or view.punct(j, "-")
        or (view.norms[j] in _NAME_PARTICLES and j > first and view.title_case(j - 1))
    ):
        j -= 1
    start = j + 1
    # titles at the front are roles, not name ("President", "Sen.", "Republican nominee")
    while start <= end:
        length = titles.match(view.norms, start)
        if length and start + length <= end:
            start += length
            while start <= end and view.punct(start, "."):
                start += 1
            continue
        break
    while (
        start <= end
        and view.sentence_initial(start)
        and (
            view.norms[start] in view.vocabulary.openers
            or view.norms[start] in determiners()
            or view.norms[start] in view.vocabulary.np_stops
            or view.norms[start] in {"one", "another", "two", "three"}
        )
    ):
        start += 1
    while start < end and view.timed[start]:
        start += 1  # "On Monday Noboa declared …": the day is no part of the name
    # a role among the capitalised words: "Inspector-General of Police Japhet Koome",
    # "National Assembly Speaker Woo Won-shik" name the person after it
    roles = view.vocabulary.roles
    for j in range(end - 1, start - 1, -1):
        if (view.norms[j] in roles or view.norms[j] in view.vocabulary.person_roles) and (
            end - j >= 2 and all(view.title_case(k) for k in range(j + 1, end + 1))
        ):
            start = j + 1
            break
    if start > end:
        return None
    return start, end


def listener_end(view: SentenceView, index: int) -> int:
    """Past the listener of "told", "urged", "warned" ("told reporters", "urged the Senate"),
    when a reported clause, a quote or "to" + verb follows it; else `index`."""
    n = view.n
    if index >= n:
        return index
    if view.norm(index) in _OBJECT_PRONOUNS:
        return index + 1
    length = view.vocabulary.listeners.match(view.norms, index)
    if length:
        return index + length
    end = np_right(view, index)
    if end is None or end - index > 6:
        return index
    after = end + 1
    if after < n and (
        view.norm(after) in {"that", "to", ":", ",", "of", "about", "against"}
        or view.norm(after) in _WH
        or view.quote_mark(after)
    ):
        return after
    return _named_listener_end(view, index)


def _named_listener_end(view: SentenceView, index: int) -> int:
    """Past a named listener followed by the reported clause ("told the BBC the capture was
    …", "told Al Jazeera the talks had failed"); `index` when there is none."""
    k = index + 1 if view.norm(index) == "the" else index
    start = k
    while k < view.n and view.title_case(k):
        k += 1
    if k == start or k >= view.n:
        return index
    follows = view.norm(k)
    return k if follows in determiners() or follows in _SUBJECT_PRONOUNS else index


def is_dash(view: SentenceView, index: int) -> bool:
    return 0 <= index < view.n and view.tokens[index].text in _DASHES


POSSESSIVES = _POSSESSIVES
SUBJECT_PRONOUNS = _SUBJECT_PRONOUNS


NAME_PARTICLES = _NAME_PARTICLES
