"""Daily digests: per-channel subscriptions, what each digest says, and when it is due.

Platform-neutral like the rest of the core; `bot.digests` delivers and schedules.
"""
