"""Dateline's screens, one per module."""
