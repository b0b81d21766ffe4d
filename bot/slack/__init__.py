"""Slack adapter: Block Kit rendering of cards, the slack-bolt app and its wiring."""
