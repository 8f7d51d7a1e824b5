"""The corpus's 2019 and 2023 papers and the crosswalk of ideas: what the fact sheet says, no more.

The fact sheet is ``corpus-facts.md`` (sections 3, 4 and 5). The crosswalk in
``data/corpus.json`` is read here as JSON, to the corpus contract, until the
``Corpus`` class can load it; its records are checked through the model's own
classes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model import Citation
from cyberspace_whitepaper.model._shape import walk

DATA = Path(cw.__file__).parent / "data"
PAPERS = DATA / "papers"
CORPUS_FILE = DATA / "corpus.json"

WIC_2019 = "wic-concept-paper-2019"
LAW_2023 = "law-based-cyberspace-governance-2023"
OURS = (WIC_2019, LAW_2023)

D2010 = "internet-in-china-2010"
D2015 = "xi-wic-2015-keynote-speech"  # the speech, a document of the corpus (the occasion is an event)
D2017 = "international-strategy-of-cooperation-on-cyberspace-2017"
D2022 = "cyberspace-community-2022"

# Fact sheet 3.2: the official English headings seen for 2019; the background part's heading was not seen.
OFFICIAL_2019 = {"preface", "II", "II.1", "II.2", "III", "III.1", "III.2", "IV"}
NOT_OFFICIAL_2019 = {"I"}
# Fact sheet 3.2: the only Chinese headings seen for 2019.
CHINESE_2019 = {"preface": "序言", "III": "实践路径", "III.1": "加快全球网络基础设施建设,促进互联互通"}

# Fact sheet 4.2: the 2023 headings with confirmed official English; the others are MT or glosses.
OFFICIAL_2023 = {
    "preface": "Preface",
    "I": "Upholding the Rule of Law in Cyberspace",
    "II": "Consolidating the Legal System for Cyberspace Governance",
    "III": "Keeping Order in a Rule-Based Cyberspace",
    "III.1": "Protecting Personal Information",
    "III.2": "Protecting Online Intellectual Property Rights",
    "IV": "Defending Fairness and Justice in Cyberspace",
    "IV.1": "Defining New Rules of Cyber Justice",
    "IV.2": "Exploring New Models of Cyber Justice",
    "IV.3": "Judicial Protection of Online Rights and Interests",
    "V": "Promoting Public Awareness and Competence in Law-Based Cyberspace Governance",
    "V.1": "Internet Plus Public Legal Education",
    "V.2": "Publicizing Cyber Laws and Regulations",
    "VI": "Increasing International Exchanges and Cooperation in Law-Based Cyberspace Governance",
    "VI.1": "Playing an Active Role in Rule Making",
    "conclusion": "Conclusion",
}
# Fact sheet 4.2: headings known only from a machine translation (no Chinese seen either).
MACHINE_TRANSLATION_ONLY_2023 = {"II.1", "II.2", "II.3", "II.4", "III.3", "III.4", "III.5", "V.4"}
# Fact sheet 4.2: headings seen only in Chinese; the English is our gloss.
CHINESE_ONLY_2023 = {
    "V.3": "面向重点对象开展网络普法",
    "VI.2": "广泛开展交流合作",
    "VI.3": "努力搭建对话平台",
}

# Fact sheet 5: the nine ideas, and the documents whose cells are not "—", in date order.
CROSSWALK = {
    "cyber-sovereignty": [D2010, D2015, D2017, WIC_2019, D2022],
    "peace-and-security": [D2010, D2015, D2017, WIC_2019, D2022, LAW_2023],
    "openness-and-cooperation": [D2010, D2015, D2017, D2022, LAW_2023],
    "good-order": [D2010, D2015, D2017, D2022, LAW_2023],
    "multilateral-democratic-transparent-governance": [D2015, D2017, WIC_2019, D2022, LAW_2023],
    "shared-benefits": [D2010, D2015, D2017, WIC_2019, D2022, LAW_2023],
    "cybercrime-and-terrorism": [D2010, D2015, D2017, D2022, LAW_2023],
    "critical-information-infrastructure": [D2017, WIC_2019, D2022],
    "data-and-personal-information": [D2017, D2022, LAW_2023],
}
# Fact sheet 5: the wordings the sheet gives as each document's own English.
OFFICIAL_WORDINGS = {
    ("cyber-sovereignty", D2017, "II.2", "The Principle of Sovereignty"),
    ("cyber-sovereignty", D2017, "III.1", "Safeguarding Sovereignty and Security"),
    ("cyber-sovereignty", WIC_2019, "II.1", "Respecting sovereignty in cyberspace"),
    ("peace-and-security", D2017, "II.1", "The Principle of Peace"),
    ("peace-and-security", D2017, "IV.1", "Peace and Stability in Cyberspace"),
    ("peace-and-security", WIC_2019, "II.2", "Upholding peace and security"),
    ("openness-and-cooperation", D2010, "VI", "Active International Exchanges and Cooperation"),
    ("openness-and-cooperation", D2017, "IV.3", "Partnership in Cyberspace"),
    (
        "openness-and-cooperation",
        LAW_2023,
        "VI",
        "Increasing International Exchanges and Cooperation in Law-Based Cyberspace Governance",
    ),
    ("good-order", D2017, "IV.2", "Rule-based Order in Cyberspace"),
    ("good-order", LAW_2023, "III", "Keeping Order in a Rule-Based Cyberspace"),
    ("multilateral-democratic-transparent-governance", D2017, "II.3", "The Principle of Shared Governance"),
    (
        "multilateral-democratic-transparent-governance",
        D2017,
        "II.3",
        "multilateral, democratic and transparent global governance system",
    ),
    ("multilateral-democratic-transparent-governance", WIC_2019, "IV", "Governance Framework"),
    (
        "multilateral-democratic-transparent-governance",
        LAW_2023,
        "VI.1",
        "Playing an Active Role in Rule Making",
    ),
    ("shared-benefits", D2017, "II.4", "The Principle of Shared Benefits"),
    ("shared-benefits", D2017, "III.5", "Promoting Cooperation on Digital Economy"),
    ("shared-benefits", D2017, "IV.7", "Digital Economy and Sharing of Digital Dividends"),
    ("shared-benefits", WIC_2019, "preface", "share the benefits"),
    (
        "shared-benefits",
        WIC_2019,
        "III.1",
        "Accelerating the building of global Internet infrastructure for greater connectivity",
    ),
    ("shared-benefits", D2022, "I.1", "extensive consultation, joint contribution, and shared benefits"),
    (
        "cybercrime-and-terrorism",
        D2017,
        "IV.5",
        "International Cooperation on Cyber Terrorism and Cyber Crimes",
    ),
    (
        "critical-information-infrastructure",
        D2017,
        "IV.8",
        "Global Information Infrastructure Development and Protection",
    ),
    (
        "data-and-personal-information",
        D2017,
        "III.4",
        "Protecting Legitimate Rights and Interests of Citizens",
    ),
    (
        "data-and-personal-information",
        D2017,
        "IV.6",
        "Protection of Citizens' Rights and Interests Including Privacy",
    ),
    ("data-and-personal-information", LAW_2023, "III.1", "Protecting Personal Information"),
}
# Fact sheet 1.2 and 2.2: the places of the 2010 and 2017 papers, for locators into papers not bundled here.
PLACES = {
    D2010: {"preface", "I", "II", "III", "IV", "V", "VI", "conclusion"},
    D2017: {
        "preface",
        "I",
        "II",
        "III",
        "IV",
        *(f"II.{n}" for n in range(1, 5)),
        *(f"III.{n}" for n in range(1, 7)),
        *(f"IV.{n}" for n in range(1, 10)),
    },
}
DATES = {D2010: "2010-06-08", D2015: "2015-12-16", D2017: "2017-03-01"}


def load_ours(paper_id: str) -> cw.WhitePaper:
    """One of the two papers, through the strict loader."""
    return cw.load(PAPERS / f"{paper_id}.json")


@pytest.fixture(scope="module")
def wic() -> cw.WhitePaper:
    """The 2019 WIC concept paper."""
    return load_ours(WIC_2019)


@pytest.fixture(scope="module")
def law() -> cw.WhitePaper:
    """The 2023 law-based cyberspace governance white paper."""
    return load_ours(LAW_2023)


@pytest.fixture(scope="module")
def papers() -> dict[str, cw.WhitePaper]:
    """Every bundled paper, the 2022 one included, by id."""
    found = {paper.id: paper for paper in map(cw.load, sorted(PAPERS.glob("*.json")))}
    found[D2022] = cw.load_white_paper()
    return found


@pytest.fixture(scope="module")
def corpus() -> dict[str, Any]:
    """The crosswalk file as JSON."""
    loaded: dict[str, Any] = json.loads(CORPUS_FILE.read_text(encoding="utf-8"))
    return loaded


def headings(paper: cw.WhitePaper) -> dict[str, cw.LocalizedText]:
    """Every heading of the paper by its locator."""
    return {str(where): part.title for where, part in paper.places()}


def citations_of(obj: Any) -> Iterator[Citation]:
    """Every citation reachable from a model object."""
    for _path, found in walk(obj):
        if type(found) is Citation:
            yield found


def json_citations(value: Any) -> Iterator[dict[str, Any]]:
    """Every citation in a JSON value of the corpus contract (a record with source and certainty)."""
    if isinstance(value, dict):
        if "certainty" in value and "source" in value:
            yield value
        for item in value.values():
            yield from json_citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_citations(item)


class TestFiles:
    @pytest.mark.parametrize("paper_id", OURS)
    def test_canonical_and_named_by_id(self, paper_id: str) -> None:
        """Each file loads under every rule, is byte for byte what dumps writes, and is named by its id."""
        path = PAPERS / f"{paper_id}.json"
        paper = cw.load(path)
        assert paper.id == paper_id
        assert path.read_text(encoding="utf-8") == cw.dumps(paper)

    @pytest.mark.parametrize("paper_id", OURS)
    def test_every_source_is_cited(self, paper_id: str) -> None:
        """No source is listed that nothing cites."""
        paper = load_ours(paper_id)
        cited = {citation.source for citation in citations_of(paper)}
        cited |= {alias.source for _path, alias in walk(paper) if type(alias) is cw.Alias and alias.source}
        assert {source.id for source in paper.sources} == cited

    def test_machine_translations_are_uncertain(self, law: cw.WhitePaper) -> None:
        """A citation of a machine translation is always uncertain (the 2019 paper cites none)."""
        paper = law
        machine = {s.id for s in paper.sources if s.kind is cw.SourceKind.MACHINE_TRANSLATION}
        assert machine
        for citation in citations_of(paper):
            if citation.source in machine:
                assert citation.certainty is cw.Certainty.UNCERTAIN, citation

    @pytest.mark.parametrize("paper_id", OURS)
    def test_every_part_and_entity_is_cited(self, paper_id: str) -> None:
        """Every heading and every entity but the sources carries evidence."""
        paper = load_ours(paper_id)
        for where, part in paper.places():
            assert part.citations, str(where)
        for entity in paper.entities():
            if type(entity) is not cw.Source:
                assert entity.citations, entity.id


class TestSharedIds:
    @pytest.mark.parametrize("paper_id", OURS)
    def test_actors_mean_what_they_mean_in_2022(
        self, paper_id: str, papers: dict[str, cw.WhitePaper]
    ) -> None:
        """An actor id the 2022 paper uses has the same names and kind here."""
        known = {actor.id: actor for actor in papers[D2022].actors}
        shared = [actor for actor in papers[paper_id].actors if actor.id in known]
        assert shared
        for actor in shared:
            assert (actor.name, actor.kind) == (known[actor.id].name, known[actor.id].kind), actor.id

    @pytest.mark.parametrize("paper_id", OURS)
    def test_sources_mean_what_they_mean_in_2022(
        self, paper_id: str, papers: dict[str, cw.WhitePaper]
    ) -> None:
        """A source id the 2022 paper uses is the same record here; a shared address has the same id."""
        known = {source.id: source for source in papers[D2022].sources}
        by_url = {source.url: source.id for source in papers[D2022].sources}
        for source in papers[paper_id].sources:
            if source.id in known:
                assert source == known[source.id]
            assert by_url.get(source.url, source.id) == source.id, source.url

    @pytest.mark.parametrize(
        ("referring", "member"), [(WIC_2019, D2022), (LAW_2023, D2022), (D2022, WIC_2019), (D2022, LAW_2023)]
    )
    def test_related_documents_match_member_papers(
        self, referring: str, member: str, papers: dict[str, cw.WhitePaper]
    ) -> None:
        """A related document naming a member paper gives its title, kind, date and publishers."""
        reference = papers[referring].get(member)
        paper = papers[member]
        assert type(reference) is cw.DocumentRef
        assert (reference.title, reference.kind, reference.published, reference.publishers) == (
            paper.title,
            paper.kind,
            paper.published,
            (paper.publisher, *paper.co_publishers),
        )

    def test_events_shared_with_2022_keep_date_and_title(self, papers: dict[str, cw.WhitePaper]) -> None:
        """An event id the 2022 paper also uses has the same date, end and title."""
        known = {event.id: event for event in papers[D2022].events}
        shared = [event for paper_id in OURS for event in papers[paper_id].events if event.id in known]
        assert {event.id for event in shared} == {
            "xi-wic-2015-keynote",
            "wic-concept-paper-2019-release",
            "full-function-internet-access-1994",
            "law-based-cyberspace-governance-white-paper-2023",
            "law-based-cyberspace-governance-press-conference-2023",
        }
        for event in shared:
            twin = known[event.id]
            assert (event.date, event.end, event.title) == (twin.date, twin.end, twin.title), event.id


class TestConceptPaper2019:
    def test_metadata(self, wic: cw.WhitePaper) -> None:
        """Same title as the 2022 paper, but a WIC Organizing Committee concept paper of 16 October 2019."""
        assert wic.title == cw.LocalizedText(
            en="Jointly Build a Community with a Shared Future in Cyberspace", zh="携手构建网络空间命运共同体"
        )
        assert wic.kind is cw.DocumentKind.CONCEPT_PAPER
        assert (wic.publisher, wic.co_publishers) == ("wic-organizing-committee", ())
        assert str(wic.published) == "2019-10-16"
        assert wic.languages == ("zh", "en")

    def test_structure(self, wic: cw.WhitePaper) -> None:
        """A preface, four parts of 0, 2, 2 and 0 sections, and no conclusion (none was seen)."""
        assert [len(chapter.sections) for chapter in wic.chapters] == [0, 2, 2, 0]
        assert wic.conclusion is None
        assert all(part.label is None for _where, part in wic.places() if not isinstance(part, cw.Part))

    def test_official_english(self, wic: cw.WhitePaper) -> None:
        """Only the headings seen in the document's English are official; the background part's is not."""
        titles = headings(wic)
        assert set(titles) == OFFICIAL_2019 | NOT_OFFICIAL_2019
        assert {where for where, title in titles.items() if title.en_official} == OFFICIAL_2019
        assert [titles[where].en for where in ("II", "III", "IV")] == [
            "Fundamental Principles",
            "Path to Realization",
            "Governance Framework",
        ]

    def test_chinese_only_where_seen(self, wic: cw.WhitePaper) -> None:
        """Chinese headings are given only where the Chinese was seen."""
        assert {where: title.zh for where, title in headings(wic).items() if title.zh} == CHINESE_2019

    def test_background_part_takes_the_prefaces_word(self, wic: cw.WhitePaper) -> None:
        """The unseen background heading is the preface's own word for the part, with a note saying so."""
        background = wic.chapters[0]
        assert background.title == cw.LocalizedText(en="Background", en_official=False)
        assert any(
            c.certainty is cw.Certainty.INFERRED and c.note and "the word the preface itself uses" in c.note
            for c in background.citations
        )

    def test_principles(self, wic: cw.WhitePaper) -> None:
        """The two principles seen, in II.1 and II.2, traced to Xi Jinping's 2015 keynote by inference."""
        assert [(p.order, p.name.en, str(p.located_in)) for p in wic.principles] == [
            (1, "Respecting sovereignty in cyberspace", "II.1"),
            (2, "Upholding peace and security", "II.2"),
        ]
        for principle in wic.principles:
            assert principle.kind is cw.PrincipleKind.BASIC
            assert principle.introduced_by == "xi-wic-2015-keynote"
            assert any(c.certainty is cw.Certainty.INFERRED for c in principle.citations)

    def test_four_joint_actions(self, wic: cw.WhitePaper) -> None:
        """The preface's four joint actions in its own English; their Chinese was not seen for it."""
        assert [(g.kind, g.name.en, g.name.zh, g.name.en_official) for g in wic.goals] == [
            (cw.GoalKind.JOINT_ACTION, name, None, True)
            for name in (
                "jointly advance development",
                "safeguard security",
                "participate in governance",
                "share the benefits",
            )
        ]

    def test_path_items_are_proposals(self, wic: cw.WhitePaper) -> None:
        """The two path items seen are proposals 1 and 2, named by their headings."""
        assert [(p.number, str(p.located_in), p.name) for p in wic.proposals] == [
            (number, str(where), wic.section(where).title) for number, where in ((1, "III.1"), (2, "III.2"))
        ]

    def test_concerns_are_glosses(self, wic: cw.WhitePaper) -> None:
        """The ten things the principles oppose are concerns in II.1 and II.2, none in official English."""
        assert len(wic.concerns) == 10
        assert {str(c.located_in) for c in wic.concerns} == {"II.1", "II.2"}
        assert not any(c.name.en_official for c in wic.concerns)

    def test_no_statistics(self, wic: cw.WhitePaper) -> None:
        """The fact sheet saw no figures in the document."""
        assert wic.statistics == ()

    def test_events(self, wic: cw.WhitePaper) -> None:
        """The keynote the preface names, the release (no place known) and China Daily's print copy."""
        assert [(e.id, str(e.date), e.mentioned_in_paper) for e in wic.timeline()] == [
            ("xi-wic-2015-keynote", "2015-12-16", True),
            ("wic-concept-paper-2019-release", "2019-10-16", False),
            ("china-daily-hk-prints-wic-concept-paper-2019", "2019-10-19", False),
        ]
        assert wic.get("wic-concept-paper-2019-release").place is None  # type: ignore[union-attr]


class TestLawBasedGovernance2023:
    def test_metadata(self, law: cw.WhitePaper) -> None:
        """The SCIO's white paper of 16 March 2023, with its official English and Chinese titles."""
        assert law.title == cw.LocalizedText(
            en="China's Law-Based Cyberspace Governance in the New Era", zh="新时代的中国网络法治建设"
        )
        assert (law.kind, law.publisher, law.co_publishers) == (cw.DocumentKind.WHITE_PAPER, "scio", ())
        assert str(law.published) == "2023-03-16"

    def test_structure(self, law: cw.WhitePaper) -> None:
        """A preface, six parts of 0, 4, 5, 3, 4 and 3 sections, and a conclusion."""
        assert [len(chapter.sections) for chapter in law.chapters] == [0, 4, 5, 3, 4, 3]
        assert law.preface is not None
        assert law.conclusion is not None
        assert (law.preface.title.zh, law.conclusion.title.zh) == ("前言", "结束语")

    def test_official_english(self, law: cw.WhitePaper) -> None:
        """Official English exactly where the fact sheet confirms it, and nowhere else."""
        official = {where: title.en for where, title in headings(law).items() if title.en_official}
        assert official == OFFICIAL_2023

    def test_chapter_labels(self, law: cw.WhitePaper) -> None:
        """Chapters are labelled I. to VI. in English; their Chinese numerals were not seen."""
        assert [chapter.label for chapter in law.chapters] == [
            cw.LocalizedText(en=f"{numeral}.") for numeral in ("I", "II", "III", "IV", "V", "VI")
        ]

    def test_section_labels(self, law: cw.WhitePaper) -> None:
        """Section labels only where a number was seen; a Chinese-only label's English is not official."""
        labels = {str(w): s.label for w, s in law.places() if type(s) is cw.Section and s.label is not None}
        assert labels == {
            "III.1": cw.LocalizedText(en="1."),
            "III.2": cw.LocalizedText(en="2."),
            "IV.1": cw.LocalizedText(en="1."),
            "V.1": cw.LocalizedText(en="1."),
            "V.2": cw.LocalizedText(en="2."),
            "V.3": cw.LocalizedText(en="3.", zh="（三）", en_official=False),
            "VI.1": cw.LocalizedText(en="1.", zh="（一）"),
            "VI.2": cw.LocalizedText(en="2.", zh="（二）", en_official=False),
            "VI.3": cw.LocalizedText(en="3.", zh="（三）", en_official=False),
        }

    @pytest.mark.parametrize("where", sorted(MACHINE_TRANSLATION_ONLY_2023))
    def test_machine_translated_sections(self, law: cw.WhitePaper, where: str) -> None:
        """A section known only by machine translation: no Chinese, unofficial English, uncertain."""
        section = law.section(where)
        machine = {s.id for s in law.sources if s.kind is cw.SourceKind.MACHINE_TRANSLATION}
        assert (section.title.zh, section.title.en_official) == (None, False)
        [citation] = section.citations
        assert citation.source in machine
        assert citation.certainty is cw.Certainty.UNCERTAIN

    @pytest.mark.parametrize(("where", "chinese"), sorted(CHINESE_ONLY_2023.items()))
    def test_chinese_only_sections(self, law: cw.WhitePaper, where: str, chinese: str) -> None:
        """A section seen only in Chinese keeps that Chinese, with English as our gloss."""
        title = law.section(where).title
        assert (title.zh, title.en_official) == (chinese, False)

    def test_unnumbered_highlights_have_inferred_numbers(self, law: cw.WhitePaper) -> None:
        """IV.2 and IV.3 are numbered by their order in a highlights piece, cited as inferred."""
        for where in ("IV.2", "IV.3"):
            section = law.section(where)
            assert section.label is None
            assert any(c.certainty is cw.Certainty.INFERRED for c in section.citations)

    def test_five_principles_of_part_one(self, law: cw.WhitePaper) -> None:
        """Part I's five principles: Xinhua's English for four, a gloss for the fifth, none official."""
        assert [(p.order, p.name.en, p.name.zh, str(p.located_in)) for p in law.principles] == [
            (1, "People-centered development", "坚持以人民为中心", "I"),
            (2, "Further development of the internet", "坚持促进互联网发展", "I"),
            (3, "Proceeding from realities", "坚持立足国情", "I"),
            (4, "Innovation-driven cyberspace governance", "坚持创新引领", "I"),
            (5, "Openness and cooperation", "坚持开放合作", "I"),
        ]
        assert not any(p.name.en_official for p in law.principles)

    def test_statistics(self, law: cw.WhitePaper) -> None:
        """The paper's three figures, exactly; the press conference's figures are not among them."""
        assert [
            (s.id, s.value, s.unit, s.scale, s.approximate, str(s.located_in)) for s in law.statistics
        ] == [
            ("cyberspace-legislation-count", Decimal(140), "enactments", cw.Scale.ONE, True, "II"),
            ("apps-inspected-since-2019", Decimal("3.22"), "apps", cw.Scale.MILLION, False, "III.1"),
            ("apps-criticised-or-removed", Decimal(3000), "apps", cw.Scale.ONE, True, "III.1"),
        ]

    def test_press_conference_figures_stay_with_the_conference(self, law: cw.WhitePaper) -> None:
        """Five laws in ten years and 15.9% growth are said at the press conference, not by the paper."""
        conference = law.get("law-based-cyberspace-governance-press-conference-2023")
        assert type(conference) is cw.Event
        assert conference.summary is not None
        assert "not in the paper" in conference.summary
        assert "five" in conference.summary
        assert "15.9%" in conference.summary
        assert not conference.mentioned_in_paper

    def test_press_conference_speakers(self, law: cw.WhitePaper) -> None:
        """The four speakers, with the host marked uncertain."""
        conference = law.get("law-based-cyberspace-governance-press-conference-2023")
        assert type(conference) is cw.Event
        speakers = ("cao-shumin", "li-changxi", "yue-zhongming", "wang-xiaoguang")
        assert set(speakers) <= set(conference.actors)
        assert [law.get(s).name.zh for s in speakers] == ["曹淑敏", "李长喜", "岳仲明", "王晓光"]  # type: ignore[union-attr]
        assert any(
            c.certainty is cw.Certainty.UNCERTAIN and "Xing Huina" in (c.note or "")
            for c in conference.citations
        )

    def test_events_the_paper_names(self, law: cw.WhitePaper) -> None:
        """The 1994 connection and the three stages of cyber legislation are named by the paper."""
        named = [(e.id, str(e.date), e.end and str(e.end)) for e in law.timeline() if e.mentioned_in_paper]
        assert named == [
            ("full-function-internet-access-1994", "1994", None),
            ("cyber-legislation-first-stage", "1994", "1999"),
            ("cyber-legislation-second-stage", "2000", "2011"),
            ("cyber-legislation-third-stage", "2012", None),
        ]

    def test_events(self, law: cw.WhitePaper) -> None:
        """Eight events: the four the paper names, the release, the launch, the transcript and a serial."""
        assert [(e.id, str(e.date)) for e in law.timeline()] == [
            ("full-function-internet-access-1994", "1994"),
            ("cyber-legislation-first-stage", "1994"),
            ("cyber-legislation-second-stage", "2000"),
            ("cyber-legislation-third-stage", "2012"),
            ("law-based-cyberspace-governance-press-conference-2023", "2023-03-16"),
            ("law-based-cyberspace-governance-white-paper-2023", "2023-03-16"),
            ("press-transcript-posted-2023-03-31", "2023-03-31"),
            ("china-daily-global-weekly-serial-2023-06-02", "2023-06-02"),
        ]

    def test_no_cyber_sovereignty_in_the_paper(self, law: cw.WhitePaper) -> None:
        """'Cyber sovereignty' was not seen in the paper: no heading or principle of it says so."""
        names = [title.en for title in headings(law).values()] + [p.name.en for p in law.principles]
        assert not any("sovereignty" in name.lower() for name in names)


class TestCrosswalk:
    def test_contract_keys(self, corpus: dict[str, Any]) -> None:
        """The file has the corpus contract's keys, in its order, at every level."""
        assert list(corpus) == [
            "schema_version",
            "id",
            "title",
            "summary",
            "documents",
            "concepts",
            "actors",
            "sources",
            "citations",
        ]
        for concept in corpus["concepts"]:
            assert list(concept) == ["id", "name", "summary", "aliases", "expressions", "citations"]
            for expression in concept["expressions"]:
                assert list(expression) == ["document", "wording", "locator", "note", "citations"]

    def test_records_are_valid_model_records(self, corpus: dict[str, Any]) -> None:
        """Sources, actors, documents, names, wordings, aliases and citations load as model classes."""
        for kind, cls in (("sources", cw.Source), ("actors", cw.Actor), ("documents", cw.DocumentRef)):
            for record in corpus[kind]:
                cw.from_dict(record, type=cls)
        for concept in corpus["concepts"]:
            cw.from_dict(concept["name"], type=cw.LocalizedText)
            for alias in concept["aliases"]:
                cw.from_dict(alias, type=cw.Alias)
            for expression in concept["expressions"]:
                cw.from_dict(expression["wording"], type=cw.LocalizedText)
        for citation in json_citations(corpus):
            cw.from_dict(citation, type=cw.Citation)

    def test_nine_ideas_through_the_documents_in_date_order(self, corpus: dict[str, Any]) -> None:
        """Each idea is traced through every document whose cell is not '—', in date order."""
        traced = {
            concept["id"]: list(dict.fromkeys(e["document"] for e in concept["expressions"]))
            for concept in corpus["concepts"]
        }
        assert traced == CROSSWALK

    def test_expressions_in_date_order(
        self, corpus: dict[str, Any], papers: dict[str, cw.WhitePaper]
    ) -> None:
        """Within each idea, the expressions follow the documents' dates."""
        dates = {**DATES, **{paper_id: str(paper.published) for paper_id, paper in papers.items()}}
        for concept in corpus["concepts"]:
            found = [dates[e["document"]] for e in concept["expressions"]]
            assert found == sorted(found), concept["id"]

    def test_official_wordings(self, corpus: dict[str, Any]) -> None:
        """A wording is official English exactly where the fact sheet says it is the document's own."""
        official = {
            (concept["id"], e["document"], e["locator"], e["wording"]["en"])
            for concept in corpus["concepts"]
            for e in concept["expressions"]
            if e["wording"]["en_official"]
        }
        assert official == OFFICIAL_WORDINGS

    def test_wordings_agree_with_the_papers(
        self, corpus: dict[str, Any], papers: dict[str, cw.WhitePaper]
    ) -> None:
        """A wording that is the heading or a name at its place in a bundled paper agrees with it in full."""
        compared = 0
        for concept in corpus["concepts"]:
            for e in concept["expressions"]:
                if e["document"] not in papers or e["locator"] is None:
                    continue
                paper = papers[e["document"]]
                texts = [paper.section(e["locator"]).title]
                texts += [
                    entity.name
                    for entity in paper.entities()
                    if str(getattr(entity, "located_in", None)) == e["locator"] and hasattr(entity, "name")
                ]
                for text in texts:
                    if text.en == e["wording"]["en"]:
                        compared += 1
                        assert cw.to_dict(text) == e["wording"], (concept["id"], e["document"], e["locator"])
        # 37 wordings are headings or names in the 2019, 2022 and 2023 papers (more with 2010 and 2017).
        assert compared >= 37

    def test_locators_exist(self, corpus: dict[str, Any], papers: dict[str, cw.WhitePaper]) -> None:
        """Every locator names a place of its paper; a document that is not a paper takes none."""
        documents = {document["id"] for document in corpus["documents"]}
        for concept in corpus["concepts"]:
            for e in concept["expressions"]:
                if e["document"] in documents:
                    assert e["locator"] is None
                elif e["locator"] is not None:
                    places = (
                        {str(where) for where, _ in papers[e["document"]].places()}
                        if e["document"] in papers
                        else PLACES[e["document"]]
                    )
                    assert e["locator"] in places, (concept["id"], e["document"], e["locator"])

    def test_citations_have_no_locator(self, corpus: dict[str, Any]) -> None:
        """Citations in the crosswalk point at no place: the expression's locator says where."""
        found = list(json_citations(corpus))
        assert found
        assert all(citation["locator"] is None for citation in found)

    def test_sources_listed_are_exactly_those_cited(self, corpus: dict[str, Any]) -> None:
        """Every source cited or behind an alias is listed once, and nothing else is."""
        cited = {citation["source"] for citation in json_citations(corpus)}
        cited |= {
            alias["source"]
            for concept in corpus["concepts"]
            for alias in concept["aliases"]
            if alias["source"]
        }
        listed = [source["id"] for source in corpus["sources"]]
        assert sorted(listed) == sorted(cited)
        assert len({source["url"] for source in corpus["sources"]}) == len(listed)

    def test_shared_ids_mean_the_same(self, corpus: dict[str, Any], papers: dict[str, cw.WhitePaper]) -> None:
        """A source id a paper also uses has the same address and title, and an address has one id."""
        for paper in papers.values():
            sources = {source.id: source for source in paper.sources}
            ids = {source.url: source.id for source in paper.sources}
            for record in corpus["sources"]:
                source = cw.from_dict(record, type=cw.Source)
                if source.id in sources:
                    assert (source.url, source.title) == (sources[source.id].url, sources[source.id].title)
                assert ids.get(source.url, source.id) == source.id, (paper.id, source.url)
            actors = {actor.id: actor for actor in paper.actors}
            for record in corpus["actors"]:
                if record["id"] in actors:
                    actor = cw.from_dict(record, type=cw.Actor)
                    assert (actor.name, actor.kind) == (actors[actor.id].name, actors[actor.id].kind)

    def test_the_2015_keynote(self, corpus: dict[str, Any]) -> None:
        """The one document that is not a paper: Xi Jinping's keynote of 16 December 2015, context."""
        [keynote] = [cw.from_dict(document, type=cw.DocumentRef) for document in corpus["documents"]]
        assert (keynote.id, keynote.kind, keynote.publishers, str(keynote.published), keynote.relation) == (
            D2015,
            cw.DocumentKind.SPEECH,
            ("xi-jinping",),
            "2015-12-16",
            cw.DocumentRelation.CONTEXT,
        )
        assert [actor["id"] for actor in corpus["actors"]] == ["xi-jinping"]

    def test_gaps_are_notes_not_expressions(self, corpus: dict[str, Any]) -> None:
        """What only the 2023 press conference said is a concept note, not an expression of the paper."""
        by_id = {concept["id"]: concept for concept in corpus["concepts"]}
        for idea in ("cyber-sovereignty", "critical-information-infrastructure"):
            assert LAW_2023 not in {e["document"] for e in by_id[idea]["expressions"]}
            assert any(
                "press conference, not the paper" in (c["note"] or "") for c in by_id[idea]["citations"]
            )
