"""Shared fixtures: real databases (SQLite always, PostgreSQL when configured) and a seeded core."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route
from sqlalchemy import text

from bot.app import BotCore, open_core
from bot.config import Settings
from briefings.store.database import Database, make_engine, open_database
from tests.emulators.discord import FakeDiscord

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
POSTGRES_URL = os.environ.get("BRIEFBOT_TEST_DATABASE_URL")

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(
            not POSTGRES_URL, reason="set BRIEFBOT_TEST_DATABASE_URL to test PostgreSQL"
        ),
    ),
]


def reset_postgres(url: str) -> None:
    """An empty public schema, so each test starts from nothing."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        return POSTGRES_URL
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.dispose()


def make_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "BRIEFBOT_DATABASE_URL": database_url,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "BRIEFBOT_SEEDS_DIR": str(SEEDS),
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_core(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotCore]:
    """A core seeded from seeds/ once per module and backend (read-only tests share it)."""
    tmp = tmp_path_factory.mktemp("seeded")
    if request.param == "postgres":
        assert POSTGRES_URL
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp / 'seeded.sqlite3'}"
    core = open_core(make_settings(url, tmp))
    yield core
    core.close()


# Discord emulator fixtures for modules that define DISCORD_TOKEN (faults, security).


@pytest.fixture
def endpoints() -> Iterator[None]:
    """discord.py's endpoints are class attributes: put them back after each test."""
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    yield
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest_asyncio.fixture
async def fake(request: pytest.FixtureRequest, endpoints: None) -> AsyncIterator[FakeDiscord]:
    """A Discord emulator accepting the requesting module's DISCORD_TOKEN."""
    emulator = FakeDiscord(request.module.DISCORD_TOKEN)
    await emulator.start()
    yield emulator
    await emulator.stop()
