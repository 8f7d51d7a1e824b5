"""Sphinx extension: the paper page, written from the bundled data set at build time.

A page holds the marker block ```` ```{white-paper-data} ```` ````; when Sphinx
reads the page, the marker is replaced with MyST text made from
:func:`cyberspace_whitepaper.load_white_paper`: the table of contents,
principles, goals, concerns, proposals, a timeline (table and SVG figure),
statistics, related documents, actors and sources, each with its citations.
So the page cannot disagree with the data: it is the data.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import cyberspace_whitepaper
from cyberspace_whitepaper import dataset
from cyberspace_whitepaper.model import (
    Alias,
    Citation,
    Event,
    LocalizedText,
    Locator,
    WhitePaper,
)

MARKER = re.compile(r"^```\{white-paper-data\}[ \t]*\n```[ \t]*$", re.MULTILINE)

#: Shown after English that is not the official wording, and explained once.
UNOFFICIAL = "\\*"
UNOFFICIAL_NOTE = (
    "An asterisk (\\*) marks English that is our gloss or a machine translation, not the "
    "official wording (`en_official: false`)."
)

# Every character that means something in MyST or CommonMark inline text, so
# that text from the data is always shown as text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~$&^])")


# --- text ---------------------------------------------------------------------


def md(text: str) -> str:
    """Data text as literal MyST inline text: special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def localized(value: LocalizedText, *, chinese: bool = True) -> str:
    """English (marked when unofficial), then the Chinese in brackets."""
    english = md(value.en) + ("" if value.en_official else UNOFFICIAL)
    if chinese and value.zh:
        return f"{english} ({md(value.zh)})"
    return english


def source_label(source_id: str) -> str:
    """The label of a source's entry on the paper page."""
    return f"paper-source-{source_id}"


def _cite(citation: Citation) -> str:
    where = f"{citation.locator}, " if citation.locator is not None else ""
    return f"{{ref}}`{citation.source} <{source_label(citation.source)}>` ({where}*{citation.certainty}*)"


def citations(items: Iterable[Citation]) -> str:
    """Citations in short, for a table cell: each source (a link), place in the paper and certainty."""
    shown = [_cite(citation) for citation in items]
    return ", ".join(shown) if shown else "none given"


def evidence(items: Iterable[Citation]) -> list[str]:
    """Citations in full, one list item each, with their notes; for the entries of a list."""
    lines = [f"- {_cite(c)}" + (f": {md(c.note)}" if c.note else "") for c in items]
    return ["Evidence:", "", *lines] if lines else ["Evidence: none given."]


def _where(locator: Locator | None) -> str:
    return "" if locator is None else f" Set out in {locator}."


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> Iterator[str]:
    header = list(header)
    yield "| " + " | ".join(header) + " |"
    yield "|" + "|".join("---" for _ in header) + "|"
    for row in rows:
        # Escaped text never holds a bare "|", so cells cannot run into each other.
        yield "| " + " | ".join(row) + " |"
    yield ""


def figure(value: Any, scale: str, unit: str, approximate: bool) -> str:
    """A statistic as a reader says it: ``about 45.5 trillion yuan``, ``39.8%``."""
    number = f"{value:,}"
    unit = unit.replace("-", " ")  # units are slugs: "base-stations"
    if unit == "percent":
        text = f"{number}%"
    else:
        words = [number] if scale == "one" else [number, scale]
        text = " ".join([*words, unit])
    return f"about {text}" if approximate else text


# --- the page -----------------------------------------------------------------


def render_paper(paper: WhitePaper) -> str:
    """The paper as MyST text: every section of the paper page."""
    return "\n".join(
        [
            *_glance(paper),
            *_contents(paper),
            *_principles(paper),
            *_goals(paper),
            *_concerns(paper),
            *_proposals(paper),
            *_timeline(paper),
            *_statistics(paper),
            *_documents(paper),
            *_actors(paper),
            *_sources(paper),
        ]
    )


def _glance(paper: WhitePaper) -> Iterator[str]:
    names = {actor.id: actor.name for actor in paper.actors}
    publisher = names.get(paper.publisher)
    yield "## At a glance"
    yield ""
    yield UNOFFICIAL_NOTE
    yield ""
    yield from _table(
        ("Field", "Value"),
        [
            ("Title", localized(paper.title, chinese=False)),
            ("Chinese title", md(paper.title.zh or "")),
            (
                "Publisher",
                f"{localized(publisher, chinese=False)} (`{paper.publisher}`)"
                if publisher
                else paper.publisher,
            ),
            ("Published", str(paper.published)),
            ("Languages", ", ".join(paper.languages)),
            ("Identifier", f"`{paper.id}`"),
            ("Evidence", citations(paper.citations)),
        ],
    )
    yield md(paper.summary)
    yield ""
    counts = [
        ("chapters", len(paper.chapters)),
        ("sections", sum(len(chapter.sections) for chapter in paper.chapters)),
        ("principles", len(paper.principles)),
        ("goals", len(paper.goals)),
        ("concerns", len(paper.concerns)),
        ("proposals", len(paper.proposals)),
        ("events", len(paper.events)),
        ("actors", len(paper.actors)),
        ("statistics", len(paper.statistics)),
        ("related documents", len(paper.documents)),
        ("sources", len(paper.sources)),
    ]
    yield "The data set holds " + ", ".join(f"{count} {name}" for name, count in counts) + "."
    yield ""


def _contents(paper: WhitePaper) -> Iterator[str]:
    yield "## Table of contents"
    yield ""
    yield "Each place is written as a locator, the form citations use (`I.3`, `III.1(2)`)."
    yield ""
    rows: list[tuple[str, str, str, str]] = []

    def row(locator: str, title: LocalizedText, evidence: Iterable[Citation]) -> None:
        rows.append(
            (f"`{locator}`", localized(title, chinese=False), md(title.zh or ""), citations(evidence))
        )

    if paper.preface is not None:
        row("preface", paper.preface.title, paper.preface.citations)
    for chapter in paper.chapters:
        chapter_locator = Locator(chapter=chapter.number)
        row(str(chapter_locator), chapter.title, chapter.citations)
        for section in chapter.sections:
            section_locator = Locator(chapter=chapter.number, section=section.number)
            row(str(section_locator), section.title, section.citations)
            for item in section.items:
                item_locator = Locator(chapter=chapter.number, section=section.number, item=item.number)
                row(str(item_locator), item.title, item.citations)
    if paper.conclusion is not None:
        row("conclusion", paper.conclusion.title, paper.conclusion.citations)
    yield from _table(("Place", "English", "Chinese", "Evidence"), rows)


def _principles(paper: WhitePaper) -> Iterator[str]:
    events = {event.id: event for event in paper.events}
    yield "## Principles"
    yield ""
    if not paper.principles:
        yield "The data set names no principles."
        yield ""
    for kind in sorted({principle.kind for principle in paper.principles}, key=lambda k: k != "basic"):
        yield f"### {kind.capitalize()} principles"
        yield ""
        for principle in sorted((p for p in paper.principles if p.kind == kind), key=lambda p: p.order):
            more = _where(principle.located_in)
            if principle.introduced_by:
                event = events.get(principle.introduced_by)
                first = f"{localized(event.title, chinese=False)} ({_when(event)})" if event else ""
                more += f" First put forward at: {first} (`{principle.introduced_by}`)."
            yield from _entry(
                f"{principle.order}.",
                f"**{localized(principle.name)}** (`{principle.id}`): {md(principle.summary)}",
                [more, *_aliases(principle.aliases), evidence(principle.citations)],
            )
        yield ""


def _aliases(aliases: Iterable[Alias]) -> list[str]:
    shown = [
        f"{md(alias.text)} ({alias.language}{', ' + alias.source if alias.source else ''})"
        for alias in aliases
    ]
    return [f"Also written: {'; '.join(shown)}."] if shown else []


def _entry(marker: str, head: str, details: Iterable[str | list[str]]) -> Iterator[str]:
    """A list item: its first line, then each detail as a block of its own inside it."""
    yield f"{marker} {head}"
    indent = " " * (len(marker) + 1)
    for detail in details:
        block = [detail.strip()] if isinstance(detail, str) else detail
        if any(line.strip() for line in block):
            yield ""
            yield from (indent + line if line else "" for line in block)


_GOAL_HEADINGS = {"vision": "The vision", "community": "The four communities", "joint-action": "Joint action"}


def _goals(paper: WhitePaper) -> Iterator[str]:
    yield "## Goals"
    yield ""
    if not paper.goals:
        yield "The data set names no goals."
        yield ""
    for kind in ("vision", "community", "joint-action"):
        goals = sorted((goal for goal in paper.goals if goal.kind == kind), key=lambda g: g.order)
        if not goals:
            continue
        yield f"### {_GOAL_HEADINGS[kind]} (`{kind}`)"
        yield ""
        for goal in goals:
            terms = (
                f"Rendered in the official listing as: {', '.join(md(t) for t in goal.terms)}."
                if goal.terms
                else ""
            )
            yield from _entry(
                f"{goal.order}.",
                f"**{localized(goal.name)}** (`{goal.id}`): {md(goal.summary)}",
                [terms, _where(goal.located_in), *_aliases(goal.aliases), evidence(goal.citations)],
            )
        yield ""


def _concerns(paper: WhitePaper) -> Iterator[str]:
    yield "## Concerns"
    yield ""
    if not paper.concerns:
        yield "The data set names no concerns."
    for concern in paper.concerns:
        yield from _entry(
            "-",
            f"**{localized(concern.name)}** (`{concern.id}`): {md(concern.summary)}",
            [_where(concern.located_in), *_aliases(concern.aliases), evidence(concern.citations)],
        )
    yield ""


def _proposals(paper: WhitePaper) -> Iterator[str]:
    yield "## Proposals"
    yield ""
    if not paper.proposals:
        yield "The data set names no proposals."
        yield ""
    names = {entity.id: entity.name for entity in (*paper.principles, *paper.goals)}
    for proposal in sorted(paper.proposals, key=lambda p: p.number):
        supports = ", ".join(
            f"{localized(names[ref], chinese=False)} (`{ref}`)" if ref in names else f"`{ref}`"
            for ref in proposal.supports
        )
        line = _where(proposal.located_in)
        if supports:
            line += f" Serves: {supports}."
        yield from _entry(
            f"{proposal.number}.",
            f"**{localized(proposal.name)}** (`{proposal.id}`): {md(proposal.summary)}",
            [line, *_aliases(proposal.aliases), evidence(proposal.citations)],
        )
    yield ""


def _when(event: Event) -> str:
    return str(event.date) if event.end is None else f"{event.date}/{event.end}"


def _timeline(paper: WhitePaper) -> Iterator[str]:
    yield "## Timeline"
    yield ""
    yield (
        "Dates keep the precision of their sources: `2019-10` is a month, `2020` a year, and "
        "`2022-11-06/2022-11-07` a range. Events the paper itself names are drawn above the "
        "axis; context events, which the paper does not name, below it."
    )
    yield ""
    yield "```{raw} html"
    yield f'<figure class="paper-timeline">{timeline_svg(paper)}'
    yield "<figcaption>The events of the data set in time. Filled markers: named in the paper; "
    yield "hollow markers: context. A bar spans a month, a year or a range.</figcaption></figure>"
    yield "```"
    yield ""
    rows = [
        (
            f"`{_when(event)}`",
            "yes" if event.mentioned_in_paper else "context",
            str(event.kind),
            f"{localized(event.title)} (`{event.id}`)",
            citations(event.citations),
        )
        for event in paper.timeline()
    ]
    yield from _table(("Date", "In the paper", "Kind", "Event", "Evidence"), rows)


def _statistics(paper: WhitePaper) -> Iterator[str]:
    yield "## Statistics"
    yield ""
    if not paper.statistics:
        yield "The data set holds no statistics."
        yield ""
        return
    rows = [
        (
            f"{localized(statistic.measure)} (`{statistic.id}`)",
            figure(statistic.value, str(statistic.scale), statistic.unit, statistic.approximate),
            str(statistic.as_of) if statistic.as_of is not None else "",
            md(statistic.scope),
            str(statistic.located_in) if statistic.located_in is not None else "",
            citations(statistic.citations),
        )
        for statistic in paper.statistics
    ]
    yield from _table(("Measure", "Figure", "As of", "Scope", "Place", "Evidence"), rows)


def _documents(paper: WhitePaper) -> Iterator[str]:
    yield "## Related documents"
    yield ""
    if not paper.documents:
        yield "The data set names no related documents."
        yield ""
        return
    rows = [
        (
            f"{localized(document.title)} (`{document.id}`)",
            str(document.kind),
            str(document.relation),
            str(document.published) if document.published is not None else "",
            ", ".join(f"`{publisher}`" for publisher in document.publishers),
            citations(document.citations),
        )
        for document in paper.documents
    ]
    yield from _table(("Document", "Kind", "Relation", "Published", "Publishers", "Evidence"), rows)


def _actors(paper: WhitePaper) -> Iterator[str]:
    yield "## Actors"
    yield ""
    rows = [
        (
            f"{localized(actor.name)} (`{actor.id}`)",
            str(actor.kind),
            md(actor.role or ""),
            f"`{actor.affiliation}`" if actor.affiliation else "",
            citations(actor.citations),
        )
        for actor in paper.actors
    ]
    yield from _table(("Actor", "Kind", "Role", "Part of", "Evidence"), rows)


def _sources(paper: WhitePaper) -> Iterator[str]:
    yield "## Sources"
    yield ""
    yield (
        "Every citation above names one of these. A citation's certainty says how sure the data "
        "set is of the statement: *confirmed* (seen in the source), *inferred* (deduced, not "
        "seen) or *uncertain* (weak or indirect evidence)."
    )
    yield ""
    for source in paper.sources:
        url = source.url.replace("<", "%3C").replace(">", "%3E")
        details = [str(source.kind), f"language `{source.language}`"]
        if source.published is not None:
            details.append(f"published {source.published}")
        details.append(f"address {source.certainty}")
        yield f"({source_label(source.id)})="
        yield f"**`{source.id}`**: {localized(source.title)}. {', '.join(details)}. <{url}>"
        if source.note:
            yield f"{md(source.note)}"
        yield ""


# --- the timeline figure --------------------------------------------------------

WIDTH = 960
MARGIN = 24
ROW = 18
CHAR = 6.4  # average width of a character at 11px, to lay labels out without a font
LABEL_LIMIT = 44
#: Empty years beyond this many between two events break the axis.
MAX_GAP_YEARS = 3
#: The width of a break in the axis, in years.
BREAK_YEARS = 0.8
INK = "#222222"
PAPER_COLOUR = "#1f4e79"
CONTEXT_COLOUR = "#6b6b6b"
# A white copy of each label, outlined, drawn under it keeps it legible over the dashed stems.
HALO = 'fill="#ffffff" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"'


@dataclasses.dataclass(frozen=True)
class _Scale:
    """Days to x positions, with the axis broken over long runs of years without events.

    ``segments`` are runs of years, each drawn to scale; between two runs the
    axis is broken and the empty years take ``BREAK_YEARS`` of width.
    """

    segments: tuple[tuple[int, int], ...]

    @classmethod
    def for_events(cls, events: Iterable[Event]) -> _Scale:
        years = sorted(
            {year for e in events for year in range(e.date.earliest.year, (e.end or e.date).latest.year + 1)}
        )
        segments = [[years[0], years[0]]]
        for year in years[1:]:
            if year - segments[-1][1] > MAX_GAP_YEARS + 1:
                segments.append([year, year])
            else:
                segments[-1][1] = year
        return cls(tuple((first, last) for first, last in segments))

    @property
    def _total(self) -> float:
        return sum(last - first + 1 for first, last in self.segments) + BREAK_YEARS * (len(self.segments) - 1)

    def _offset(self, index: int) -> float:
        """Years of width before segment ``index``."""
        return sum(last - first + 1 + BREAK_YEARS for first, last in self.segments[:index])

    def _at(self, years: float) -> float:
        return MARGIN + (WIDTH - 2 * MARGIN) * years / self._total

    def x(self, day: datetime.date) -> float:
        for index, (first, last) in enumerate(self.segments):
            if day.year < first:  # in a break: at the end of the run before it
                return self._at(self._offset(index) - BREAK_YEARS)
            if day.year <= last:
                return self._at(self._offset(index) + (day - datetime.date(first, 1, 1)).days / 365.25)
        return self._at(self._total)

    def breaks(self) -> Iterator[tuple[float, float]]:
        """The left and right ends of each break in the axis."""
        for (_, last), (first, _) in itertools.pairwise(self.segments):
            yield self.x(datetime.date(last, 12, 31)) + 2, self.x(datetime.date(first, 1, 1)) - 2

    def ticks(self) -> Iterator[int]:
        """The years to label: each run's first, then every few years."""
        step = next((step for step in (1, 2, 5, 10, 20, 50) if self._total / step <= 16), 100)
        for first, last in self.segments:
            yield from range(first, last + 1, step)


@dataclasses.dataclass
class _Mark:
    """One event as drawn: where its marker lies, its label, and the room the two take."""

    event: Event
    x0: float
    x1: float
    label: str
    label_right: bool
    row: int = 0

    @property
    def span(self) -> tuple[float, float]:
        width = len(self.label) * CHAR + 8
        if self.label_right:
            return (self.x0, max(self.x1, self.x0) + width)
        return (self.x0 - width, self.x1)


def _label(event: Event) -> str:
    text = event.title.en
    if len(text) > LABEL_LIMIT:
        text = text[: LABEL_LIMIT - 1].rstrip() + "\u2026"
    return f"{_when(event)} {text}"


def _stack(marks: list[_Mark]) -> int:
    """Put each mark in the first row where its span overlaps no other; return the number of rows."""
    rows: list[list[tuple[float, float]]] = []
    for mark in marks:
        start, end = mark.span
        for index, taken in enumerate(rows):
            if all(end + 8 <= left or start >= right + 8 for left, right in taken):
                taken.append((start, end))
                mark.row = index
                break
        else:
            rows.append([(start, end)])
            mark.row = len(rows) - 1
    return len(rows)


def _colour(event: Event) -> str:
    return PAPER_COLOUR if event.mentioned_in_paper else CONTEXT_COLOUR


def _draw_stem(mark: _Mark, axis: float, y: float) -> str:
    return (
        f'<line x1="{mark.x0:.1f}" y1="{axis:.1f}" x2="{mark.x0:.1f}" y2="{y:.1f}" '
        f'stroke="{_colour(mark.event)}" stroke-width="0.6" stroke-dasharray="2 2"/>'
    )


def _draw_mark(mark: _Mark, y: float) -> str:
    event = mark.event
    colour = _colour(event)
    fill = colour if event.mentioned_in_paper else "#ffffff"
    kind = "paper" if event.mentioned_in_paper else "context"
    tooltip = f"{_when(event)}: {event.title.en}" + (f" ({event.title.zh})" if event.title.zh else "")
    x0, x1 = mark.x0, mark.x1
    if x1 - x0 >= 3:
        marker = f'<rect x="{x0:.1f}" y="{y - 4:.1f}" width="{x1 - x0:.1f}" height="8" rx="3" '
    else:
        marker = f'<circle cx="{x0:.1f}" cy="{y:.1f}" r="4" '
    text_x, anchor = (max(x0, x1) + 6, "start") if mark.label_right else (x0 - 6, "end")
    text = f'<text x="{text_x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}"'
    return (
        f'<g class="event {kind}" id={quoteattr("timeline-" + event.id)}>'
        f"<title>{escape(tooltip)}</title>"
        f'{marker}fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
        f"{text} {HALO}>{escape(mark.label)}</text>"
        f'{text} fill="{INK}">{escape(mark.label)}</text>'
        "</g>"
    )


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{INK}"/>'


def _draw_axis(scale: _Scale, axis: float) -> Iterator[str]:
    left = float(MARGIN)
    for break_left, break_right in [*scale.breaks(), (WIDTH - MARGIN, WIDTH - MARGIN)]:
        yield _line(left, axis, break_left, axis)
        if break_right > break_left:
            # Two slanted strokes: the years in between are left out.
            for at in (break_left, break_right):
                yield _line(at - 3, axis + 5, at + 3, axis - 5)
        left = break_right
    for year in scale.ticks():
        tick = scale.x(datetime.date(year, 1, 1))
        yield _line(tick, axis - 4, tick, axis + 4)
        yield f'<text x="{tick + 2:.1f}" y="{axis + 16:.1f}" fill="#444444">{year}</text>'


def timeline_svg(paper: WhitePaper) -> str:
    """An SVG picture of the paper's events on a time axis, drawn without a plotting library.

    Events the paper names sit above the axis, filled; context events below,
    hollow. An event known to the day is a dot; a month, a year or a range is
    a bar over the days it may cover. Long runs of years without events are
    cut out of the axis, marked by a break. Labels are stacked in rows so that
    none overlaps another; each event carries its full title as a tooltip.
    """
    events = paper.timeline()
    if not events:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" role="img" '
            'aria-label="No events"><text x="10" y="24" font-size="12">No events.</text></svg>'
        )
    scale = _Scale.for_events(events)
    marks = []
    for event in events:
        x0 = scale.x(event.date.earliest)
        x1 = scale.x((event.end or event.date).latest + datetime.timedelta(days=1))
        label = _label(event)
        fits_right = max(x0, x1) + 14 + len(label) * CHAR <= WIDTH - MARGIN / 2
        marks.append(_Mark(event, x0, x1, label, fits_right))
    named = [mark for mark in marks if mark.event.mentioned_in_paper]
    context = [mark for mark in marks if not mark.event.mentioned_in_paper]
    above, below = _stack(named), _stack(context)
    axis = 44 + above * ROW + 14
    height = axis + 30 + below * ROW + 10
    rows = [(mark, axis - 14 - mark.row * ROW) for mark in named]
    rows += [(mark, axis + 30 + mark.row * ROW) for mark in context]
    first, last = scale.segments[0][0], scale.segments[-1][1]
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
            'role="img" aria-labelledby="timeline-title timeline-desc" '
            'font-family="sans-serif" font-size="11">'
        ),
        '<title id="timeline-title">Timeline of the events in and around the white paper</title>',
        (
            f'<desc id="timeline-desc">{len(named)} events named in the paper above the axis, '
            f"{len(context)} context events below it, {first} to {last}.</desc>"
        ),
        f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
        f'<circle cx="{MARGIN + 6}" cy="16" r="4" fill="{PAPER_COLOUR}"/>',
        f'<text x="{MARGIN + 16}" y="20" fill="{INK}">named in the paper</text>',
        f'<circle cx="{MARGIN + 156}" cy="16" r="4" fill="#fff" stroke="{CONTEXT_COLOUR}" stroke-width="2"/>',
        f'<text x="{MARGIN + 166}" y="20" fill="{INK}">context</text>',
        *(_draw_stem(mark, axis, y) for mark, y in rows),
        *_draw_axis(scale, axis),
        *(_draw_mark(mark, y) for mark, y in rows),
        "</svg>",
    ]
    return "".join(out)


# --- Sphinx ---------------------------------------------------------------------


def _data_path() -> str:
    return str(resources.files(cyberspace_whitepaper).joinpath("data", dataset.DATA_FILE))


def _fill_in(app: Any, docname: str, source: list[str]) -> None:
    if not MARKER.search(source[0]):
        return
    app.env.note_dependency(_data_path())
    text = render_paper(dataset.load_white_paper())
    source[0] = MARKER.sub(lambda _match: text, source[0])


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _fill_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
