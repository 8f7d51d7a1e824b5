"""Hypothesis' entry point: registers a strategy for every model class.

Hypothesis calls :func:`_hypothesis_setup_hook` while it is itself being
imported, which may happen in the middle of importing our ``strategies``
module. So this module imports nothing that imports Hypothesis at load time,
and each registered strategy is deferred: ``strategies`` is only looked at
when a test first draws from ``st.from_type(WhitePaper)``.
"""

from __future__ import annotations

import re
from typing import Any

from . import model

#: Plurals that adding "s" does not make.
_PLURALS = {"corpus": "corpora"}


def strategy_name(cls: type) -> str:
    """The public strategy for a model class: its name in snake case, in the plural (``document_refs``)."""
    words = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()
    return _PLURALS.get(words) or words + ("es" if words.endswith("s") else "s")


#: Which public strategy in ``cyberspace_whitepaper.strategies`` builds each class.
STRATEGY_NAMES: dict[type, str] = {cls: strategy_name(cls) for cls in model.MODEL_CLASSES}


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
