"""The package's public face: what ``import cyberspace_whitepaper`` offers."""

from __future__ import annotations

import importlib.metadata

import attrs
import pytest

import cyberspace_whitepaper as cw

#: The documented API (docs/api.md lists the same names).
DOCUMENTED = {
    # model
    "WhitePaper", "Part", "Chapter", "Section", "Item", "Principle", "Goal", "Concern",
    "Proposal", "Event", "Actor", "Statistic", "DocumentRef", "Source", "Citation",
    "Alias", "LocalizedText", "PartialDate", "Locator",
    # vocabularies
    "ActorKind", "Certainty", "DatePrecision", "DocumentKind", "DocumentRelation",
    "EventKind", "GoalKind", "PaperPart", "PrincipleKind", "Scale", "SourceKind",
    # loading and saving
    "load", "loads", "dump", "dumps", "dumpb", "from_dict", "to_dict", "iter_jsonl", "dump_jsonl",
    "Limits", "DEFAULT_LIMITS",
    # errors
    "WhitePaperError", "LoadError", "LimitError", "ValidationError", "Problem",
    # the bundled paper
    "load_white_paper",
}  # fmt: skip
#: Added by the interop work; present once it lands.
INTEROP = {"json_schema", "to_jsonld"}
#: Added by the tables work (issue 14).
TABLES = {"to_tables", "from_tables", "data_version"}


class TestPublicAPI:
    def test_all_is_sorted(self) -> None:
        """__all__ is sorted, so a reader finds a name at once."""
        assert cw.__all__ == sorted(cw.__all__)

    def test_all_is_the_documented_api(self) -> None:
        """__all__ holds exactly the documented names."""
        assert set(cw.__all__) - INTEROP - TABLES == DOCUMENTED

    def test_every_name_is_importable(self) -> None:
        """Every name in __all__ exists on the package."""
        for name in cw.__all__:
            assert getattr(cw, name) is not None, name

    def test_version_comes_from_metadata(self) -> None:
        """__version__ is the installed distribution's version."""
        assert cw.__version__ == importlib.metadata.version("cyberspace-whitepaper")

    def test_unknown_attribute_raises(self) -> None:
        """A name the package does not have is an AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="no_such_name"):
            cw.no_such_name  # noqa: B018

    def test_every_model_class_is_frozen_and_slotted(self) -> None:
        """Every exported attrs class is frozen and has no __dict__."""
        classes = [v for v in vars(cw).values() if isinstance(v, type) and attrs.has(v)]
        assert len(classes) >= 19
        for cls in classes:
            assert cls.__setattr__ is not object.__setattr__, f"{cls.__name__} is not frozen"
            assert "__slots__" in vars(cls), f"{cls.__name__} is not slotted"
