"""The model: pure attrs classes, no I/O.

Every class is ``@model`` (``attrs.frozen(kw_only=True)``): frozen, slotted
and hashable, holding only tuples, immutable scalars and other frozen
classes, every field declared once with ``field()`` (``_shape.py``).
Changing a value means ``attrs.evolve``, which validates again.
"""

from ._concepts import Concern, Goal, Principle, Proposal
from ._corpus import Concept, Corpus, Expression
from ._document import Chapter, DocumentRef, Item, Part, Section
from ._paper import SCHEMA_VERSION, Entity, WhitePaper
from ._provenance import Citation, Source
from ._shape import model_classes
from ._statistics import Statistic
from ._timeline import Actor, Event
from ._values import Alias, LocalizedText, Locator, PartialDate

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Alias",
    "Chapter",
    "Citation",
    "Concept",
    "Concern",
    "Corpus",
    "DocumentRef",
    "Entity",
    "Event",
    "Expression",
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

#: Every model class: those a corpus holds (papers, and all they hold), parents before children,
#: then the two value classes.
MODEL_CLASSES: tuple[type, ...] = (*model_classes(Corpus), PartialDate, Locator)
