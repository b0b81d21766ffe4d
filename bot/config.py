"""Settings, read once from the environment (and an optional `.env`) through pydantic-settings.

Secrets are `SecretStr`: they never print in a repr, a log line or an error message. The
database URL is one too (it may carry a password), and a validation error never quotes the
value it refused (`hide_input_in_errors`).
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_data_dir() -> Path:
    """Per-user data folder: $XDG_DATA_HOME/briefbot, else ~/.local/share/briefbot."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "briefbot"


LOG_LEVELS = tuple(logging.getLevelNamesMapping())  # DEBUG, INFO, WARNING (WARN), ERROR…
_WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _check_database_url(value: str) -> None:
    """Refuse a URL SQLAlchemy cannot use, naming the problem but never the URL (it may hold a
    password): unparsable, an unknown kind of database, or a driver that is not installed."""
    from sqlalchemy.engine import make_url  # here: a verb without a database never loads it
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
        if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
            url = url.set(drivername="postgresql+psycopg")  # what the store connects with
        dialect = url.get_dialect()
    except ArgumentError:  # NoSuchModuleError (unknown database) is one too
        raise ValueError(
            "not a database URL SQLAlchemy knows; e.g. postgresql://user@host/briefbot "
            "or sqlite:////path/to/briefbot.sqlite3"
        ) from None
    try:
        dialect.import_dbapi()
    except ImportError:
        raise ValueError(f"the driver for {url.drivername[:40]} is not installed") from None


def _check_url(value: str, schemes: tuple[str, ...]) -> None:
    """A base URL must be absolute, with one of `schemes` and a host, and nothing odd in it."""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        raise ValueError("is not a valid URL") from None
    if parts.scheme.lower() not in schemes or not parts.netloc:
        raise ValueError(f"must be an absolute {' or '.join(s + '://' for s in schemes)} URL")
    if _WHITESPACE_OR_CONTROL.search(value):
        raise ValueError("must not contain spaces or control characters")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        allow_inf_nan=False,  # `inf` minutes is not a setting anyone means
        hide_input_in_errors=True,  # a refused token or URL is not repeated in the error
    )

    data_dir: Path = Field(
        default_factory=default_data_dir,
        validation_alias="BRIEFBOT_DATA_DIR",
        description="where the embedded SQLite database lives",
    )
    database_url: SecretStr | None = Field(
        default=None,
        validation_alias="BRIEFBOT_DATABASE_URL",
        description="any SQLAlchemy URL; default: SQLite in BRIEFBOT_DATA_DIR",
    )
    auto_migrate: bool = Field(default=True, validation_alias="BRIEFBOT_AUTO_MIGRATE")
    seed: bool = Field(default=True, validation_alias="BRIEFBOT_SEED")
    seeds_dir: Path = Field(default=PROJECT_SEEDS, validation_alias="BRIEFBOT_SEEDS_DIR")
    page_size: int = Field(default=8, ge=1, le=25, validation_alias="BRIEFBOT_PAGE_SIZE")
    recent_days: int = Field(
        default=14,
        ge=1,
        le=366,
        validation_alias="BRIEFBOT_RECENT_DAYS",
        description="days of a timeline's recent period, ending on its newest entry",
    )
    log_level: str = Field(default="WARNING", validation_alias="BRIEFBOT_LOG_LEVEL")
    log_format: Literal["text", "json"] = Field(
        default="text", validation_alias="BRIEFBOT_LOG_FORMAT"
    )

    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET")
    )
    slack_mode: Literal["socket", "http"] | None = Field(
        default=None,
        validation_alias="BRIEFBOT_SLACK_MODE",
        description="socket or http when both SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are set",
    )
    slack_api_url: str | None = Field(
        default=None,
        validation_alias="SLACK_API_URL",
        description="Slack Web API base URL (GovSlack, emulators); must end with /",
    )
    slack_admin_ids: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        validation_alias="BRIEFBOT_SLACK_ADMINS",
        description="Slack user IDs allowed to run channel-admin commands (besides admins)",
    )
    answer_workers: int = Field(
        default=2,
        ge=1,
        le=32,
        validation_alias="BRIEFBOT_ANSWER_WORKERS",
        description="worker processes working out Slack answers (about one per core)",
    )
    answer_processes: bool = Field(
        default=True,
        validation_alias="BRIEFBOT_ANSWER_PROCESSES",
        description="work answers out in forked processes; false: in threads of the bot's "
        "own process (slower acknowledgements under load)",
    )
    http_host: str = Field(default="0.0.0.0", validation_alias="BRIEFBOT_HTTP_HOST")
    http_port: int = Field(default=8080, ge=0, le=65535, validation_alias="BRIEFBOT_HTTP_PORT")

    discord_api_url: str | None = Field(
        default=None,
        validation_alias="DISCORD_API_URL",
        description="Discord REST base, e.g. a REST proxy: http://proxy:8080/api/v10",
    )
    discord_gateway_url: str | None = Field(
        default=None,
        validation_alias="DISCORD_GATEWAY_URL",
        description="Discord gateway URL, e.g. a gateway proxy: ws://proxy:7878/",
    )
    discord_shard_count: int | None = Field(
        default=None, ge=1, validation_alias="DISCORD_SHARD_COUNT"
    )
    discord_shard_ids: Annotated[list[int] | None, NoDecode] = Field(
        default=None,
        validation_alias="DISCORD_SHARD_IDS",
        description="the shards this replica owns, e.g. [0,1] (needs DISCORD_SHARD_COUNT)",
    )

    # Digests
    digest_grace_hours: float = Field(
        default=6.0,
        gt=0,
        le=23,
        description="a digest missed while down is still posted this many hours late",
        validation_alias="BRIEFBOT_DIGEST_GRACE_HOURS",
    )
    digest_pause_after: int = Field(
        default=3,
        ge=1,
        le=100,
        description="consecutive failed deliveries before a channel's digest is paused",
        validation_alias="BRIEFBOT_DIGEST_PAUSE_AFTER",
    )
    digest_stale_minutes: float = Field(
        default=15.0,
        gt=0,
        description="a claim older than this (its process died) is taken over",
        validation_alias="BRIEFBOT_DIGEST_STALE_MINUTES",
    )

    # Without platform tokens `briefbot run` is the console on standard input; a container
    # has none, so it sets this false to serve HTTP, digests and feeds with no chat platform.
    console: bool = Field(default=True, validation_alias="BRIEFBOT_CONSOLE")

    # Feeds
    feed_poll_minutes: int = Field(
        default=15,
        ge=1,
        le=1440,
        description="how often each RSS/Atom feed is polled; a failing feed backs off to 6 h",
        validation_alias="BRIEFBOT_FEED_POLL_MINUTES",
    )
    fetch_allow_private: bool = Field(
        default=False,
        description="also fetch feeds and pages on loopback, private networks and link-local "
        "addresses (internal feeds); off, chat users cannot make the bot read internal hosts",
        validation_alias="BRIEFBOT_FETCH_ALLOW_PRIVATE",
    )

    @property
    def resolved_database_url(self) -> str:
        """The URL to connect with, password and all (never log it)."""
        if self.database_url:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.data_dir.expanduser() / 'briefbot.sqlite3'}"

    @field_validator("slack_admin_ids", "discord_shard_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """Accept `1,2` as well as JSON `[1,2]` from the environment."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except ValueError:
                    raise ValueError("use a list like 0,1 or a JSON list like [0, 1]") from None
                if not isinstance(value, list):
                    raise ValueError("use a list like 0,1 or a JSON list like [0, 1]")
                return value
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        text = value.get_secret_value().strip() if value is not None else ""
        if not text:
            return None  # unset or blank: the SQLite file in BRIEFBOT_DATA_DIR
        _check_database_url(text)
        return SecretStr(text)

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("slack_api_url", "discord_api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None:
            _check_url(value, ("http", "https"))
        return value

    @field_validator("discord_gateway_url")
    @classmethod
    def _gateway_url(cls, value: str | None) -> str | None:
        if value is not None:
            _check_url(value, ("ws", "wss", "http", "https"))
        return value

    @field_validator("discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        """A secret pasted with a trailing newline (a file mounted as a Kubernetes secret) works;
        one with spaces or control characters inside is a paste error, refused (by name only:
        the value is never shown); a blank one counts as unset."""
        if value is None:
            return None
        text = value.get_secret_value().strip()
        if not text:
            return None
        if _WHITESPACE_OR_CONTROL.search(text):
            raise ValueError("contains spaces or control characters; paste the token again")
        return SecretStr(text)

    @model_validator(mode="after")
    def _shards_need_count(self) -> Settings:
        if self.discord_shard_ids is not None:
            if self.discord_shard_count is None:
                raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT")
            if any(not 0 <= i < self.discord_shard_count for i in self.discord_shard_ids):
                raise ValueError("every DISCORD_SHARD_IDS entry must be below DISCORD_SHARD_COUNT")
        return self

    @property
    def secret_values(self) -> list[str]:
        """Every secret this process knows, for the log redactor: tokens, the signing
        secret, and a password inside the database URL."""
        values = [
            secret.get_secret_value()
            for secret in (
                self.discord_token,
                self.slack_bot_token,
                self.slack_app_token,
                self.slack_signing_secret,
            )
            if secret is not None
        ]
        if self.database_url:
            from sqlalchemy.engine import make_url

            try:
                password = make_url(self.database_url.get_secret_value()).password
            except Exception:
                password = None
            if password:
                values.append(str(password))
        return values

    @property
    def platforms_configured(self) -> list[str]:
        platforms = []
        if self.discord_token:
            platforms.append("discord")
        if self.slack_bot_token and (self.slack_app_token or self.slack_signing_secret):
            platforms.append("slack")
        return platforms
