"""Uses the diff as a user would. Checked by ``mypy --strict``, never run."""

from __future__ import annotations

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.diff import Diff, PatchError, apply, diff, fingerprint, fingerprints, invert
from cyberspace_whitepaper.diffreport import Entry, data, entries, markdown, text


def compare(old: cw.WhitePaper, new: cw.WhitePaper) -> str:
    change: Diff = diff(old, new)
    patched: cw.WhitePaper = apply(old, change)
    undone: cw.WhitePaper = apply(patched, invert(change))
    assert undone == old
    for kind_diff in change.entities:
        for changed in kind_diff.changed:
            paths: list[str] = [field.path for field in changed.diff.fields]
            del paths
    named: list[Entry] = list(entries(change))
    del named
    plain: dict[str, object] = data(change)
    del plain
    try:
        apply(new, change)
    except PatchError as error:
        where: str = error.path
        del where
    return text(change, color=False) + markdown(change, width=72)


def locate(old: cw.WhitePaper, new: cw.WhitePaper) -> list[str | cw.Locator]:
    before, after = fingerprints(old), fingerprints(new)
    digest: str = fingerprint(old.events[0])
    del digest
    return [key for key in before if before[key] != after.get(key)]


def compare_corpora(old: cw.Corpus, new: cw.Corpus) -> list[str | None]:
    change: Diff = diff(old, new)
    patched: cw.Corpus = apply(old, change)
    del patched
    return [entry.paper for entry in entries(change)]
