"""The Discord adapter: cards rendered as embeds and buttons, and the discord.py client that
sends them. Rendering is pure (`render`, `escape`, `limits`) so it is tested without Discord."""
