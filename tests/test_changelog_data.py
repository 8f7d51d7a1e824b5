"""The changelog's "Data:" entries name every change diff finds in the bundled data since the last release.

``tests/data/releases/previous-white-paper.json`` is the bundled data as the
previous release shipped it (see the README there). Every entity that
``diff`` names as added, removed, changed or moved between it and the
bundled paper, and every part of the text, must appear in backticks (its id
or locator) in a "Data:" entry under ``## [Unreleased]``. On a release, the
entries move under the release's heading and the bundled data becomes the
new previous release: the diff is then empty, and so is what is required.
"""

from __future__ import annotations

from pathlib import Path

import cyberspace_whitepaper as cw
from conftest import DATA
from cyberspace_whitepaper.diff import diff
from cyberspace_whitepaper.diffreport import Entry, entries

ROOT = Path(__file__).parent.parent
CHANGELOG = ROOT / "CHANGELOG.md"
PREVIOUS = DATA / "releases" / "previous-white-paper.json"


def unreleased_data_entries(changelog: str) -> str:
    """The top-level list items starting "Data:" under ``## [Unreleased]``, with their sub-items."""
    found: list[str] = []
    inside = in_entry = False
    for line in changelog.splitlines():
        if line.startswith("## "):
            inside = line.startswith("## [Unreleased]")
            in_entry = False
            continue
        if not inside:
            continue
        if line.startswith(("- ", "#")):
            in_entry = line.startswith("- Data:")
        elif line and not line[0].isspace():
            in_entry = False
        if in_entry:
            found.append(line)
    return "\n".join(found).strip()


def missing_from(text: str, named: list[Entry]) -> list[str]:
    """The entries whose id or locator (for the paper itself, field names) the text lacks in backticks."""
    missing = []
    for entry in named:
        keys = [entry.key] if entry.key is not None else [f.path[2:].partition(".")[0] for f in entry.fields]
        missing.extend(f"{entry.kind} {key}: {entry.status}" for key in keys if f"`{key}`" not in text)
    return missing


class TestChangelogData:
    def test_entries_are_read(self) -> None:
        """Only the Data: items under Unreleased are read, each with its sub-items."""
        changelog = (
            "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Code: `not-data`.\n"
            "- Data: `one` added.\n  - `two` changed,\n    and `three`.\n- Other `four`.\n\n"
            "### Changed\n\n- Data: `five`.\n\n## [0.1.0]\n\n- Data: `six`.\n"
        )
        assert unreleased_data_entries(changelog) == (
            "- Data: `one` added.\n  - `two` changed,\n    and `three`.\n- Data: `five`."
        )

    def test_missing_names(self) -> None:
        """An entity or a field of the paper not named in backticks is reported."""
        named = [
            Entry(kind="event", key="wic-2019", label=None, collection="events", status="added"),
            Entry(kind="actor", key="npc", label=None, collection="actors", status="changed"),
        ]
        assert missing_from("`wic-2019` and npc", named) == ["actor npc: changed"]

    def test_every_data_change_is_in_the_changelog(self) -> None:
        """Every change from the previous release's data to the bundled data is named in a Data: entry."""
        old, new = cw.load(PREVIOUS), cw.load_white_paper()
        text = unreleased_data_entries(CHANGELOG.read_text(encoding="utf-8"))
        assert missing_from(text, list(entries(diff(old, new)))) == []
