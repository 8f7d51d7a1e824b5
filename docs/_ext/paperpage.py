"""Sphinx extension: a page per paper of the corpus, written from the bundled data set at build time.

A page holds the marker block ```` ```{white-paper-data} PAPER-ID ```` ````;
when Sphinx reads the page, the marker is replaced with MyST text made from
that paper of :func:`cyberspace_whitepaper.load_corpus`: its title, the
table of contents, principles, goals, concerns, proposals, a timeline (table
and SVG figure), statistics, related documents, actors and sources, each
with its citations, and the cells of the corpus's crosswalk that quote it.
So a page cannot disagree with the data: it is the data. One renderer serves
every paper; ``corpuspage`` draws the corpus's index and crosswalk pages with
the same helpers.
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

from sphinx.util import logging

import cyberspace_whitepaper
from cyberspace_whitepaper import dataset
from cyberspace_whitepaper.model import (
    Alias,
    Citation,
    Corpus,
    Event,
    LocalizedText,
    Locator,
    Part,
    WhitePaper,
)
from cyberspace_whitepaper.vocab import GoalKind

#: The marker a paper's page holds, naming the paper by its id.
MARKER = re.compile(r"^```\{white-paper-data\}[ \t]*(?P<id>[^\s`]*)[ \t]*\n```[ \t]*$", re.MULTILINE)
#: Where the page of each paper is: ``papers/<paper id>``.
PAPERS_FOLDER = "papers"

logger = logging.getLogger(__name__)

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


# Labels join ids with ".", which no id holds, so two labels never meet.


def source_label(owner: str, source_id: str) -> str:
    """The label of a source's entry on the page of ``owner`` (the paper or corpus that lists it)."""
    return f"source.{owner}.{source_id}"


def paper_label(paper_id: str) -> str:
    """The label of a paper's page."""
    return f"paper.{paper_id}"


def concept_label(concept_id: str) -> str:
    """The label of an idea's section on the crosswalk page."""
    return f"crosswalk.{concept_id}"


def link(text: str, label: str) -> str:
    """A link to a label on any page; ``text`` is MyST text (escape data with :func:`md`)."""
    return f"[{text}](#{label})"


def _cite(citation: Citation, owner: str) -> str:
    where = f"{citation.locator}, " if citation.locator is not None else ""
    target = source_label(owner, citation.source)
    return f"{{ref}}`{citation.source} <{target}>` ({where}*{citation.certainty}*)"


def citations(items: Iterable[Citation], owner: str) -> str:
    """Citations in short, for a table cell: each source (a link to ``owner``'s list), place and certainty."""
    shown = [_cite(citation, owner) for citation in items]
    return ", ".join(shown) if shown else "none given"


def evidence(items: Iterable[Citation], owner: str) -> list[str]:
    """Citations in full, one list item each, with their notes; for the entries of a list."""
    lines = [f"- {_cite(c, owner)}" + (f": {md(c.note)}" if c.note else "") for c in items]
    return ["Evidence:", "", *lines] if lines else ["Evidence: none given."]


def _where(locator: Locator | None) -> str:
    return "" if locator is None else f" Set out in {locator}."


def table(header: Iterable[str], rows: Iterable[Iterable[str]], *, numbers: bool = False) -> Iterator[str]:
    """A MyST table; with ``numbers``, every column but the first holds figures, set to the right."""
    header = list(header)
    yield "| " + " | ".join(header) + " |"
    yield "|" + "|".join("---:" if numbers and index else "---" for index in range(len(header))) + "|"
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


def page_title(paper: WhitePaper) -> str:
    """The heading of a paper's page: its English title and year (two papers share a title)."""
    return f"{localized(paper.title, chinese=False)} ({paper.published.year})"


def render_paper_page(paper: WhitePaper, corpus: Corpus) -> str:
    """A whole paper page: its label and heading, what the page is, then :func:`render_paper`."""
    intro = (
        "This page is written from the bundled data set each time the documentation is built: "
        "every title, name, date, figure and citation below comes from "
        f'`cw.load_corpus().paper("{paper.id}")`, so the page cannot disagree with the data. '
        "The summaries are the data set's own words, not the paper's. Each entry cites its sources "
        "(listed at the end) with the place in the paper the statement concerns and how sure it "
        f"is; {{doc}}`the data policy </data-policy>` explains the marks. The paper is one of "
        f"{len(corpus.papers)} in {{doc}}`the corpus </papers/index>`."
    )
    return "\n".join(
        [f"({paper_label(paper.id)})=", f"# {page_title(paper)}", "", intro, "", render_paper(paper, corpus)]
    )


def render_paper(paper: WhitePaper, corpus: Corpus | None = None) -> str:
    """The paper as MyST text: every section of the paper page.

    With the ``corpus`` it belongs to, related documents that are papers of
    the corpus link to their pages, and a last section gives the cells of
    the crosswalk that quote the paper.
    """
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
            *_documents(paper, corpus),
            *_actors(paper),
            *_sources(paper),
            *(_crosswalk(paper, corpus) if corpus is not None else ()),
        ]
    )


def _actor_name(paper: WhitePaper, actor_id: str) -> str:
    actor = next((actor for actor in paper.actors if actor.id == actor_id), None)
    return f"{localized(actor.name, chinese=False)} (`{actor_id}`)" if actor else f"`{actor_id}`"


def _glance(paper: WhitePaper) -> Iterator[str]:
    yield "## At a glance"
    yield ""
    yield UNOFFICIAL_NOTE
    yield ""
    rows = [
        ("Title", localized(paper.title, chinese=False)),
        ("Chinese title", md(paper.title.zh or "")),
        ("Kind", str(paper.kind)),
        ("Publisher", _actor_name(paper, paper.publisher)),
    ]
    if paper.co_publishers:
        rows.append(("With", ", ".join(_actor_name(paper, actor) for actor in paper.co_publishers)))
    rows += [
        ("Published", str(paper.published)),
        ("Languages", ", ".join(paper.languages)),
        ("Identifier", f"`{paper.id}`"),
        ("Evidence", citations(paper.citations, paper.id)),
    ]
    yield from table(("Field", "Value"), rows)
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
    yield (
        "Where the paper writes a number before a heading (`Chapter I.`, `第一章`), it is shown "
        "before the title."
    )
    yield ""
    rows = [
        (
            f"`{locator}`",
            _numbered(None if isinstance(part, Part) else part.label, part.title, "en"),
            _numbered(None if isinstance(part, Part) else part.label, part.title, "zh"),
            citations(part.citations, paper.id),
        )
        for locator, part in paper.places()
    ]
    yield from table(("Place", "English", "Chinese", "Evidence"), rows)


def _numbered(label: LocalizedText | None, title: LocalizedText, language: str) -> str:
    """A heading in one language, after the number the paper writes before it, if any."""
    if language == "zh":
        parts = [label.zh if label else None, title.zh]
        return " ".join(md(part) for part in parts if part)
    number = localized(label, chinese=False) + " " if label is not None else ""
    return number + localized(title, chinese=False)


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
                [more, *aliases(principle.aliases), evidence(principle.citations, paper.id)],
            )
        yield ""


def aliases(items: Iterable[Alias]) -> list[str]:
    """Other wordings of a name, each with its language and the source that uses it."""
    shown = [
        f"{md(alias.text)} ({alias.language}{', ' + alias.source if alias.source else ''})" for alias in items
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


def _goals(paper: WhitePaper) -> Iterator[str]:
    yield "## Goals"
    yield ""
    if not paper.goals:
        yield "The data set names no goals."
        yield ""
    for kind in GoalKind:  # the vocabulary's order: vision, community, joint action, strategic
        goals = sorted((goal for goal in paper.goals if goal.kind == kind), key=lambda g: g.order)
        if not goals:
            continue
        yield f"### {kind.value.replace('-', ' ').capitalize()} (`{kind}`)"
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
                [terms, _where(goal.located_in), *aliases(goal.aliases), evidence(goal.citations, paper.id)],
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
            [_where(concern.located_in), *aliases(concern.aliases), evidence(concern.citations, paper.id)],
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
            [line, *aliases(proposal.aliases), evidence(proposal.citations, paper.id)],
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
            citations(event.citations, paper.id),
        )
        for event in paper.timeline()
    ]
    yield from table(("Date", "In the paper", "Kind", "Event", "Evidence"), rows)


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
            citations(statistic.citations, paper.id),
        )
        for statistic in paper.statistics
    ]
    yield from table(("Measure", "Figure", "As of", "Scope", "Place", "Evidence"), rows)


def _documents(paper: WhitePaper, corpus: Corpus | None) -> Iterator[str]:
    yield "## Related documents"
    yield ""
    if not paper.documents:
        yield "The data set names no related documents."
        yield ""
        return
    members = {member.id for member in corpus.papers} if corpus is not None else set()
    if members & {document.id for document in paper.documents}:
        yield "A linked title is a paper of the corpus, with a page of its own."
        yield ""
    rows = [
        (
            (
                link(localized(document.title), paper_label(document.id))
                if document.id in members
                else localized(document.title)
            )
            + f" (`{document.id}`)",
            str(document.kind),
            str(document.relation),
            str(document.published) if document.published is not None else "",
            ", ".join(f"`{publisher}`" for publisher in document.publishers),
            citations(document.citations, paper.id),
        )
        for document in paper.documents
    ]
    yield from table(("Document", "Kind", "Relation", "Published", "Publishers", "Evidence"), rows)


def _actors(paper: WhitePaper) -> Iterator[str]:
    yield "## Actors"
    yield ""
    rows = [
        (
            f"{localized(actor.name)} (`{actor.id}`)",
            str(actor.kind),
            md(actor.role or ""),
            f"`{actor.affiliation}`" if actor.affiliation else "",
            citations(actor.citations, paper.id),
        )
        for actor in paper.actors
    ]
    yield from table(("Actor", "Kind", "Role", "Part of", "Evidence"), rows)


def _sources(paper: WhitePaper) -> Iterator[str]:
    yield "## Sources"
    yield ""
    yield (
        "Every citation above names one of these. A citation's certainty says how sure the data "
        "set is of the statement: *confirmed* (seen in the source), *inferred* (deduced, not "
        "seen) or *uncertain* (weak or indirect evidence)."
    )
    yield ""
    yield from source_entries(paper.sources, paper.id)


def source_entries(sources: Iterable[Any], owner: str) -> Iterator[str]:
    """The sources of a paper or corpus, each an entry with the label its citations link to."""
    for source in sources:
        url = source.url.replace("<", "%3C").replace(">", "%3E")
        details = [str(source.kind), f"language `{source.language}`"]
        if source.published is not None:
            details.append(f"published {source.published}")
        details.append(f"address {source.certainty}")
        yield f"({source_label(owner, source.id)})="
        yield f"**`{source.id}`**: {localized(source.title)}. {', '.join(details)}. <{url}>"
        if source.note:
            yield f"{md(source.note)}"
        yield ""


#: A link to the crosswalk page.
CROSSWALK = "{doc}`the crosswalk </crosswalk>`"


def _crosswalk(paper: WhitePaper, corpus: Corpus) -> Iterator[str]:
    yield "## In the crosswalk"
    yield ""
    cells = [(concept, cell) for concept, cell in corpus.crosswalk() if cell.document == paper.id]
    if not cells:
        yield f"No idea of {CROSSWALK} quotes this paper."
        yield ""
        return
    ideas = len({concept.id for concept, _cell in cells})
    share = f"All {ideas}" if ideas == len(corpus.concepts) else f"{ideas} of the {len(corpus.concepts)}"
    yield (
        f"{share} ideas of {CROSSWALK} are worded "
        f"here, in {len(cells)} places. The evidence is the corpus's (its sources are listed on "
        "the crosswalk page)."
    )
    yield ""
    rows = [
        (
            link(localized(concept.name, chinese=False), concept_label(concept.id)),
            localized(cell.wording, chinese=False),
            md(cell.wording.zh or ""),
            f"`{cell.locator}`" if cell.locator is not None else "",
            citations(cell.citations, corpus.id),
        )
        for concept, cell in cells
    ]
    yield from table(("Idea", "Wording", "Chinese", "Place", "Evidence"), rows)


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


def data_files() -> list[str]:
    """Every bundled data file the corpus is read from: a page made from it depends on them all."""
    folder = resources.files(cyberspace_whitepaper).joinpath("data")
    papers = folder.joinpath(dataset.PAPERS_FOLDER)
    files = [folder.joinpath(dataset.DATA_FILE), folder.joinpath(dataset.CORPUS_FILE), *papers.iterdir()]
    return sorted(str(file) for file in files if file.name.endswith(".json"))


def paper_docname(paper_id: str) -> str:
    """Where the page of a paper is: ``papers/<paper id>``."""
    return f"{PAPERS_FOLDER}/{paper_id}"


def _fill_in(app: Any, docname: str, source: list[str]) -> None:
    if not MARKER.search(source[0]):
        return
    for file in data_files():
        app.env.note_dependency(file)
    corpus = dataset.load_corpus()

    def page(match: re.Match[str]) -> str:
        paper_id = match.group("id")
        if docname != paper_docname(paper_id):
            # A page per paper, where the corpus's index expects it: anything else is a mistake.
            logger.warning(
                "white-paper-data %r belongs in %s.md, not here",
                paper_id,
                paper_docname(paper_id),
                location=docname,
            )
        try:
            paper = corpus.paper(paper_id)
        except KeyError:
            logger.warning("no paper %r in the bundled corpus", paper_id, location=docname)
            return f"# No paper `{paper_id}`"
        return render_paper_page(paper, corpus)

    source[0] = MARKER.sub(page, source[0])


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _fill_in)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
