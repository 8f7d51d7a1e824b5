"""The bundled data: the 2022 white paper, and the corpus of China's cyberspace papers around it.

The bundled data has a version of its own, apart from the code's
(:func:`data_version`): a finding cites the data release it came from. The
version and the sha256 of each bundled data file's canonical bytes (the
paper as :func:`~cyberspace_whitepaper.dumpb` writes it) are in
``data/release.json``; a test fails when the data changes without a new
version there and a "Data:" entry naming it in the changelog.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from . import _engine
from ._jsontext import parse_json
from ._limits import DEFAULT_LIMITS, check_counts
from .io import loads
from .model import Corpus, WhitePaper

__all__ = [
    "CORPUS_FILE",
    "DATA_FILE",
    "PAPERS_FOLDER",
    "RELEASE_FILE",
    "data_version",
    "load_corpus",
    "load_white_paper",
]

#: Name of the bundled 2022 paper inside the package's ``data`` folder.
DATA_FILE = "white-paper.json"
#: Name of the data release's file there: the data version, and each data file's sha256.
RELEASE_FILE = "release.json"
#: The corpus without its papers (its crosswalk of ideas, its own documents and sources).
CORPUS_FILE = "corpus.json"
#: The folder of the corpus's other papers, one file each.
PAPERS_FOLDER = "papers"


def _data() -> Any:
    return resources.files("cyberspace_whitepaper").joinpath("data")


@functools.cache
def load_white_paper() -> WhitePaper:
    """The bundled paper, loaded through the same strict loader as any file.

    Loaded on first call and cached: later calls return the same immutable
    object.
    """
    return loads(_data().joinpath(DATA_FILE).read_bytes(), type=WhitePaper)


@functools.cache
def load_corpus() -> Corpus:
    """The bundled corpus: the papers of 2010, 2017, 2019, 2022 and 2023, and the crosswalk of their ideas.

    The files are read by the strict parser and the whole corpus is built in
    one pass, so every rule of every paper and of the corpus runs. Cached,
    as :func:`load_white_paper` is.
    """
    folder = _data()
    corpus = parse_json(folder.joinpath(CORPUS_FILE).read_bytes(), DEFAULT_LIMITS)
    files = [folder.joinpath(DATA_FILE), *folder.joinpath(PAPERS_FOLDER).iterdir()]
    papers = [parse_json(file.read_bytes(), DEFAULT_LIMITS) for file in files if file.name.endswith(".json")]
    corpus["papers"] = sorted(papers, key=lambda paper: paper["published"])
    check_counts(corpus, DEFAULT_LIMITS)
    found: Corpus = _engine.structure(corpus, Corpus)
    return found


@functools.cache
def _release() -> dict[str, Any]:
    release: dict[str, Any] = json.loads(_data().joinpath(RELEASE_FILE).read_bytes())
    return release


def data_version() -> str:
    """The version of the bundled data, apart from the code's version.

    CalVer, ``YEAR.MONTH.N``: the year and month of the data release, and
    its number within that month from 0. Cite it with any finding drawn from
    the data; ``CHANGELOG.md`` says what changed in each, under "Data:".

    >>> data_version()
    '2026.12.0'
    """
    version: str = _release()["data_version"]
    return version
