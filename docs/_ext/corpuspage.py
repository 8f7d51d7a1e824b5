"""Sphinx extension: the corpus's own pages, written from the bundled data set at build time.

Two markers, each replaced with MyST text made from
:func:`cyberspace_whitepaper.load_corpus` when Sphinx reads the page:

- ```` ```{corpus-papers} ```` ````: the papers of the corpus, what the data
  set holds of each (headings and their share in official English,
  principles, figures, citations by certainty), and the toctree of their
  pages, ``papers/<paper id>``. A paper without a page, or a page of no
  paper, is a build warning, so the two cannot drift apart.
- ```` ```{corpus-crosswalk} ```` ````: the crosswalk: a figure of the ideas
  against the documents that word them (an SVG grid drawn here), then for
  each idea a table of its wordings, and the corpus's own documents and
  sources.

The pages use the paper page's helpers (``paperpage``): the same escaping,
marks, citations and labels, so a link from one page to another lands.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import paperpage
from paperpage import (
    CHAR,
    CONTEXT_COLOUR,
    INK,
    MARGIN,
    PAPER_COLOUR,
    UNOFFICIAL_NOTE,
    citations,
    concept_label,
    evidence,
    link,
    localized,
    md,
    paper_label,
    source_entries,
    table,
)

from cyberspace_whitepaper import dataset
from cyberspace_whitepaper.model import Concept, Corpus, DocumentRef, Expression, WhitePaper
from cyberspace_whitepaper.vocab import Certainty

MARKER = re.compile(r"^```\{(?P<kind>corpus-papers|corpus-crosswalk)\}[ \t]*\n```[ \t]*$", re.MULTILINE)


def document_label(owner: str, document_id: str) -> str:
    """The label of the entry of one of the corpus's own documents (not a paper) on the crosswalk page."""
    return f"document.{owner}.{document_id}"


# --- the papers ---------------------------------------------------------------------


def _issuers(paper: WhitePaper) -> str:
    names = {actor.id: actor.name for actor in paper.actors}
    ids = (paper.publisher, *paper.co_publishers)
    return "; ".join(localized(names[i], chinese=False) if i in names else f"`{i}`" for i in ids)


def _short(paper: WhitePaper) -> str:
    """A paper's name in a crowded table: its year and kind, linked to its page."""
    return link(f"{paper.published.year} {paper.kind.value.replace('-', ' ')}", paper_label(paper.id))


def paper_counts(paper: WhitePaper) -> dict[str, int]:
    """What the data set holds of one paper, as the index page counts it: a row of its table each."""
    headings = [part.title for _locator, part in paper.places()]
    certainties = Counter(citation.certainty for _path, _thing, citation in paper.cited())
    return {
        "Headings": len(headings),
        "of which in official English": sum(title.en_official for title in headings),
        "Principles": len(paper.principles),
        "Goals": len(paper.goals),
        "Concerns": len(paper.concerns),
        "Proposals": len(paper.proposals),
        "Statistics": len(paper.statistics),
        "Events": len(paper.events),
        "Actors": len(paper.actors),
        "Related documents": len(paper.documents),
        "Sources": len(paper.sources),
        **{f"Citations, {certainty}": certainties[certainty] for certainty in Certainty},
    }


def render_papers(corpus: Corpus) -> str:
    """The index of the corpus's papers: who issued each, what the data set holds of it, their pages."""
    first, last = corpus.papers[0].published.year, corpus.papers[-1].published.year
    lines = [
        (
            f"The corpus `{corpus.id}` holds {len(corpus.papers)} papers, from {first} to {last}. "
            f"In its own words: {md(corpus.summary)}"
        ),
        "",
        UNOFFICIAL_NOTE,
        "",
        *table(
            ("Year", "Paper", "Chinese title", "Kind", "Issued by"),
            (
                (
                    str(paper.published),
                    link(localized(paper.title, chinese=False), paper_label(paper.id)) + f" (`{paper.id}`)",
                    md(paper.title.zh or ""),
                    paper.kind.value.replace("-", " "),
                    _issuers(paper),
                )
                for paper in corpus.papers
            ),
        ),
        "## What the data set holds",
        "",
        (
            "Counted from the data when these pages are built. *Headings* are the preface, chapters, "
            "sections, items and conclusion; those *in official English* are the paper's own English "
            "rather than our gloss or a machine translation. *Citations* counts every citation of the "
            "paper by its certainty: confirmed (seen in the source), inferred or uncertain."
        ),
        "",
    ]
    counts = [paper_counts(paper) for paper in corpus.papers]
    measures = list(counts[0])
    total = {measure: sum(count[measure] for count in counts) for measure in measures}
    lines += table(
        ("", *(_short(paper) for paper in corpus.papers), "All"),
        ((measure, *(str(count[measure]) for count in [*counts, total])) for measure in measures),
        numbers=True,
    )
    lines += [
        (
            "An id two papers share (the SCIO, a source) is counted in each: every paper lists its own "
            "actors and sources, whole. How the ideas recur across the papers is on "
            f"{paperpage.CROSSWALK} page."
        ),
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *(paper.id for paper in corpus.papers),  # beside this page, in papers/
        "```",
        "",
    ]
    return "\n".join(lines)


# --- the crosswalk ------------------------------------------------------------------


def crosswalk_documents(corpus: Corpus) -> list[WhitePaper | DocumentRef]:
    """The crosswalk's columns, by date: every paper, and each other document a cell quotes."""
    quoted = {cell.document for _concept, cell in corpus.crosswalk()}
    found: list[WhitePaper | DocumentRef] = [*corpus.papers]
    found += [document for document in corpus.documents if document.id in quoted]
    return sorted(found, key=lambda d: (d.published is None, d.published.earliest if d.published else None))


def _year(document: WhitePaper | DocumentRef) -> str:
    return str(document.published.year) if document.published is not None else "?"


def _document_link(corpus: Corpus, document_id: str) -> str:
    if any(paper.id == document_id for paper in corpus.papers):
        title = corpus.paper(document_id).title
        return link(localized(title, chinese=False), paper_label(document_id))
    title = next(d.title for d in corpus.documents if d.id == document_id)
    return link(localized(title, chinese=False), document_label(corpus.id, document_id))


def _certainties(cell: Expression) -> str:
    found = {citation.certainty for citation in cell.citations}
    return ", ".join(str(certainty) for certainty in Certainty if certainty in found)


def render_crosswalk(corpus: Corpus) -> str:
    """The crosswalk page: the figure, a section per idea, the corpus's other documents and sources."""
    cells = list(corpus.crosswalk())
    documents = crosswalk_documents(corpus)
    official = sum(cell.wording.en_official for _concept, cell in cells)
    lines = [
        (
            f"The crosswalk traces {len(corpus.concepts)} ideas through {len(documents)} documents, "
            f"from {_year(documents[0])} to {_year(documents[-1])}, in {len(cells)} wordings: "
            f"{official} in the document's own official English, {len(cells) - official} in our gloss "
            "of the Chinese or of a report (marked \\*)."
        ),
        "",
        "```{raw} html",
        f'<figure class="crosswalk-grid">{crosswalk_svg(corpus)}',
        (
            "<figcaption>The ideas of the crosswalk (rows) against the documents that word them "
            "(columns, by date). A filled mark: at least one wording in the document's official "
            "English; a hollow mark: our gloss only; the number: how many wordings. Hover over a "
            "mark for the wordings.</figcaption></figure>"
        ),
        "```",
        "",
        UNOFFICIAL_NOTE + " *Place* is where the wording stands in its paper (a speech has none); "
        "*evidence* names each source, with its certainty, listed at the end of this page.",
        "",
    ]
    for concept in corpus.concepts:
        lines += _idea(corpus, concept)
    lines += _other_documents(corpus)
    lines += ["## Sources", "", "Every citation of the crosswalk names one of these.", ""]
    lines += source_entries(corpus.sources, corpus.id)
    return "\n".join(lines)


def _idea(corpus: Corpus, concept: Concept) -> Iterator[str]:
    history = corpus.history(concept.id)
    documents = list(dict.fromkeys(cell.document for cell in history))
    yield f"({concept_label(concept.id)})="
    yield f"## {localized(concept.name)}"
    yield ""
    yield f"`{concept.id}`: {md(concept.summary)}"
    yield ""
    years = sorted({date.year for d in documents if (date := corpus.date_of(d)) is not None})
    said = f"Worded by {len(documents)} documents ({', '.join(map(str, years))}), in {len(history)} places."
    aliases = paperpage.aliases(concept.aliases)
    yield " ".join([said, *aliases])
    yield ""
    if concept.citations:
        yield from evidence(concept.citations, corpus.id)
        yield ""
    yield from table(
        ("Year", "Document", "Wording", "Chinese", "Place", "Evidence"),
        (
            (
                str(date.year) if (date := corpus.date_of(cell.document)) is not None else "",
                _document_link(corpus, cell.document),
                localized(cell.wording, chinese=False),
                md(cell.wording.zh or ""),
                f"`{cell.locator}`" if cell.locator is not None else "",
                citations(cell.citations, corpus.id),
            )
            for cell in history
        ),
    )
    notes = [
        f"- {date.year if (date := corpus.date_of(cell.document)) else ''}"
        f"{', ' + str(cell.locator) if cell.locator is not None else ''}: {md(cell.note)}"
        for cell in history
        if cell.note
    ]
    if notes:
        yield "Notes, by year and place:"
        yield ""
        yield from notes
        yield ""


def _other_documents(corpus: Corpus) -> Iterator[str]:
    if not corpus.documents:
        return
    yield "## Other documents"
    yield ""
    yield "The crosswalk also quotes these, which are not papers of the corpus."
    yield ""
    names = {actor.id: actor.name for actor in corpus.actors}
    for document in corpus.documents:
        by = ", ".join(
            localized(names[a], chinese=False) if a in names else f"`{a}`" for a in document.publishers
        )
        details = [str(document.kind), *([f"by {by}"] if by else [])]
        if document.published is not None:
            details.append(str(document.published))
        yield f"({document_label(corpus.id, document.id)})="
        yield f"**{localized(document.title)}** (`{document.id}`): {', '.join(details)}."
        if document.url:
            yield f"<{document.url.replace('<', '%3C').replace('>', '%3E')}>"
        yield ""
        if document.summary:
            yield md(document.summary)
            yield ""
        yield from evidence(document.citations, corpus.id)
        yield ""


# --- the figure: ideas by document ----------------------------------------------------------

#: The figure is drawn at about the width furo gives the page's text, so that it shows at its own size.
GRID_WIDTH = 720
ROW = 30
LINE = 12
MARK = 9
#: Idea names longer than this are set on two lines; longer still, cut, with the whole in the tooltip.
NAME_LINE = 32


def _lines(text: str, width: int, most: int = 2) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words; at most ``most`` lines."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    if len(lines[-1]) > width:
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


def _text_lines(lines: list[str], x: float, y: float, **attributes: str) -> str:
    """Lines of text centred on ``y``, one below the other."""
    extra = "".join(f" {key.replace('_', '-')}={quoteattr(value)}" for key, value in attributes.items())
    top = y + 4 - LINE * (len(lines) - 1) / 2
    return "".join(
        f'<text x="{x:.1f}" y="{top + LINE * index:.1f}"{extra}>{escape(line)}</text>'
        for index, line in enumerate(lines)
    )


def _cell_tooltip(concept: Concept, document: WhitePaper | DocumentRef, cells: list[Expression]) -> str:
    wordings = "; ".join(
        cell.wording.en
        + ("" if cell.wording.en_official else "*")
        + (f" ({cell.wording.zh})" if cell.wording.zh else "")
        + (f" [{cell.locator}]" if cell.locator is not None else "")
        for cell in cells
    )
    return f"{concept.name.en}, {_year(document)}: {wordings}"


def crosswalk_svg(corpus: Corpus) -> str:
    """An SVG grid of the crosswalk, drawn without a plotting library.

    A row per idea, a column per document (every paper, and each other
    document a cell quotes), by date. Where a document words an idea there
    is a mark: filled if some wording is in the document's official English,
    hollow if all are our gloss; inside it, how many wordings when more than
    one. Each mark carries the wordings as a tooltip.
    """
    documents = crosswalk_documents(corpus)
    by_cell: dict[tuple[str, str], list[Expression]] = {}
    for concept, cell in corpus.crosswalk():
        by_cell.setdefault((concept.id, cell.document), []).append(cell)
    names = [_lines(concept.name.en, NAME_LINE) for concept in corpus.concepts]
    left = MARGIN / 2 + CHAR * max(len(line) for lines in names for line in lines) + 12
    column = (GRID_WIDTH - left - MARGIN / 2) / len(documents)
    header = 18 + 2 * LINE + 12
    bottom = header + ROW * len(corpus.concepts)
    height = bottom + 40
    marks = len(by_cell)
    gloss = sum(1 for cells in by_cell.values() if not any(c.wording.en_official for c in cells))
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID_WIDTH} {height}" width="100%" '
            'role="img" aria-labelledby="crosswalk-title crosswalk-desc" '
            'font-family="sans-serif" font-size="11">'
        ),
        '<title id="crosswalk-title">The ideas of the crosswalk by document and year</title>',
        (
            f'<desc id="crosswalk-desc">{len(corpus.concepts)} ideas against {len(documents)} documents '
            f"from {_year(documents[0])} to {_year(documents[-1])}: {marks} marks, {marks - gloss} with "
            f"a wording in official English, {gloss} in our gloss only.</desc>"
        ),
        f'<rect x="0" y="0" width="{GRID_WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for row in range(0, len(corpus.concepts), 2):  # every other row shaded, to follow a row across
        out.append(
            f'<rect x="0" y="{header + ROW * row}" width="{GRID_WIDTH}" height="{ROW}" fill="#f1f4f8"/>'
        )
    for index, document in enumerate(documents):
        x = left + column * (index + 0.5)
        kind = _lines(document.kind.value.replace("-", " "), max(4, int(column / CHAR)))
        out.append(
            f'<g class="document" id={quoteattr("crosswalk-" + document.id)}>'
            f"<title>{escape(document.title.en)}</title>"
            f'<text x="{x:.1f}" y="16" text-anchor="middle" font-weight="bold" font-size="13" '
            f'fill="{INK}">{_year(document)}</text>'
            + _text_lines(kind, x, 18 + LINE * 1.5, text_anchor="middle", fill=CONTEXT_COLOUR)
            + f'<line x1="{x:.1f}" y1="{header}" x2="{x:.1f}" y2="{bottom}" stroke="#d0d5dc"/></g>'
        )
    for row, (concept, lines) in enumerate(zip(corpus.concepts, names, strict=True)):
        y = header + ROW * row + ROW / 2
        tooltip = concept.name.en + (f" ({concept.name.zh})" if concept.name.zh else "")
        out.append(
            f'<g class="idea"><title>{escape(tooltip)}</title>'
            + _text_lines(lines, MARGIN / 2, y, fill=INK)
            + "</g>"
        )
        for index, document in enumerate(documents):
            cells = by_cell.get((concept.id, document.id))
            if cells:
                out.append(_draw_cell(concept, document, cells, left + column * (index + 0.5), y))
    legend = bottom + 22
    out += [
        (
            f'<circle cx="{MARGIN / 2 + MARK}" cy="{legend}" r="{MARK}" fill="{PAPER_COLOUR}" '
            f'stroke="{PAPER_COLOUR}" stroke-width="2"/>'
        ),
        (
            f'<text x="{MARGIN / 2 + 2 * MARK + 6}" y="{legend + 4}" fill="{INK}">'
            "a wording in official English</text>"
        ),
        (
            f'<circle cx="{MARGIN / 2 + 210}" cy="{legend}" r="{MARK}" fill="#ffffff" '
            f'stroke="{PAPER_COLOUR}" stroke-width="2"/>'
        ),
        f'<text x="{MARGIN / 2 + 210 + MARK + 6}" y="{legend + 4}" fill="{INK}">our gloss only</text>',
        f'<text x="{MARGIN / 2 + 340}" y="{legend + 4}" fill="{INK}">2, 3 ...: wordings in it</text>',
        "</svg>",
    ]
    return "".join(out)


def _draw_cell(
    concept: Concept, document: WhitePaper | DocumentRef, cells: list[Expression], x: float, y: float
) -> str:
    official = any(cell.wording.en_official for cell in cells)
    kind = "official" if official else "gloss"
    fill, ink = (PAPER_COLOUR, "#ffffff") if official else ("#ffffff", PAPER_COLOUR)
    count = (
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
        f'fill="{ink}">{len(cells)}</text>'
        if len(cells) > 1
        else ""
    )
    return (
        f'<g class="cell {kind}" data-concept={quoteattr(concept.id)} data-document={quoteattr(document.id)}>'
        f"<title>{escape(_cell_tooltip(concept, document, cells))}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARK}" fill="{fill}" stroke="{PAPER_COLOUR}" '
        'stroke-width="2"/>'
        f"{count}</g>"
    )


# --- Sphinx ---------------------------------------------------------------------------


def _fill_in(app: Any, docname: str, source: list[str]) -> None:
    if not MARKER.search(source[0]):
        return
    for file in paperpage.data_files():
        app.env.note_dependency(file)
    corpus = dataset.load_corpus()
    render = {"corpus-papers": render_papers, "corpus-crosswalk": render_crosswalk}
    source[0] = MARKER.sub(lambda match: render[match.group("kind")](corpus), source[0])


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("paperpage")
    app.connect("source-read", _fill_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
