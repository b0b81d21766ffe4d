"""Where Slack answers are worked out: away from the event loop, a few at a time, none dropped.

The event loop that accepts Slack's requests must stay free to acknowledge them (Slack gives
up after 3 s, and a slow ack looks like an outage). So a listener only acks and hands the
answer over here: the blocking part (the core's query and the rendering) runs in a small
pool, and the rest (posting to the `response_url`) in a task this object keeps alive until
it is done. Requests beyond the pool wait in its queue, in order.

The pool is made of processes forked from this one when it starts (`start`, called before
the process starts any thread), not of threads: command work is CPU-bound Python, and a
thread doing it holds the interpreter lock the event loop needs for every request it
accepts, so under load acks would wait for answers. Forked workers share the core's code,
data files and registry as they were at start (copy on write), open their own database
connections, and send back the card, its rendering, the settings topics the command changed
(the listeners run here, where they live) and the time it took (for the metrics here).
Where forking is impossible (an in-memory database, which a child would see as a copy; a
platform without fork) or once the pool broke (a worker killed), answers run in threads of
this process instead: slower acks under load, never a lost answer.

On shutdown `drain` lets the answers already accepted finish (every acked request gets its
answer), within a limit, then closes the pool and the HTTP session the answers share.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.app import BotCore
from briefings.cards import Card
from briefings.commands.registry import ChatPlace

log = logging.getLogger("briefbot.slack")

Message = dict[str, Any]
Renderer = Callable[[Card], list[Message]]

DEFAULT_WORKERS = 2
DRAIN_SECONDS = 20.0
WORKER_NICENESS = 5  # the loop weighs 3 workers (CFS weights 1024 vs 335)
RESPONSE_TIMEOUT_SECONDS = 30.0  # slack_sdk's own default for a webhook post


@dataclass(frozen=True)
class Answer:
    """What a worker sends back: the card, its messages, and what the parent must replay."""

    card: Card
    messages: list[Message]
    topics: tuple[str, ...] = ()
    seconds: float | None = None  # None: already observed (the work ran in this process)


# The core a forked worker answers with: set just before forking, inherited by the children.
_CHILD_CORE: BotCore | None = None


def _child_started() -> None:
    """In a fresh worker: shutdown is the parent's business (a Ctrl-C reaches the whole
    process group; the parent's loop's signal wake-up socket must not hear the child's
    signals), and the parent's database connections are not ours to use."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)  # the parent's acks first, when the cores are busy
    if _CHILD_CORE is not None:
        _CHILD_CORE.db.engine.dispose(close=False)


def _warm() -> None:
    """A no-op whose submission forks the workers."""


def _answer_in_child(line: str, admin: bool, place: ChatPlace | None, render: Renderer) -> Answer:
    core = _CHILD_CORE
    if core is None:
        raise RuntimeError("answer worker without a core")
    topics: list[str] = []
    core.listeners = [topics.append]  # one command at a time per worker
    started = time.perf_counter()
    card = core.commands.run(line, core.context(place), admin=admin)
    seconds = time.perf_counter() - started
    return Answer(card, render(card), tuple(topics), seconds)


def _answer_here(
    core: BotCore, line: str, admin: bool, place: ChatPlace | None, render: Renderer
) -> Answer:
    card = core.ask(line, admin=admin, place=place)  # listeners and metrics in place
    return Answer(card, render(card))


def can_fork(core: BotCore) -> bool:
    """Whether forked workers would see the same data as this process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    url = core.db.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


class AnswerWork:
    """A bounded pool for the blocking part of answers, plus the answer tasks in flight."""

    def __init__(self, core: BotCore, workers: int = DEFAULT_WORKERS, *, processes: bool = True):
        self.core = core
        self.workers = workers
        self.processes = processes and can_fork(core)
        self._executor: Executor | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    @property
    def pending(self) -> int:
        """Answers accepted and not yet sent (or given up on)."""
        return len(self._tasks)

    def start(self) -> None:
        """Fork the workers now (before this process starts threads: a child inherits only
        the forking thread, and a lock another thread held would stay locked in it)."""
        if self._executor is not None:
            return
        if not self.processes:
            self._executor = self._threads()
            return
        global _CHILD_CORE
        _CHILD_CORE = self.core
        self.core.db.dispose()  # no open connection crosses the fork; this process reopens
        gc.freeze()  # start-up objects stay shared with the children (copy on write)
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_child_started,
        )
        pool.submit(_warm)  # forks every worker, here and now
        self._executor = pool

    def _threads(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="briefbot-answer")

    async def answer(
        self, line: str, *, admin: bool, place: ChatPlace | None, render: Renderer
    ) -> tuple[Card, list[Message]]:
        """The card for `line` and its rendering, worked out in the pool."""
        self.start()
        assert self._executor is not None
        loop = asyncio.get_running_loop()
        if isinstance(self._executor, ProcessPoolExecutor):
            call = functools.partial(_answer_in_child, line, admin, place, render)
            try:
                result = await loop.run_in_executor(self._executor, call)
            except BrokenProcessPool:
                log.error("the answer workers stopped; answering in threads from now on")
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._threads()
                return await self.answer(line, admin=admin, place=place, render=render)
            self._replay(line, place, result)
        else:
            here = functools.partial(_answer_here, self.core, line, admin, place, render)
            result = await loop.run_in_executor(self._executor, here)
        return result.card, result.messages

    def _replay(self, line: str, place: ChatPlace | None, result: Answer) -> None:
        """What the worker could not do here: the metrics and the change listeners."""
        if result.seconds is not None:
            self.core.observe(line, place, result.card, result.seconds)
        for topic in result.topics:
            self.core.notify_changed(topic)

    def session(self) -> aiohttp.ClientSession:
        """One HTTP session for every answer posted to a `response_url`: its connections to
        Slack stay open between answers (cheaper for the event loop than one per post)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=RESPONSE_TIMEOUT_SECONDS)
            )
        return self._session

    def spawn(self, answer: Coroutine[Any, Any, None], name: str = "slack-answer") -> None:
        """Run `answer` in the background, holding a reference so it is never collected
        half-way (the loop keeps only weak references to tasks)."""
        task = asyncio.get_running_loop().create_task(answer, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # the answer coroutines catch their own failures; this is a last resort
            log.error("Slack answer failed", exc_info=task.exception())

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Wait for the answers in flight (at most `timeout` seconds), then stop the pool."""
        if self._tasks:
            log.info("waiting for %d Slack answer(s) before stopping", len(self._tasks))
            _, late = await asyncio.wait(set(self._tasks), timeout=timeout)
            if late:
                log.warning("%d Slack answer(s) unfinished at shutdown", len(late))
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        if self._session is not None:
            await self._session.close()
            self._session = None
