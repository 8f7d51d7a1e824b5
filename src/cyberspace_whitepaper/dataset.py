"""The bundled white paper: China's *Jointly Build a Community with a Shared Future in Cyberspace*.

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

from .io import loads
from .model import WhitePaper

__all__ = ["DATA_FILE", "RELEASE_FILE", "data_version", "load_white_paper"]

#: Name of the bundled file inside the package's ``data`` folder.
DATA_FILE = "white-paper.json"
#: Name of the data release's file there: the data version, and each data file's sha256.
RELEASE_FILE = "release.json"


@functools.cache
def load_white_paper() -> WhitePaper:
    """The bundled paper, loaded through the same strict loader as any file.

    Loaded on first call and cached: later calls return the same immutable
    object.
    """
    data = resources.files("cyberspace_whitepaper").joinpath("data", DATA_FILE).read_bytes()
    return loads(data, type=WhitePaper)


@functools.cache
def _release() -> dict[str, Any]:
    text = resources.files("cyberspace_whitepaper").joinpath("data", RELEASE_FILE).read_bytes()
    release: dict[str, Any] = json.loads(text)
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
