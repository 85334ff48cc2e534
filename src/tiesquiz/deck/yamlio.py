"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` forgets line numbers and keeps the last of two duplicate keys. A teacher's
typo must not vanish, and every lint message needs ``file:line:col``, so we compose the node tree
(with libyaml when present) and build plain Python values from it ourselves, recording marks.
Only the YAML core tags are accepted: no tag can build a Python object.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

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


class _DeckLoader(_Loader):
    """PyYAML's safe loader with its tag resolver made quicker: the parser calls it for each of
    a deck's values (150,000 in 10,000 cards), and the general one looks for path resolvers and
    wildcard resolvers that the safe loader never has. Same tags, same YAML 1.1 rules."""

    _BY_FIRST: ClassVar[dict[str, tuple[Any, ...]]] = {
        first: tuple(resolvers)
        for first, resolvers in _Loader.yaml_implicit_resolvers.items()
        if first is not None
    }

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._BY_FIRST.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


if None in _Loader.yaml_implicit_resolvers or _Loader.yaml_path_resolvers:  # pragma: no cover
    _DeckLoader = _Loader  # type: ignore[misc,assignment] # resolves otherwise: its own way
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
#: Text after alias expansion may be at most this many times the file's own (plus a little).
EXPANSION = 2


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
    """Plain values plus the node tree they came from.

    Positions are looked up in the node tree only when a problem is reported, so loading a large
    deck builds no position objects at all.
    """

    data: Any
    root: yaml.Node | None = None
    problems: list[YamlProblem] = field(default_factory=list)
    _index: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )

    def _walk(self, path: Path_) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(node of the deepest prefix of ``path`` found, key node of the last step if found)."""
        node, key_node = self.root, None
        for step in path:
            key_node = None
            if (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
            elif isinstance(node, yaml.MappingNode):
                found = self._keys_of(node).get(step)
                if found is None:
                    return node, None
                key_node, node = found
            else:
                return node, None
        return node, key_node

    def _keys_of(self, node: yaml.MappingNode) -> dict[Any, tuple[yaml.Node, yaml.Node]]:
        """A mapping's (key node, value node) by key, the first of a repeated key; made once per
        mapping, since each of 50,000 cards asks for its place in the deck's top mapping."""
        index = self._index.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    with contextlib.suppress(TypeError):  # an unhashable key is never asked for
                        index.setdefault(_key_value(k), (k, v))
            self._index[id(node)] = index
        return index

    def mark(self, path: Path_) -> Mark:
        """Where the value at ``path`` (or its nearest existing ancestor) starts."""
        node, _ = self._walk(path)
        return _mark(node) if node is not None else Mark(1, 1)

    def key_mark(self, path: Path_) -> Mark | None:
        """Where the key of the value at ``path`` is, if it exists."""
        node, key_node = self._walk(path)
        return _mark(key_node) if key_node is not None and node is not None else None

    def raw(self, path: Path_) -> str | None:
        """The text of a scalar as written (``1.50`` stays ``1.50``)."""
        node, _ = self._walk(path)
        return node.value if isinstance(node, yaml.ScalarNode) else None


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _key_value(node: yaml.ScalarNode) -> Any:
    if node.tag in (_STR, "tag:yaml.org,2002:timestamp") or node.tag not in _SCALAR_TAGS:
        return node.value
    try:
        # The tag's own constructor, called directly: construct_object() would keep every node
        # it made a value of, for the life of the process (a deck's worth more at each load).
        return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
    except (yaml.YAMLError, ValueError):
        return node.value


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, out: LoadedYaml, max_chars: int) -> None:
        self.out = out
        self.count = 0
        #: Characters of text built so far: aliases repeat text, so this can outgrow the file.
        self.chars = 0
        self.max_chars = max_chars

    def _too_much_text(self, node: yaml.Node) -> DeckError:
        mark = _mark(node)
        return DeckError(
            f"{mark.line}:{mark.col}: the document expands to more than {self.max_chars:,} "
            "characters of text (anchors and aliases repeating text?); a deck never needs that"
        )

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            mark = _mark(node)
            raise DeckError(
                f"{mark.line}:{mark.col}: the document expands to more than {MAX_NODES:,} values "
                "(anchors and aliases repeated into a 'billion laughs'?); a deck never needs that"
            )
        if depth > MAX_DEPTH:
            mark = _mark(node)
            raise DeckError(
                f"{mark.line}:{mark.col}: values are nested more than {MAX_DEPTH} levels deep"
            )
        cls = node.__class__
        if cls is yaml.ScalarNode:
            self.chars += len(node.value)
            if self.chars > self.max_chars:
                raise self._too_much_text(node)
            if node.tag == _STR:
                return node.value
            return self._scalar(node, path)
        if cls is yaml.MappingNode:
            return self._mapping(node, path, depth)  # type: ignore[arg-type]
        if cls is yaml.SequenceNode:
            if node.tag != _SEQ:
                self._bad_tag(node, path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        self.out.problems.append(
            YamlProblem(
                path,
                _mark(node),
                f"the YAML tag {node.tag!r} is not allowed in a deck; remove it "
                "(only plain text, numbers, true/false, lists and mappings are read)",
            )
        )

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return node.value
        return _key_value(node)  # type: ignore[arg-type]

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            self._bad_tag(node, path)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.out.problems.append(
                    YamlProblem(path, _mark(key_node), "merge keys ('<<') are not supported")
                )
                continue
            if key_node.__class__ is not yaml.ScalarNode:
                self.out.problems.append(
                    YamlProblem(
                        path, _mark(key_node), "a key must be plain text, not a list or mapping"
                    )
                )
                continue
            key = key_node.value if key_node.tag == _STR else self._scalar(key_node, path)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            if key in result:
                first = self.out.key_mark((*path, key)) if self.out.root is not None else None
                where = f" (first at line {first.line})" if first else ""
                self.out.problems.append(
                    YamlProblem(
                        (*path, key),
                        _mark(key_node),
                        f"duplicate key {key!r}{where}; YAML would silently keep only the last one",
                    )
                )
                continue
            if value_node.__class__ is yaml.ScalarNode and value_node.tag == _STR:
                # Most values: plain text, counted as build() counts it, with no path made.
                self.count += 1
                self.chars += len(value_node.value)
                if self.count > MAX_NODES or self.chars > self.max_chars:
                    self.build(value_node, (*path, key), depth + 1)  # raises, with the place
                result[key] = value_node.value
                continue
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


def describe_yaml_error(exc: yaml.YAMLError, text: str = "") -> str:
    """Turn a PyYAML error into one line with a 1-based position and, where we can, a fix."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"{mark.line + 1}:{mark.column + 1}: " if mark is not None else ""
    char = ""
    if mark is not None and text:
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    hint = ""
    if char == "\t" or "tab" in problem:
        hint = " (a tab: YAML indents with spaces, never tabs)"
    return f"{where}not valid YAML: {problem}{hint}"


def load_yaml(text: str, filename: str = "<deck>") -> LoadedYaml:
    """Parse ``text`` as one YAML document; raise :class:`DeckError` when it is not YAML."""
    if text.startswith("\ufeff"):
        text = text[1:]
    out = LoadedYaml(data=None)
    loader = _DeckLoader(text)
    try:
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise DeckError(f"{filename}:{describe_yaml_error(exc, text)}") from None
    except RecursionError:
        raise DeckError(f"{filename}:1:1: values are nested too deeply") from None
    if node is None:
        return out
    out.root = node
    try:
        out.data = _Builder(out, EXPANSION * len(text) + 10_000).build(node, ())
    except DeckError as exc:
        raise DeckError(f"{filename}:{exc}") from None
    return out
