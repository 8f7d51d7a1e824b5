"""Deterministic workloads for the benchmark: a large valid paper and JSON Lines of events.

Everything comes from one ``random.Random(seed)``, so the same seed gives the
same bytes on every machine and every run. The data is valid under every rule
of the model (field rules and whole-paper rules); ``run.py`` checks that by
loading it before it times anything.

Hypothesis is deliberately not used: its strategies aim at odd corners, this
aims at the shape of real data (mostly short English and Chinese text, ids,
dates, a few references per record).
"""

from __future__ import annotations

import calendar
import json
import random
from collections.abc import Iterator
from typing import Any

SEED = 20221107

_EVENT_KINDS = (
    "publication", "press-conference", "conference", "speech", "law", "initiative",
    "party-congress", "founding", "milestone", "media-coverage",
)  # fmt: skip
_ACTOR_KINDS = (
    "person", "government-body", "party-body", "legislature", "international-organization",
    "country", "media", "publisher", "research-body", "other",
)  # fmt: skip
_SOURCE_KINDS = (
    "official-text", "official-translation", "machine-translation", "news-report",
    "transcript", "reference",
)  # fmt: skip
_CERTAINTIES = ("confirmed", "inferred", "uncertain")
_WORDS = (
    "cyberspace", "community", "shared", "future", "internet", "governance", "security",
    "digital", "economy", "cooperation", "development", "sovereignty", "data", "network",
    "infrastructure", "innovation", "conference", "forum", "initiative", "order", "peace",
    "openness", "rules", "platform", "services", "exchange", "people", "world", "global",
)  # fmt: skip
_HANZI = "网络空间命运共同体携手构建数字经济安全发展合作治理主权和平开放秩序互联网大会论坛倡议"
_PLACES = (("Wuzhen", "乌镇"), ("Beijing", "北京"), ("Geneva", "日内瓦"), ("New York", None))
# The bundled paper's shape: 4 chapters, their sections, and items in chapter III.
_SECTIONS_PER_CHAPTER = (3, 4, 8, 10)


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _hanzi(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(_HANZI) for _ in range(rng.randint(low, high)))


def _text(rng: random.Random, chinese: float = 0.7) -> dict[str, Any]:
    text: dict[str, Any] = {"en": _words(rng, 2, 7)}
    if rng.random() < chinese:
        text["zh"] = _hanzi(rng, 4, 12)
    if rng.random() < 0.1:
        text["en_official"] = False
    return text


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    year = rng.randint(first_year, last_year)
    precision = rng.random()
    if precision < 0.1:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if precision < 0.25:
        return f"{year:04d}-{month:02d}"
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


class _Builder:
    """Holds the ids already made, so that references always resolve."""

    def __init__(self, seed: int, n_sources: int):
        self.rng = random.Random(seed)
        self.sources = [f"source-{i}" for i in range(n_sources)]
        self.locators = ["preface", "conclusion"]
        for c, sections in enumerate(_SECTIONS_PER_CHAPTER, start=1):
            roman = ("I", "II", "III", "IV")[c - 1]
            self.locators.append(roman)
            for s in range(1, sections + 1):
                self.locators.append(f"{roman}.{s}")
                if c == 3:
                    self.locators.extend(f"{roman}.{s}({i})" for i in range(1, 4))

    def citations(self, low: int, high: int) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for _ in range(rng.randint(low, high)):
            citation: dict[str, Any] = {"source": rng.choice(self.sources)}
            if rng.random() < 0.5:
                citation["locator"] = rng.choice(self.locators)
            citation["certainty"] = rng.choice(_CERTAINTIES)
            if rng.random() < 0.2:
                citation["note"] = f"Paragraph {rng.randint(1, 60)}."
            out.append(citation)
        return out

    def event(self, index: int, actors: list[str], documents: list[str]) -> dict[str, Any]:
        rng = self.rng
        date = _date(rng, 1994, 2021)
        event: dict[str, Any] = {"id": f"event-{index}", "date": date}
        if rng.random() < 0.15:
            event["end"] = f"{int(date[:4]) + 1:04d}"
        event["kind"] = rng.choice(_EVENT_KINDS)
        # The index keeps titles unique per date, as the rules want.
        event["title"] = {"en": f"{_words(rng, 2, 6)} {index}"}
        if rng.random() < 0.7:
            event["title"]["zh"] = _hanzi(rng, 4, 14)
        if rng.random() < 0.5:
            event["summary"] = _words(rng, 6, 20) + "."
        if rng.random() < 0.3:
            en, zh = rng.choice(_PLACES)
            event["place"] = {"en": en} if zh is None else {"en": en, "zh": zh}
        if actors:
            event["actors"] = rng.sample(actors, rng.randint(0, min(3, len(actors))))
        if documents and rng.random() < 0.2:
            event["documents"] = [rng.choice(documents)]
        event["mentioned_in_paper"] = rng.random() < 0.3
        event["citations"] = self.citations(1, 2)
        return event

    def actor(self, index: int) -> dict[str, Any]:
        rng = self.rng
        actor: dict[str, Any] = {"id": f"actor-{index}", "name": _text(rng), "kind": rng.choice(_ACTOR_KINDS)}
        if rng.random() < 0.4:
            actor["role"] = _words(rng, 2, 5)
        if index > 0 and rng.random() < 0.2:
            actor["affiliation"] = f"actor-{rng.randrange(index)}"
        if rng.random() < 0.2:
            actor["aliases"] = [
                {"text": _words(rng, 1, 3), "language": "en", "source": rng.choice(self.sources)}
            ]
        actor["citations"] = self.citations(0, 1)
        return actor


def paper(
    n_events: int = 10_000, n_actors: int = 10_000, n_sources: int = 100, seed: int = SEED
) -> dict[str, Any]:
    """A valid paper as plain data: the bundled paper's outline, with many events and actors."""
    b = _Builder(seed, n_sources)
    rng = b.rng
    chapters = []
    for c, sections in enumerate(_SECTIONS_PER_CHAPTER, start=1):
        chapter_sections = []
        for s in range(1, sections + 1):
            section: dict[str, Any] = {
                "number": s,
                "title": _text(rng, 1.0),
                "summary": _words(rng, 8, 20) + ".",
            }
            if c == 3:
                section["items"] = [{"number": i, "title": _text(rng, 1.0)} for i in range(1, 4)]
            section["citations"] = b.citations(1, 1)
            chapter_sections.append(section)
        chapters.append(
            {
                "number": c,
                "title": _text(rng, 1.0),
                "summary": _words(rng, 10, 25) + ".",
                "sections": chapter_sections,
                "citations": b.citations(1, 2),
            }
        )
    actors = [f"actor-{i}" for i in range(n_actors)]
    documents = [f"document-{i}" for i in range(20)]
    principles = [
        {
            "id": f"principle-{kind}-{order}",
            "kind": kind,
            "order": order,
            "name": {"en": f"Principle {kind} {order}", "zh": f"原则{kind}{order}"},
            "summary": _words(rng, 8, 16) + ".",
            "located_in": "I.3",
            "citations": b.citations(1, 2),
        }
        for kind, count in (("basic", 4), ("governance", 3))
        for order in range(1, count + 1)
    ]
    goals = [
        {
            "id": f"goal-{kind}-{order}",
            "kind": kind,
            "order": order,
            "name": {"en": f"Goal {kind} {order}"},
            "summary": _words(rng, 8, 16) + ".",
            "located_in": "I.2",
            "citations": b.citations(1, 1),
        }
        for kind in ("vision", "community", "joint-action")
        for order in range(1, 5)
    ]
    concerns = [
        {
            "id": f"concern-{i}",
            "name": {"en": f"Concern {i}"},
            "summary": _words(rng, 6, 12) + ".",
            "located_in": "I.1",
            "citations": b.citations(1, 1),
        }
        for i in range(1, 9)
    ]
    proposals = [
        {
            "id": f"proposal-{n}",
            "number": n,
            "name": {"en": f"Proposal {n}"},
            "summary": _words(rng, 8, 16) + ".",
            "located_in": f"IV.{n}",
            "supports": [principles[n % len(principles)]["id"], goals[n % len(goals)]["id"]],
            "citations": b.citations(1, 2),
        }
        for n in range(1, 11)
    ]
    statistics = [
        {
            "id": f"statistic-{i}",
            "measure": _text(rng),
            "value": rng.choice((45.5, 39.8, 1032, 0.25, 7.3, 24000)),
            "unit": "yuan" if i % 2 else "people",
            "scale": rng.choice(("one", "million", "trillion")),
            "approximate": i % 3 == 0,
            "as_of": _date(rng, 2015, 2021),
            "scope": "China",
            "located_in": "III.1",
            "citations": b.citations(1, 1),
        }
        for i in range(40)
    ]
    document_refs = [
        {
            "id": doc_id,
            "title": _text(rng),
            "kind": "report",
            "publishers": [rng.choice(actors)],
            "published": _date(rng, 2010, 2022),
            "url": f"https://example.org/documents/{doc_id}.html",
            "relation": "context",
            "citations": b.citations(1, 1),
        }
        for doc_id in documents
    ]
    sources = [
        {
            "id": source_id,
            "title": _text(rng),
            "kind": rng.choice(_SOURCE_KINDS),
            "url": f"https://example.org/sources/{source_id}",
            "language": rng.choice(("en", "zh", "zh-Hans", "en-GB")),
            "published": _date(rng, 2015, 2022),
        }
        for source_id in b.sources
    ]
    events = [b.event(i, actors, documents) for i in range(n_events)]
    return {
        "schema_version": 1,
        "id": "generated-paper",
        "title": {"en": "A Generated Paper", "zh": "生成的白皮书"},
        "publisher": actors[0],
        "published": "2022-11-07",
        "languages": ["zh", "en"],
        "summary": "A large paper made for the benchmark.",
        "preface": {
            "title": {"en": "Preface", "zh": "前言"},
            "summary": "It opens.",
            "citations": b.citations(1, 1),
        },
        "chapters": chapters,
        "conclusion": {"title": {"en": "Conclusion", "zh": "结束语"}, "summary": "It closes."},
        "principles": principles,
        "goals": goals,
        "concerns": concerns,
        "proposals": proposals,
        "events": events,
        "actors": [b.actor(i) for i in range(n_actors)],
        "statistics": statistics,
        "documents": document_refs,
        "sources": sources,
        "citations": b.citations(2, 3),
    }


def paper_json(**kwargs: Any) -> bytes:
    """The generated paper as compact UTF-8 JSON."""
    return json.dumps(paper(**kwargs), ensure_ascii=False, separators=(",", ":")).encode()


def events(count: int, seed: int = SEED + 1) -> Iterator[dict[str, Any]]:
    """``count`` standalone events (their references need no paper around them)."""
    b = _Builder(seed, 50)
    actors = [f"actor-{i}" for i in range(1000)]
    documents = [f"document-{i}" for i in range(50)]
    for index in range(count):
        yield b.event(index, actors, documents)


def events_jsonl(count: int, seed: int = SEED + 1) -> bytes:
    """``count`` events as JSON Lines, one compact object per line."""
    return b"".join(
        json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        for event in events(count, seed)
    )
