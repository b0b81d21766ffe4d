"""The registry's surface forms as a dictionary of token sequences keyed by the first token.

A sentence is read token by token: a token whose key starts no form costs one dictionary
miss; where forms start, the longest one whose tokens follow (and whose case fits) wins.
Hand-written forms match as written ("Turkey", never "turkey"); forms generated from public
dictionaries need their words capitalised ("Greenpeace", "GREENPEACE"), and their short
acronyms in capitals ("WIZO", never "Wizo"). A hyphenated word that is no form itself is
read part by part ("Russian-brokered", "Azerbaijani-Armenian").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefings.extract._lexicon import fold
from briefings.extract.actors.data import Surface
from briefings.extract.actors.phrases import fold_key, phrase_tokens
from briefings.extract.analysis import Token

# (char start, char end, token start, token end, surface index)
Hit = tuple[int, int, int, int, int]

_SMALL = frozenset(
    {
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
        "'s",
        "s",
    }
)


def _cased(text: str) -> str:
    """A token's text for the exact-case check: accents folded, apostrophes straight."""
    return (text if text.isascii() else fold(text)).replace("’", "'")


def _acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


class Gazetteer:
    """Surface forms indexed by their first token's key, longest first."""

    def __init__(self, surfaces: Sequence[Surface]) -> None:
        # a trie over token keys: node = {key: child node, "": [surface numbers ending here]}
        root: dict[str, Any] = {}
        self._texts: list[tuple[str, ...]] = []
        seen: set[tuple[str, ...]] = set()  # first owner wins: exact texts, or any-case keys
        for number, surface in enumerate(surfaces):
            tokens = phrase_tokens(surface.form)
            texts = tuple(_cased(token.text) for token in tokens)
            self._texts.append(texts)
            keys = tuple(fold_key(token.norm) for token in tokens)
            claim = texts if surface.exact else ("\0", *keys)
            if not keys or claim in seen:
                continue
            seen.add(claim)
            node = root
            for key in keys:
                node = node.setdefault(key, {})
            node.setdefault("", []).append(number)
        self._root = root
        self._exact = [surface.exact for surface in surfaces]

    def _fits(self, number: int, tokens: Sequence[Token], start: int) -> bool:
        """Whether the text's case fits the form's (see the module docstring)."""
        texts = self._texts[number]
        if self._exact[number]:
            first = _cased(tokens[start].text)
            if first != texts[0]:
                return False
            loose = _acronym(first) and len(texts) > 1  # "UN security council"
            for offset in range(1, len(texts)):
                text = _cased(tokens[start + offset].text)
                if text != texts[offset] and not (loose and text.lower() == texts[offset].lower()):
                    return False
            return True
        if len(texts) == 1 and _acronym(texts[0]) and len(texts[0]) <= 5:
            return tokens[start].text.replace(".", "").isupper()
        for offset, form in enumerate(texts):
            if form.lower() in _SMALL:
                continue
            first = tokens[start + offset].text[:1]
            if first.isalpha() and not first.isupper():
                return False
        return True

    def scan(self, tokens: Sequence[Token], keys: Sequence[str], text: str = "-") -> list[Hit]:
        """Leftmost-longest, non-overlapping hits of the forms in a tokenised sentence.
        Only the tokens that start some form (or hold a hyphen) are visited; `text`, the
        sentence, tells cheaply whether any token does."""
        root = self._root
        starts = [at for at, key in enumerate(keys) if key and key in root]
        if "-" in text:  # hyphenated words are read part by part
            starts = sorted({*starts, *(at for at, key in enumerate(keys) if "-" in key)})
        if not starts:
            return []
        hits: list[Hit] = []
        count = len(tokens)
        covered = 0
        for at in starts:
            if at < covered:
                continue
            node = root.get(keys[at])
            ends: list[tuple[int, list[int]]] = []
            probe = at + 1
            while node is not None:
                if "" in node:
                    ends.append((probe, node[""]))
                if probe >= count:
                    break
                node = node.get(keys[probe]) if keys[probe] else None  # "" marks form ends
                probe += 1
            found = -1
            end = at
            for stop, numbers in reversed(ends):  # longest first
                found = next((n for n in numbers if self._fits(n, tokens, at)), -1)
                if found >= 0:
                    end = stop
                    break
            if found >= 0:
                hits.append((tokens[at].start, tokens[end - 1].end, at, end, found))
                covered = end
                continue
            token = tokens[at]
            if "-" in token.text and token.kind == "word":
                hits.extend(self._parts(token, at))
        return hits

    def _parts(self, token: Token, at: int) -> list[Hit]:
        """One-word forms inside a hyphenated word ("Russian" in "Russian-brokered")."""
        found: list[Hit] = []
        offset = token.start
        for part in token.text.split("-"):
            key = fold_key(part.lower().replace("’", "'"))
            node = self._root.get(key) if key else None
            for number in node.get("", ()) if node else ():
                texts = self._texts[number]
                exact = self._exact[number]
                if (exact and _cased(part) == texts[0]) or (not exact and part[:1].isupper()):
                    found.append((offset, offset + len(part), at, at + 1, number))
                    break
            offset += len(part) + 1
        return found
