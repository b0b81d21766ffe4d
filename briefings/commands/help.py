"""/help [command] — the command list, or one command's usage, options and examples."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardField, CardItem, CardKind, CardSection
from briefings.commands.registry import Command, CommandContext


class HelpParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    command: str | None = Field(None, description="a command to explain")


def run_help(context: CommandContext, params: HelpParams) -> Card:
    registry = context.commands
    assert registry is not None, "help needs the registry in its context"
    if params.command:
        command = registry.get(params.command)
        options = [
            CardItem(
                text=f"{info.name}: {info.description}" + ("" if info.required else " (optional)")
            )
            for info in command.param_info()
        ]
        return Card(
            kind=CardKind.HELP,
            title=f"/{command.name}",
            lead=command.summary,
            fields=[CardField(name="Usage", value=command.usage)],
            sections=[
                CardSection(title="Options", items=options),
                CardSection(title="Examples", items=[CardItem(text=e) for e in command.examples]),
            ],
        )
    return Card(
        kind=CardKind.HELP,
        title="briefbot commands",
        lead="Briefings on the story, every line cited. Type /help COMMAND for details.",
        sections=[
            CardSection(
                title="Commands",
                items=[CardItem(text=f"{c.usage} — {c.summary}") for c in registry],
            )
        ],
    )


HELP = Command(
    name="help",
    summary="List the commands, or explain one",
    params=HelpParams,
    handler=run_help,
    positional="command",
    scoped=False,
    examples=("/help", "/help timeline"),
)
