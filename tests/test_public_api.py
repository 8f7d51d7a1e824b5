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
    # the corpus
    "Corpus", "Concept", "Expression",
    # vocabularies
    "ActorKind", "Certainty", "DatePrecision", "DocumentKind", "DocumentRelation",
    "EventKind", "GoalKind", "PaperPart", "PrincipleKind", "Scale", "SourceKind",
    # loading and saving
    "load", "loads", "dump", "dumps", "dumpb", "from_dict", "to_dict", "iter_jsonl", "dump_jsonl",
    "Limits", "DEFAULT_LIMITS",
    # errors
    "WhitePaperError", "LoadError", "LimitError", "ValidationError", "NotFoundError", "Problem",
    # questions to a paper
    "Referrer", "Cited", "SearchHit",
    # the bundled data
    "load_white_paper", "load_corpus",
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


class TestMissingExtras:
    def test_strategies_without_hypothesis(self) -> None:
        """Importing the strategies without Hypothesis says which extra to install."""
        import subprocess
        import sys

        code = "import sys; sys.modules['hypothesis'] = None; import cyberspace_whitepaper.strategies"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert done.returncode == 1
        assert done.stderr.splitlines()[-1] == (
            "ModuleNotFoundError: cyberspace_whitepaper.strategies needs Hypothesis: "
            "pip install 'cyberspace-whitepaper[hypothesis]'"
        )

    def test_package_without_extras(self) -> None:
        """The package itself imports with none of the extras."""
        import subprocess
        import sys

        code = (
            "import sys\n"
            "for name in ('yaml', 'hypothesis', 'orjson'): sys.modules[name] = None\n"
            "import cyberspace_whitepaper as cw\n"
            "print(cw.load_white_paper().search('cybercrime', kind='proposal')[0].id)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert (done.returncode, done.stdout) == (0, "combating-cybercrime-and-cyberterrorism\n"), done.stderr
