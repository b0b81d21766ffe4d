"""The schedule beside the console: digests of `console` subscriptions print between answers.

The console reads standard input on the main thread, so the schedule gets an event loop of its
own in a daemon thread; stopping it cancels the service, which shuts the scheduler down and
releases the leader lock.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Iterator

from bot.app import BotCore

STOP_TIMEOUT = 5.0


@contextlib.contextmanager
def background_schedule(core: BotCore) -> Iterator[None]:
    from bot.runtime import schedule_service

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="briefbot-schedule", daemon=True)
    thread.start()
    service = schedule_service(core, core.settings, console=True)
    stop = asyncio.Event()

    async def supervise() -> None:
        task = asyncio.create_task(service.run())
        await stop.wait()
        task.cancel()  # the service's own clean-up runs before this returns
        await asyncio.gather(task, return_exceptions=True)

    running = asyncio.run_coroutine_threadsafe(supervise(), loop)
    try:
        yield
    finally:
        loop.call_soon_threadsafe(stop.set)
        with contextlib.suppress(concurrent.futures.TimeoutError, Exception):
            running.result(timeout=STOP_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=STOP_TIMEOUT)
