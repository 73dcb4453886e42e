"""Dateline's widgets, one per module."""
