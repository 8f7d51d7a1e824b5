"""The paper's ideas: principles, goals, concerns and proposals."""

from typing import Any

import attrs

from ..vocab import GoalKind, PrincipleKind
from ._checks import identifier, in_range, name_text, text
from ._provenance import Citation, aliases_field, citations_field
from ._shape import checked, describe
from ._values import Alias, LocalizedText, Locator

__all__ = ["Concern", "Goal", "Principle", "Proposal"]

_ORDER = in_range(1, 999)


def _located_in() -> Any:
    return attrs.field(default=None, metadata=describe("The place in the paper where it is set out."))


@attrs.frozen(kw_only=True, field_transformer=checked)
class Principle:
    """A principle the paper holds to.

    The four basic principles (四项原则) of section I.3, in the paper's order:
    respecting cyber sovereignty, safeguarding peace and security, promoting
    openness and cooperation, and building good order. Governance principles
    are the others the paper names, such as the people-centred approach.

    Attributes:
        id: identifier, unique in the paper.
        kind: ``basic`` or ``governance``.
        order: the principle's place in the paper's list of its kind, from 1.
        name: the principle's name.
        summary: what it means, in our own words.
        aliases: other wordings, with the sources that use them.
        located_in: where the paper sets it out.
        introduced_by: id of the event that first put it forward, if any.
        citations: the evidence.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="principle")
    )
    kind: PrincipleKind = attrs.field(metadata=describe("basic or governance."))
    order: int = attrs.field(
        metadata=describe("Place in the paper's list of this kind, from 1.", _ORDER, numbering=("kind",))
    )
    name: LocalizedText = attrs.field(metadata=describe("The principle's name.", distinct=(), names=True))
    summary: str = attrs.field(metadata=describe("What it means, in our own words.", text()))
    aliases: tuple[Alias, ...] = aliases_field()
    located_in: Locator | None = _located_in()
    introduced_by: str | None = attrs.field(
        default=None,
        metadata=describe("Id of the event that first put it forward.", identifier(), refers_to=("event",)),
    )
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Goal:
    """A goal the paper sets.

    ``vision``: the four paired goals (创新发展、安全有序、平等尊重、开放共享),
    which the English of Xinhua and TDI lists as seven terms; ``terms`` keeps
    the terms of that listing that render each goal. ``community``: the four
    communities of section I.2 (development, security, responsibility,
    interests). ``joint-action``: the four things to do jointly (四个共同).

    Attributes:
        id: identifier, unique in the paper.
        kind: ``vision``, ``community`` or ``joint-action``.
        order: the goal's place in the paper's list of its kind, from 1.
        name: the goal's name.
        terms: the English terms of the official listing that render this
            goal, in their order (empty where there is no such listing).
        summary: what it means, in our own words.
        aliases: other wordings, with the sources that use them.
        located_in: where the paper sets it out.
        citations: the evidence.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="goal")
    )
    kind: GoalKind = attrs.field(metadata=describe("vision, community or joint-action."))
    order: int = attrs.field(
        metadata=describe("Place in the paper's list of this kind, from 1.", _ORDER, numbering=("kind",))
    )
    name: LocalizedText = attrs.field(metadata=describe("The goal's name.", distinct=(), names=True))
    terms: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "English terms of the official listing that render this goal, in order.", name_text(), unique=True
        ),
    )
    summary: str = attrs.field(metadata=describe("What it means, in our own words.", text()))
    aliases: tuple[Alias, ...] = aliases_field()
    located_in: Locator | None = _located_in()
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Concern:
    """A challenge or threat the paper names, mostly in section I.1 (cyber-hegemonism, unsound regulation).

    Attributes:
        id: identifier, unique in the paper.
        name: the concern as the paper names it.
        summary: what it is about, in our own words.
        aliases: other wordings, with the sources that use them.
        located_in: where the paper names it.
        citations: the evidence.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="concern")
    )
    name: LocalizedText = attrs.field(
        metadata=describe("The concern as the paper names it.", distinct=(), names=True)
    )
    summary: str = attrs.field(metadata=describe("What it is about, in our own words.", text()))
    aliases: tuple[Alias, ...] = aliases_field()
    located_in: Locator | None = _located_in()
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Proposal:
    """One of China's proposals of chapter IV, numbered as the sections IV.1 to IV.10.

    Attributes:
        id: identifier, unique in the paper.
        number: the proposal's number, from 1.
        name: the proposal's name.
        summary: what it proposes, in our own words.
        aliases: other wordings, with the sources that use them.
        located_in: where the paper sets it out.
        supports: ids of the principles and goals it serves.
        citations: the evidence.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="proposal")
    )
    number: int = attrs.field(metadata=describe("The proposal's number, from 1.", _ORDER, numbering=()))
    name: LocalizedText = attrs.field(metadata=describe("The proposal's name.", distinct=(), names=True))
    summary: str = attrs.field(metadata=describe("What it proposes, in our own words.", text()))
    aliases: tuple[Alias, ...] = aliases_field()
    located_in: Locator | None = _located_in()
    supports: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the principles and goals it serves.",
            identifier(),
            unique=True,
            refers_to=("principle", "goal"),
        ),
    )
    citations: tuple[Citation, ...] = citations_field()
