"""Dateline: a terminal news reader that understands what it shows."""

__version__ = "0.1.0"
