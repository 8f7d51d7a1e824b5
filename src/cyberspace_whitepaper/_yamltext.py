"""Strict YAML text to plain data, and plain data to YAML text (needs the ``yaml`` extra).

YAML is a looser language than JSON, so this module reads only the part of
it that means the same as JSON. It builds plain data straight from PyYAML's
event stream (never its constructors), which lets it refuse, with a line and
column:

- anchors and aliases (so no alias bombs and no cycles), tags of any kind,
  and more than one document;
- keys that are not strings, and duplicate keys (merge keys ``<<`` are just
  unknown keys);
- nesting deeper, and strings longer, than the limits.

Plain (unquoted) scalars are read as in YAML 1.2's JSON schema: ``null``,
``~`` and the empty scalar are null; ``true`` and ``false`` are booleans;
``-12`` is an integer and ``45.5`` a decimal. Everything else, ``yes``,
``NO``, ``on``, ``0755``, ``1:20``, ``2022-11-07``, ``.nan``, stays a string,
and the model's strict typing then decides.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ._jsontext import decode_text, line_and_column
from ._limits import Limits
from .errors import LimitError, LoadError, excerpt

__all__ = ["dump_yaml", "parse_yaml"]

_NULL = re.compile(r"(?:null|~|)\Z")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# Only floats that PyYAML's dumper also quotes when they are strings, so that a
# string never comes back as a number.
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?\Z")


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415 -- optional dependency, imported on first use
    except ImportError:  # pragma: no cover - the test extra installs it
        raise ModuleNotFoundError("YAML needs PyYAML: pip install 'cyberspace-whitepaper[yaml]'") from None
    return yaml


def _at(mark: Any) -> dict[str, int | None]:
    if mark is None:
        return {"line": None, "column": None}
    return {"line": mark.line + 1, "column": mark.column + 1}


def _plain_scalar(value: str, mark: Any, limits: Limits) -> Any:
    if _NULL.match(value):
        return None
    if value in ("true", "false"):
        return value == "true"
    if _INT.match(value):
        digits = len(value) - value.startswith("-")
        if digits > limits.max_integer_digits:
            raise LimitError(
                f"an integer has {digits} digits",
                limit="max_integer_digits",
                value=limits.max_integer_digits,
                **_at(mark),
            )
        try:
            return int(value)
        except ValueError:  # over the interpreter's own cap (sys.set_int_max_str_digits)
            raise LoadError(
                f"an integer has {digits} digits, more than Python converts", **_at(mark)
            ) from None
    if _FLOAT.match(value):
        if len(value) > limits.max_number_length:
            raise LimitError(
                f"a number has {len(value)} characters",
                limit="max_number_length",
                value=limits.max_number_length,
                **_at(mark),
            )
        try:
            return Decimal(value)
        except InvalidOperation:  # an exponent past what Decimal holds (over 10**18); found by fuzzing
            raise LoadError(f"a number out of range: {excerpt(value)}", **_at(mark)) from None
    return value


class _Builder:
    """Plain data from a stream of YAML events, one container at a time (no recursion)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        # Each frame: [container, key waiting for its value, marks of keys seen].
        self.stack: list[list[Any]] = []
        self.result: Any = None
        self.documents = 0

    def add(self, value: Any, mark: Any, is_key_candidate: bool) -> None:
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
            return
        if frame[1] is _NO_KEY:
            if not is_key_candidate or type(value) is not str:
                raise LoadError(f"keys must be strings, got {excerpt(value)}", **_at(mark))
            if value in container:
                first = frame[2][value]
                where = f"line {first.line + 1}, column {first.column + 1}"
                raise LoadError(
                    f"duplicate key {excerpt(value)} (first at {where})",
                    **_at(mark),
                )
            frame[1] = value
            frame[2][value] = mark
            return
        container[frame[1]] = value
        frame[1] = _NO_KEY

    def feed(self, event: Any, yaml: Any) -> None:
        mark = event.start_mark
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise LoadError("more than one document in the stream", **_at(mark))
            return
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise LoadError("anchors and aliases are not accepted", **_at(mark))
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event, mark)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._check_tag(event, mark)
            if len(self.stack) >= self.limits.max_depth:
                raise LimitError(
                    "the input is nested too deeply",
                    limit="max_depth",
                    value=self.limits.max_depth,
                    **_at(mark),
                )
            container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            self.stack.append([container, _NO_KEY, {}, mark])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            container, _, _, start = self.stack.pop()
            self.add(container, start, False)

    def _scalar(self, event: Any, mark: Any) -> None:
        self._check_tag(event, mark)
        value = event.value
        if len(value) > self.limits.max_string_length:
            raise LimitError(
                f"a string has {len(value)} characters",
                limit="max_string_length",
                value=self.limits.max_string_length,
                **_at(mark),
            )
        # implicit[0]: plain scalar without a tag, the only kind that is resolved.
        result = _plain_scalar(value, mark, self.limits) if not event.style and event.implicit[0] else value
        self.add(result, mark, True)

    @staticmethod
    def _check_tag(event: Any, mark: Any) -> None:
        if event.tag is not None and event.tag != "!":
            raise LoadError(f"tags are not accepted, got {excerpt(event.tag)}", **_at(mark))


_NO_KEY = object()


def parse_yaml(data: bytes | str, limits: Limits) -> Any:
    """Plain data from one strict YAML document."""
    yaml = _yaml()
    if len(data) > limits.max_bytes:
        raise LimitError(f"the input has {len(data)} bytes", limit="max_bytes", value=limits.max_bytes)
    text = decode_text(data)
    if not text.strip():
        raise LoadError("empty document", line=1, column=1)
    builder = _Builder(limits)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event, yaml)
    except yaml.MarkedYAMLError as error:
        if error.problem == "exceeded maximum nesting depth" and error.problem_mark is not None:
            # libyaml's own cap (1000 levels) is met while it scans ahead, before the
            # builder sees a single event; the text up to there shows where ours is.
            _raise_depth_limit(text[: error.problem_mark.index], limits)
        raise LoadError(str(error.problem or error.context), **_at(error.problem_mark)) from None
    except yaml.reader.ReaderError as error:
        # A character YAML forbids (NUL, most controls): it has an offset, not a mark.
        line, column = line_and_column(text, error.position)
        raise LoadError(
            f"the character U+{error.character:04X} is not allowed in YAML", line=line, column=column
        ) from None
    except yaml.YAMLError as error:
        raise LoadError(str(error)) from None
    return builder.result


def _raise_depth_limit(prefix: str, limits: Limits) -> None:
    # Only on the error path: our depth limit, if reading the prefix reaches it.
    try:
        parse_yaml(prefix, limits)
    except LimitError as error:
        raise error from None
    except LoadError:
        pass  # the prefix ends mid-document; libyaml's own message stands


def dump_yaml(data: Any) -> str:
    """YAML text for plain data, deterministic: keys in the given order, Chinese as itself."""
    yaml = _yaml()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text
