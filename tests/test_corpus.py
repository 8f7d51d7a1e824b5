"""The corpus: its methods on the bundled one, and its own rules with their exact messages.

Each paper of a corpus keeps its own rules (``test_rules.py``); a corpus adds
four: ids unique across it, a related document that is a paper of the corpus
agrees with that paper, an id two records share means one thing in both, and a
crosswalk cell's place is in the paper it quotes. Every case here starts from
the bundled corpus and breaks one thing.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model import Citation, Locator

CORPUS = cw.load_corpus()
PAPER_2010, PAPER_2017, PAPER_2019, PAPER_2022, PAPER_2023 = CORPUS.papers
SPEECH = "xi-wic-2015-keynote-speech"
ACCESS_1994 = "full-function-internet-access-1994"


def problems_of(make: Any) -> list[tuple[str, str, str]]:
    """The (path, code, message) of every problem that ``make()`` raises."""
    with pytest.raises(cw.ValidationError) as caught:
        make()
    return [(p.path, p.code, p.message) for p in caught.value.problems]


def replace(entries: tuple[Any, ...], index: int, **changes: Any) -> tuple[Any, ...]:
    """``entries`` with the one at ``index`` evolved by ``changes``."""
    return (*entries[:index], attrs.evolve(entries[index], **changes), *entries[index + 1 :])


def with_paper(index: int, **changes: Any) -> cw.Corpus:
    """The bundled corpus with its paper at ``index`` evolved by ``changes``."""
    return attrs.evolve(CORPUS, papers=replace(CORPUS.papers, index, **changes))


def with_first_cell(**changes: Any) -> cw.Corpus:
    """The bundled corpus with the first cell of its first concept evolved by ``changes``."""
    concept = CORPUS.concepts[0]
    changed = attrs.evolve(concept, expressions=replace(concept.expressions, 0, **changes))
    return attrs.evolve(CORPUS, concepts=(changed, *CORPUS.concepts[1:]))


def index_of(entries: tuple[Any, ...], entity_id: str) -> int:
    return next(i for i, entry in enumerate(entries) if entry.id == entity_id)


class TestBundledCorpus:
    def test_papers_in_the_order_of_their_dates(self) -> None:
        """Five papers, 2010 to 2023, earliest first; the 2022 one is the bundled paper itself."""
        assert [paper.published.year for paper in CORPUS.papers] == [2010, 2017, 2019, 2022, 2023]
        assert cw.load_white_paper() == PAPER_2022

    def test_round_trips_through_json(self) -> None:
        """The whole corpus writes to JSON and reads back equal, through the strict loader."""
        assert cw.loads(cw.dumps(CORPUS), type=cw.Corpus) == CORPUS

    def test_paper_by_id(self) -> None:
        assert CORPUS.paper("wic-concept-paper-2019") is PAPER_2019
        with pytest.raises(KeyError):
            CORPUS.paper(SPEECH)  # a document of the corpus, not a paper

    def test_date_of_a_paper_a_document_and_neither(self) -> None:
        assert CORPUS.date_of(PAPER_2017.id) == PAPER_2017.published
        assert CORPUS.date_of(SPEECH) == cw.PartialDate.parse("2015-12-16")
        assert CORPUS.date_of("no-such-document") is None

    @pytest.mark.parametrize(
        "query", ["cyber-sovereignty", "Respecting Cyber Sovereignty", "尊重网络主权", "internet sovereignty"]
    )
    def test_concept_by_id_name_or_alias(self, query: str) -> None:
        """A concept is found by its id, its English or Chinese name, or an alias, case aside."""
        assert CORPUS.concept(query).id == "cyber-sovereignty"

    def test_unknown_concept(self) -> None:
        with pytest.raises(KeyError):
            CORPUS.concept("sovereignty")  # part of a name is not a name

    def test_history_is_earliest_first(self) -> None:
        """How the documents word an idea, by the documents' dates (the speech of 2015 in its place)."""
        documents = [cell.document for cell in CORPUS.history("cyber-sovereignty")]
        assert documents == [
            PAPER_2010.id, PAPER_2010.id, SPEECH, PAPER_2017.id, PAPER_2017.id, PAPER_2019.id,
            PAPER_2022.id, PAPER_2022.id,
        ]  # fmt: skip

    def test_crosswalk_is_every_cell_once(self) -> None:
        """The crosswalk yields each concept's every cell, concept by concept."""
        cells = list(CORPUS.crosswalk())
        assert len(cells) == sum(len(concept.expressions) for concept in CORPUS.concepts) == 68
        assert [concept.id for concept, _cell in cells] == [
            concept.id for concept in CORPUS.concepts for _cell in concept.expressions
        ]


class TestUniqueIds:
    def test_a_paper_twice(self) -> None:
        assert problems_of(lambda: attrs.evolve(CORPUS, papers=(*CORPUS.papers, PAPER_2010))) == [
            (
                "$.papers[5].id",
                "duplicate-id",
                "id 'internet-in-china-2010' is already used at $.papers[0].id",
            )
        ]

    def test_concept_names_are_distinct(self) -> None:
        """Two concepts may not share a name, in English or in Chinese."""
        twin = attrs.evolve(CORPUS.concepts[1], id="twin", name=CORPUS.concepts[0].name)
        assert problems_of(lambda: attrs.evolve(CORPUS, concepts=(*CORPUS.concepts, twin))) == [
            (
                "$.concepts[9].name.en",
                "duplicate-name",
                "name 'respecting cyber sovereignty' is already used at $.concepts[0].name.en",
            ),
            (
                "$.concepts[9].name.zh",
                "duplicate-name",
                "name '尊重网络主权' is already used at $.concepts[0].name.zh",
            ),
        ]


class TestSharedIds:
    def test_one_actor_two_names(self) -> None:
        """Every paper's record of an actor the corpus also names is held to the corpus's record."""
        renamed = attrs.evolve(CORPUS.actors[0], name=cw.LocalizedText(en="Xi", zh="习近平"))
        expected = "differs from $.actors[0]: 'Xi Jinping' (习近平) against 'Xi' (习近平)"
        assert problems_of(lambda: attrs.evolve(CORPUS, actors=(renamed,))) == [
            ("$.papers[1].actors[3].name", "conflict", expected),
            ("$.papers[2].actors[2].name", "conflict", expected),
            ("$.papers[3].actors[16].name", "conflict", expected),
        ]

    def test_one_id_two_kinds(self) -> None:
        """An id that is a source of the corpus may not be an actor in a paper."""
        source = attrs.evolve(CORPUS.sources[0], id="mfa")
        message = "'mfa' is an actor here but a source at $.sources[44]"
        assert problems_of(lambda: attrs.evolve(CORPUS, sources=(*CORPUS.sources, source))) == [
            ("$.papers[1].actors[0].id", "conflict", message),
            ("$.papers[3].actors[47].id", "conflict", message),
        ]

    def test_an_event_dated_otherwise(self) -> None:
        """2010 dates the access of 1994 to the day, the others to the year; another year disagrees."""
        at = index_of(PAPER_2022.events, ACCESS_1994)
        events = replace(PAPER_2022.events, at, date=cw.PartialDate.parse("1995"))
        assert problems_of(lambda: with_paper(3, events=events)) == [
            (
                f"$.papers[3].events[{at}].date",
                "conflict",
                "differs from $.papers[0].events[2]: '1995' against '1994-04-20'",
            )
        ]

    def test_what_one_record_does_not_know_is_no_disagreement(self) -> None:
        """A year agrees with a day within it; a Chinese name only one record gives agrees."""
        at = index_of(PAPER_2022.events, ACCESS_1994)
        event = PAPER_2022.events[at]
        assert event.date == cw.PartialDate.parse("1994")
        titled = attrs.evolve(event, title=attrs.evolve(event.title, zh="中国全功能接入国际互联网"))
        corpus = with_paper(3, events=(*PAPER_2022.events[:at], titled, *PAPER_2022.events[at + 1 :]))
        assert corpus.paper(PAPER_2022.id).get(ACCESS_1994, cw.Event).title.zh == "中国全功能接入国际互联网"

    def test_whether_the_english_is_official_is_each_papers_own_say(self) -> None:
        at = index_of(PAPER_2022.events, ACCESS_1994)
        title = attrs.evolve(PAPER_2022.events[at].title, en_official=True)
        with_paper(3, events=replace(PAPER_2022.events, at, title=title))

    def test_a_name_without_chinese_is_shown_without_it(self) -> None:
        renamed = attrs.evolve(CORPUS.actors[0], name=cw.LocalizedText(en="Xi"))
        assert problems_of(lambda: attrs.evolve(CORPUS, actors=(renamed,)))[0] == (
            "$.papers[1].actors[3].name",
            "conflict",
            "differs from $.actors[0]: 'Xi Jinping' (习近平) against 'Xi'",
        )

    def test_every_defining_field_is_compared_past_one_that_agrees(self) -> None:
        """The date agrees, the kind does not: the kind is reported; with the date changed too, both are."""
        at = index_of(PAPER_2022.events, ACCESS_1994)
        kind = cw.EventKind.CONFERENCE
        expected = (
            f"$.papers[3].events[{at}].kind",
            "conflict",
            "differs from $.papers[0].events[2]: 'conference' against 'milestone'",
        )
        kind_only = replace(PAPER_2022.events, at, kind=kind)
        assert problems_of(lambda: with_paper(3, events=kind_only)) == [expected]
        date = cw.PartialDate.parse("1995")
        both = replace(PAPER_2022.events, at, kind=kind, date=date)
        assert problems_of(lambda: with_paper(3, events=both)) == [
            (
                f"$.papers[3].events[{at}].date",
                "conflict",
                "differs from $.papers[0].events[2]: '1995' against '1994-04-20'",
            ),
            expected,
        ]

    def test_a_field_only_one_record_gives_is_no_disagreement(self) -> None:
        """One record gives the event an end, the others none: they do not disagree."""
        at = index_of(PAPER_2022.events, ACCESS_1994)
        end = cw.PartialDate.parse("1994-05")
        corpus = with_paper(3, events=replace(PAPER_2022.events, at, end=end))
        assert corpus.papers[3].events[at].end == end

    def test_references_and_tuples_are_each_records_own(self) -> None:
        """Whom an actor belongs to, and a source's other languages, may differ between records."""
        at = index_of(PAPER_2022.actors, "npcsc")
        assert PAPER_2010.actors[index_of(PAPER_2010.actors, "npcsc")].affiliation == "npc"
        with_paper(3, actors=replace(PAPER_2022.actors, at, affiliation="china"))
        paper_2023 = CORPUS.papers[4]
        at = index_of(paper_2023.sources, "scio-en-chapter-index")
        assert paper_2023.sources[at].other_languages != ("fr",)
        with_paper(4, sources=replace(paper_2023.sources, at, other_languages=("fr",)))

    def test_records_after_a_paper_of_the_corpus_are_compared(self) -> None:
        """The 2022 paper lists papers of the corpus first among its documents; those after are still held."""
        assert PAPER_2022.documents[0].id in {paper.id for paper in CORPUS.papers}
        at = index_of(PAPER_2022.documents, "wic-initiative-2020")
        title = cw.LocalizedText(en="Another title")
        assert problems_of(
            lambda: with_paper(3, documents=replace(PAPER_2022.documents, at, title=title))
        ) == [
            (
                f"$.papers[3].documents[{at}].title",
                "conflict",
                (
                    "differs from $.papers[2].documents[1]: 'Another title' against"
                    " 'Initiative on Jointly Building a Community with a Shared Future in Cyberspace'"
                    f" ({PAPER_2019.documents[1].title.zh})"
                ),
            )
        ]


class TestLinkedPapers:
    def test_a_related_document_that_is_a_paper_agrees_with_it(self) -> None:
        """One wrong record of a paper of the corpus is one problem, held to the paper itself."""
        at = index_of(PAPER_2010.documents, PAPER_2022.id)
        title = attrs.evolve(PAPER_2010.documents[at].title, en="Another title")
        assert problems_of(
            lambda: with_paper(0, documents=replace(PAPER_2010.documents, at, title=title))
        ) == [
            (
                f"$.papers[0].documents[{at}].title",
                "conflict",
                (
                    "differs from the paper 'cyberspace-community-2022' of the corpus:"
                    " 'Another title' (携手构建网络空间命运共同体)"
                    " against 'Jointly Build a Community with a Shared Future in Cyberspace'"
                    " (携手构建网络空间命运共同体)"
                ),
            )
        ]

    def test_a_relation_is_relative_to_its_paper(self) -> None:
        """How a document relates to one paper is that paper's say: another paper may relate otherwise."""
        at = index_of(PAPER_2010.documents, PAPER_2022.id)
        relations = {d.relation for paper in CORPUS.papers for d in paper.documents if d.id == PAPER_2022.id}
        assert len(relations) > 1  # the papers already relate to 2022 in several ways
        other = next(
            relation for relation in cw.DocumentRelation if relation != PAPER_2010.documents[at].relation
        )
        with_paper(0, documents=replace(PAPER_2010.documents, at, relation=other))

    def test_an_entity_may_not_take_a_papers_id(self) -> None:
        actor = attrs.evolve(PAPER_2010.actors[0], id=PAPER_2019.id)
        assert problems_of(lambda: with_paper(0, actors=(*PAPER_2010.actors, actor))) == [
            (
                f"$.papers[0].actors[{len(PAPER_2010.actors)}].id",
                "conflict",
                "'wic-concept-paper-2019' is an actor here but a paper of the corpus",
            )
        ]


class TestCrosswalkPlaces:
    def test_a_place_the_paper_lacks(self) -> None:
        assert problems_of(lambda: with_first_cell(locator=Locator(chapter=9))) == [
            (
                "$.concepts[0].expressions[0].locator",
                "unknown-locator",
                "the paper 'internet-in-china-2010' has no IX",
            )
        ]

    def test_a_document_that_is_not_a_paper_has_no_places(self) -> None:
        assert problems_of(lambda: with_first_cell(document=SPEECH)) == [
            (
                "$.concepts[0].expressions[0].locator",
                "unknown-locator",
                "'xi-wic-2015-keynote-speech' is not a paper of the corpus, so V names no place in it",
            )
        ]

    def test_an_unknown_document_is_one_problem(self) -> None:
        """A cell quoting no known document is reported as such, and its place is not reported again."""
        assert problems_of(lambda: with_first_cell(document="nowhere")) == [
            (
                "$.concepts[0].expressions[0].document",
                "dangling-reference",
                "unknown paper or document 'nowhere'",
            )
        ]

    def test_every_cell_is_checked_past_one_without_a_place_and_one_that_dangles(self) -> None:
        """The speech's cell (no place) and a dangling cell before it do not end the check of the rest."""
        concept = CORPUS.concepts[0]
        cells = replace(concept.expressions, 1, document="nowhere")
        cells = replace(cells, 3, locator=Locator(chapter=9))
        changed = attrs.evolve(concept, expressions=cells)
        assert problems_of(lambda: attrs.evolve(CORPUS, concepts=(changed, *CORPUS.concepts[1:]))) == [
            (
                "$.concepts[0].expressions[1].document",
                "dangling-reference",
                "unknown paper or document 'nowhere'",
            ),
            (
                "$.concepts[0].expressions[3].locator",
                "unknown-locator",
                "the paper 'international-strategy-of-cooperation-on-cyberspace-2017' has no IX",
            ),
        ]

    def test_the_corpus_has_no_places_of_its_own(self) -> None:
        citation = Citation(
            source=CORPUS.sources[0].id, locator=Locator(chapter=1), certainty=cw.Certainty.CONFIRMED
        )
        assert problems_of(lambda: attrs.evolve(CORPUS, citations=(citation,))) == [
            ("$.citations[0].locator", "unknown-locator", "I names no place: a corpus has none of its own")
        ]
