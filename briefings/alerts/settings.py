"""The defaults of `briefings/data/alerts.yaml`, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class AlertSettings:
    max_per_hour: int
    max_per_hour_limit: int
    recent_days: int
    jump_percent_limit: int
    figure_limit: int
    stale_minutes: int
    recent_alerts: int


@cache
def alert_settings() -> AlertSettings:
    text = resources.files("briefings.data").joinpath("alerts.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return AlertSettings(**{name: int(value) for name, value in data.items()})
