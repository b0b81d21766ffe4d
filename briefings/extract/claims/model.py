"""What the claim finder hands the pipeline: who (resolved), by which cue, said what, and where
each part is in the article."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.models import Actor, Stance


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the actor, the phrase as written, the role it was named with
    ("Kremlin spokesman") and the state or body it speaks for, when that is another actor."""

    actor: Actor
    text: str
    role: str | None = None
    speaks_for: str | None = None
    explicit: bool = True  # False: a pronoun or a definite description resolved backwards
    display: str | None = None  # how a line names it, when not by the actor's name


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    """One attribution. `content_*` and `cue_*` are article offsets (the content of a quote
    that runs over several sentences reaches beyond the cue's sentence); `start`/`end` span
    the claim inside its sentence (sentence offsets), for the figures and events that share
    the sentence."""

    speaker: Actor
    speaker_text: str
    speaker_role: str | None
    speaks_for: str | None
    stance: Stance
    verb: str  # the cue as written ("said", "according to")
    label: str  # the cue as a card line reads it ("said", "criticised")
    cue_start: int
    cue_end: int
    content: str
    content_start: int
    content_end: int
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...] = ()  # article spans of the content, when not one
    line: str = ""  # the claim as a card line reads it
