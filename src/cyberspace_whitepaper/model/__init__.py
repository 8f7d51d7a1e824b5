"""The model: pure attrs classes, no I/O.

Every class is ``@attrs.frozen(kw_only=True)``: frozen, slotted and
hashable, holding only tuples, immutable scalars and other frozen classes.
Changing a value means ``attrs.evolve``, which validates again.
"""

from ._concepts import Concern, Goal, Principle, Proposal
from ._document import Chapter, DocumentRef, Item, Part, Section
from ._paper import SCHEMA_VERSION, Entity, WhitePaper
from ._provenance import Citation, Source
from ._statistics import Statistic
from ._timeline import Actor, Event
from ._values import Alias, LocalizedText, Locator, PartialDate

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Alias",
    "Chapter",
    "Citation",
    "Concern",
    "DocumentRef",
    "Entity",
    "Event",
    "Goal",
    "Item",
    "LocalizedText",
    "Locator",
    "Part",
    "PartialDate",
    "Principle",
    "Proposal",
    "Section",
    "Source",
    "Statistic",
    "WhitePaper",
]

#: Every model class, in the order a reader meets them.
MODEL_CLASSES: tuple[type, ...] = (
    WhitePaper, Part, Chapter, Section, Item, Principle, Goal, Concern, Proposal,
    Event, Actor, Statistic, DocumentRef, Source, Citation, Alias, LocalizedText,
    PartialDate, Locator,
)  # fmt: skip
