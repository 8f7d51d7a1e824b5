"""The query layer: typed lookups, references, citations, date ranges, search and display (issue 13)."""

from __future__ import annotations

import datetime
import gc
import io
import json
import pickle
import weakref
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli, query, strategies
from cyberspace_whitepaper.model._shape import Kind, shape_of, values, walk

BUNDLED = cw.load_white_paper()


def fresh_paper() -> cw.WhitePaper:
    """The bundled paper, loaded anew (the cached one may already have its indexes)."""
    return cw.loads(cw.dumpb(BUNDLED))


def at(data: Any, path: str) -> Any:
    """The value at a JSON path such as ``$.events[3].actors[0]`` in plain data."""
    for step in path[1:].replace("[", ".[").split(".")[1:]:
        data = data[int(step[1:-1])] if step.startswith("[") else data[step]
    return data


class TestGet:
    def test_typed_lookup(self) -> None:
        """get(id, cls) returns the entity, typed as that class."""
        actor = BUNDLED.get("scio", cw.Actor)
        assert type(actor) is cw.Actor
        assert actor.name.zh == "中华人民共和国国务院新闻办公室"

    def test_every_entity(self) -> None:
        """get finds every entity by its id, with or without its class."""
        for entity in BUNDLED.entities():
            assert BUNDLED.get(entity.id) is entity
            assert BUNDLED.get(entity.id, type(entity)) is entity

    def test_missing_id(self) -> None:
        """A missing id raises NotFoundError, a KeyError and a WhitePaperError, with a did-you-mean."""
        with pytest.raises(cw.NotFoundError) as caught:
            BUNDLED.get("respecting-cyber-sovereignity")
        assert isinstance(caught.value, KeyError)
        assert isinstance(caught.value, cw.WhitePaperError)
        assert str(caught.value) == (
            "no entity with id 'respecting-cyber-sovereignity' (did you mean 'respecting-cyber-sovereignty'?)"
        )
        assert caught.value.key == "respecting-cyber-sovereignity"
        assert caught.value.suggestion == "respecting-cyber-sovereignty"

    def test_missing_id_of_a_kind(self) -> None:
        """With a class, the hint looks among the ids of that kind only."""
        with pytest.raises(
            cw.NotFoundError, match=r"^no actor with id 'xinhau' \(did you mean 'xinhua'\?\)$"
        ):
            BUNDLED.get("xinhau", cw.Actor)

    def test_wrong_kind(self) -> None:
        """An id of another kind says what it is."""
        with pytest.raises(cw.NotFoundError) as caught:
            BUNDLED.get("respecting-cyber-sovereignty", cw.Actor)
        assert str(caught.value) == "'respecting-cyber-sovereignty' is a principle, not an actor"

    def test_not_an_entity_class(self) -> None:
        """A class that is not an entity kind is a TypeError, a mistake in the program."""
        with pytest.raises(TypeError, match="Chapter is not an entity class of WhitePaper"):
            BUNDLED.get("scio", cw.Chapter)  # type: ignore[type-var]

    def test_error_pickles(self) -> None:
        """NotFoundError keeps its data through pickling."""
        with pytest.raises(cw.NotFoundError) as caught:
            BUNDLED.get("nothing")
        again = pickle.loads(pickle.dumps(caught.value))
        assert (str(again), again.key) == (str(caught.value), caught.value.key)

    def test_by_id(self) -> None:
        """by_id gives a read-only mapping of one kind whose missing keys say what was meant."""
        actors = BUNDLED.by_id(cw.Actor)
        assert len(actors) == len(BUNDLED.actors)
        assert list(actors) == [actor.id for actor in BUNDLED.actors]
        assert actors["xinhua"].name.en == "Xinhua News Agency"
        assert "respecting-cyber-sovereignty" not in actors
        with pytest.raises(cw.NotFoundError, match="is a principle, not an actor"):
            actors["respecting-cyber-sovereignty"]
        with pytest.raises(TypeError):
            actors["x"] = actors["xinhua"]  # type: ignore[index]

    def test_source_of(self) -> None:
        """source_of gives the Source a citation names."""
        for _path, _item, citation in BUNDLED.cited():
            assert BUNDLED.source_of(citation).id == citation.source

    def test_section(self) -> None:
        """A missing place is a NotFoundError too, still a KeyError."""
        with pytest.raises(KeyError, match="no place V in the paper"):
            BUNDLED.section("V")


class TestIndexes:
    def test_not_built_by_loading(self) -> None:
        """Loading a paper builds no index; the first lookup does."""
        paper = fresh_paper()
        assert id(paper) not in query._INDEXES
        paper.get("scio")
        store = query._INDEXES[id(paper)]
        assert store.ids is not None
        assert (store.references, store.text) == (None, None)

    def test_dropped_with_the_paper(self) -> None:
        """A paper's indexes go when the paper does, and never keep it alive."""
        paper = fresh_paper()
        paper.get("scio")
        paper.referrers("scio")
        paper.search("cybercrime")
        key, alive = id(paper), weakref.ref(paper)
        del paper
        gc.collect()
        assert alive() is None
        assert key not in query._INDEXES

    def test_equal_papers_have_their_own(self) -> None:
        """Two equal papers are looked up by identity, never by hashing a whole paper."""
        first, second = fresh_paper(), fresh_paper()
        assert first == second
        assert first.get("scio") is first.actors[0] or first.get("scio") in first.actors
        assert second.get("scio") is not first.get("scio")


class TestReferrers:
    def test_what_points_at_the_scio(self) -> None:
        """The paper's publisher field and the events the SCIO took part in point at it."""
        found = BUNDLED.referrers("scio")
        assert (found[0].path, found[0].entity) == ("$.publisher", BUNDLED)
        events = {entity.id for path, entity in found if ".actors[" in path and isinstance(entity, cw.Event)}
        assert "white-paper-release" in events

    def test_citation_holder(self) -> None:
        """A citation's source is referred to by the thing that carries the citation."""
        found = BUNDLED.referrers("tdi-2022-11-09")
        holders = {type(entity) for _path, entity in found}
        assert cw.Principle in holders
        assert all(path.endswith(".source") for path, _entity in found)

    def test_unknown_id(self) -> None:
        """An id that names nothing raises NotFoundError; a known id nothing points at gives ()."""
        with pytest.raises(cw.NotFoundError, match="did you mean 'xinhua'"):
            BUNDLED.referrers("xinhau")
        unreferenced = next(e.id for e in BUNDLED.entities() if not BUNDLED.referrers(e.id))
        assert BUNDLED.referrers(unreferenced) == ()

    @given(paper=strategies.white_papers())
    def test_every_reference_once(self, paper: cw.WhitePaper) -> None:
        """Every reference value in the paper is found once, under the id at its path."""
        data = cw.to_dict(paper)
        expected = sum(
            len(values(obj, shape))
            for _path, obj in walk(paper)
            for shape in shape_of(type(obj))
            if shape.refers_to
        )
        ids = {paper.id, *(entity.id for entity in paper.entities())}
        found = 0
        for key in ids:
            for path, holder in paper.referrers(key):
                assert at(data, path) == key
                assert holder is paper or any(holder is other for _p, other in walk(paper))
                found += 1
        assert found == expected


class TestCited:
    def test_counts(self) -> None:
        """cited() yields every citation in the paper, structure included."""
        found = list(BUNDLED.cited())
        citations = [obj for _path, obj in walk(BUNDLED) if isinstance(obj, cw.Citation)]
        assert len(found) == len(citations)
        assert {type(item) for _path, item, _citation in found} >= {
            cw.Chapter,
            cw.Section,
            cw.Principle,
            cw.Event,
        }

    @given(paper=strategies.white_papers())
    def test_paths_and_holders(self, paper: cw.WhitePaper) -> None:
        """Each path leads to the citation, and the holder carries it."""
        data = cw.to_dict(paper)
        for path, item, citation in paper.cited():
            assert at(data, path) == cw.to_dict(citation)
            assert citation in item.citations


class TestDates:
    def test_the_trap(self) -> None:
        """Sorting puts 2022-11-07 after 2022; the relations say it lies within it."""
        year, day = cw.PartialDate.parse("2022"), cw.PartialDate.parse("2022-11-07")
        assert not day <= year
        assert year.contains(day)
        assert year.overlaps(day)
        assert not day.before(year)
        assert not day.after(year)

    def test_with_datetime_dates(self) -> None:
        """A datetime.date is the span of its day, and sorts as a day-precision date."""
        year = cw.PartialDate.parse("2022")
        assert year.contains(datetime.date(2022, 12, 31))
        assert year.before(datetime.date(2023, 1, 1))
        assert year.after(datetime.date(2021, 12, 31))
        assert not year.overlaps(datetime.date(2023, 1, 1))
        assert year < datetime.date(2022, 1, 1) < cw.PartialDate.parse("2022-01-02")
        assert sorted([datetime.date(2022, 1, 1), year]) == [year, datetime.date(2022, 1, 1)]
        assert year != datetime.date(2022, 1, 1)
        with pytest.raises(TypeError):
            year.contains(datetime.datetime(2022, 1, 1))  # type: ignore[arg-type]

    @given(a=strategies.partial_dates(), b=strategies.partial_dates())
    def test_relations_are_about_days(self, a: cw.PartialDate, b: cw.PartialDate) -> None:
        """Each relation says what it says of the days the two dates may mean."""
        assert a.contains(b) == (a.earliest <= b.earliest and b.latest <= a.latest)
        assert a.overlaps(b) == (max(a.earliest, b.earliest) <= min(a.latest, b.latest))
        assert a.before(b) == (a.latest < b.earliest) == b.after(a)
        assert a.overlaps(b) != (a.before(b) or a.after(b))
        assert a.overlaps(b) == b.overlaps(a)


def _covers(event: cw.Event, start: cw.PartialDate | None, end: cw.PartialDate | None) -> bool:
    """Whether some day the event may cover lies from start's first day to end's last, counted day by day."""
    first, last = event.date.earliest, (event.end or event.date).latest
    low = start.earliest if start else datetime.date.min
    high = end.latest if end else datetime.date.max
    day = max(first, low)
    return day <= min(last, high)


class TestEventsBetween:
    def test_end_of_a_year_keeps_its_days(self) -> None:
        """events_between(end="2022") keeps the paper's own release, dated 2022-11-07."""
        kept = {event.id for event in BUNDLED.events_between(end="2022")}
        assert "white-paper-release" in kept
        assert not any(event.date.year > 2022 for event in BUNDLED.events_between(end="2022"))

    def test_bounds_of_every_kind(self) -> None:
        """A bound may be a PartialDate, a datetime.date or a date string."""
        assert (
            BUNDLED.events_between("2022-11", "2022-11")
            == BUNDLED.events_between(cw.PartialDate.parse("2022-11"), datetime.date(2022, 11, 30))
            == BUNDLED.events_between(datetime.date(2022, 11, 1), "2022-11-30")
        )

    def test_start_after_end(self) -> None:
        """A start after the end is a ValueError."""
        with pytest.raises(ValueError, match="start 2023 is after end 2022-12"):
            BUNDLED.events_between("2023", "2022-12")

    @given(
        paper=strategies.white_papers(min_events=1, max_events=8),
        start=st.none() | strategies.partial_dates(),
        end=st.none() | strategies.partial_dates(),
    )
    def test_same_as_the_command_line(
        self,
        paper: cw.WhitePaper,
        start: cw.PartialDate | None,
        end: cw.PartialDate | None,
        tmp_path_factory: Any,
    ) -> None:
        """events_between and timeline --from/--to keep the same events, those covering a day in the range."""
        if start is not None and end is not None and start.earliest > end.latest:
            with pytest.raises(ValueError, match="is after"):
                paper.events_between(start, end)
            return
        kept = paper.events_between(start, end)
        assert [e.id for e in kept] == [e.id for e in paper.timeline() if _covers(e, start, end)]
        path = Path(tmp_path_factory.mktemp("timeline")) / "paper.json"
        cw.dump(paper, path)
        argv = ["timeline", str(path), "--format", "json"]
        argv += [] if start is None else ["--from", str(start)]
        argv += [] if end is None else ["--to", str(end)]
        out = io.StringIO()
        with redirect_stdout(out):
            assert cli.main(argv) == 0
        assert [record["id"] for record in json.loads(out.getvalue())] == [e.id for e in kept]


class TestDisplay:
    def test_short_repr(self) -> None:
        """The paper's repr is one short line: id, title, date and counts."""
        text = repr(BUNDLED)
        assert len(text) < 500
        assert "\n" not in text
        assert text.startswith("<WhitePaper id='cyberspace-community-2022' title='Jointly Build")
        assert f"{len(BUNDLED.events)} events" in text

    def test_html_table(self, mini_paper_path: Path) -> None:
        """_repr_html_ is a compact table, with the text escaped."""
        paper = cw.load(mini_paper_path)
        paper = attrs.evolve(paper, title=cw.LocalizedText(en="<b>Mine</b> & yours"))
        page = paper._repr_html_()
        assert page.startswith("<table>")
        assert "&lt;b&gt;Mine&lt;/b&gt; &amp; yours" in page
        assert "<b>Mine" not in page
        assert "<th style='text-align:left'>events</th><td style='text-align:left'>1</td>" in page

    def test_entity_labels(self) -> None:
        """Every entity's str is one line with its names, kind, id and dates."""
        for entity in BUNDLED.entities():
            label = str(entity)
            assert "\n" not in label
            assert len(label) < 300
            assert f" {entity.id}" in label
        assert str(BUNDLED.get("respecting-cyber-sovereignty")) == (
            "respecting cyber sovereignty / 尊重网络主权 (principle respecting-cyber-sovereignty)"
        )
        assert (
            str(BUNDLED.get("wic-2014"))
            == "First World Internet Conference (event wic-2014, 2014-11-19/2014-11-21)"
        )

    @given(paper=strategies.white_papers())
    def test_equality_and_hashing_unchanged(self, paper: cw.WhitePaper) -> None:
        """Display changes nothing of equality and hashing."""
        again = cw.loads(cw.dumps(paper))
        assert again == paper
        assert hash(again) == hash(paper)
        for entity in paper.entities():
            assert attrs.evolve(entity) == entity
            assert hash(attrs.evolve(entity)) == hash(entity)


class TestStem:
    @pytest.mark.parametrize(
        ("one", "other"),
        [
            ("sovereign", "sovereignty"),
            ("crime", "crimes"),
            ("principle", "principles"),
            ("governance", "governing"),
            ("terrorism", "terrorists"),
            ("security", "secure"),
            ("countries", "country"),
            ("develop", "development"),
            ("planned", "plan"),
        ],
    )
    def test_related_words_share_a_stem(self, one: str, other: str) -> None:
        """Inflected and derived forms of a word stem alike."""
        assert query.stem(one) == query.stem(other)

    @pytest.mark.parametrize("word", ["access", "status", "analysis", "us", "data"])
    def test_words_that_only_look_inflected(self, word: str) -> None:
        """A final s that is no plural stays (access, status), and short words are kept whole."""
        assert query.stem(word).startswith(word[:3])
        assert query.stem(word) == query.stem(word)


class TestSearch:
    def test_the_issues_queries(self) -> None:
        """The three searches of the issue find the proposal, its Chinese, and the principle, first."""
        assert BUNDLED.search("cybercrime")[1].id == "combating-cybercrime-and-cyberterrorism"
        assert {hit.id for hit in BUNDLED.search("网络犯罪")[:2]} == {
            None,
            "combating-cybercrime-and-cyberterrorism",
        }
        assert BUNDLED.search("cyber sovereignty")[0].id == "respecting-cyber-sovereignty"

    def test_texts_none_of_which_is_ascii_give_no_ascii_words(self) -> None:
        """Texts none of which is ASCII (a generated corpus's own records in CI) give no ASCII words."""
        assert list(query._ascii_words(["网络", "\u201c"])) == []
        assert list(query._ascii_words(["网络", "cyber space", "\u201c", "a-b"])) == [
            ["cyber", "space"],
            ["a", "b"],
        ]

    def test_a_hit_says_what_matched(self) -> None:
        """A hit gives its kind, id or locator, the field that matched, a snippet and the best certainty."""
        first, second = BUNDLED.search("cybercrime", limit=2)
        assert (first.kind, first.id, str(first.locator), first.field) == (
            "section",
            None,
            "IV.6",
            "title.en",
        )
        assert first.item is BUNDLED.section("IV.6")
        assert (second.kind, second.locator, second.field) == ("proposal", None, "name.en")
        assert second.snippet == "Cooperating to combat cybercrime and cyberterrorism"
        assert second.certainty is cw.Certainty.CONFIRMED
        assert str(second) == (
            "proposal combating-cybercrime-and-cyberterrorism [name.en]: "
            "Cooperating to combat cybercrime and cyberterrorism"
        )

    def test_title_above_alias_above_text(self, mini_paper_path: Path) -> None:
        """For the same words, a match in a name ranks above one in an alias, above one in free text."""
        paper = cw.load(mini_paper_path)
        actor = paper.actors[0]
        named = attrs.evolve(actor, id="named", name=cw.LocalizedText(en="Quokka Office"))
        aliased = attrs.evolve(
            actor, id="aliased", name=cw.LocalizedText(en="Else"), aliases=(cw.Alias(text="Quokka Office"),)
        )
        described = attrs.evolve(
            actor, id="described", name=cw.LocalizedText(en="Other"), role="Quokka Office"
        )
        paper = attrs.evolve(paper, actors=(*paper.actors, described, aliased, named))
        hits = paper.search("quokka office")
        assert [(hit.id, hit.field) for hit in hits] == [
            ("named", "name.en"),
            ("aliased", "aliases[0].text"),
            ("described", "role"),
        ]

    def test_normalised_and_case_folded(self) -> None:
        """Full-width letters and capitals find the same as plain lower case."""
        assert BUNDLED.search("ＣＹＢＥＲＣＲＩＭＥ") == BUNDLED.search("cybercrime")

    def test_inflection_and_misspelling(self) -> None:
        """Other forms of a word, and misspellings, find what the word finds."""
        expected = BUNDLED.search("sovereignty")[0].item
        assert BUNDLED.search("sovereign")[0].item is expected
        assert BUNDLED.search("soverignty")[0].item is expected

    def test_citation_notes_are_not_searched(self) -> None:
        """A citation's note speaks of the evidence, so it is not searched."""
        note = "Eight language editions; the print publishers and Xinhua Bookstores."
        assert all(
            ".note" not in hit.field and "citations" not in hit.field
            for hit in BUNDLED.search(note, limit=None)
        )

    def test_filters(self) -> None:
        """kind keeps one kind, language the texts of one language."""
        assert {hit.kind for hit in BUNDLED.search("cyber sovereignty", kind="section")} == {"section"}
        assert all(hit.field.endswith("zh") for hit in BUNDLED.search("主权", language="zh", limit=None))
        assert BUNDLED.search("主权", language="en") == ()
        with pytest.raises(
            ValueError, match=r"no kind 'principal' to search: .* \(did you mean 'principle'\?\)"
        ):
            BUNDLED.search("x", kind="principal")
        with pytest.raises(ValueError, match="language must be 'en' or 'zh'"):
            BUNDLED.search("x", language="fr")

    def test_nothing_to_look_for(self) -> None:
        """A query of only common words, or of nothing, finds nothing."""
        assert BUNDLED.search("") == ()
        assert BUNDLED.search("what is the") == ()

    def test_limit(self) -> None:
        """limit caps the hits; None gives them all, each thing once."""
        everything = BUNDLED.search("internet", limit=None)
        assert len(BUNDLED.search("internet", limit=3)) == 3
        assert len(everything) > 10
        assert len({(hit.kind, hit.id, hit.locator) for hit in everything}) == len(everything)
        assert [hit.score for hit in everything] == sorted((hit.score for hit in everything), reverse=True)

    def test_long_text_snippet(self) -> None:
        """A long text is cut around the match."""
        hit = next(h for h in BUNDLED.search("Kyodo News question", limit=None) if len(h.snippet) > 50)
        assert len(hit.snippet) <= 102

    @given(paper=strategies.white_papers())
    def test_every_name_finds_its_entity(self, paper: cw.WhitePaper) -> None:
        """Searching an entity's English name, as written, finds that entity among the hits."""
        for entity in paper.entities():
            title = next(
                (
                    getattr(entity, s.name)
                    for s in shape_of(type(entity))
                    if s.kind is Kind.MODEL and not s.many
                ),
                None,
            )
            if isinstance(title, cw.LocalizedText) and query._terms(query.fold(title.en)) != ([], []):
                hits = paper.search(title.en, limit=None)
                assert any(hit.item is entity for hit in hits), title.en
