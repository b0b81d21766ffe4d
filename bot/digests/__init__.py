"""Delivering and scheduling daily digests (the core decides what is due and what it says)."""
