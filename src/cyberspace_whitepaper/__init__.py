"""cyberspace-whitepaper: a typed, immutable, validated model of China's white paper
*Jointly Build a Community with a Shared Future in Cyberspace* (SCIO, 7 November
2022), with the paper itself as a bundled, cited, bilingual data set.

>>> import cyberspace_whitepaper as cw
>>> paper = cw.load_white_paper()
>>> paper.title.zh
'携手构建网络空间命运共同体'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._limits import DEFAULT_LIMITS, Limits
from .dataset import data_version, load_corpus, load_white_paper
from .errors import LimitError, LoadError, NotFoundError, Problem, ValidationError, WhitePaperError
from .export import json_schema, to_jsonld
from .io import dump, dump_jsonl, dumpb, dumps, from_dict, iter_jsonl, load, loads, to_dict
from .model import (
    Actor,
    Alias,
    Chapter,
    Citation,
    Concept,
    Concern,
    Corpus,
    DocumentRef,
    Event,
    Expression,
    Goal,
    Item,
    LocalizedText,
    Locator,
    Part,
    PartialDate,
    Principle,
    Proposal,
    Section,
    Source,
    Statistic,
    WhitePaper,
)
from .query import Cited, Referrer, SearchHit

if TYPE_CHECKING:  # imported on first use: the tables package costs import time not every user needs
    from .tables import from_tables, to_tables
from .vocab import (
    ActorKind,
    Certainty,
    DatePrecision,
    DocumentKind,
    DocumentRelation,
    EventKind,
    GoalKind,
    PaperPart,
    PrincipleKind,
    Scale,
    SourceKind,
)

__all__ = [
    "Actor",
    "ActorKind",
    "Alias",
    "Certainty",
    "Chapter",
    "Citation",
    "Cited",
    "Concept",
    "Concern",
    "Corpus",
    "DEFAULT_LIMITS",
    "DatePrecision",
    "DocumentKind",
    "DocumentRef",
    "DocumentRelation",
    "Event",
    "EventKind",
    "Expression",
    "Goal",
    "GoalKind",
    "Item",
    "LimitError",
    "Limits",
    "LoadError",
    "LocalizedText",
    "Locator",
    "NotFoundError",
    "PaperPart",
    "Part",
    "PartialDate",
    "Principle",
    "PrincipleKind",
    "Problem",
    "Proposal",
    "Referrer",
    "Scale",
    "SearchHit",
    "Section",
    "Source",
    "SourceKind",
    "Statistic",
    "ValidationError",
    "WhitePaper",
    "WhitePaperError",
    "data_version",
    "dump",
    "dump_jsonl",
    "dumpb",
    "dumps",
    "from_dict",
    "from_tables",
    "iter_jsonl",
    "json_schema",
    "load",
    "load_corpus",
    "load_white_paper",
    "loads",
    "to_dict",
    "to_jsonld",
    "to_tables",
]


def __getattr__(name: str) -> Any:
    # The version is read from the installed metadata only when asked for.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("cyberspace-whitepaper")
    if name in ("to_tables", "from_tables"):
        from . import tables  # noqa: PLC0415 - lazy, see the import under TYPE_CHECKING

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
