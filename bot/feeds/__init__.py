"""Feeds on the command line: `briefbot feeds add|list|remove|poll`."""
