"""Sphinx configuration: furo, MyST pages, API pages from autodoc, built with -n -W."""

from __future__ import annotations

import sys
from importlib.metadata import version as installed_version
from pathlib import Path

# The paper page's generator lives beside this file.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "cyberspace-whitepaper"
author = "cyberspace-whitepaper developers"
copyright = "cyberspace-whitepaper developers"
release = installed_version("cyberspace-whitepaper")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "paperpage",
    "corpuspage",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
root_doc = "index"
language = "en"

# MyST: ":::" fences for directives that hold Markdown, and labels on headings.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Every cross-reference must resolve (-n). Names from outside the project
# have no inventory here (the build runs offline), so they are listed.
nitpicky = True
nitpick_ignore_regex = [
    ("py:class", r"(attrs|attr|cattrs|hypothesis|decimal|datetime|enum|os|collections\.abc|typing)\..*"),
    ("py:class", r"(Decimal|datetime\.date|StrPath|Format|T|Entity|Holder|DrawFn|SearchStrategy)"),
    ("py:class", r"cyberspace_whitepaper\..*\.(T|E|StrPath|Format|Entity|Holder)"),
    ("py:class", r"(IO|Iterable|Iterator|Sequence|Callable|Any)(\[.*\])?"),
    ("py:obj", r"cyberspace_whitepaper\..*\.T"),
    ("py:class", r"pathlib\..*"),
    ("py:exc", r"sqlite3\..*"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = False
python_use_unqualified_type_names = True

# Docstrings are Google style; "Attributes:" becomes a field list rather than
# attribute entries, which would repeat what autodoc shows of the fields.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = f"cyberspace-whitepaper {release}"
html_static_path: list[str] = []
