"""A claim as one line of English for a card: "Pashinyan criticized Russia for failing to
alert his government" (the verb keeps its object), "Analysts say the deal is fragile",
'Jane Doe said: "It was a hard day"', "According to the health ministry, 40 were killed".

The words come from the article: the predicate as written when the reported clause follows
the cue in its sentence, else the cue's past form before the quoted words.
"""

from __future__ import annotations

from briefings.extract.claims.cues import COLON, EVIDENCE, NOUN, SOURCE, Cue
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary


def claim_line(
    view: SentenceView,
    cue: Cue,
    speaker: str,
    explicit: bool,
    content: str,
    right: tuple[int, int] | None,
) -> str:
    """The line for a claim by `speaker` (its display name). `right` is the content's token
    span when it follows the cue in this sentence as one run."""
    who = speaker[:1].upper() + speaker[1:]
    if cue.kind in (SOURCE, EVIDENCE):
        return f"According to {speaker}, {_lower_start(content)}"
    if cue.kind == COLON:
        return f"{who}: “{content}”"
    verb = _verb(view, cue, explicit)
    if cue.kind == NOUN:
        joiner = view.norm(cue.last + 1)
        joiner = f" {joiner}" if joiner in {"that", "to"} else ""
        return f"{who} {verb}{joiner} {content}"
    if right is not None:
        text = view.text
        start = view.tokens[cue.last].end
        end = view.tokens[right[1]].end
        return _balanced(f"{who} {verb}{text[start:end]}")
    if not content:
        return f"{who} {verb}:"  # what was said follows in the next sentence
    return f"{who} {verb}: “{content}”"


def _balanced(line: str) -> str:
    """Close a quotation the content's end cut off ('added that “we will …' gets its ”)."""
    if line.count("“") > line.count("”"):
        return line + "”"
    if line.count('"') % 2:
        return line + '"'
    return line


def _verb(view: SentenceView, cue: Cue, explicit: bool) -> str:
    """The cue as written when it reads as a finite verb of the speaker as written ("say",
    "criticized"); its past form otherwise ("saying" → "said", "they say" resolved to a
    name → "said")."""
    written = cue.text(view)
    if cue.kind == NOUN:
        return verb_for_noun(view.vocabulary, view.norms[cue.first])
    finite = not written.lower().endswith("ing")
    return written if explicit and finite else cue.label


def verb_for_noun(vocabulary: AttributionVocabulary, noun: str) -> str:
    """ "claim" → "claimed", "call" → "called for": the verb a nominal cue stands for."""
    entry = vocabulary.nouns.get(noun)
    return entry.verb if entry is not None else "said"


def _lower_start(text: str) -> str:
    """ "According to X, the army …" keeps a name's capital but not a sentence's."""
    if (
        len(text) > 1
        and text[0].isupper()
        and text[1].islower()
        and text.split()[0].lower()
        in {
            "the",
            "a",
            "an",
            "it",
            "there",
            "this",
            "these",
            "those",
            "some",
            "many",
            "most",
        }
    ):
        return text[0].lower() + text[1:]
    return text
