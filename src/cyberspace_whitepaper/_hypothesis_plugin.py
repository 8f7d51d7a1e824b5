"""Hypothesis' entry point: registers a strategy for every model class.

Hypothesis calls :func:`_hypothesis_setup_hook` while it is itself being
imported, which may happen in the middle of importing our ``strategies``
module. So this module imports nothing that imports Hypothesis at load time,
and each registered strategy is deferred: ``strategies`` is only looked at
when a test first draws from ``st.from_type(WhitePaper)``.
"""

from __future__ import annotations

from typing import Any

from . import model

#: Which public strategy in ``cyberspace_whitepaper.strategies`` builds each class.
STRATEGY_NAMES: dict[type, str] = {
    model.Corpus: "corpora",
    model.Concept: "concepts",
    model.Expression: "expressions",
    model.WhitePaper: "white_papers",
    model.Part: "parts",
    model.Chapter: "chapters",
    model.Section: "sections",
    model.Item: "items",
    model.Principle: "principles",
    model.Goal: "goals",
    model.Concern: "concerns",
    model.Proposal: "proposals",
    model.Event: "events",
    model.Actor: "actors",
    model.Statistic: "statistics",
    model.DocumentRef: "document_refs",
    model.Source: "sources",
    model.Citation: "citations",
    model.Alias: "aliases",
    model.LocalizedText: "localized_texts",
    model.PartialDate: "partial_dates",
    model.Locator: "locators",
}


def _strategy_for(name: str) -> Any:
    # Hypothesis' deferred() wants a plain function, so one is made per name.
    def definition() -> Any:
        from . import strategies  # noqa: PLC0415 -- only once Hypothesis is fully imported

        return getattr(strategies, name)()

    return definition


def _hypothesis_setup_hook() -> None:
    """Register every model class with ``st.from_type``."""
    import hypothesis.strategies as st  # noqa: PLC0415 -- Hypothesis is importing us

    for cls, name in STRATEGY_NAMES.items():
        st.register_type_strategy(cls, st.deferred(_strategy_for(name)))
