"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` forgets line numbers and keeps the last of two duplicate keys. A teacher's
typo must not vanish, and every lint message needs ``file:line:col``, so we compose the node tree
(with libyaml when present) and build plain Python values from it ourselves, recording marks.
Only the YAML core tags are accepted: no tag can build a Python object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from tiesquiz.errors import DeckError

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
#: A deck of the documented maximum size has well under this many values; more means an alias bomb.
MAX_NODES = 2_000_000
#: Deeper nesting than this is never a deck, and would exhaust the stack.
MAX_DEPTH = 64


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file, as editors count."""

    line: int
    col: int


@dataclass
class YamlProblem:
    path: Path_
    mark: Mark
    message: str


@dataclass
class LoadedYaml:
    """Plain values plus where each came from.

    ``marks[path]`` is where the value at ``path`` starts; ``key_marks[path]`` is where its key is.
    ``raw[path]`` keeps the text of non-string scalars, so ``1.50`` can be shown as written.
    """

    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def mark(self, path: Path_) -> Mark:
        """The mark of ``path`` or of its nearest ancestor that has one."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, out: LoadedYaml) -> None:
        self.out = out
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise DeckError(
                f"line {_mark(node).line}: the document expands to more than {MAX_NODES:,} values "
                "(anchors and aliases repeated into a 'billion laughs'?); a deck never needs that"
            )
        if depth > MAX_DEPTH:
            raise DeckError(
                f"line {_mark(node).line}: values are nested more than {MAX_DEPTH} levels deep"
            )
        self.out.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._bad_tag(node, path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        self.out.problems.append(
            YamlProblem(
                path,
                _mark(node),
                f"the YAML tag {node.tag!r} is not allowed in a deck; remove it "
                "(only plain text, numbers, true/false, lists and mappings are read)",
            )
        )

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return node.value
        if node.tag == _STR:
            return node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            # A date is never meant as a date in a deck: keep the text the teacher wrote.
            return node.value
        self.out.raw[path] = node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            self._bad_tag(node, path)
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            self._bad_tag(node, path)
        result: dict[Any, Any] = {}
        seen: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.out.problems.append(
                    YamlProblem(path, _mark(key_node), "merge keys ('<<') are not supported")
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.out.problems.append(
                    YamlProblem(
                        path, _mark(key_node), "a key must be plain text, not a list or mapping"
                    )
                )
                continue
            key = self._scalar(key_node, (*path, "<key>"))
            self.out.marks.pop((*path, "<key>"), None)
            self.out.raw.pop((*path, "<key>"), None)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            if key in seen:
                first = seen[key]
                self.out.problems.append(
                    YamlProblem(
                        (*path, key),
                        _mark(key_node),
                        f"duplicate key {key!r} (first at line {first.line}); "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            seen[key] = _mark(key_node)
            self.out.key_marks[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


def describe_yaml_error(exc: yaml.YAMLError) -> str:
    """Turn a PyYAML error into one line with a 1-based position."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"{mark.line + 1}:{mark.column + 1}: " if mark is not None else ""
    hint = ""
    if "\t" in problem or "tab" in problem:
        hint = " (YAML indents with spaces, never tabs)"
    return f"{where}not valid YAML: {problem}{hint}"


def load_yaml(text: str, filename: str = "<deck>") -> LoadedYaml:
    """Parse ``text`` as one YAML document; raise :class:`DeckError` when it is not YAML."""
    if text.startswith("\ufeff"):
        text = text[1:]
    out = LoadedYaml(data=None)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise DeckError(f"{filename}:{describe_yaml_error(exc)}") from None
    except RecursionError:
        raise DeckError(f"{filename}:1:1: values are nested too deeply") from None
    if node is None:
        return out
    try:
        out.data = _Builder(out).build(node, ())
    except DeckError as exc:
        raise DeckError(f"{filename}:{exc}") from None
    return out
