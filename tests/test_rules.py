"""Every validation rule, with its exact message, and broken on generated papers with its exact path.

Field rules live in the classes' validators; whole-paper rules (DESIGN
section 3) run whenever a WhitePaper is built, by its constructor,
``attrs.evolve`` or a loader. Messages are API: each test asserts the
exact text. The Hypothesis tests take a generated valid paper, break one
rule with ``attrs.evolve`` (or by editing its plain data), and check that
the one problem reported is at exactly the path that was broken.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import strategies
from cyberspace_whitepaper.vocab import (
    ActorKind,
    Certainty,
    DocumentKind,
    DocumentRelation,
    EventKind,
    GoalKind,
    PaperPart,
    PrincipleKind,
    Scale,
    SourceKind,
)

GAP = "(numbers run 1, 2, 3 ... in order, without gaps)"


def text(en: str, zh: str | None = None) -> cw.LocalizedText:
    return cw.LocalizedText(en=en, zh=zh)


def date(value: str) -> cw.PartialDate:
    return cw.PartialDate.parse(value)


def where(value: str) -> cw.Locator:
    return cw.Locator.parse(value)


def cite(source: str = "xinhua", locator: str | None = None) -> cw.Citation:
    return cw.Citation(
        source=source, locator=None if locator is None else where(locator), certainty=Certainty.CONFIRMED
    )


def build_paper() -> cw.WhitePaper:
    """A small paper that uses every kind of reference, built in code."""
    return cw.WhitePaper(
        id="mini-paper",
        title=text("A Mini Paper", "小白皮书"),
        publisher="scio",
        published=date("2022-11-07"),
        languages=("zh", "en"),
        summary="A small paper for the rule tests.",
        preface=cw.Part(
            title=text("Preface", "前言"), summary="Opens.", citations=(cite("scio-text", "preface"),)
        ),
        chapters=(
            cw.Chapter(
                number=1,
                title=text("One"),
                summary="First.",
                sections=(
                    cw.Section(
                        number=1,
                        title=text("One one"),
                        summary="S.",
                        items=(
                            cw.Item(number=1, title=text("Item 1")),
                            cw.Item(number=2, title=text("Item 2")),
                        ),
                    ),
                    cw.Section(number=2, title=text("One two"), summary="T."),
                ),
            ),
            cw.Chapter(number=2, title=text("Two"), summary="Second."),
        ),
        principles=(
            cw.Principle(
                id="p-sovereignty",
                kind=PrincipleKind.BASIC,
                order=1,
                name=text("Respecting cyber sovereignty", "尊重网络主权"),
                summary="x",
                located_in=where("I.1"),
                introduced_by="wic-2015",
            ),
            cw.Principle(id="p-peace", kind=PrincipleKind.BASIC, order=2, name=text("Peace"), summary="x"),
            cw.Principle(
                id="p-people", kind=PrincipleKind.GOVERNANCE, order=1, name=text("People"), summary="x"
            ),
        ),
        goals=(
            cw.Goal(
                id="g-development", kind=GoalKind.COMMUNITY, order=1, name=text("Development"), summary="x"
            ),
        ),
        concerns=(cw.Concern(id="c-hegemony", name=text("Cyber-hegemonism"), summary="x"),),
        proposals=(
            cw.Proposal(
                id="pr-infrastructure",
                number=1,
                name=text("Infrastructure"),
                summary="x",
                supports=("p-sovereignty", "g-development"),
            ),
        ),
        events=(
            cw.Event(
                id="wic-2015",
                date=date("2015-12-16"),
                kind=EventKind.CONFERENCE,
                title=text("Second World Internet Conference"),
                actors=("xi-jinping",),
                mentioned_in_paper=True,
                citations=(cite("xinhua", "I.1(2)"),),
            ),
            cw.Event(
                id="launch",
                date=date("2022-11-07"),
                kind=EventKind.PUBLICATION,
                title=text("Release"),
                actors=("scio",),
                documents=("mini-paper", "wic-concept-2019"),
                mentioned_in_paper=False,
            ),
        ),
        actors=(
            cw.Actor(id="scio", name=text("SCIO"), kind=ActorKind.GOVERNMENT_BODY),
            cw.Actor(id="cpc", name=text("CPC"), kind=ActorKind.PARTY_BODY),
            cw.Actor(
                id="xi-jinping",
                name=text("Xi Jinping", "习近平"),
                kind=ActorKind.PERSON,
                affiliation="cpc",
                aliases=(cw.Alias(text="President Xi", source="xinhua"),),
            ),
        ),
        statistics=(
            cw.Statistic(
                id="st-netizens",
                measure=text("Internet users"),
                value=Decimal("1051"),
                unit="people",
                scale=Scale.MILLION,
                as_of=date("2022-06"),
                scope="China",
                located_in=where("I.2"),
            ),
        ),
        documents=(
            cw.DocumentRef(
                id="wic-concept-2019",
                title=text("Jointly Build a Community with a Shared Future in Cyberspace"),
                kind=DocumentKind.CONCEPT_PAPER,
                publishers=("scio",),
                relation=DocumentRelation.SAME_TITLE,
            ),
        ),
        sources=(
            cw.Source(
                id="xinhua",
                title=text("Xinhua"),
                kind=SourceKind.NEWS_REPORT,
                url="https://example.org/a",
                language="en",
            ),
            cw.Source(
                id="scio-text",
                title=text("Official text"),
                kind=SourceKind.OFFICIAL_TEXT,
                url="https://example.org/b",
                language="zh",
            ),
        ),
        citations=(cite("scio-text", "I"),),
    )


PAPER = build_paper()


def problems_of(make: Any) -> list[tuple[str, str, str]]:
    """The (path, code, message) of every problem that ``make()`` raises."""
    with pytest.raises(cw.ValidationError) as caught:
        make()
    return [(p.path, p.code, p.message) for p in caught.value.problems]


def message_of(make: Any) -> str:
    with pytest.raises(cw.ValidationError) as caught:
        make()
    return str(caught.value)


def replace(entries: tuple[Any, ...], index: int, **changes: Any) -> tuple[Any, ...]:
    """``entries`` with the one at ``index`` evolved by ``changes``."""
    return (*entries[:index], attrs.evolve(entries[index], **changes), *entries[index + 1 :])


class TestBasePaper:
    def test_base_paper_is_valid_and_round_trips(self) -> None:
        """The paper the rule tests start from breaks no rule, and reads back equal from JSON."""
        assert cw.loads(cw.dumps(PAPER)) == PAPER


# --- whole-paper rules with exact messages ---------------------------------------


class TestUniqueIds:
    def test_duplicate_id_across_kinds(self) -> None:
        """Rule: "ids unique across the paper" -- a later use of an id is reported, naming the first."""
        concern = attrs.evolve(PAPER.concerns[0], id="st-netizens")
        assert problems_of(lambda: attrs.evolve(PAPER, concerns=(concern,))) == [
            ("$.statistics[0].id", "duplicate-id", "id 'st-netizens' is already used at $.concerns[0].id")
        ]

    def test_entity_may_not_take_the_papers_id(self) -> None:
        """Rule: "ids unique across the paper" -- the paper's own id counts too."""
        source = attrs.evolve(PAPER.sources[0], id="mini-paper")
        assert message_of(lambda: attrs.evolve(PAPER, sources=(*PAPER.sources, source))) == (
            "$.sources[2].id: id 'mini-paper' is already used at $.id"
        )


class TestUniqueNames:
    def test_duplicate_english_and_chinese_names(self) -> None:
        """Rule: "names unique within principles, goals, concerns and proposals", in en and in zh."""
        twin = attrs.evolve(PAPER.principles[0], id="p-twin", order=3)
        assert problems_of(lambda: attrs.evolve(PAPER, principles=(*PAPER.principles, twin))) == [
            (
                "$.principles[3].name.en",
                "duplicate-name",
                "name 'Respecting cyber sovereignty' is already used at $.principles[0].name.en",
            ),
            (
                "$.principles[3].name.zh",
                "duplicate-name",
                "name '尊重网络主权' is already used at $.principles[0].name.zh",
            ),
        ]

    def test_same_name_in_different_collections_is_allowed(self) -> None:
        """Rule: names are unique *within* each collection, so a goal may share a principle's name."""
        goal = attrs.evolve(PAPER.goals[0], name=PAPER.principles[0].name)
        assert attrs.evolve(PAPER, goals=(goal,)).goals[0].name == PAPER.principles[0].name


class TestUniqueEventTitles:
    def test_same_title_on_the_same_date(self) -> None:
        """Rule: "event titles unique per date"."""
        twin = attrs.evolve(PAPER.events[0], id="wic-2015-again")
        assert message_of(lambda: attrs.evolve(PAPER, events=(*PAPER.events, twin))) == (
            "$.events[2].title.en: an event 'Second World Internet Conference' on 2015-12-16 is already at"
            " $.events[0].title.en"
        )

    def test_same_title_on_another_date_is_allowed(self) -> None:
        """Rule: titles are unique per date, so the same title on another day is fine."""
        other = attrs.evolve(PAPER.events[0], id="wic-2016", date=date("2016-11-16"))
        assert len(attrs.evolve(PAPER, events=(*PAPER.events, other)).events) == 3


class TestReferences:
    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            (
                lambda p: attrs.evolve(p, events=replace(p.events, 0, actors=("xi-jinpin",))),
                "$.events[0].actors[0]",
                "unknown actor 'xi-jinpin' (did you mean 'xi-jinping'?)",
            ),
            (lambda p: attrs.evolve(p, publisher="nobody"), "$.publisher", "unknown actor 'nobody'"),
            (
                lambda p: attrs.evolve(p, principles=replace(p.principles, 0, introduced_by="wic-2051")),
                "$.principles[0].introduced_by",
                "unknown event 'wic-2051' (did you mean 'wic-2015'?)",
            ),
            (
                lambda p: attrs.evolve(p, proposals=replace(p.proposals, 0, supports=("g-develop",))),
                "$.proposals[0].supports[0]",
                "unknown principle or goal 'g-develop' (did you mean 'g-development'?)",
            ),
            (
                lambda p: attrs.evolve(p, events=replace(p.events, 1, documents=("mini-papers",))),
                "$.events[1].documents[0]",
                "unknown document or paper 'mini-papers' (did you mean 'mini-paper'?)",
            ),
            (
                lambda p: attrs.evolve(p, actors=replace(p.actors, 2, affiliation="ccp")),
                "$.actors[2].affiliation",
                "unknown actor 'ccp'",
            ),
            (
                lambda p: attrs.evolve(p, documents=replace(p.documents, 0, publishers=("scoi",))),
                "$.documents[0].publishers[0]",
                "unknown actor 'scoi' (did you mean 'scio'?)",
            ),
            (
                lambda p: attrs.evolve(p, citations=(cite("xinhau"),)),
                "$.citations[0].source",
                "unknown source 'xinhau' (did you mean 'xinhua'?)",
            ),
            (
                lambda p: attrs.evolve(
                    p, actors=replace(p.actors, 2, aliases=(cw.Alias(text="Xi", source="tdi-report"),))
                ),
                "$.actors[2].aliases[0].source",
                "unknown source 'tdi-report'",
            ),
            (
                lambda p: attrs.evolve(
                    p, chapters=replace(p.chapters, 1, citations=(cite("scio-txt", "II"),))
                ),
                "$.chapters[1].citations[0].source",
                "unknown source 'scio-txt' (did you mean 'scio-text'?)",
            ),
        ],
        ids=[
            "event-actor",
            "publisher",
            "introduced-by",
            "supports",
            "event-document",
            "affiliation",
            "document-publisher",
            "citation-source",
            "alias-source",
            "nested-citation-source",
        ],
    )
    def test_dangling_reference(self, change: Any, path: str, message: str) -> None:
        """Rule: "every reference resolves" -- with a "did you mean" hint when a right-kind id is close."""
        assert problems_of(lambda: change(PAPER)) == [(path, "dangling-reference", message)]

    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            (
                lambda p: attrs.evolve(p, events=replace(p.events, 0, actors=("xinhua",))),
                "$.events[0].actors[0]",
                "'xinhua' is a source, not an actor",
            ),
            (
                lambda p: attrs.evolve(p, publisher="launch"),
                "$.publisher",
                "'launch' is an event, not an actor",
            ),
            (
                lambda p: attrs.evolve(p, proposals=replace(p.proposals, 0, supports=("c-hegemony",))),
                "$.proposals[0].supports[0]",
                "'c-hegemony' is a concern, not a principle or goal",
            ),
            (
                lambda p: attrs.evolve(p, principles=replace(p.principles, 0, introduced_by="scio")),
                "$.principles[0].introduced_by",
                "'scio' is an actor, not an event",
            ),
            (
                lambda p: attrs.evolve(p, events=replace(p.events, 1, documents=("st-netizens",))),
                "$.events[1].documents[0]",
                "'st-netizens' is a statistic, not a document or paper",
            ),
            (
                lambda p: attrs.evolve(p, citations=(cite("wic-concept-2019"),)),
                "$.citations[0].source",
                "'wic-concept-2019' is a document, not a source",
            ),
        ],
        ids=[
            "actor-is-source",
            "publisher-is-event",
            "supports-concern",
            "introducer-is-actor",
            "doc-is-figure",
            "source-is-doc",
        ],
    )
    def test_wrong_kind_of_reference(self, change: Any, path: str, message: str) -> None:
        """Rule: every reference resolves "to the right kind" (an event's actors are actors, ...)."""
        assert problems_of(lambda: change(PAPER)) == [(path, "wrong-kind", message)]

    def test_an_actor_cannot_belong_to_itself(self) -> None:
        """Rule: references resolve to another entity: an actor's affiliation is never the actor itself."""
        assert problems_of(
            lambda: attrs.evolve(PAPER, actors=replace(PAPER.actors, 1, affiliation="cpc"))
        ) == [("$.actors[1].affiliation", "self-reference", "an actor cannot belong to itself")]

    @staticmethod
    def _actors(*pairs: tuple[str, str | None]) -> Any:
        """The paper with these actors (id, affiliation), in this order, beside its own."""
        extra = tuple(
            cw.Actor(
                id=actor_id, name=text(f"Body {actor_id}"), kind=ActorKind.GOVERNMENT_BODY, affiliation=to
            )
            for actor_id, to in pairs
        )
        return lambda: attrs.evolve(PAPER, actors=(*PAPER.actors, *extra))

    def test_a_circle_is_reported_at_its_member_first_in_the_paper(self) -> None:
        """Rule: affiliations never lead back to where they start; reported once, at the first member."""
        first = len(PAPER.actors)
        assert problems_of(self._actors(("zz-body", "aa-body"), ("aa-body", "zz-body"))) == [
            (
                f"$.actors[{first}].affiliation",
                "cycle",
                "an actor cannot belong to itself through others: 'zz-body' -> 'aa-body' -> 'zz-body'",
            )
        ]

    def test_a_circle_reached_from_outside_it_and_a_second_circle_are_both_found(self) -> None:
        """Rule: every circle is found, one entered from an actor outside it, and one after it."""
        first = len(PAPER.actors)
        found = problems_of(
            self._actors(
                ("outer", "ring-a"),
                ("ring-a", "ring-b"),
                ("ring-b", "ring-a"),
                ("lone", None),
                ("loop-a", "loop-b"),
                ("loop-b", "loop-a"),
            )
        )
        assert [(path, code) for path, code, _message in found] == [
            (f"$.actors[{first + 1}].affiliation", "cycle"),
            (f"$.actors[{first + 4}].affiliation", "cycle"),
        ]

    def test_an_event_may_name_the_paper_itself(self) -> None:
        """Rule: an event's documents are related documents "or the paper's own id"."""
        assert PAPER.events[1].documents[0] == PAPER.id


class TestLocators:
    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            (
                lambda p: attrs.evolve(p, citations=(cite("xinhua", "III"),)),
                "$.citations[0].locator",
                "the paper has no III",
            ),
            (
                lambda p: attrs.evolve(p, principles=replace(p.principles, 0, located_in=where("I.3"))),
                "$.principles[0].located_in",
                "the paper has no I.3",
            ),
            (
                lambda p: attrs.evolve(p, statistics=replace(p.statistics, 0, located_in=where("I.1(3)"))),
                "$.statistics[0].located_in",
                "the paper has no I.1(3)",
            ),
            (
                lambda p: attrs.evolve(p, citations=(cite("xinhua", "conclusion"),)),
                "$.citations[0].locator",
                "the paper has no conclusion",
            ),
            (
                lambda p: attrs.evolve(p, events=replace(p.events, 0, citations=(cite("xinhua", "II.1"),))),
                "$.events[0].citations[0].locator",
                "the paper has no II.1",
            ),
        ],
        ids=["chapter", "section", "item", "conclusion", "nested"],
    )
    def test_unknown_locator(self, change: Any, path: str, message: str) -> None:
        """Rule: "every locator names a part, chapter, section or item that exists"."""
        assert problems_of(lambda: change(PAPER)) == [(path, "unknown-locator", message)]

    def test_a_part_the_paper_lacks(self) -> None:
        """Rule: a locator of the preface needs the paper to have a preface."""
        assert problems_of(
            lambda: attrs.evolve(PAPER, preface=None, citations=(cite("xinhua", "preface"),))
        ) == [("$.citations[0].locator", "unknown-locator", "the paper has no preface")]


class TestNumbering:
    def test_gap_in_chapters(self) -> None:
        """Rule: "chapters ... are numbered 1..n without gaps"."""
        chapters = (*PAPER.chapters, cw.Chapter(number=4, title=text("Four"), summary="x"))
        assert message_of(lambda: attrs.evolve(PAPER, chapters=chapters)) == (
            f"$.chapters[2].number: expected 3, got 4 {GAP}"
        )

    def test_gap_in_sections_and_items(self) -> None:
        """Rule: "sections, items ... are numbered 1..n without gaps", within their chapter and section."""
        section = PAPER.chapters[0].sections[0]
        items = (*section.items, cw.Item(number=5, title=text("Five")))
        sections = (
            *replace(PAPER.chapters[0].sections, 0, items=items),
            cw.Section(number=2, title=text("x"), summary="x"),
        )
        paper = lambda: attrs.evolve(PAPER, chapters=replace(PAPER.chapters, 0, sections=sections))  # noqa: E731
        assert problems_of(paper) == [
            ("$.chapters[0].sections[0].items[2].number", "numbering", f"expected 3, got 5 {GAP}"),
            ("$.chapters[0].sections[2].number", "numbering", f"expected 3, got 2 {GAP}"),
        ]

    def test_proposals_out_of_order(self) -> None:
        """Rule: proposals are numbered 1..n in order."""
        second = attrs.evolve(PAPER.proposals[0], id="pr-second", name=text("Second"), number=1)
        first = attrs.evolve(PAPER.proposals[0], number=2)
        assert problems_of(lambda: attrs.evolve(PAPER, proposals=(first, second))) == [
            ("$.proposals[0].number", "numbering", f"expected 1, got 2 {GAP}"),
            ("$.proposals[1].number", "numbering", f"expected 2, got 1 {GAP}"),
        ]

    def test_principle_orders_count_within_their_kind(self) -> None:
        """Rule: "principle orders are numbered 1..n without gaps", each kind on its own."""
        extra = cw.Principle(
            id="p-extra", kind=PrincipleKind.GOVERNANCE, order=3, name=text("Extra"), summary="x"
        )
        assert problems_of(lambda: attrs.evolve(PAPER, principles=(*PAPER.principles, extra))) == [
            ("$.principles[3].order", "numbering", f"expected 2, got 3 {GAP}")
        ]

    def test_goal_orders_count_within_their_kind(self) -> None:
        """Rule: goal orders are numbered 1..n within each kind."""
        vision = cw.Goal(id="g-vision", kind=GoalKind.VISION, order=2, name=text("Vision"), summary="x")
        assert problems_of(lambda: attrs.evolve(PAPER, goals=(*PAPER.goals, vision))) == [
            ("$.goals[1].order", "numbering", f"expected 1, got 2 {GAP}")
        ]


class TestDates:
    def test_statistic_dated_after_the_paper(self) -> None:
        """Rule: "statistics of the paper are dated no later than the paper"."""
        paper = lambda: attrs.evolve(PAPER, statistics=replace(PAPER.statistics, 0, as_of=date("2022-12")))  # noqa: E731
        assert problems_of(paper) == [
            ("$.statistics[0].as_of", "after-paper", "2022-12 is after the paper's date 2022-11-07")
        ]

    def test_mentioned_event_after_the_paper(self) -> None:
        """Rule: "events that the paper mentions happen no later than the paper"."""
        paper = lambda: attrs.evolve(PAPER, events=replace(PAPER.events, 0, date=date("2023")))  # noqa: E731
        assert message_of(paper) == (
            "$.events[0].date: an event the paper mentions cannot happen after it (2023 > 2022-11-07)"
        )

    def test_context_events_may_come_later(self) -> None:
        """Rule: only events the paper *mentions* are bound by its date; later context is fine."""
        later = attrs.evolve(PAPER.events[1], date=date("2023-01"))
        assert attrs.evolve(PAPER, events=(PAPER.events[0], later)).events[1].date == date("2023-01")

    def test_a_date_that_may_begin_before_the_paper_is_not_after_it(self) -> None:
        """Rule: a coarser date counts from its earliest day: 2022 is not after 7 November 2022."""
        paper = attrs.evolve(PAPER, statistics=replace(PAPER.statistics, 0, as_of=date("2022")))
        assert paper.statistics[0].as_of == date("2022")

    def test_end_before_date(self) -> None:
        """Rule: "end >= date" for every event, reported at the event's end."""
        assert message_of(lambda: attrs.evolve(PAPER.events[0], end=date("2015-12-15"))) == (
            "$.end: ends (2015-12-15) before it begins (2015-12-16)"
        )
        plain = cw.to_dict(PAPER)
        plain["events"][1]["end"] = "2021"
        assert problems_of(lambda: cw.from_dict(plain)) == [
            ("$.events[1].end", "date-order", "ends (2021) before it begins (2022-11-07)")
        ]


class TestAllProblemsTogether:
    def test_every_problem_is_reported_sorted_by_path(self) -> None:
        """All problems of all rules come together, sorted by path, one per line in str()."""
        plain = cw.to_dict(PAPER)
        plain["statistics"][0]["as_of"] = "2030"
        plain["publisher"] = "nobody"
        plain["citations"][0]["locator"] = "IX"
        plain["events"][0]["actors"] = ["xi-jinpin"]
        assert message_of(lambda: cw.from_dict(plain)) == (
            "$.citations[0].locator: the paper has no IX\n"
            "$.events[0].actors[0]: unknown actor 'xi-jinpin' (did you mean 'xi-jinping'?)\n"
            "$.publisher: unknown actor 'nobody'\n"
            "$.statistics[0].as_of: 2030 is after the paper's date 2022-11-07"
        )


# --- field and cross-field rules of single classes ----------------------------------


class TestPartialDateRules:
    @pytest.mark.parametrize(
        ("year", "month", "day", "message"),
        [
            (2023, 2, 29, "$.day: 2023-02 has 28 days, got day 29"),
            (1900, 2, 29, "$.day: 1900-02 has 28 days, got day 29"),
            (2022, 4, 31, "$.day: 2022-04 has 30 days, got day 31"),
            (2022, None, 5, "$.day: a day needs a month"),
            (2022, 13, None, "$.month: must be from 1 to 12, got 13"),
            (2022, 0, None, "$.month: must be from 1 to 12, got 0"),
            (2022, 1, 32, "$.day: must be from 1 to 31, got 32"),
            (0, None, None, "$.year: must be from 1 to 9999, got 0"),
            (10000, None, None, "$.year: must be from 1 to 9999, got 10000"),
            (True, None, None, "$.year: expected integer, got boolean True"),
        ],
    )
    def test_impossible_dates_are_refused(self, year: Any, month: Any, day: Any, message: str) -> None:
        """A PartialDate is a real date: no 29 February outside leap years, no day without a month."""
        assert message_of(lambda: cw.PartialDate(year=year, month=month, day=day)) == message

    @pytest.mark.parametrize("value", ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    def test_real_edge_dates_are_accepted(self, value: str) -> None:
        """Leap days of leap years, and the first and last days of the range, are real dates."""
        assert str(cw.PartialDate.parse(value)) == value

    def test_parse_names_the_whole_string_of_an_impossible_date(self) -> None:
        """Parsing 2023-02-29 reports the whole string, since the caller gave one value."""
        assert message_of(lambda: cw.PartialDate.parse("2023-02-29")) == "$: not a real date: '2023-02-29'"

    @pytest.mark.parametrize(
        "value",
        [
            "2022-1-5",
            "22",
            "2022/11/07",
            "2022-11-07T00:00",
            " 2022",
            "2022-11-07\n",
            "２０２２",
            "",
            "2022-",
        ],
    )
    def test_parse_refuses_other_forms(self, value: str) -> None:
        """Only YYYY, YYYY-MM and YYYY-MM-DD are dates."""
        assert message_of(lambda: cw.PartialDate.parse(value)) == (
            f"$: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
        )

    def test_parse_refuses_non_strings(self) -> None:
        """A number is not a date string."""
        assert message_of(lambda: cw.PartialDate.parse(2022)) == "$: expected date string, got 2022"  # type: ignore[arg-type]


class TestLocatorRules:
    @pytest.mark.parametrize(
        ("written", "fields"),
        [
            ("preface", {"part": PaperPart.PREFACE}),
            ("conclusion", {"part": PaperPart.CONCLUSION}),
            ("I", {"chapter": 1}),
            ("I.3", {"chapter": 1, "section": 3}),
            ("III.1(2)", {"chapter": 3, "section": 1, "item": 2}),
            ("XIV.12(10)", {"chapter": 14, "section": 12, "item": 10}),
        ],
    )
    def test_parse_and_print_round_trip(self, written: str, fields: dict[str, Any]) -> None:
        """Locators are parsed into their numbers and printed back exactly as written."""
        parsed = cw.Locator.parse(written)
        assert parsed == cw.Locator(**fields)
        assert str(parsed) == written

    @pytest.mark.parametrize(
        "value",
        [
            "IIII",
            "IC",
            "i",
            "I.0",
            "I.01",
            "I(2)",
            "I.3(0)",
            "I.1000",
            "0",
            "",
            "Preface",
            " I",
            "I.3 ",
            "MMMM",
            ".1",
            "I.",
        ],
    )
    def test_parse_refuses_bad_forms(self, value: str) -> None:
        """Only canonical Roman chapters, sections from 1 and items from 1 in brackets are locators."""
        assert message_of(lambda: cw.Locator.parse(value)) == (
            f"$: expected a locator such as 'preface', 'I', 'I.3' or 'III.1(2)', got {value!r}"
        )

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"part": PaperPart.PREFACE, "chapter": 1},
                "$.part: a preface or conclusion locator has no numbers",
            ),
            ({}, "$.chapter: a locator needs a part or a chapter"),
            ({"chapter": 1, "item": 2}, "$.item: an item needs a section"),
            ({"chapter": 4000}, "$.chapter: must be from 1 to 3999, got 4000"),
            ({"part": "preface"}, "$.part: expected paper part, got string 'preface'"),
        ],
    )
    def test_construction_rules(self, fields: dict[str, Any], message: str) -> None:
        """A locator names a part, or a chapter with an optional section and item under it."""
        assert message_of(lambda: cw.Locator(**fields)) == message


def event(**changes: Any) -> cw.Event:
    fields: dict[str, Any] = {
        "id": "e",
        "date": date("2022-11-07"),
        "kind": EventKind.SPEECH,
        "title": text("x"),
    }
    return cw.Event(**{**fields, **changes})


def statistic(**changes: Any) -> cw.Statistic:
    fields: dict[str, Any] = {
        "id": "s",
        "measure": text("m"),
        "value": Decimal(1),
        "unit": "yuan",
        "scope": "China",
    }
    return cw.Statistic(**{**fields, **changes})


class TestEventRules:
    def test_end_before_date_is_refused(self) -> None:
        """Rule: "end >= date"."""
        assert message_of(lambda: event(end=date("2022-11-06"))) == (
            "$.end: ends (2022-11-06) before it begins (2022-11-07)"
        )

    @pytest.mark.parametrize("end", ["2022-11-07", "2022-11-08", "2023"])
    def test_end_on_or_after_date_is_accepted(self, end: str) -> None:
        """An event may end on the day it begins, or later."""
        assert event(end=date(end)).end == date(end)

    def test_ids_in_a_tuple_are_unique(self) -> None:
        """An event lists each actor once."""
        assert message_of(lambda: event(actors=("a", "b", "a"))) == "$.actors[2]: 'a' is listed twice"

    def test_collections_are_tuples(self) -> None:
        """A list is not accepted where the model keeps a tuple."""
        assert message_of(lambda: event(actors=["a"])) == "$.actors: expected tuple, got array ['a']"

    def test_kinds_are_enum_members(self) -> None:
        """A plain string is not an event kind, even when it spells one."""
        assert message_of(lambda: event(kind="speech")) == "$.kind: expected event kind, got string 'speech'"


class TestStatisticRules:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"value": Decimal("100.5"), "unit": "percent"},
                "$.value: a percent share lies from 0 to 100 at scale 'one', got 100.5 one",
            ),
            (
                {"value": Decimal("-0.5"), "unit": "percent"},
                "$.value: a percent share lies from 0 to 100 at scale 'one', got -0.5 one",
            ),
            (
                {"value": Decimal(5), "unit": "percent", "scale": Scale.MILLION},
                "$.value: a percent share lies from 0 to 100 at scale 'one', got 5 million",
            ),
            ({"value": Decimal(-1)}, "$.value: must not be negative, got -1"),
            (
                {"value": Decimal("1234567890123456")},
                "$.value: has 16 significant digits, at most 15 allowed",
            ),
            (
                {"value": Decimal("0.1234567890123456")},
                "$.value: has 16 significant digits, at most 15 allowed",
            ),
            ({"value": Decimal("1E+16")}, "$.value: must lie between 1e-15 and 1e16, got 1E+16"),
            ({"value": Decimal("1E-16")}, "$.value: must lie between 1e-15 and 1e16, got 1E-16"),
            ({"value": Decimal("NaN")}, "$.value: must be a finite number, got NaN"),
            ({"value": Decimal("Infinity")}, "$.value: must be a finite number, got Infinity"),
            ({"value": 39.8}, "$.value: expected decimal number, got float 39.8"),
            ({"value": 40}, "$.value: expected decimal number, got int 40"),
            ({"unit": "Yuan"}, "$.unit: not a valid unit slug: 'Yuan'"),
        ],
    )
    def test_bad_figures_are_refused(self, changes: dict[str, Any], message: str) -> None:
        """Figures are finite decimals of at most 15 digits within 1e-15..1e16; percents lie in 0..100."""
        assert message_of(lambda: statistic(**changes)) == message

    @pytest.mark.parametrize(
        ("value", "unit"),
        [
            ("0", "percent"),
            ("100", "percent"),
            ("39.8", "percent"),
            ("123456789012345", "yuan"),
            ("9.99999999999999E+15", "yuan"),
            ("1E-15", "yuan"),
            ("0E+30", "yuan"),
        ],
    )
    def test_figures_at_the_limits_are_accepted(self, value: str, unit: str) -> None:
        """0 and 100 percent, 15 digits, and the ends of the exponent range are allowed."""
        assert statistic(value=Decimal(value), unit=unit).value == Decimal(value)


class TestIdentifierRules:
    @pytest.mark.parametrize(
        "value",
        [
            "Xi",
            "xi_jinping",
            "-xi",
            "xi-",
            "xi--jinping",
            "1xi",
            "",
            "xi jinping",
            "a" * 65,
            "a\n",
            "ｘｉ",
            "xí",
        ],
    )
    def test_bad_identifiers_are_refused(self, value: str) -> None:
        """Rule: identifiers are lower-case slugs, ^[a-z][a-z0-9]*(-[a-z0-9]+)*$, of at most 64 characters."""
        assert message_of(lambda: cw.Actor(id=value, name=text("x"), kind=ActorKind.PERSON)) == (
            f"$.id: not a valid identifier (lower-case slug such as 'xi-jinping'): {value!r}"
        )

    @pytest.mark.parametrize("value", ["a", "a" * 64, "xi-jinping", "g20", "wic-2015-11"])
    def test_good_identifiers_are_accepted(self, value: str) -> None:
        """Slugs of letters and digits joined by single hyphens, starting with a letter, are identifiers."""
        assert cw.Actor(id=value, name=text("x"), kind=ActorKind.PERSON).id == value

    def test_references_are_identifiers_too(self) -> None:
        """An id that refers to another entity follows the same rule, with its index in the path."""
        assert message_of(lambda: event(actors=("scio", "Xi"))) == (
            "$.actors[1]: not a valid identifier (lower-case slug such as 'xi-jinping'): 'Xi'"
        )


class TestTextRules:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("", "$.en: must not be empty or blank"),
            ("  ", "$.en: must not be empty or blank"),
            ("\u3000", "$.en: must not be empty or blank"),
            (" x", "$.en: must not start or end with white space: ' x'"),
            ("x\n", "$.en: must not start or end with white space: 'x\\n'"),
            ("x\u3000", "$.en: must not start or end with white space: 'x\\u3000'"),
            ("a\x00b", "$.en: must not contain the character U+0000: 'a\\x00b'"),
            ("a\rb", "$.en: must not contain the character U+000D: 'a\\rb'"),
            ("a\x85b", "$.en: must not contain the character U+0085: 'a\\x85b'"),
            ("a\u202eb", "$.en: must not contain the character U+202E: 'a\\u202eb'"),
            ("a\u2066b", "$.en: must not contain the character U+2066: 'a\\u2066b'"),
            ("a\ud800b", "$.en: must not contain the character U+D800: 'a\\ud800b'"),
            (5, "$.en: expected string, got integer 5"),
            (None, "$.en: expected string, got null None"),
        ],
    )
    def test_bad_text_is_refused(self, value: Any, message: str) -> None:
        """Text is non-blank, without edge white space, controls, lone surrogates or bidi overrides."""
        assert message_of(lambda: cw.LocalizedText(en=value)) == message

    @pytest.mark.parametrize("value", ["a\tb", "line one\nline two", "携手构建网络空间命运共同体", "é", "🙂"])
    def test_tabs_newlines_and_any_script_are_accepted(self, value: str) -> None:
        """Tabs and newlines inside text, Chinese and other scripts are all fine."""
        assert cw.LocalizedText(en=value).en == value

    def test_booleans_are_booleans(self) -> None:
        """1 is not true."""
        assert message_of(lambda: cw.LocalizedText(en="x", en_official=1)) == (
            "$.en_official: expected boolean, got integer 1"
        )


class TestOtherFieldRules:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: cw.Alias(text="x", language="EN"),
                "$.language: not a valid language tag (such as 'en' or 'zh-Hans'): 'EN'",
            ),
            (
                lambda: attrs.evolve(PAPER.sources[0], url="ftp://example.org/a"),
                "$.url: not a valid http(s) URL: 'ftp://example.org/a'",
            ),
            (
                lambda: attrs.evolve(PAPER.sources[0], url="https://example.org/a b"),
                "$.url: not a valid http(s) URL: 'https://example.org/a b'",
            ),
            (
                lambda: attrs.evolve(PAPER.sources[0], url="https://localhost/a"),
                "$.url: not a valid http(s) URL: 'https://localhost/a'",
            ),
            (
                lambda: cw.Chapter(number=0, title=text("x"), summary="s"),
                "$.number: must be from 1 to 999, got 0",
            ),
            (lambda: cw.Item(number=1000, title=text("x")), "$.number: must be from 1 to 999, got 1000"),
            (lambda: attrs.evolve(PAPER, chapters=()), "$.chapters: must have at least 1 item(s)"),
            (lambda: attrs.evolve(PAPER, languages=("en", "en")), "$.languages[1]: 'en' is listed twice"),
            (lambda: attrs.evolve(PAPER, schema_version=2), "$.schema_version: must be from 1 to 1, got 2"),
            (
                lambda: attrs.evolve(PAPER, schema_version=True),
                "$.schema_version: expected integer, got boolean True",
            ),
        ],
        ids=[
            "language",
            "ftp",
            "space",
            "no-dot",
            "number-zero",
            "number-big",
            "no-chapters",
            "languages",
            "schema",
            "schema-bool",
        ],
    )
    def test_field_rules(self, make: Any, message: str) -> None:
        """Language tags, URLs, numbers, chapters, languages and schema_version have exact messages."""
        assert message_of(make) == message

    def test_a_field_rule_in_a_loaded_paper_is_reported_at_its_path(self) -> None:
        """A field rule broken inside a paper is reported at its path from the paper's root."""
        plain = cw.to_dict(PAPER)
        plain["events"][1]["actors"] = ["scio", "Xi"]
        plain["actors"][2]["name"]["en"] = " Xi"
        assert problems_of(lambda: cw.from_dict(plain)) == [
            ("$.actors[2].name.en", "whitespace", "must not start or end with white space: ' Xi'"),
            (
                "$.events[1].actors[1]",
                "pattern",
                "not a valid identifier (lower-case slug such as 'xi-jinping'): 'Xi'",
            ),
        ]


# --- whole-paper rules broken on generated papers ----------------------------------

#: Each test below draws a whole paper and builds it twice; a third of the profile's examples
#: is plenty to find the path of one broken rule (a third of 300 in the "ci" profile).
FEWER = settings(max_examples=max(10, settings().max_examples // 3))
PAPERS = strategies.white_papers(
    min_events=1, min_principles=1, min_concerns=1, min_proposals=1, min_statistics=1, min_sources=1
)
ENTITY_FIELDS = (
    "principles",
    "goals",
    "concerns",
    "proposals",
    "events",
    "actors",
    "statistics",
    "documents",
    "sources",
)


def ids_of(paper: cw.WhitePaper) -> set[str]:
    return {paper.id, *(entity.id for entity in paper.entities())}


def first_path_of(paper: cw.WhitePaper, entity_id: str) -> str:
    """Where an id is first used, in the order the rule reads the paper."""
    if entity_id == paper.id:
        return "$.id"
    for field in ENTITY_FIELDS:
        for index, entity in enumerate(getattr(paper, field)):
            if entity.id == entity_id:
                return f"$.{field}[{index}].id"
    raise AssertionError(entity_id)


def unused_id(paper: cw.WhitePaper, data: st.DataObject) -> str:
    found = data.draw(strategies.identifiers(), label="unused id")
    assume(found not in ids_of(paper))
    return found


def only_problem(make: Any) -> cw.Problem:
    with pytest.raises(cw.ValidationError) as caught:
        make()
    assert len(caught.value.problems) == 1, str(caught.value)
    return caught.value.problems[0]


def index_into(data: st.DataObject, entries: tuple[Any, ...], label: str) -> int:
    assume(entries)
    return data.draw(st.integers(0, len(entries) - 1), label=label)


class TestBreakingGeneratedPapers:
    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_dangling_event_actor(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "every reference resolves" -- an unknown actor is reported at exactly its place."""
        missing = unused_id(paper, data)
        i = index_into(data, paper.events, "event")
        actors = (*paper.events[i].actors, missing)
        problem = only_problem(lambda: attrs.evolve(paper, events=replace(paper.events, i, actors=actors)))
        assert (problem.path, problem.code) == (
            f"$.events[{i}].actors[{len(actors) - 1}]",
            "dangling-reference",
        )
        assert problem.message.startswith(f"unknown actor {missing!r}")

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_dangling_citation_source(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "every reference resolves" -- a citation of an unknown source deep in the structure."""
        missing = unused_id(paper, data)
        c = index_into(data, paper.chapters, "chapter")
        cited = (*paper.chapters[c].citations, cite(missing))
        problem = only_problem(
            lambda: attrs.evolve(paper, chapters=replace(paper.chapters, c, citations=cited))
        )
        assert (problem.path, problem.code) == (
            f"$.chapters[{c}].citations[{len(cited) - 1}].source",
            "dangling-reference",
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_reference_to_the_wrong_kind(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: every reference resolves "to the right kind" -- a source named as an event's actor."""
        source = paper.sources[index_into(data, paper.sources, "source")].id
        i = index_into(data, paper.events, "event")
        assume(source not in paper.events[i].actors)
        actors = (*paper.events[i].actors, source)
        problem = only_problem(lambda: attrs.evolve(paper, events=replace(paper.events, i, actors=actors)))
        assert problem == cw.Problem(
            path=f"$.events[{i}].actors[{len(actors) - 1}]",
            code="wrong-kind",
            message=f"{source!r} is a source, not an actor",
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_duplicate_id(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "ids unique across the paper" -- a new source reusing an id is reported, naming the first."""
        taken = data.draw(st.sampled_from(sorted(ids_of(paper))), label="taken id")
        twin = attrs.evolve(paper.sources[0], id=taken)
        problem = only_problem(lambda: attrs.evolve(paper, sources=(*paper.sources, twin)))
        assert problem == cw.Problem(
            path=f"$.sources[{len(paper.sources)}].id",
            code="duplicate-id",
            message=f"id {taken!r} is already used at {first_path_of(paper, taken)}",
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_duplicate_name(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "names unique within ... concerns" -- a new concern reusing an English name."""
        j = index_into(data, paper.concerns, "concern")
        twin = attrs.evolve(
            paper.concerns[j], id=unused_id(paper, data), name=text(paper.concerns[j].name.en)
        )
        problem = only_problem(lambda: attrs.evolve(paper, concerns=(*paper.concerns, twin)))
        assert (problem.path, problem.code) == (
            f"$.concerns[{len(paper.concerns)}].name.en",
            "duplicate-name",
        )
        assert problem.message.endswith(f"is already used at $.concerns[{j}].name.en")

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_duplicate_event_title_on_a_date(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "event titles unique per date" -- a second event of the same title and date."""
        i = index_into(data, paper.events, "event")
        twin = attrs.evolve(paper.events[i], id=unused_id(paper, data))
        with pytest.raises(cw.ValidationError) as caught:
            attrs.evolve(paper, events=(*paper.events, twin))
        # In each language the title has: English always, Chinese where it is given.
        assert caught.value.problems == tuple(
            cw.Problem(
                path=f"$.events[{len(paper.events)}].title.{language}",
                code="duplicate-event",
                message=f"an event {title!r} on {twin.date} is already at $.events[{i}].title.{language}",
            )
            for language, title in (("en", twin.title.en), ("zh", twin.title.zh))
            if title is not None
        )

    @given(
        paper=PAPERS,
        data=st.data(),
        where_=st.sampled_from(["chapter", "section", "item", "proposal", "principle"]),
    )
    def test_gap_in_numbering(self, paper: cw.WhitePaper, data: st.DataObject, where_: str) -> None:
        """Rule: "chapters, sections, items and principle orders are numbered 1..n without gaps"."""
        if where_ == "chapter":
            n = len(paper.chapters)
            added_chapter = cw.Chapter(number=n + 2, title=text("x"), summary="x")
            broken = lambda: attrs.evolve(paper, chapters=(*paper.chapters, added_chapter))  # noqa: E731
            path, expected, got = f"$.chapters[{n}].number", n + 1, n + 2
        elif where_ == "section":
            c = index_into(data, paper.chapters, "chapter")
            sections = paper.chapters[c].sections
            n = len(sections)
            added = (*sections, cw.Section(number=n + 2, title=text("x"), summary="x"))
            broken = lambda: attrs.evolve(paper, chapters=replace(paper.chapters, c, sections=added))  # noqa: E731
            path, expected, got = f"$.chapters[{c}].sections[{n}].number", n + 1, n + 2
        elif where_ == "item":
            c = index_into(data, paper.chapters, "chapter")
            s = index_into(data, paper.chapters[c].sections, "section")
            section = paper.chapters[c].sections[s]
            n = len(section.items)
            items = (*section.items, cw.Item(number=n + 2, title=text("x")))
            sections = replace(paper.chapters[c].sections, s, items=items)
            broken = lambda: attrs.evolve(paper, chapters=replace(paper.chapters, c, sections=sections))  # noqa: E731
            path, expected, got = f"$.chapters[{c}].sections[{s}].items[{n}].number", n + 1, n + 2
        elif where_ == "proposal":
            n = len(paper.proposals)
            new_id = unused_id(paper, data)
            extra = cw.Proposal(id=new_id, number=n + 2, name=text(new_id), summary="x")
            broken = lambda: attrs.evolve(paper, proposals=(*paper.proposals, extra))  # noqa: E731
            path, expected, got = f"$.proposals[{n}].number", n + 1, n + 2
        else:
            kind = paper.principles[0].kind
            n = sum(p.kind is kind for p in paper.principles)
            new_id = unused_id(paper, data)
            extra = cw.Principle(id=new_id, kind=kind, order=n + 2, name=text(new_id), summary="x")
            broken = lambda: attrs.evolve(paper, principles=(*paper.principles, extra))  # noqa: E731
            path, expected, got = f"$.principles[{len(paper.principles)}].order", n + 1, n + 2
        problem = only_problem(broken)
        assert problem == cw.Problem(
            path=path, code="numbering", message=f"expected {expected}, got {got} {GAP}"
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_end_before_date(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "end >= date" -- an end a day before the start, loaded from plain data, is reported there."""
        i = index_into(data, paper.events, "event")
        start = paper.events[i].date
        assume(start.earliest > datetime.date(1, 1, 1))
        day_before = cw.PartialDate.from_date(start.earliest - datetime.timedelta(days=1))
        plain = cw.to_dict(paper)
        plain["events"][i]["end"] = str(day_before)
        assert problems_of(lambda: cw.from_dict(plain)) == [
            (f"$.events[{i}].end", "date-order", f"ends ({day_before}) before it begins ({start})")
        ]

    @FEWER
    @given(paper=PAPERS, data=st.data(), holder=st.sampled_from(["paper", "statistic", "event"]))
    def test_locator_of_a_missing_place(self, paper: cw.WhitePaper, data: st.DataObject, holder: str) -> None:
        """Rule: "every locator names a part, chapter, section or item that exists"."""
        missing = cw.Locator(
            chapter=len(paper.chapters) + 1, section=data.draw(st.none() | st.integers(1, 9))
        )
        if holder == "paper":
            cited = (*paper.citations, cite(paper.sources[0].id, str(missing)))
            broken = lambda: attrs.evolve(paper, citations=cited)  # noqa: E731
            path = f"$.citations[{len(paper.citations)}].locator"
        elif holder == "statistic":
            i = index_into(data, paper.statistics, "statistic")
            broken = lambda: attrs.evolve(paper, statistics=replace(paper.statistics, i, located_in=missing))  # noqa: E731
            path = f"$.statistics[{i}].located_in"
        else:
            i = index_into(data, paper.events, "event")
            cited = (*paper.events[i].citations, cite(paper.sources[0].id, str(missing)))
            broken = lambda: attrs.evolve(paper, events=replace(paper.events, i, citations=cited))  # noqa: E731
            path = f"$.events[{i}].citations[{len(cited) - 1}].locator"
        assert only_problem(broken) == cw.Problem(
            path=path, code="unknown-locator", message=f"the paper has no {missing}"
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_statistic_after_the_paper(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "statistics of the paper are dated no later than the paper"."""
        assume(paper.published.year < 9999)
        i = index_into(data, paper.statistics, "statistic")
        later = cw.PartialDate(year=paper.published.year + 1)
        problem = only_problem(
            lambda: attrs.evolve(paper, statistics=replace(paper.statistics, i, as_of=later))
        )
        assert problem == cw.Problem(
            path=f"$.statistics[{i}].as_of",
            code="after-paper",
            message=f"{later} is after the paper's date {paper.published}",
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_mentioned_event_after_the_paper(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: "events that the paper mentions happen no later than the paper"."""
        assume(paper.published.year < 9999)
        later = cw.PartialDate(year=paper.published.year + 1)
        new_id = unused_id(paper, data)
        # A title of its own, so that no other event has it on that date.
        assume(all(event.title.en != new_id for event in paper.events))
        extra = attrs.evolve(
            paper.events[0], id=new_id, title=text(new_id), date=later, end=None, mentioned_in_paper=True
        )
        problem = only_problem(lambda: attrs.evolve(paper, events=(*paper.events, extra)))
        assert problem == cw.Problem(
            path=f"$.events[{len(paper.events)}].date",
            code="after-paper",
            message=f"an event the paper mentions cannot happen after it ({later} > {paper.published})",
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_actor_belonging_to_itself(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """Rule: references point to another entity -- an actor's affiliation is not the actor itself."""
        i = index_into(data, paper.actors, "actor")
        problem = only_problem(
            lambda: attrs.evolve(paper, actors=replace(paper.actors, i, affiliation=paper.actors[i].id))
        )
        assert problem == cw.Problem(
            path=f"$.actors[{i}].affiliation",
            code="self-reference",
            message="an actor cannot belong to itself",
        )

    @FEWER
    @given(paper=PAPERS, data=st.data())
    def test_several_broken_rules_are_all_reported_in_path_order(
        self, paper: cw.WhitePaper, data: st.DataObject
    ) -> None:
        """All problems come together, sorted by path, and str() gives one line per problem."""
        missing = unused_id(paper, data)
        plain = cw.to_dict(paper)
        plain["publisher"] = missing
        plain["citations"].append({"source": missing, "certainty": "confirmed"})
        plain["chapters"][0]["number"] = 2
        with pytest.raises(cw.ValidationError) as caught:
            cw.from_dict(plain)
        paths = [p.path for p in caught.value.problems]
        assert f"$.citations[{len(paper.citations)}].source" in paths
        assert "$.chapters[0].number" in paths
        assert "$.publisher" in paths
        assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]
        assert paths == sorted(paths, key=path_key)


def path_key(path: str) -> list[tuple[int, Any]]:
    """Paths in the order errors are sorted: by name, and by index as a number."""
    import re

    return [(1, int(index)) if index else (0, name) for index, name in re.findall(r"\[(\d+)\]|\.(\w+)", path)]
