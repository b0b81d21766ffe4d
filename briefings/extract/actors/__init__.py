"""Actors: a registry kept as data and a finder that reads the shared sentence analysis.

`ActorRegistry.find_in(analysis, memory)` reports, for one sentence, every mention of a known
actor — by name, alias, demonym ("Azerbaijani"), metonym ("the Kremlin", "Baku") or
institution ("Armenia's Foreign Ministry") — plus people and organisations in no dictionary
that the writing introduces ("Armen Grigoryan, the secretary of Armenia's Security Council,
said", "the National Elections Commission (CNE)"). News outlets are matched too, so that
"Russia Today" never yields Russia, but they are never actors.

Modules, one job each: `data` reads the data files, `phrases` and `gazetteer` match token
sequences, `compiled` and `cache` compile once and keep it on disk, `context`, `institutions`,
`credits`, `people` and `bodies` are the rules, `memory` is what an article has introduced,
`finder` weighs it all for a sentence, `registry` is the public face.
"""

from briefings.extract.actors.memory import ArticleMemory, lone_capitalised
from briefings.extract.actors.model import ActorMention, OutletMention, Via
from briefings.extract.actors.registry import DEFAULT_PATH, ActorRegistry, default_registry

__all__ = [
    "DEFAULT_PATH",
    "ActorMention",
    "ActorRegistry",
    "ArticleMemory",
    "OutletMention",
    "Via",
    "default_registry",
    "lone_capitalised",
]
