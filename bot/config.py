"""Settings, read once from the environment (and an optional `.env`) through pydantic-settings.

Secrets are `SecretStr`: they never print in a repr, a log line or an error message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_data_dir() -> Path:
    """Per-user data folder: $XDG_DATA_HOME/briefbot, else ~/.local/share/briefbot."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "briefbot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        validation_alias="BRIEFBOT_DATA_DIR",
        description="where the embedded SQLite database lives",
    )
    database_url: str | None = Field(
        default=None,
        validation_alias="BRIEFBOT_DATABASE_URL",
        description="any SQLAlchemy URL; default: SQLite in BRIEFBOT_DATA_DIR",
    )
    auto_migrate: bool = Field(default=True, validation_alias="BRIEFBOT_AUTO_MIGRATE")
    seed: bool = Field(default=True, validation_alias="BRIEFBOT_SEED")
    seeds_dir: Path = Field(default=PROJECT_SEEDS, validation_alias="BRIEFBOT_SEEDS_DIR")
    page_size: int = Field(default=8, ge=1, le=25, validation_alias="BRIEFBOT_PAGE_SIZE")
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

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.expanduser() / 'briefbot.sqlite3'}"

    @property
    def platforms_configured(self) -> list[str]:
        platforms = []
        if self.discord_token:
            platforms.append("discord")
        if self.slack_bot_token and (self.slack_app_token or self.slack_signing_secret):
            platforms.append("slack")
        return platforms
