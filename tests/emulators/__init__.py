"""Platform emulators: fake Slack and Discord servers on 127.0.0.1 for the real clients."""
