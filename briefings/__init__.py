"""briefings: the core of briefbot — articles in, structured cited facts and briefing cards out.

Knows nothing of Discord, Slack or HTTP; `bot/` adapts it to each surface.
"""

__version__ = "0.1.0"
