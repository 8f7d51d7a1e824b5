"""The code of docs/cookbook.md, as a user writes it. Checked by ``mypy --strict``, never run.

Keep it in step with the page: each function is one section's questions, with
the types a user's editor would show spelled out.
"""

from __future__ import annotations

import collections
import datetime
from collections.abc import Mapping

import cyberspace_whitepaper as cw


def researcher(paper: cw.WhitePaper) -> tuple[str, str, str]:
    hits: tuple[cw.SearchHit, ...] = paper.search("cybercrime")
    found: list[tuple[str, str]] = [(hit.kind, hit.id or str(hit.locator)) for hit in hits]
    labels: list[str] = [str(hit.item) for hit in paper.search("网络犯罪", kind="proposal")]
    principle = paper.get("respecting-cyber-sovereignty", cw.Principle)
    assert principle.located_in is not None
    where: str = paper.section(principle.located_in).title.en
    event: cw.Entity = paper.get("wic-2015")
    del found, labels, event
    return principle.name.zh or "", str(principle.located_in), where


def journalist(paper: cw.WhitePaper, principle: cw.Principle) -> tuple[int, int]:
    urls: list[str] = [paper.source_of(citation).url for citation in principle.citations][:2]
    certainty = collections.Counter(str(citation.certainty) for _path, _item, citation in paper.cited())
    uncertain: list[tuple[str, str]] = [
        (path, type(item).__name__)
        for path, item, citation in paper.cited()
        if citation.certainty == "uncertain"
    ]
    november: list[str] = [str(event) for event in paper.events_between("2022-11", "2022-11")]
    year = cw.PartialDate.parse("2022")
    relations: tuple[bool, bool, bool] = (
        year.contains(paper.published),
        year.before(cw.PartialDate.parse("2023-01")),
        year.overlaps(paper.events[0].date),
    )
    one_day: tuple[cw.Event, ...] = paper.events_between(
        datetime.date(2022, 11, 7), datetime.date(2022, 11, 7)
    )
    del urls, certainty, uncertain, november, relations, one_day
    return len(paper.events_between(end=year)), len([e for e in paper.events if e.date <= year])


def graph_builder(paper: cw.WhitePaper) -> list[tuple[str, int]]:
    pointing: list[tuple[str, str]] = [(path, str(entity)) for path, entity in paper.referrers("xi-jinping")]
    referrer: cw.Referrer = paper.referrers("scio")[0]
    degree = collections.Counter({actor.id: len(paper.referrers(actor.id)) for actor in paper.actors})
    actors: Mapping[str, cw.Actor] = paper.by_id(cw.Actor)
    chinese: str | None = actors["cac"].name.zh
    document = cw.to_jsonld(paper, base="https://example.org/id/")
    del pointing, referrer, chinese, document
    return degree.most_common(3)


def missing(paper: cw.WhitePaper) -> str:
    try:
        paper.get("respecting-cyber-sovereignity")
    except cw.NotFoundError as error:
        return f"{error.key}: {error.suggestion}"
    return ""
