"""Alerts: rules per channel, matched when facts are stored, delivered once per happening."""
