"""Hypothesis strategies for every model class (the ``hypothesis`` extra).

Placeholder while the strategies are written: the entry point must import.
"""

from __future__ import annotations

__all__: list[str] = []


def _register_hypothesis_strategies() -> None:
    """Called by Hypothesis through its entry point; strategies are registered here."""
