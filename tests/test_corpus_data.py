"""The corpus papers of 2010 and 2017: they load, are canonical, and say what the fact sheet says, no more.

The fact sheet is ``shared/reference/corpus-facts.md`` (sections 1 and 2). The
2019 and 2023 papers have their own tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model import Citation

PAPERS = Path(cw.__file__).parent / "data" / "papers"
INTERNET_2010 = "internet-in-china-2010"
STRATEGY_2017 = "international-strategy-of-cooperation-on-cyberspace-2017"

# Fact sheet §1.2: official English was seen for the foreword and parts II, III, IV and VI only.
OFFICIAL_2010 = {"preface", "II", "III", "IV", "VI"}
NOT_OFFICIAL_2010 = {"I", "V", "conclusion"}
# Fact sheet §2.2: all 24 English headings are confirmed, and the Chinese of IV.7 to IV.9 is a reconstruction.
RECONSTRUCTED_ZH_2017 = ("IV.7", "IV.8", "IV.9")
# Fact sheet §1.4: the figures whose part was seen on the official page; the others' places are inferred.
CONFIRMED_PLACE_2010 = {
    "it-industry-added-value-growth",
    "it-industry-share-of-economy",
    "internet-industries-turnover-2008",
    "letters-of-assistance-since-2006",
    "letters-of-assistance-countries",
}


def path_of(paper_id: str) -> Path:
    return PAPERS / f"{paper_id}.json"


@pytest.fixture(scope="module")
def internet_2010() -> cw.WhitePaper:
    """The Internet in China (SCIO, 2010)."""
    return cw.load(path_of(INTERNET_2010))


@pytest.fixture(scope="module")
def strategy_2017() -> cw.WhitePaper:
    """International Strategy of Cooperation on Cyberspace (MFA and CAC, 2017)."""
    return cw.load(path_of(STRATEGY_2017))


@pytest.fixture(scope="module", params=[INTERNET_2010, STRATEGY_2017])
def paper(request: pytest.FixtureRequest) -> cw.WhitePaper:
    """Each of the two papers in turn."""
    return cw.load(path_of(request.param))


@pytest.fixture(scope="module")
def paper_2022() -> cw.WhitePaper:
    """The bundled 2022 white paper, whose ids the corpus papers share."""
    return cw.load_white_paper()


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


def headings(paper: cw.WhitePaper) -> dict[str, cw.LocalizedText]:
    """Every heading of the paper by its locator."""
    return {str(where): place.title for where, place in paper.places()}


def at(place: Any, where: str) -> list[Citation]:
    """The citations of a part of the text that concern exactly that place."""
    return [c for c in place.citations if str(c.locator) == where]


class TestFiles:
    def test_loads_under_every_rule(self, paper: cw.WhitePaper) -> None:
        """The file loads through the strict loader (every whole-paper rule runs) and is named by its id."""
        assert path_of(paper.id).exists()
        assert paper == cw.load(path_of(paper.id))

    def test_is_canonical(self, paper: cw.WhitePaper) -> None:
        """The file is byte for byte what dumps writes for the paper it holds."""
        assert path_of(paper.id).read_bytes().decode("utf-8") == cw.dumps(paper)

    def test_id_is_the_related_document_of_2022(
        self, paper: cw.WhitePaper, paper_2022: cw.WhitePaper
    ) -> None:
        """The id is the 2022 paper's id for it; the two agree on title, kind, issuers and date."""
        document = by_id(paper_2022, paper.id)
        assert type(document) is cw.DocumentRef
        assert (document.title, document.kind, document.published) == (
            paper.title,
            paper.kind,
            paper.published,
        )
        assert document.publishers == (paper.publisher, *paper.co_publishers)


class TestEvidence:
    def test_everything_is_cited(self, paper: cw.WhitePaper) -> None:
        """The paper, every part of its text and every entity but the sources has a citation."""
        assert paper.citations
        assert [str(where) for where, place in paper.places() if not place.citations] == []
        assert [e.id for e in paper.entities() if type(e) is not cw.Source and not e.citations] == []

    def test_every_source_is_cited(self, paper: cw.WhitePaper) -> None:
        """Every source is cited at least once."""
        assert {s.id for s in paper.sources} == {c.source for c in citations_in(paper)}

    def test_every_actor_is_referenced(self, paper: cw.WhitePaper) -> None:
        """Every actor issues the paper or a document, takes part in an event, or is an affiliation."""
        referenced = {paper.publisher, *paper.co_publishers}
        referenced.update(actor for event in paper.events for actor in event.actors)
        referenced.update(publisher for document in paper.documents for publisher in document.publishers)
        referenced.update(actor.affiliation for actor in paper.actors if actor.affiliation is not None)
        assert [actor.id for actor in paper.actors if actor.id not in referenced] == []

    def test_unofficial_english_headings_are_cited_as_uncertain(self, paper: cw.WhitePaper) -> None:
        """A heading whose official English was not seen is not official and has an uncertain citation."""
        for where, place in paper.places():
            if not place.title.en_official:
                assert cw.Certainty.UNCERTAIN in {c.certainty for c in at(place, str(where))}, where

    def test_the_chinese_headings_are_cited(self, paper: cw.WhitePaper) -> None:
        """Every heading has its Chinese, cited at its place from a Chinese or bilingual source."""
        chinese = {s.id for s in paper.sources if "zh" in (s.language, *s.other_languages)}
        for where, place in paper.places():
            assert place.title.zh, where
            assert {c.source for c in at(place, str(where))} & chinese, where

    def test_shared_ids_mean_what_they_mean_in_2022(
        self, paper: cw.WhitePaper, paper_2022: cw.WhitePaper
    ) -> None:
        """An id the 2022 paper also uses names the same actor, source, document or event there."""
        shared = 0
        for entity in paper.entities():
            try:
                other: Any = paper_2022.get(entity.id)
            except KeyError:
                continue
            shared += 1
            assert type(other) is type(entity), entity.id
            if type(entity) is cw.Actor:
                assert (entity.name, entity.kind) == (other.name, other.kind), entity.id
            elif type(entity) is cw.Source:
                assert (entity.url, entity.title) == (other.url, other.title), entity.id
            elif type(entity) is cw.DocumentRef:
                same = ("title", "kind", "publishers", "published", "url")
                assert [getattr(entity, f) for f in same] == [getattr(other, f) for f in same], entity.id
            else:
                assert type(entity) is cw.Event, entity.id
                assert (entity.title, entity.kind) == (other.title, other.kind), entity.id
                # A date may be known more precisely in one paper than in the other, never differently.
                assert other.date.earliest <= entity.date.earliest <= entity.date.latest <= other.date.latest
        assert shared >= 10

    def test_lower_bounds_are_approximate(self, paper: cw.WhitePaper) -> None:
        """A figure given as 'more than' is approximate, and a citation says it is a lower bound."""
        for statistic in paper.statistics:
            bound = any("lower bound" in (c.note or "") for c in statistic.citations)
            assert not bound or statistic.approximate, statistic.id


class TestInternetInChina2010:
    def test_metadata(self, internet_2010: cw.WhitePaper) -> None:
        """A white paper of the SCIO alone, released on 8 June 2010, in Chinese and English."""
        paper = internet_2010
        assert paper.title == cw.LocalizedText(en="The Internet in China", zh="中国互联网状况")
        assert (paper.kind, paper.publisher, paper.co_publishers) == (cw.DocumentKind.WHITE_PAPER, "scio", ())
        assert str(paper.published) == "2010-06-08"
        assert paper.published.precision is cw.DatePrecision.DAY
        assert paper.languages == ("zh", "en")

    def test_structure(self, internet_2010: cw.WhitePaper) -> None:
        """A foreword, six parts with no sections, and a concluding part."""
        paper = internet_2010
        assert paper.preface is not None
        assert paper.conclusion is not None
        assert (paper.preface.title.en, paper.preface.title.zh) == ("Foreword", "前言")
        assert [len(chapter.sections) for chapter in paper.chapters] == [0] * 6
        assert (paper.conclusion.title.en, paper.conclusion.title.zh) == ("Concluding Remarks", "结束语")
        assert len(headings(paper)) == 8

    def test_official_english_lists_cover_the_structure(self, internet_2010: cw.WhitePaper) -> None:
        """Every heading is in one of the two lists, and each list holds what it says."""
        found = headings(internet_2010)
        assert set(found) == OFFICIAL_2010 | NOT_OFFICIAL_2010
        assert {where for where, title in found.items() if title.en_official} == OFFICIAL_2010

    def test_headings(self, internet_2010: cw.WhitePaper) -> None:
        """The six parts' headings: official English where seen, the sheet's gloss for I and V."""
        assert [(c.title.en, c.title.zh) for c in internet_2010.chapters] == [
            ("Promoting the Development and Popularization of the Internet", "推进互联网发展与普及"),
            ("Promoting the Extensive Use of the Internet", "促进互联网广泛应用"),
            ("Guaranteeing Citizens' Freedom of Speech on the Internet", "保障公民互联网言论自由"),
            ("Basic Principles and Practices of Internet Administration", "管理互联网的基本原则与实践"),
            ("Safeguarding Internet Security", "维护互联网安全"),
            ("Active International Exchanges and Cooperation", "积极开展国际交流与合作"),
        ]

    def test_labels(self, internet_2010: cw.WhitePaper) -> None:
        """Parts are labelled I. to VI. and 一、 to 六、; the English label of I and V was not seen."""
        labels = [c.label for c in internet_2010.chapters]
        assert [(label.en, label.zh, label.en_official) for label in labels if label is not None] == [
            ("I.", "一、", False),
            ("II.", "二、", True),
            ("III.", "三、", True),
            ("IV.", "四、", True),
            ("V.", "五、", False),
            ("VI.", "六、", True),
        ]

    def test_basic_policy(self, internet_2010: cw.WhitePaper) -> None:
        """The four parts of the basic internet policy, in order, in the foreword, in Xinhua's English."""
        basic = [p for p in internet_2010.principles if p.kind is cw.PrincipleKind.BASIC]
        assert [(p.order, p.name.zh, p.name.en) for p in basic] == [
            (1, "积极利用", "active use"),
            (2, "科学发展", "scientific development"),
            (3, "依法管理", "law-based administration"),
            (4, "确保安全", "ensured security"),
        ]
        assert {(str(p.located_in), p.name.en_official) for p in basic} == {("preface", False)}

    def test_internet_sovereignty_is_placed_only_by_a_third_party(self, internet_2010: cw.WhitePaper) -> None:
        """'Internet sovereignty' is placed in part V only on OpenNet's word, so that place is uncertain."""
        sovereignty = by_id(internet_2010, "internet-sovereignty")
        assert (sovereignty.kind, sovereignty.name.zh) == (cw.PrincipleKind.GOVERNANCE, "互联网主权")
        assert sovereignty.name.en_official is False
        assert str(sovereignty.located_in) == "V"
        assert {c.certainty for c in sovereignty.citations if str(c.locator) == "V"} == {
            cw.Certainty.UNCERTAIN
        }

    def test_no_goals_concerns_or_proposals(self, internet_2010: cw.WhitePaper) -> None:
        """The sheet gives no goals, concerns or proposals of the kinds the model holds."""
        assert (internet_2010.goals, internet_2010.concerns, internet_2010.proposals) == ((), (), ())

    @pytest.mark.parametrize(
        ("stat_id", "expected"),
        [
            ("internet-users-2009", ("384", "people", "million", "2009", "I", False)),
            ("internet-users-2009-multiple-of-1997", ("618", "times", "one", "2009", "I", False)),
            ("internet-users-average-annual-increase", ("31.95", "people", "million", "2009", "I", False)),
            ("internet-penetration-2009", ("28.9", "percent", "one", "2009", "I", False)),
            ("internet-penetration-target", ("45", "percent", "one", None, "I", False)),
            ("websites-2009", ("3.23", "websites", "million", "2009", "I", False)),
            ("websites-2009-multiple-of-1997", ("2152", "times", "one", "2009", "I", False)),
            ("broadband-users-2009", ("346", "people", "million", "2009", "I", False)),
            ("mobile-internet-users-2009", ("233", "people", "million", "2009", "I", False)),
            ("it-industry-added-value-growth", ("26.6", "percent", "one", None, "II", False)),
            ("it-industry-share-of-economy", ("10", "percent", "one", None, "II", False)),
            ("internet-industries-turnover-2008", ("650", "yuan", "billion", "2008", "II", False)),
            ("government-portal-websites-2009", ("45000", "websites", "one", "2009", "II", True)),
            ("e-government-central-and-state-organs", ("75", "organs", "one", "2009", "II", False)),
            ("e-government-provincial-governments", ("32", "governments", "one", "2009", "II", False)),
            ("e-government-prefecture-governments", ("333", "governments", "one", "2009", "II", False)),
            ("e-government-county-governments-share", ("80", "percent", "one", "2009", "II", True)),
            ("online-forums-2009", ("1", "forums", "million", "2009", "III", True)),
            ("blog-users-2009", ("220", "people", "million", "2009", "III", False)),
            ("netizens-posting-online-share", ("66", "percent", "one", "2009", "III", True)),
            ("letters-of-assistance-since-2006", ("500", "letters", "one", None, "VI", True)),
            ("letters-of-assistance-countries", ("40", "countries-and-regions", "one", None, "VI", True)),
            ("internet-in-china-2010-length", ("13000", "chinese-characters", "one", None, None, True)),
        ],
    )
    def test_figures_are_exact(
        self, internet_2010: cw.WhitePaper, stat_id: str, expected: tuple[Any, ...]
    ) -> None:
        """Each figure is the exact decimal the sheet gives, with its unit, scale, date, place and bound."""
        stat = by_id(internet_2010, stat_id)
        assert type(stat.value) is Decimal
        as_of = None if stat.as_of is None else str(stat.as_of)
        located = None if stat.located_in is None else str(stat.located_in)
        assert (str(stat.value), stat.unit, stat.scale.value, as_of, located, stat.approximate) == expected

    def test_twenty_three_figures(self, internet_2010: cw.WhitePaper) -> None:
        """Twenty-three figures: the sheet's twelve rows split into single values, less the 1994 date and
        the fraction of minors, plus the paper's length."""
        assert len(internet_2010.statistics) == 23

    def test_inferred_places_stay_inferred(self, internet_2010: cw.WhitePaper) -> None:
        """Only figures seen on the pages of parts II and VI are placed as confirmed; others are inferred."""
        for stat in internet_2010.statistics:
            placed = {c.certainty for c in stat.citations if c.locator is not None}
            if stat.id in CONFIRMED_PLACE_2010:
                assert cw.Certainty.CONFIRMED in placed, stat.id
            elif stat.located_in is not None:
                assert placed == {cw.Certainty.INFERRED}, stat.id

    def test_the_fraction_of_minors_is_not_a_statistic(self, internet_2010: cw.WhitePaper) -> None:
        """'About a third' of netizens being minors is kept in part V's citations, not as an exact figure."""
        assert not [s for s in internet_2010.statistics if "minor" in s.measure.en]
        part_v = internet_2010.section("V")
        assert any("about a third" in (c.note or "") for c in part_v.citations)

    def test_events(self, internet_2010: cw.WhitePaper) -> None:
        """The release, the Wang Chen report as context, and only what the paper names marked as named."""
        release = by_id(internet_2010, "internet-in-china-white-paper-2010")
        assert (str(release.date), release.documents) == ("2010-06-08", (INTERNET_2010,))
        report = by_id(internet_2010, "wang-chen-npcsc-report-2010")
        assert (str(report.date), report.mentioned_in_paper) == ("2010-04-29", False)
        assert report.actors == ("wang-chen", "npcsc")
        named = {e.id: str(e.date) for e in internet_2010.events if e.mentioned_in_paper}
        assert named == {
            "full-function-internet-access-1994": "1994-04-20",
            "asean-china-framework-signed-2009": "2009",
            "sco-information-security-agreement-signed-2009": "2009",
        }

    def test_no_press_conference(self, internet_2010: cw.WhitePaper) -> None:
        """No press conference was found for the paper, so there is none."""
        assert not [e for e in internet_2010.events if e.kind is cw.EventKind.PRESS_CONFERENCE]

    def test_related_documents(self, internet_2010: cw.WhitePaper) -> None:
        """The agreements and laws the paper names, and the 2022 paper as its successor."""
        relations = {d.id: d.relation.value for d in internet_2010.documents}
        assert relations == {
            "asean-china-network-security-emergency-response-framework": "antecedent",
            "sco-agreement-on-international-information-security": "antecedent",
            "npcsc-decision-on-guarding-internet-security": "antecedent",
            "electronic-signatures-law": "antecedent",
            "cyberspace-community-2022": "successor",
        }

    def test_publisher_name_in_the_paper_is_an_alias(self, internet_2010: cw.WhitePaper) -> None:
        """The SCIO keeps the name it has in the 2022 data; the 2010 paper's English form is an alias."""
        scio = by_id(internet_2010, "scio")
        assert scio.name.zh == "中华人民共和国国务院新闻办公室"
        assert "Information Office of the State Council of the People's Republic of China" in {
            a.text for a in scio.aliases
        }


class TestStrategy2017:
    def test_metadata(self, strategy_2017: cw.WhitePaper) -> None:
        """A strategy of the MFA with the CAC, released on 1 March 2017, in Chinese and English."""
        paper = strategy_2017
        assert paper.title == cw.LocalizedText(
            en="International Strategy of Cooperation on Cyberspace", zh="网络空间国际合作战略"
        )
        assert (paper.kind, paper.publisher, paper.co_publishers) == (
            cw.DocumentKind.STRATEGY,
            "mfa",
            ("cac",),
        )
        assert str(paper.published) == "2017-03-01"
        assert paper.published.precision is cw.DatePrecision.DAY
        assert paper.languages == ("zh", "en")

    def test_structure(self, strategy_2017: cw.WhitePaper) -> None:
        """A preface and four chapters of 0, 4, 6 and 9 sections; no conclusion, and a citation says why."""
        paper = strategy_2017
        assert paper.preface is not None
        assert (paper.preface.title.en, paper.preface.title.zh) == ("Preface", "序言")
        assert [len(chapter.sections) for chapter in paper.chapters] == [0, 4, 6, 9]
        assert paper.conclusion is None
        assert any(
            c.certainty is cw.Certainty.INFERRED and "No conclusion" in (c.note or "")
            for c in paper.citations
        )

    def test_all_24_headings_are_official_english(self, strategy_2017: cw.WhitePaper) -> None:
        """All 24 headings, preface included, have their confirmed official English."""
        found = headings(strategy_2017)
        assert len(found) == 24
        assert [where for where, title in found.items() if not title.en_official] == []

    def test_headings(self, strategy_2017: cw.WhitePaper) -> None:
        """The chapter and section headings are the exact official English."""
        assert [(where, title.en) for where, title in headings(strategy_2017).items()] == [
            ("preface", "Preface"),
            ("I", "Opportunities and Challenges"),
            ("II", "Basic Principles"),
            ("II.1", "The Principle of Peace"),
            ("II.2", "The Principle of Sovereignty"),
            ("II.3", "The Principle of Shared Governance"),
            ("II.4", "The Principle of Shared Benefits"),
            ("III", "Strategic Goals"),
            ("III.1", "Safeguarding Sovereignty and Security"),
            ("III.2", "Developing A System of International Rules"),
            ("III.3", "Promoting Fair Internet Governance"),
            ("III.4", "Protecting Legitimate Rights and Interests of Citizens"),
            ("III.5", "Promoting Cooperation on Digital Economy"),
            ("III.6", "Building Platform for Cyber Culture Exchange"),
            ("IV", "Plan of Action"),
            ("IV.1", "Peace and Stability in Cyberspace"),
            ("IV.2", "Rule-based Order in Cyberspace"),
            ("IV.3", "Partnership in Cyberspace"),
            ("IV.4", "Reform of Global Internet Governance System"),
            ("IV.5", "International Cooperation on Cyber Terrorism and Cyber Crimes"),
            ("IV.6", "Protection of Citizens' Rights and Interests Including Privacy"),
            ("IV.7", "Digital Economy and Sharing of Digital Dividends"),
            ("IV.8", "Global Information Infrastructure Development and Protection"),
            ("IV.9", "Exchange of Cyber Cultures"),
        ]

    def test_labels(self, strategy_2017: cw.WhitePaper) -> None:
        """Chapters are labelled 'Chapter I.' and 第一章, sections '1.' and 一、, as written."""
        chapters = strategy_2017.chapters
        assert [(c.label.en, c.label.zh) for c in chapters if c.label is not None] == [
            ("Chapter I.", "第一章"),
            ("Chapter II.", "第二章"),
            ("Chapter III.", "第三章"),
            ("Chapter IV.", "第四章"),
        ]
        plan = [(s.label.en, s.label.zh) for s in chapters[3].sections if s.label is not None]
        assert plan == [(f"{n}.", f"{numeral}、") for n, numeral in enumerate("一二三四五六七八九", start=1)]

    @pytest.mark.parametrize("where", RECONSTRUCTED_ZH_2017)
    def test_reconstructed_chinese_headings_are_uncertain(
        self, strategy_2017: cw.WhitePaper, where: str
    ) -> None:
        """The Chinese of IV.7 to IV.9, reconstructed from a spun copy, is cited only as uncertain."""
        section = strategy_2017.section(where)
        chinese = [c for c in at(section, where) if "Chinese" in (c.note or "")]
        assert chinese
        assert {c.certainty for c in chinese} == {cw.Certainty.UNCERTAIN}

    def test_basic_principles(self, strategy_2017: cw.WhitePaper) -> None:
        """Four basic principles, each named by the heading of the section that sets it out."""
        principles = strategy_2017.principles
        assert [(p.kind, p.order) for p in principles] == [(cw.PrincipleKind.BASIC, n) for n in range(1, 5)]
        for principle in principles:
            where = f"II.{principle.order}"
            assert str(principle.located_in) == where
            assert principle.name == strategy_2017.section(where).title
        assert [a.text for a in principles[1].aliases] == ["sovereignty", "主权"]

    def test_strategic_goals(self, strategy_2017: cw.WhitePaper) -> None:
        """Six strategic goals, each named by the official heading of III.n."""
        strategic = [g for g in strategy_2017.goals if g.kind is cw.GoalKind.STRATEGIC]
        assert [g.order for g in strategic] == list(range(1, 7))
        for goal in strategic:
            where = f"III.{goal.order}"
            assert str(goal.located_in) == where
            assert goal.name == strategy_2017.section(where).title

    def test_vision_is_not_official_english(self, strategy_2017: cw.WhitePaper) -> None:
        """The vision of an orderly cyberspace comes from China Daily's bilingual tip, not the text."""
        (vision,) = [g for g in strategy_2017.goals if g.kind is cw.GoalKind.VISION]
        assert vision.name.zh == "和平、安全、开放、合作、有序的网络空间"
        assert (vision.name.en_official, vision.located_in) == (False, None)

    def test_nine_action_areas(self, strategy_2017: cw.WhitePaper) -> None:
        """Nine action areas numbered 1 to 9, each the heading of IV.n, with no links the sheet lacks."""
        proposals = strategy_2017.proposals
        assert [p.number for p in proposals] == list(range(1, 10))
        for proposal in proposals:
            where = f"IV.{proposal.number}"
            assert str(proposal.located_in) == where
            assert proposal.name == strategy_2017.section(where).title
            assert proposal.supports == ()

    def test_concerns_are_what_the_principles_rule_out(self, strategy_2017: cw.WhitePaper) -> None:
        """The concerns come from chapter II, and none claims official English."""
        assert len(strategy_2017.concerns) == 5
        assert {str(c.located_in) for c in strategy_2017.concerns} == {"II.1", "II.2", "II.4"}
        assert not [c.id for c in strategy_2017.concerns if c.name.en_official]

    def test_no_statistics(self, strategy_2017: cw.WhitePaper) -> None:
        """No figures were seen in the strategy, so it has none."""
        assert strategy_2017.statistics == ()

    def test_events(self, strategy_2017: cw.WhitePaper) -> None:
        """The release by both issuers, and the two earlier events the strategy names."""
        release = by_id(strategy_2017, "international-cyberspace-cooperation-strategy-issued")
        assert str(release.date) == "2017-03-01"
        assert {"mfa", "cac"} <= set(release.actors)
        assert release.documents == (STRATEGY_2017,)
        named = {e.id: str(e.date) for e in strategy_2017.events if e.mentioned_in_paper}
        assert named == {
            "xi-wic-2015-keynote": "2015-12-16",
            "sco-code-of-conduct-submitted-to-unga-2015": "2015-01",
        }
        assert not [e for e in strategy_2017.events if e.kind is cw.EventKind.PRESS_CONFERENCE]

    def test_the_epigraph_is_linked_to_2015_by_inference(self, strategy_2017: cw.WhitePaper) -> None:
        """That the epigraph of 16 December 2015 comes from the WIC keynote is cited as inferred."""
        keynote = by_id(strategy_2017, "xi-wic-2015-keynote")
        assert cw.Certainty.INFERRED in {c.certainty for c in keynote.citations}

    def test_issuer_renderings_are_aliases(self, strategy_2017: cw.WhitePaper) -> None:
        """The issuers' other names in the sources are aliases with their sources."""
        cac = {(a.text, a.source) for a in by_id(strategy_2017, "cac").aliases}
        assert ("State Internet Information Office", "china-embassy-us-strategy-2017") in cac
        mfa = {(a.text, a.language) for a in by_id(strategy_2017, "mfa").aliases}
        assert ("外交部", "zh") in mfa

    def test_related_documents(self, strategy_2017: cw.WhitePaper) -> None:
        """The SCO code and the UN Charter the strategy names, and the 2022 paper as context."""
        relations = {d.id: d.relation.value for d in strategy_2017.documents}
        assert relations == {
            "sco-international-code-of-conduct-for-information-security": "antecedent",
            "un-charter": "antecedent",
            "cyberspace-community-2022": "context",
        }
