"""Saved web pages to plain text with the standard library's `html.parser`.

Deliberately simple: block elements become paragraph breaks, page chrome (script, style,
nav, footer, aside, forms) is dropped, figure captions are marked so that the cleaner keeps
them apart from the body, and the few `<meta>` tags that name the author, the site and the
publication time become plain lines the cleaner already knows how to read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset(
    [
        "script",
        "style",
        "nav",
        "footer",
        "aside",
        "noscript",
        "template",
        "svg",
        "form",
        "button",
        "iframe",
        "head",
        "select",
        "canvas",
        "object",
        "dialog",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "figure",
        "figcaption",
        "tr",
        "table",
        "dd",
        "dt",
        "dl",
        "pre",
        "hr",
        "address",
        "caption",
        "body",
        "html",
        "summary",
        "details",
    ]
)
_TAG = re.compile(r"<(?:!doctype|html|head|body|p|div|article|h[1-6]|br|span|a|section)\b", re.I)
_WHITESPACE = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    """True for a document that starts with a tag and contains common HTML elements."""
    return text.lstrip().startswith("<") and _TAG.search(text, 0, 5000) is not None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.head_lines: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.saw_h1 = False

    def _break(self) -> None:
        self.parts.append("\n\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self._break()
            if tag == "h1":
                self.saw_h1 = True
            elif tag == "figcaption":
                self.parts.append("Caption: ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif not self.skip_depth and tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if not self.skip_depth:
            self.parts.append(_WHITESPACE.sub(" ", data))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        content = _WHITESPACE.sub(" ", attrs.get("content") or "").strip()
        if not content:
            return
        if key in {"author", "article:author"} and not content.startswith("http"):
            self.head_lines.append(f"By {content}")
        elif key == "og:site_name":
            self.head_lines.append(f"Source: {content}")
        elif key in {"article:published_time", "datepublished", "date", "pubdate"}:
            match = re.match(r"\d{4}-\d{2}-\d{2}", content)
            if match:
                self.head_lines.append(f"Published {match.group()}")


def html_to_text(markup: str) -> str:
    """Paragraphs of visible text, separated by blank lines."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = [line.strip() for line in "".join(collector.parts).split("\n")]
    blocks: list[str] = []
    for line in lines:
        if line:
            blocks.append(line)
        elif blocks and blocks[-1]:
            blocks.append("")
    head = list(collector.head_lines)
    title = _WHITESPACE.sub(" ", collector.title).split(" | ")[0].strip()  # "Headline | Site"
    if title and not collector.saw_h1:
        head.insert(0, title)
    return "\n\n".join([*head, "\n".join(blocks).strip()]).strip()
