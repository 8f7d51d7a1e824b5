"""The bundled white paper: it loads, it is canonical, and it says what the fact sheet says, no more."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import dataset
from cyberspace_whitepaper.model import Citation, Item, Part, Section

DATA_FILE = Path(cw.__file__).parent / "data" / dataset.DATA_FILE
PAPER_ID = "cyberspace-community-2022"
TDI = "tdi-2022-11-09"
# The note on a full English name that no source used gives (only its abbreviation).
GENERAL_KNOWLEDGE = "The full English name is supplied from general knowledge, not from a source used here."

# Fact sheet §2 and §9.1-3: the only official English headings seen are the four
# chapter titles, I.1, III.1 and its sub-items (1) and (2).
OFFICIAL_ENGLISH = {"I", "II", "III", "IV", "I.1", "III.1", "III.1(1)", "III.1(2)"}
NOT_OFFICIAL_ENGLISH = {
    "preface",
    "conclusion",
    "I.2",
    "I.3",
    *(f"II.{n}" for n in range(1, 8)),
    *(f"III.{n}" for n in range(2, 5)),
    *(f"IV.{n}" for n in range(1, 11)),
}
# Fact sheet §7: bodies whose presence in the white paper is not confirmed.
UNCONFIRMED_BODIES = ("sco", "asean", "league-of-arab-states")
# Issue 16: actors that nothing referenced and no source links to an event, a document or a body.
REMOVED_ACTORS = ("brics", "itu", "icann", "g20", "apec", "united-nations", "cgtn")
OFFICE = "central-cyberspace-affairs-commission-office"
# Issue 16: a related document with no address says why in a citation note.
NO_ADDRESS = "so no address is given."
# Fact sheet §9.5: events and documents the paper was not seen to name.
NOT_SEEN_IN_PAPER = (
    "xi-wic-2015-keynote",
    "wic-2014",
    "wic-2015",
    "wic-founding-2022",
    "global-initiative-on-data-security-2020",
    "cybersecurity-law-adopted",
    "cybersecurity-law-in-force",
    "data-security-law-adopted",
    "data-security-law-in-force",
    "personal-information-protection-law-adopted",
    "personal-information-protection-law-in-force",
    "global-initiative-on-data-security",
    "cybersecurity-law",
    "data-security-law",
    "personal-information-protection-law",
    "wic-2019",
    "asean-china-network-security-emergency-response-framework",
    "sco-international-code-of-conduct-for-information-security",
)


@pytest.fixture(scope="module")
def paper() -> cw.WhitePaper:
    """The bundled paper."""
    return cw.load_white_paper()


def structure(paper: cw.WhitePaper) -> Iterator[tuple[str, Part | cw.Chapter | Section | Item]]:
    """Every part, chapter, section and item, with its locator."""
    assert paper.preface is not None
    assert paper.conclusion is not None
    yield "preface", paper.preface
    for chapter in paper.chapters:
        numeral = str(cw.Locator(chapter=chapter.number))
        yield numeral, chapter
        for section in chapter.sections:
            yield f"{numeral}.{section.number}", section
            for item in section.items:
                yield f"{numeral}.{section.number}({item.number})", item
    yield "conclusion", paper.conclusion


def citations_in(obj: Any) -> Iterator[Citation]:
    """Every citation reachable from ``obj``."""
    if type(obj) is Citation:
        yield obj
        return
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            for item in value if type(value) is tuple else (value,):
                yield from citations_in(item)


def by_id(paper: cw.WhitePaper, entity_id: str) -> Any:
    """The entity with this id (typed loosely, as tests read many kinds)."""
    return paper.get(entity_id)


class TestBundledFile:
    def test_loads_through_the_strict_loader(self, paper: cw.WhitePaper) -> None:
        """load_white_paper() gives the same paper as loading the file with cw.load."""
        assert paper == cw.load(DATA_FILE)
        assert paper.id == PAPER_ID

    def test_is_canonical(self) -> None:
        """The file is byte for byte what dumps writes for the paper it holds."""
        text = DATA_FILE.read_bytes().decode("utf-8")
        assert text == cw.dumps(cw.load(DATA_FILE))

    def test_is_cached(self, paper: cw.WhitePaper) -> None:
        """Later calls return the very same object."""
        assert cw.load_white_paper() is paper


class TestMetadata:
    def test_titles(self, paper: cw.WhitePaper) -> None:
        """The official English and Chinese titles."""
        assert paper.title == cw.LocalizedText(
            en="Jointly Build a Community with a Shared Future in Cyberspace", zh="携手构建网络空间命运共同体"
        )

    def test_release_date_and_publisher(self, paper: cw.WhitePaper) -> None:
        """Released on 7 November 2022 by the SCIO, known to the day."""
        assert str(paper.published) == "2022-11-07"
        assert paper.published.precision is cw.DatePrecision.DAY
        scio = by_id(paper, paper.publisher)
        assert scio.name.zh == "中华人民共和国国务院新闻办公室"
        assert scio.kind is cw.ActorKind.GOVERNMENT_BODY

    def test_eight_language_editions(self, paper: cw.WhitePaper) -> None:
        """The eight editions, in the order the launch host named them, also given as a statistic."""
        assert paper.languages == ("zh", "en", "fr", "ru", "de", "es", "ar", "ja")
        assert by_id(paper, "language-editions").value == Decimal(len(paper.languages))

    def test_length(self, paper: cw.WhitePaper) -> None:
        """About 24,000 Chinese characters."""
        length = by_id(paper, "paper-length")
        assert (length.value, length.unit, length.approximate) == (Decimal(24000), "chinese-characters", True)


class TestStructure:
    def test_counts(self, paper: cw.WhitePaper) -> None:
        """A preface, four chapters of 3, 7, 4 and 10 sections, and a conclusion."""
        assert [len(chapter.sections) for chapter in paper.chapters] == [3, 7, 4, 10]
        assert paper.preface is not None
        assert paper.conclusion is not None
        assert (paper.preface.title.zh, paper.conclusion.title.zh) == ("前言", "结束语")

    def test_chapter_titles(self, paper: cw.WhitePaper) -> None:
        """The four chapter titles are the exact official English."""
        assert [chapter.title.en for chapter in paper.chapters] == [
            "Building a Community with a Shared Future in Cyberspace Is Essential in the Information Age",
            "Development and Management of the Internet in China",
            "China's Contribution to Building a Community with a Shared Future in Cyberspace",
            "China's Proposals on Creating a Community with a Shared Future in Cyberspace",
        ]

    def test_chapter_iv_note_on_closer(self, paper: cw.WhitePaper) -> None:
        """Chapter IV's Chinese title says 'closer'; a citation says the official English drops it."""
        chapter = paper.chapters[3]
        assert chapter.title.zh is not None
        assert "更加紧密的" in chapter.title.zh
        assert "closer" not in chapter.title.en
        assert any(c.note and "'closer' (更加紧密的)" in c.note for c in chapter.citations)

    def test_only_known_sub_items(self, paper: cw.WhitePaper) -> None:
        """The only sub-items are III.1(1) and III.1(2), with their official English titles."""
        items = [(where, part.title.en) for where, part in structure(paper) if type(part) is Item]
        assert items == [
            ("III.1(1)", "Construction of information infrastructure"),
            ("III.1(2)", "Driving global economic growth with digital technology"),
        ]

    def test_every_section_has_its_chinese_title(self, paper: cw.WhitePaper) -> None:
        """Each of the 24 sections has a Chinese title, cited as confirmed from the Chinese full text."""
        sections = [(where, part) for where, part in structure(paper) if type(part) is Section]
        assert len(sections) == 24
        for where, section in sections:
            assert section.title.zh, where
            assert any(
                c.source == "shdf-zh-full-text" and c.certainty is cw.Certainty.CONFIRMED
                for c in section.citations
            ), where


class TestOfficialEnglish:
    def test_lists_cover_the_whole_structure(self, paper: cw.WhitePaper) -> None:
        """Every part of the paper is in exactly one of the two lists, so new parts need a decision."""
        assert OFFICIAL_ENGLISH.isdisjoint(NOT_OFFICIAL_ENGLISH)
        assert {where for where, _ in structure(paper)} == OFFICIAL_ENGLISH | NOT_OFFICIAL_ENGLISH

    @pytest.mark.parametrize("where", sorted(NOT_OFFICIAL_ENGLISH))
    def test_unconfirmed_english_is_never_official(self, paper: cw.WhitePaper, where: str) -> None:
        """A heading whose official English the fact sheet could not confirm has en_official false."""
        assert paper.section(where).title.en_official is False

    @pytest.mark.parametrize("where", sorted(OFFICIAL_ENGLISH))
    def test_confirmed_english_is_official(self, paper: cw.WhitePaper, where: str) -> None:
        """A heading whose official English was seen has en_official true."""
        assert paper.section(where).title.en_official is True

    @pytest.mark.parametrize("where", ["preface", "conclusion"])
    def test_preface_and_conclusion_labels_are_uncertain(self, paper: cw.WhitePaper, where: str) -> None:
        """'Preface' and 'Conclusion' are the SCIO's usual labels, cited as uncertain."""
        part = paper.section(where)
        assert any(c.certainty is cw.Certainty.UNCERTAIN for c in part.citations)


class TestPrinciples:
    def test_basic_principles_in_order(self, paper: cw.WhitePaper) -> None:
        """The four basic principles in the paper's order, with their Chinese names."""
        basic = sorted(
            (p for p in paper.principles if p.kind is cw.PrincipleKind.BASIC), key=lambda p: p.order
        )
        assert [(p.order, p.name.zh) for p in basic] == [
            (1, "尊重网络主权"),
            (2, "维护和平安全"),
            (3, "促进开放合作"),
            (4, "构建良好秩序"),
        ]
        assert [p.name.en for p in basic] == [
            "respecting cyber sovereignty",
            "safeguarding peace and security",
            "promoting openness and cooperation",
            "maintaining good order",
        ]

    def test_basic_principles_are_set_out_in_i3_and_came_from_2015(self, paper: cw.WhitePaper) -> None:
        """Each basic principle sits in I.3, came from the 2015 speech, and has unofficial English."""
        for principle in paper.principles:
            if principle.kind is cw.PrincipleKind.BASIC:
                assert str(principle.located_in) == "I.3"
                assert principle.introduced_by == "xi-wic-2015-keynote"
                assert principle.name.en_official is False
                assert any(c.source == TDI for c in principle.citations)

    def test_other_renderings_are_aliases(self, paper: cw.WhitePaper) -> None:
        """The renderings of China.org.cn and CIIDS are aliases with their sources."""
        order = by_id(paper, "building-good-order")
        assert {(a.text, a.source) for a in order.aliases} == {
            ("building a sound cyberspace order", "china-org-cn-keywords-2020-01-19"),
            ("building a good order", "ciids-2017-07-12"),
        }
        assert any(c.certainty is cw.Certainty.UNCERTAIN for c in order.citations)

    def test_governance_principles(self, paper: cw.WhitePaper) -> None:
        """The two governance principles, in the official English that Xinhua quotes."""
        governance = [p for p in paper.principles if p.kind is cw.PrincipleKind.GOVERNANCE]
        assert [(p.order, p.name.en, p.name.zh, p.name.en_official) for p in governance] == [
            (1, "people-centered approach", "坚持以人民为中心的发展思想", True),
            (2, "extensive consultation, joint contribution, and shared benefits", "共商共建共享", True),
        ]


class TestGoals:
    def test_vision_goals_keep_the_seven_term_listing(self, paper: cw.WhitePaper) -> None:
        """Four paired goals whose terms, in order, are the seven English terms of the quoted list."""
        vision = [g for g in paper.goals if g.kind is cw.GoalKind.VISION]
        assert [g.name.zh for g in vision] == ["创新发展", "安全有序", "平等尊重", "开放共享"]
        assert [term for g in vision for term in g.terms] == [
            "innovation-driven development",
            "security",
            "order",
            "equality",
            "respect",
            "openness",
            "shared interests",
        ]

    def test_communities_and_joint_actions(self, paper: cw.WhitePaper) -> None:
        """Four communities set out in I.2 and the four joint actions, in order."""
        community = [g for g in paper.goals if g.kind is cw.GoalKind.COMMUNITY]
        assert [g.name.zh for g in community] == ["发展共同体", "安全共同体", "责任共同体", "利益共同体"]
        assert {str(g.located_in) for g in community} == {"I.2"}
        joint = [g for g in paper.goals if g.kind is cw.GoalKind.JOINT_ACTION]
        assert [g.name.zh for g in joint] == ["发展共同推进", "安全共同维护", "治理共同参与", "成果共同分享"]
        assert [g.order for g in joint] == [1, 2, 3, 4]

    def test_inferred_placement_is_cited_as_inferred(self, paper: cw.WhitePaper) -> None:
        """The vision goals' and joint actions' place in I.2 is inferred, and cited so."""
        for goal in paper.goals:
            if goal.kind is not cw.GoalKind.COMMUNITY:
                located = [c for c in goal.citations if c.locator == goal.located_in]
                assert located, goal.id
                assert {c.certainty for c in located} == {cw.Certainty.INFERRED}, goal.id


class TestConcerns:
    def test_three_problems_in_both_languages(self, paper: cw.WhitePaper) -> None:
        """The internet's three problems, with the official English and the Chinese."""
        names = [
            (by_id(paper, i).name.en, by_id(paper, i).name.zh)
            for i in ("unbalanced-development", "unsound-regulation", "unreasonable-order")
        ]
        assert names == [
            ("unbalanced development", "发展不平衡"),
            ("unsound regulation", "规则不健全"),
            ("unreasonable order", "秩序不合理"),
        ]

    @pytest.mark.parametrize(
        ("concern", "wording"),
        [
            ("unsound-regulation", "ineffective regulation"),
            ("cyber-hegemonism", "cyber-hegemony"),
            ("large-scale-cyber-theft-and-surveillance", "large-scale cyber surveillance"),
            ("interference-in-internal-affairs", "interfere in the internal affairs of other countries"),
        ],
    )
    def test_tdi_wordings_are_aliases(self, paper: cw.WhitePaper, concern: str, wording: str) -> None:
        """The TDI report's wording is an alias of the official term, with the report as its source."""
        entity = by_id(paper, concern)
        assert entity.name.en != wording
        assert cw.Alias(text=wording, language="en", source=TDI) in entity.aliases

    def test_all_in_chapter_i(self, paper: cw.WhitePaper) -> None:
        """Every challenge is named in chapter I, nearly all in I.1."""
        assert len(paper.concerns) == 13
        assert {str(c.located_in) for c in paper.concerns} == {"I", "I.1"}


class TestProposals:
    def test_ten_numbered_proposals_in_chapter_iv(self, paper: cw.WhitePaper) -> None:
        """Ten proposals, numbered 1 to 10, each the heading of section IV.n."""
        assert [p.number for p in paper.proposals] == list(range(1, 11))
        for proposal in paper.proposals:
            where = f"IV.{proposal.number}"
            assert str(proposal.located_in) == where
            assert proposal.name.zh == paper.section(where).title.zh
            assert proposal.name.en_official is False

    def test_supports_are_an_inference(self, paper: cw.WhitePaper) -> None:
        """Every proposal supports something, and that link is cited as our inference."""
        for proposal in paper.proposals:
            assert proposal.supports, proposal.id
            assert any(c.certainty is cw.Certainty.INFERRED for c in proposal.citations), proposal.id

    def test_first_proposal(self, paper: cw.WhitePaper) -> None:
        """IV.1 is 坚持尊重网络主权, with the machine translation kept as an alias."""
        first = paper.proposals[0]
        assert first.name.zh == "坚持尊重网络主权"
        assert first.aliases == (
            cw.Alias(
                text="Adhere to respect for network sovereignty", language="en", source="tellerreport-mt"
            ),
        )


class TestEvents:
    def test_the_2015_speech(self, paper: cw.WhitePaper) -> None:
        """Xi Jinping's keynote of 16 December 2015 at the second WIC, presided over by Liu Yunshan."""
        speech = by_id(paper, "xi-wic-2015-keynote")
        assert str(speech.date) == "2015-12-16"
        assert speech.end is None
        assert speech.kind is cw.EventKind.SPEECH
        assert speech.actors == ("xi-jinping", "liu-yunshan", "wic")
        assert str(speech.place) == "Wuzhen, Zhejiang"

    def test_launch(self, paper: cw.WhitePaper) -> None:
        """The release and the press conference, both on 7 November 2022, concern the paper itself."""
        for event_id in ("white-paper-release", "white-paper-press-conference"):
            event = by_id(paper, event_id)
            assert str(event.date) == "2022-11-07"
            assert PAPER_ID in event.documents
        conference = by_id(paper, "white-paper-press-conference")
        assert {"cao-shumin", "xing-huina", "sun-weimin", "yang-shuzhen"} <= set(conference.actors)

    def test_only_what_the_paper_names_is_mentioned(self, paper: cw.WhitePaper) -> None:
        """Only the 1994 access and the 18th CPC National Congress are events the paper is known to name."""
        mentioned = {e.id: str(e.date) for e in paper.events if e.mentioned_in_paper}
        assert mentioned == {
            "full-function-internet-access-1994": "1994",
            "cpc-18th-national-congress": "2012-11",
        }

    def test_1994_year_comes_from_another_source(self, paper: cw.WhitePaper) -> None:
        """The preface names the access; the year 1994 is cited from the 2023 white paper's report."""
        access = by_id(paper, "full-function-internet-access-1994")
        assert {(c.source, str(c.locator)) for c in access.citations} == {
            ("shdf-zh-full-text", "preface"),
            ("chinadaily-pressreader-2023-06-02", "None"),
        }

    @pytest.mark.parametrize(
        ("event_id", "date", "end"),
        [
            ("wic-2014", "2014-11-19", "2014-11-21"),
            ("wic-2015", "2015-12-16", "2015-12-18"),
            ("wic-2017", "2017-12-03", "2017-12-05"),
            ("wic-2019", "2019-10-20", "2019-10-22"),
            ("wic-2020-forum", "2020-11-23", "2020-11-24"),
            ("wic-concept-paper-2019-release", "2019-10-16", None),
            ("wic-2022-wuzhen-summit", "2022-11-09", "2022-11-11"),
            ("sovereignty-in-cyberspace-2019", "2019-10", None),
            ("wic-initiative-2020-issued", "2020-11-18", None),
            ("cpc-20th-national-congress", "2022-10", None),
            ("tdi-report-2022-11-09", "2022-11-09", None),
        ],
    )
    def test_dates_keep_their_precision(
        self, paper: cw.WhitePaper, event_id: str, date: str, end: str | None
    ) -> None:
        """Dates and ranges are written at the precision their sources give."""
        event = by_id(paper, event_id)
        assert (str(event.date), None if event.end is None else str(event.end)) == (date, end)

    def test_inferred_end_is_cited_as_inferred(self, paper: cw.WhitePaper) -> None:
        """The first WIC's end date is worked out from 'three-day', and cited as inferred."""
        assert cw.Certainty.INFERRED in {c.certainty for c in by_id(paper, "wic-2014").citations}

    @pytest.mark.parametrize(
        ("law", "adopted", "in_force"),
        [
            ("cybersecurity-law", "2016-11-07", "2017-06-01"),
            ("data-security-law", "2021-06-10", "2021-09-01"),
            ("personal-information-protection-law", "2021-08-20", "2021-11-01"),
        ],
    )
    def test_laws_are_adopted_and_take_effect_separately(
        self, paper: cw.WhitePaper, law: str, adopted: str, in_force: str
    ) -> None:
        """A law's adoption and its entry into force are two events about the same document."""
        first, second = by_id(paper, f"{law}-adopted"), by_id(paper, f"{law}-in-force")
        assert (str(first.date), str(second.date)) == (adopted, in_force)
        assert first.documents == second.documents == (law,)

    def test_the_statistics_reference_date_is_not_an_event(self, paper: cw.WhitePaper) -> None:
        """June 2022 is the statistics' as_of, not an event."""
        assert not [e for e in paper.events if str(e.date) == "2022-06"]


class TestStatistics:
    @pytest.mark.parametrize(
        ("stat_id", "expected"),
        [
            ("digital-economy-value-2021", ("45.5", "yuan", "trillion", "2021")),
            ("digital-economy-share-of-gdp-2021", ("39.8", "percent", "one", "2021")),
            ("internet-users-2022-06", ("1.05", "people", "billion", "2022-06")),
            ("internet-penetration-2022-06", ("74.4", "percent", "one", "2022-06")),
            ("base-stations-5g", ("1.85", "base-stations", "million", None)),
        ],
    )
    def test_figures_are_exact(
        self, paper: cw.WhitePaper, stat_id: str, expected: tuple[str, str, str, str | None]
    ) -> None:
        """Each figure is the exact decimal the paper gives, with its unit, scale and reference date."""
        stat = by_id(paper, stat_id)
        assert type(stat.value) is Decimal
        as_of = None if stat.as_of is None else str(stat.as_of)
        assert (str(stat.value), stat.unit, stat.scale.value, as_of) == expected
        assert str(stat.located_in) == "II"

    def test_magnitude(self, paper: cw.WhitePaper) -> None:
        """45.5 trillion yuan is exactly 45,500,000,000,000 yuan."""
        assert by_id(paper, "digital-economy-value-2021").magnitude == Decimal(45_500_000_000_000)

    def test_a_commentary_figure_is_not_the_papers(self, paper: cw.WhitePaper) -> None:
        """The 23 countries a commentary attributes to the paper are an uncertain remark, not a statistic."""
        assert Decimal(23) not in {stat.value for stat in paper.statistics}
        remark = [c for c in paper.section("III").citations if c.source == "vkhz-commentary-2022"]
        assert [c.certainty for c in remark] == [cw.Certainty.UNCERTAIN]

    @pytest.mark.parametrize("stat_id", ["digital-economy-value-2021", "digital-economy-share-of-gdp-2021"])
    def test_2012_figures_are_only_for_comparison(self, paper: cw.WhitePaper, stat_id: str) -> None:
        """The 2012 digital-economy figures are cited as a comparison, with no place in the paper."""
        (comparison,) = [c for c in by_id(paper, stat_id).citations if c.source == "people-cn-2022-08-20"]
        assert comparison.locator is None
        assert comparison.note is not None
        assert comparison.note.startswith("For comparison, not the paper:")

    def test_section_placement_is_inferred(self, paper: cw.WhitePaper) -> None:
        """The figures' place in chapter II is cited as inferred, never confirmed."""
        for stat in paper.statistics:
            if stat.located_in is not None:
                located = {c.certainty for c in stat.citations if c.locator is not None}
                assert located == {cw.Certainty.INFERRED}, stat.id


class TestDocuments:
    def test_same_title_concept_paper_is_distinct(self, paper: cw.WhitePaper) -> None:
        """The 2019 WIC concept paper shares the title but has its own id, date and publisher."""
        concept = by_id(paper, "wic-concept-paper-2019")
        assert type(concept) is cw.DocumentRef
        assert (concept.title.en, concept.title.zh) == (paper.title.en, paper.title.zh)
        assert concept.id != paper.id
        assert str(concept.published) == "2019-10-16"
        assert concept.publishers == ("wic-organizing-committee",)
        assert concept.relation is cw.DocumentRelation.SAME_TITLE

    def test_taiwan_paper_is_linked_from_tdi(self, paper: cw.WhitePaper) -> None:
        """The Taiwan white paper is there because the TDI report links it."""
        taiwan = by_id(paper, "taiwan-white-paper-2022")
        assert taiwan.relation is cw.DocumentRelation.LINKED_FROM_SOURCE
        assert str(taiwan.published) == "2022-08-10"
        assert any(c.source == TDI for c in taiwan.citations)

    @pytest.mark.parametrize(
        ("doc_id", "relation", "published"),
        [
            ("internet-in-china-2010", "predecessor", "2010-06-08"),
            ("international-strategy-of-cooperation-on-cyberspace-2017", "antecedent", "2017-03-01"),
            ("law-based-cyberspace-governance-2023", "successor", "2023-03-16"),
            ("cnnic-50th-statistical-report", "probable-data-source", "2022-08-31"),
        ],
    )
    def test_related_documents(
        self, paper: cw.WhitePaper, doc_id: str, relation: str, published: str
    ) -> None:
        """The earlier paper, the 2017 strategy, the 2023 paper and the probable data source."""
        document = by_id(paper, doc_id)
        assert (document.relation.value, str(document.published)) == (relation, published)

    def test_every_document_has_an_address_or_a_reason(self, paper: cw.WhitePaper) -> None:
        """A related document without an address says in a citation note why there is none."""
        without = [
            d.id
            for d in paper.documents
            if d.url is None and not any(NO_ADDRESS in (c.note or "") for c in d.citations)
        ]
        assert without == []

    @pytest.mark.parametrize(
        ("doc_id", "url"),
        [
            (
                "internet-in-china-2010",
                "http://china.org.cn/government/whitepaper/2010-06/08/content_20208007.htm",
            ),
            ("wic-concept-paper-2019", "http://www.wuzhenwic.org/2019-10/16/c_549515_3.htm"),
            ("law-based-cyberspace-governance-2023", "http://english.scio.gov.cn/node_9001076.html"),
        ],
    )
    def test_official_addresses(self, paper: cw.WhitePaper, doc_id: str, url: str) -> None:
        """The documents whose issuer's or official portal's page the fact sheets show have that address."""
        document = by_id(paper, doc_id)
        assert document.url == url
        assert any(
            c.certainty is cw.Certainty.CONFIRMED and paper.get(c.source).url == url
            for c in document.citations
        )


class TestCitations:
    def test_everything_is_cited(self, paper: cw.WhitePaper) -> None:
        """The paper, every part of its structure and every entity but the sources has a citation."""
        assert paper.citations
        for where, part in structure(paper):
            assert part.citations, where
        for entity in paper.entities():
            if type(entity) is not cw.Source:
                assert entity.citations, entity.id

    def test_every_source_is_cited(self, paper: cw.WhitePaper) -> None:
        """Every citation names a source, and every source is cited at least once."""
        sources = {s.id for s in paper.sources}
        cited = {c.source for c in citations_in(paper)}
        assert cited == sources

    def test_official_first_page_address_is_uncertain(self, paper: cw.WhitePaper) -> None:
        """The official English first page's address was guessed from a pattern, so it is uncertain."""
        page = by_id(paper, "scio-en-contents")
        assert page.url == "http://english.scio.gov.cn/whitepapers/2022-11/07/content_78505694.htm"
        assert page.certainty is cw.Certainty.UNCERTAIN

    def test_machine_translation_is_never_official(self, paper: cw.WhitePaper) -> None:
        """No official heading or name has an English that equals a machine-translation alias."""
        mt = {
            a.text
            for e in paper.entities()
            for a in getattr(e, "aliases", ())
            if a.source == "tellerreport-mt"
        }
        assert mt
        assert not [part for _, part in structure(paper) if part.title.en_official and part.title.en in mt]

    def test_weak_sources_are_never_called_confirmed(self, paper: cw.WhitePaper) -> None:
        """A citation that is not confirmed does not say in its note that something was confirmed from it."""
        assert not [
            c
            for c in citations_in(paper)
            if c.certainty is not cw.Certainty.CONFIRMED and "confirmed from this source" in (c.note or "")
        ]

    def test_source_titles_we_describe_are_not_official(self, paper: cw.WhitePaper) -> None:
        """A source title with our own description in brackets is not presented as official wording."""
        described = [s.id for s in paper.sources if "(" in s.title.en and s.title.en_official]
        assert described == []

    def test_titles_seen_only_in_chinese_are_not_official_english(self, paper: cw.WhitePaper) -> None:
        """A related document cited only from Chinese-language sources has no official English title."""
        chinese = {s.id for s in paper.sources if s.language == "zh"}
        official = [
            d.id
            for d in paper.documents
            if d.title.en_official and {c.source for c in d.citations} <= chinese
        ]
        assert official == []
        assert by_id(paper, "cnnic-50th-statistical-report").title.en_official is False

    @pytest.mark.parametrize(
        ("source_id", "url"),
        [
            ("people-cn-2022-08-20", "http://en.people.cn/n3/2022/0820/c90000-10137628.html"),
            ("people-cn-2022-10-29", "http://en.people.cn/n3/2022/1029/c90000-10164897.html"),
            ("vkhz-commentary-2022", "https://www.vkhz.com/ush/at_265539.html"),
        ],
    )
    def test_cross_check_sources_are_kept(self, paper: cw.WhitePaper, source_id: str, url: str) -> None:
        """The fact sheet's sources for figures that are not the paper's are sources too."""
        assert by_id(paper, source_id).url == url


class TestActors:
    def test_titles_as_the_sources_give_them(self, paper: cw.WhitePaper) -> None:
        """Chen Renze was the person in charge of his bureau (负责人), not its director-general or head."""
        assert by_id(paper, "chen-renze").role == (
            "Person in charge of the Cyber Communication Bureau (网络传播局负责人) of the Office of the "
            "Central Cyberspace Affairs Commission; speaker at the launch."
        )

    @pytest.mark.parametrize(
        ("actor_id", "role"),
        [
            (
                "cnnic",
                (
                    "Publisher of statistical reports on internet development in China; "
                    "probable source of the paper's June 2022 figures."
                ),
            ),
            (
                "wic",
                (
                    "Conference held in Wuzhen since 2014; "
                    "an international organisation based in Beijing since July 2022."
                ),
            ),
        ],
    )
    def test_roles_say_only_what_is_sourced(self, paper: cw.WhitePaper, actor_id: str, role: str) -> None:
        """A role claims nothing the sources do not give (no 'semi-annual' reports, no 'annual' WIC)."""
        assert by_id(paper, actor_id).role == role

    @pytest.mark.parametrize(
        "actor_id",
        ["cnnic", "npc", "npcsc", "mfa", "cicir", "sass", "sco", "asean"],
    )
    def test_full_names_from_general_knowledge_are_uncertain(
        self, paper: cw.WhitePaper, actor_id: str
    ) -> None:
        """A full English name that the sources give only as an abbreviation is cited as uncertain."""
        assert any(
            c.certainty is cw.Certainty.UNCERTAIN and (c.note or "").endswith(GENERAL_KNOWLEDGE)
            for c in by_id(paper, actor_id).citations
        )

    def test_every_actor_is_referenced(self, paper: cw.WhitePaper) -> None:
        """Every actor takes part in an event, issues a document, is an affiliation or publishes the paper."""
        referenced = {paper.publisher}
        referenced.update(actor for event in paper.events for actor in event.actors)
        referenced.update(publisher for document in paper.documents for publisher in document.publishers)
        referenced.update(actor.affiliation for actor in paper.actors if actor.affiliation is not None)
        assert [actor.id for actor in paper.actors if actor.id not in referenced] == []

    @pytest.mark.parametrize("actor_id", REMOVED_ACTORS)
    def test_unlinked_actors_are_removed(self, paper: cw.WhitePaper, actor_id: str) -> None:
        """An actor that no source links to anything in the data set is not kept."""
        with pytest.raises(KeyError):
            paper.get(actor_id)

    def test_scio_chinese_names(self, paper: cw.WhitePaper) -> None:
        """The SCIO's full and short Chinese names are aliases, cited to the Chinese full text."""
        zh = {(a.text, a.source) for a in by_id(paper, "scio").aliases if a.language == "zh"}
        assert zh == {
            ("国务院新闻办公室", "shdf-zh-full-text"),
            ("国务院新闻办", "shdf-zh-full-text"),
            ("国新办", "shdf-zh-full-text"),
        }


class TestNotConfirmed:
    @pytest.mark.parametrize("actor_id", UNCONFIRMED_BODIES)
    def test_bodies_not_seen_in_the_paper(self, paper: cw.WhitePaper, actor_id: str) -> None:
        """A body not confirmed in the paper is cited to it only as uncertain, and never at a place in it."""
        citations = by_id(paper, actor_id).citations
        about_the_paper = {c.certainty for c in citations if c.source == "scio-en-chapter-3"}
        assert about_the_paper == {cw.Certainty.UNCERTAIN}
        assert [c.locator for c in citations] == [None] * len(citations)

    @pytest.mark.parametrize("entity_id", NOT_SEEN_IN_PAPER)
    def test_not_cited_as_in_the_paper(self, paper: cw.WhitePaper, entity_id: str) -> None:
        """Events and documents the paper was not seen to name are not marked or cited as in it."""
        entity = by_id(paper, entity_id)
        assert getattr(entity, "mentioned_in_paper", False) is False
        assert not [
            c for c in entity.citations if c.locator is not None and c.certainty is cw.Certainty.CONFIRMED
        ]

    def test_fourth_principle_english_is_not_confirmed(self, paper: cw.WhitePaper) -> None:
        """'maintaining good order' is TDI's and Xinhua's English, not confirmed as the SCIO's."""
        principle = by_id(paper, "building-good-order")
        assert principle.name.en_official is False
        assert any(c.source == TDI and c.certainty is cw.Certainty.UNCERTAIN for c in principle.citations)

    def test_weakly_sourced_dates(self, paper: cw.WhitePaper) -> None:
        """The Cybersecurity Law's dates rest on a weak source and are cited only as uncertain."""
        for event_id in ("cybersecurity-law-adopted", "cybersecurity-law-in-force"):
            assert {c.certainty for c in by_id(paper, event_id).citations} == {cw.Certainty.UNCERTAIN}
        assert by_id(paper, "cybersecurity-law").published is None

    def test_uncertain_titles_are_not_official(self, paper: cw.WhitePaper) -> None:
        """The 2020 WIC initiative's official English title was not seen, so its English is not official."""
        initiative = by_id(paper, "wic-initiative-2020")
        assert initiative.title.en_official is False
        assert [c.source for c in initiative.citations if c.certainty is cw.Certainty.UNCERTAIN] == [
            "moderndiplomacy-wic-initiative-2020-12-31"
        ]


class TestTdiReport:
    @pytest.mark.parametrize(
        "entity_id",
        [
            "scio",  # released by the State Council Information Office
            "white-paper-release",  # published on Monday
            "xi-wic-2015-keynote",  # 16 December 2015, second WIC, President Xi
            "xi-jinping",
            "wic",  # World Internet Conference (WIC)
            "wic-2015",  # the second WIC
            "development-and-security-challenges-in-cyberspace",  # increasingly serious challenges
            "unbalanced-development",
            "unsound-regulation",  # ineffective regulation
            "cyber-hegemonism",  # cyber-hegemony
            "interference-in-internal-affairs",
            "large-scale-cyber-theft-and-surveillance",  # large-scale cyber surveillance
            "increasingly-complex-cybersecurity-situation",
            "people-centered-approach",
            "consultation-contribution-shared-benefits",
            "innovation-driven-development",
            "security-and-order",
            "equality-and-respect",
            "openness-and-shared-interests",
            "respecting-cyber-sovereignty",
            "safeguarding-peace-and-security",
            "promoting-openness-and-cooperation",
            "building-good-order",  # maintaining good order
            "taiwan-white-paper-2022",  # Also read
            "tdi",
            "tdi-report-2022-11-09",
        ],
    )
    def test_statements_trace_to_entities(self, paper: cw.WhitePaper, entity_id: str) -> None:
        """Each thing the TDI report says about the paper is an entity that cites the report."""
        assert TDI in {c.source for c in by_id(paper, entity_id).citations}

    @pytest.mark.parametrize("where", ["preface", "I.1", "III", "IV"])
    def test_statements_about_the_text(self, paper: cw.WhitePaper, where: str) -> None:
        """TDI's remarks on the paper's content are cited where they belong in the text."""
        assert TDI in {c.source for c in paper.section(where).citations}

    def test_title_and_vision(self, paper: cw.WhitePaper) -> None:
        """The paper's own citations include the report, for its title and its vision."""
        assert TDI in {c.source for c in paper.citations}

    @pytest.mark.parametrize("where", ["preface", "III", "IV"])
    def test_placing_its_remarks_is_our_inference(self, paper: cw.WhitePaper, where: str) -> None:
        """TDI does not say where in the paper its general remarks belong, so placing them is inferred."""
        assert {c.certainty for c in paper.section(where).citations if c.source == TDI} == {
            cw.Certainty.INFERRED
        }

    def test_its_wording_of_the_concept_is_kept(self, paper: cw.WhitePaper) -> None:
        """TDI's wording of the concept, unlike the official one, is kept in the 2015 speech's citation."""
        notes = [c.note or "" for c in by_id(paper, "xi-wic-2015-keynote").citations if c.source == TDI]
        assert any("'a community of shared future in cyberspace'" in note for note in notes)


class TestAuditCorrections:
    """The rows of the independent audit (issue 16), one test each."""

    def test_e1_concept_paper_came_out_before_the_sixth_wic(self, paper: cw.WhitePaper) -> None:
        """E1: the 2019 concept paper came out on 16 October 2019, before the sixth WIC, at no known place."""
        release = by_id(paper, "wic-concept-paper-2019-release")
        assert release.place is None
        assert str(release.date) == str(by_id(paper, "wic-concept-paper-2019").published) == "2019-10-16"
        assert release.date < by_id(paper, "wic-2019").date
        assert "released at the sixth WIC" not in (by_id(paper, "wic-concept-paper-2019").summary or "")

    def test_e2_m5_decade_briefing_was_the_publicity_departments(self, paper: cw.WhitePaper) -> None:
        """E2, M5: the August 2022 briefing was held by the CPC Publicity Department, not the SCIO."""
        briefing = by_id(paper, "decade-cyberspace-press-conference-2022")
        assert briefing.actors[:2] == ("cpc-publicity-department", "shou-xiaoli")
        assert "scio" not in briefing.actors
        department = by_id(paper, "cpc-publicity-department")
        assert department.name.en == "Publicity Department of the CPC Central Committee"
        assert department.affiliation == "cpc-central-committee"
        assert not by_id(paper, "scio-en-decade-cyberspace-press").title.en.startswith("SCIO")

    def test_e3_national_security_law_by_the_standing_committee(self, paper: cw.WhitePaper) -> None:
        """E3: the NPC Standing Committee adopted the National Security Law on the day it took effect."""
        law = by_id(paper, "national-security-law-in-force")
        assert law.actors == ("npcsc",)
        assert str(law.date) == "2015-07-01"
        assert any(
            c.source == "chinadaily-national-security-law-2015-07-01"
            and c.certainty is cw.Certainty.CONFIRMED
            for c in law.citations
        )

    def test_e4_m3_initiative_came_out_before_the_forum(self, paper: cw.WhitePaper) -> None:
        """E4, M3: the 2020 WIC initiative came out on 18 November 2020, before the forum opened."""
        issued = by_id(paper, "wic-initiative-2020-issued")
        assert str(issued.date) == str(by_id(paper, "wic-initiative-2020").published) == "2020-11-18"
        assert issued.date < by_id(paper, "wic-2020-forum").date

    def test_e5_governance_of_china_title_is_not_official(self, paper: cw.WhitePaper) -> None:
        """E5: 'Vol. II' is not a title seen, so the book's English title is not official."""
        book = by_id(paper, "governance-of-china-vol-2")
        assert book.title.en_official is False
        assert "scio-en-governance-of-china-vol-2" in {c.source for c in book.citations}

    @pytest.mark.parametrize(
        "actor_id", ["qi-xiaoxia", "yang-shuzhen", "sun-weimin", "wang-song", "chen-renze"]
    )
    def test_e6_bureau_heads_belong_to_the_office(self, paper: cw.WhitePaper, actor_id: str) -> None:
        """E6: the launch's five bureau heads belong to the Central Cyberspace Affairs Commission's Office."""
        actor = by_id(paper, actor_id)
        assert actor.affiliation == OFFICE
        assert actor.role is not None
        assert "of the Office of the Central Cyberspace Affairs Commission" in actor.role
        assert {c.certainty for c in actor.citations if c.source == "scio-en-cac-bureaus-2022-08"} == {
            cw.Certainty.CONFIRMED
        }
        assert cw.Certainty.INFERRED not in {c.certainty for c in actor.citations}

    def test_e7_5g_wording(self, paper: cw.WhitePaper) -> None:
        """E7: Xinhua says China is 'one of the global leaders' in 5G, not that it leads."""
        notes = " ".join(c.note or "" for c in by_id(paper, "base-stations-5g").citations)
        assert "'one of the global leaders in 5G standards and technology'" in notes
        assert "as leading" not in notes

    @pytest.mark.parametrize(("actor_id", "part"), [("yang-shuzhen", "first"), ("qi-xiaoxia", "second")])
    def test_e8_kyodo_question_had_two_answers(self, paper: cw.WhitePaper, actor_id: str, part: str) -> None:
        """E8: Yang Shuzhen answered the first part of Kyodo News's question and Qi Xiaoxia the second."""
        notes = [
            c.note or "" for c in by_id(paper, actor_id).citations if c.source == "scio-en-press-transcript-9"
        ]
        assert any(f"the {part} part of the Kyodo News question" in note for note in notes)
        assert "Qi Xiaoxia" in (by_id(paper, "scio-en-press-transcript-9").note or "")

    def test_o1_innovation_driven_development_is_not_official(self, paper: cw.WhitePaper) -> None:
        """O1: the goal's English rests on Xinhua's quotation alone, so it is not marked official."""
        assert by_id(paper, "innovation-driven-development").name.en_official is False
        vision = [g for g in paper.goals if g.kind is cw.GoalKind.VISION]
        assert {g.name.en_official for g in vision} == {False}

    def test_o2_people_centered_placement_is_inferred(self, paper: cw.WhitePaper) -> None:
        """O2: the official page was not seen to hold the phrase, so its place in I.1 is inferred."""
        principle = by_id(paper, "people-centered-approach")
        on_the_page = [c for c in principle.citations if c.source == "scio-en-chapter-1"]
        assert [c.certainty for c in on_the_page] == [cw.Certainty.INFERRED]
        assert any(
            c.source == "xinhua-qstheory-2022-11-08" and c.certainty is cw.Certainty.CONFIRMED
            for c in principle.citations
        )

    def test_u1_cyber_hegemonism_chinese_is_confirmed(self, paper: cw.WhitePaper) -> None:
        """U1: 网络霸权主义 was seen in Xinhua's Chinese commentary."""
        concern = by_id(paper, "cyber-hegemonism")
        assert concern.name.zh == "网络霸权主义"
        assert [c.certainty for c in concern.citations if c.source == "xinhua-zh-2022-11-08"] == [
            cw.Certainty.CONFIRMED
        ]

    def test_u2_initiative_chinese_title_is_confirmed(self, paper: cw.WhitePaper) -> None:
        """U2: the 2020 initiative's Chinese title is confirmed by two Chinese sources."""
        initiative = by_id(paper, "wic-initiative-2020")
        assert initiative.title.zh == "携手构建网络空间命运共同体行动倡议"
        confirmed = {c.source for c in initiative.citations if c.certainty is cw.Certainty.CONFIRMED}
        assert {"feifmx-wic-initiative-2020", "kczg-wic-initiative-2020"} <= confirmed

    def test_u3_forum_dates_are_confirmed(self, paper: cw.WhitePaper) -> None:
        """U3: the forum's 23-24 November dates are sourced, and no citation doubts them any more."""
        forum = by_id(paper, "wic-2020-forum")
        assert cw.Certainty.UNCERTAIN not in {c.certainty for c in forum.citations}
        assert "tellerreport-wic-2020-11-02" in {c.source for c in forum.citations}

    def test_m1_sixth_wic(self, paper: cw.WhitePaper) -> None:
        """M1: the sixth WIC is an event, in Wuzhen, with the sovereignty paper presented at it."""
        wic = by_id(paper, "wic-2019")
        assert (wic.kind, str(wic.place), wic.actors) == (
            cw.EventKind.CONFERENCE,
            "Wuzhen, Zhejiang",
            ("wic",),
        )
        assert wic.documents == ("sovereignty-in-cyberspace",)
        assert wic.mentioned_in_paper is False

    def test_m2_wic_2017_end_is_sourced(self, paper: cw.WhitePaper) -> None:
        """M2: the fourth WIC's end, 5 December 2017, is cited to the SCIO."""
        wic = by_id(paper, "wic-2017")
        assert str(wic.end) == "2017-12-05"
        assert "scio-en-wic-2017-11-17" in {c.source for c in wic.citations}

    def test_m6_governance_system_is_not_a_structured_goal(self, paper: cw.WhitePaper) -> None:
        """M6: the multilateral, democratic and transparent governance system is in I.2's summary only."""
        assert not [g.id for g in paper.goals if "multilateral" in g.name.en or "多边" in (g.name.zh or "")]
        assert "multilateral, democratic and transparent" in (paper.section("I.2").summary or "")

    def test_m7_covid_19_official_wording(self, paper: cw.WhitePaper) -> None:
        """M7: the concern carries the official wording 'the Covid-19 epidemic'."""
        name = by_id(paper, "covid-19-pandemic").name
        assert (name.en, name.en_official) == ("the Covid-19 epidemic", True)
