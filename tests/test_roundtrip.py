"""The central property: every model object survives every format unchanged.

For generated instances of every model class, in JSON, YAML and JSON Lines:
``loads(dumps(x)) == x``, and writing what was read gives the same bytes as
writing ``x``. The instances come from ``st.from_type``, so these tests also
exercise the strategies' registration through the Hypothesis entry point.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model import MODEL_CLASSES

CLASSES = pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[cls.__name__ for cls in MODEL_CLASSES])


@pytest.fixture(scope="module")
def jsonl_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for JSON Lines files, reused by every example of a test."""
    return tmp_path_factory.mktemp("jsonl")


@CLASSES
class TestJson:
    @given(data=st.data())
    def test_loads_of_dumps_is_equal_and_byte_identical(self, cls: type[Any], data: st.DataObject) -> None:
        """JSON read back (str or bytes) equals the original and writes back the same bytes, as dumpb does."""
        original = data.draw(st.from_type(cls))
        text = cw.dumps(original, type=cls)
        read = cw.loads(text, type=cls)
        assert read == original
        assert cw.loads(text.encode("utf-8"), type=cls) == original
        assert cw.dumps(read, type=cls).encode("utf-8") == text.encode("utf-8")
        assert cw.dumpb(original, type=cls) == text.encode("utf-8")
        assert cw.loads(cw.dumpb(read), type=cls) == original


@CLASSES
class TestYaml:
    @given(data=st.data())
    def test_loads_of_dumps_is_equal_and_byte_identical(self, cls: type[Any], data: st.DataObject) -> None:
        """YAML read back equals the original and writes back to the same bytes; dumpb gives them."""
        original = data.draw(st.from_type(cls))
        text = cw.dumps(original, type=cls, format="yaml")
        read = cw.loads(text, type=cls, format="yaml")
        assert read == original
        assert cw.dumps(read, type=cls, format="yaml").encode("utf-8") == text.encode("utf-8")
        assert cw.dumpb(original, type=cls, format="yaml") == text.encode("utf-8")


@CLASSES
class TestJsonLines:
    @given(data=st.data())
    def test_iter_of_dump_is_equal_and_byte_identical(
        self, cls: type[Any], data: st.DataObject, jsonl_folder: Path
    ) -> None:
        """A list written by dump_jsonl reads back equal by iter_jsonl and writes back to the same bytes."""
        originals = data.draw(st.lists(st.from_type(cls), min_size=1, max_size=3))
        first, second = jsonl_folder / "first.jsonl", jsonl_folder / "second.jsonl"
        assert cw.dump_jsonl(originals, first, type=cls) == len(originals)
        read = list(cw.iter_jsonl(first, type=cls))
        assert read == originals
        cw.dump_jsonl(read, second, type=cls)
        assert second.read_bytes() == first.read_bytes()
        assert first.read_bytes().count(b"\n") == len(originals)


@CLASSES
class TestPlainData:
    @given(data=st.data())
    def test_from_dict_of_to_dict_is_equal(self, cls: type[Any], data: st.DataObject) -> None:
        """Plain data read back gives an equal object, and the same plain data again."""
        original = data.draw(st.from_type(cls))
        plain = cw.to_dict(original, type=cls)
        again = cw.from_dict(plain, type=cls)
        assert again == original
        assert cw.to_dict(again, type=cls) == plain


class TestDefaultType:
    @given(paper=st.from_type(cw.WhitePaper))
    def test_white_paper_is_the_default_type(self, paper: cw.WhitePaper) -> None:
        """Without type=, the readers read a WhitePaper and the writers write the object's own class."""
        assert cw.loads(cw.dumps(paper)) == paper
        assert cw.loads(cw.dumps(paper, format="yaml"), format="yaml") == paper
        assert cw.from_dict(cw.to_dict(paper)) == paper


class TestDumpb:
    def test_dumpb_refuses_what_dumps_refuses(self) -> None:
        """dumpb raises the errors of dumps, with the same messages, for a wrong class or format."""
        paper = cw.load_white_paper()
        for call in (cw.dumps, cw.dumpb):
            with pytest.raises(ValueError, match="toml") as bad_format:
                call(paper, format="toml")  # type: ignore[arg-type]  # a wrong format, on purpose
            assert str(bad_format.value) == "format must be 'json' or 'yaml', got 'toml'"
            with pytest.raises(TypeError, match="Event") as bad_class:
                call(paper, type=cw.Event)
            assert str(bad_class.value) == "expected an Event, got WhitePaper"
            with pytest.raises(TypeError, match="WhitePaper") as bad_class:
                call(paper.events[0], type=cw.WhitePaper)
            assert str(bad_class.value) == "expected a WhitePaper, got Event"
