"""The console adapter: commands from standard input, cards to standard output."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.app import BotCore
from bot.console.render import render_text

PROMPT = "briefbot> "


def serve_console(core: BotCore, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Answer one command per line until end of input (or `quit`); a prompt on a terminal."""
    interactive = stdin.isatty()
    if interactive:
        stdout.write("briefbot console — type /help, or quit to leave.\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower() in {"quit", "exit", "/quit", "/exit"}:
            break
        stdout.write(render_text(core.ask(line, admin=True)) + "\n\n")  # local operator
        stdout.flush()
    return 0
