"""Reading article files: size limit, encoding, binary detection and newline normalisation.

Everything a user can hand us goes through here first, so every failure is an `InputError`
with a short message naming the file — never a `UnicodeDecodeError` or a traceback.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from briefings.errors import InputError

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})

# Magic numbers of common binary formats people save by mistake instead of the article text.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "an image"),
    (b"GIF8", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"PK\x03\x04", "an archive or office document"),
    (b"\x1f\x8b", "a compressed file"),
    (b"\x7fELF", "a program"),
)

# C0 controls except tab and newline, DEL, and C1 controls (what binary decoded as Latin-1 is
# full of). Carriage returns are turned into newlines before this is applied.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible characters that only get in the way of matching: BOM, zero-width space, word
# joiner, soft hyphen.
# What binary data is full of and text is not (tab, newline, carriage return, form feed and
# vertical tab are left out: text files do contain them).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u2060\u00ad]")
# Bidirectional embeddings, overrides and isolates: in article text they only serve to make a
# sentence display in another order than it reads (and so quote differently from what it says).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Terminal escape sequences (colours, cursor moves, window titles) in text copied from a
# terminal: removed whole, so that no "[31m" is left once the escape character is dropped.
_TERMINAL = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]{0,200}(?:\x07|\x1b\\)|[@-Z\\-_])"
)
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_MAX_CONTROL_RATIO = 0.01


def normalise_text(text: str) -> str:
    """One newline convention, no control characters, no invisible or non-breaking spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n").replace("\x0b", "\n")
    text = text.replace("\x0c", "\n")
    if "\x1b" in text:
        text = _TERMINAL.sub("", text)
    text = _CONTROL.sub("", text)
    text = _BIDI.sub("", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", text)


def _binary_error(label: str, kind: str = "a binary file") -> InputError:
    return InputError(f"{label} looks like {kind}, not text")


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (one Latin-1 "é" pasted into a UTF-8 file), decoded with
    those bytes as "\ufffd", when its valid non-ASCII characters outnumber them; read as
    Windows-1252 instead, every correct "ü" of such a file would become "Ã¼"."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for char in text if char > "\x7f" and char != "\ufffd")
    return text if valid > bad else None


def _eight_bit(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_bytes(data: bytes, label: str = "the file") -> str:
    """Decode UTF-8 (with or without BOM, a few bad bytes allowed) or UTF-16 with BOM, else
    Windows-1252/Latin-1.

    The 8-bit fallback is used only when the result reads as text: binary input decodes
    "successfully" as Latin-1, so a share of control characters above 1 % means binary.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise _binary_error(label, kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _binary_error(label) from None
    elif b"\x00" in data:
        raise _binary_error(label)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _damaged_utf8(data) or _eight_bit(data)
    if text:
        controls = len(_BINARY_CONTROL.findall(text))
        if controls > 2 and controls / len(text) > _MAX_CONTROL_RATIO:
            raise _binary_error(label)
    return text


def read_text_file(path: Path, *, max_bytes: int = 5_000_000) -> str:
    """The text of one article file, decoded and normalised; `InputError` when unusable."""
    return normalise_text(read_source_text(path, max_bytes=max_bytes))


def read_source_text(path: Path, *, max_bytes: int = 5_000_000) -> str:
    """The text of one article file exactly as decoded, before any normalisation: what
    character offsets reported to the user refer to. `InputError` when unusable."""
    label = path.name or str(path)
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a text file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{label} is too large ({size:,} bytes; the limit is {max_bytes:,})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except PermissionError:
        raise InputError(f"cannot read {label}: permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read {label}: {error.strerror or 'read error'}") from None
    if len(data) > max_bytes:
        raise InputError(f"{label} is too large (over {max_bytes:,} bytes)")
    if not data.strip():
        raise InputError(f"{label} is empty")
    text = decode_bytes(data, label)
    if not normalise_text(text).strip():
        raise InputError(f"{label} is empty")
    return text


def iter_article_files(paths: list[Path]) -> list[Path]:
    """Files as given, plus the article files (.txt, .md, .html) found under directories.

    Directories are walked recursively in sorted order, skipping hidden files and folders;
    a path that does not exist is an `InputError`. Each file is listed once.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if candidate.is_file() and candidate.suffix.lower() in ARTICLE_SUFFIXES:
                    add(candidate)
        elif path.is_file():
            add(path)
        elif path.exists():
            raise InputError(f"{path} is not a regular file")
        else:
            raise InputError(f"no such file or directory: {path}")
    return found
