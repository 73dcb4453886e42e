"""Entities and facts: the spaCy model, the analysis cache, the fact types, entity queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.analysis.background import start_background_analysis
    from tui.analysis.cache import AnalysisCache
    from tui.analysis.engine import load_model
    from tui.analysis.entity_index import parse_entity_query
    from tui.analysis.model import Analyzer, plain_analysis
    from tui.analysis.types import (
        FACT_KEYS,
        NAMED_KINDS,
        Analysis,
        Entity,
        Facts,
        NamedFact,
        PersonFact,
        QuantityFact,
        ShowJson,
        StatementFact,
    )

__all__ = [
    "Analysis",
    "AnalysisCache",
    "Analyzer",
    "Entity",
    "FACT_KEYS",
    "Facts",
    "NAMED_KINDS",
    "NamedFact",
    "PersonFact",
    "QuantityFact",
    "ShowJson",
    "StatementFact",
    "load_model",
    "parse_entity_query",
    "plain_analysis",
    "start_background_analysis",
]
# Where each public name lives: imported on first use, so importing the package stays cheap.
_EXPORTS = {
    "Analysis": "types",
    "Entity": "types",
    "Facts": "types",
    "PersonFact": "types",
    "NamedFact": "types",
    "QuantityFact": "types",
    "StatementFact": "types",
    "ShowJson": "types",
    "FACT_KEYS": "types",
    "NAMED_KINDS": "types",
    "Analyzer": "model",
    "load_model": "engine",
    "plain_analysis": "model",
    "AnalysisCache": "cache",
    "parse_entity_query": "entity_index",
    "start_background_analysis": "background",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
