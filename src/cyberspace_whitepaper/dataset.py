"""The bundled white paper: China's *Jointly Build a Community with a Shared Future in Cyberspace*."""

from __future__ import annotations

import functools
from importlib import resources

from .io import loads
from .model import WhitePaper

__all__ = ["DATA_FILE", "load_white_paper"]

#: Name of the bundled file inside the package's ``data`` folder.
DATA_FILE = "white-paper.json"


@functools.cache
def load_white_paper() -> WhitePaper:
    """The bundled paper, loaded through the same strict loader as any file.

    Loaded on first call and cached: later calls return the same immutable
    object.
    """
    data = resources.files("cyberspace_whitepaper").joinpath("data", DATA_FILE).read_bytes()
    return loads(data, type=WhitePaper)
