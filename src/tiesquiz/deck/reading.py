"""Reading one deck file: its bytes checked (a regular file, not too big, UTF-8), then its parse
taken from the cache (:mod:`.cache`) or made by :mod:`.parse`, which is imported only then: a
command whose decks are all cached never loads the YAML parser."""

from __future__ import annotations

import stat
from pathlib import Path

from tiesquiz.deck import cache as deck_cache
from tiesquiz.deck.problems import ParseResult
from tiesquiz.errors import DeckError
from tiesquiz.memory import bulk_loading
from tiesquiz.paths import NotAFile, read_regular

#: A deck file larger than this is refused before it is read.
MAX_FILE_BYTES = 5 * 1024 * 1024


def read_deck_file(
    path: Path, display: str | None = None, cache: Path | None = None
) -> ParseResult:
    """Read and validate one deck file; unreadable files raise :class:`DeckError`. With a
    ``cache`` folder, an unchanged deck's parse is taken from it (see :mod:`.cache`)."""
    name = display or str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device or a FIFO would never end, or never come
            raise DeckError(f"{name}: not a regular file, so not read as a deck")
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise DeckError(
                f"{name}:1:1: the file is {size / 1024 / 1024:.1f} MB; a deck may be at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB (split it into several decks)"
            )
        if cache is not None:
            with bulk_loading():
                unchanged = deck_cache.load_unchanged(cache, path, name, info)
            if unchanged is not None:
                return unchanged
        data = read_regular(path, MAX_FILE_BYTES)  # opened without waiting, checked again
    except NotAFile:
        raise DeckError(f"{name}: not a regular file, so not read as a deck") from None
    except OSError as exc:
        raise DeckError(f"{name}: cannot read the deck: {exc.strerror or exc}") from None
    content = deck_cache.digest(data) if cache is not None else ""
    if cache is not None:  # only a deck that read and parsed is ever kept, so no checks first
        with bulk_loading():
            cached = deck_cache.load(cache, path, name, content, info)
        if cached is not None:
            return cached
    if b"\0" in data:
        raise DeckError(f"{name}:1:1: this is a binary file, not a YAML deck")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckError(f"{name}:{line}:1: the file is not UTF-8 text (save it as UTF-8)") from None
    from tiesquiz.deck import parse  # the parser, imported only when a deck must be parsed
    from tiesquiz.deck.yamlio import load_yaml

    with bulk_loading():
        result = parse.parse_document(load_yaml(text, name), path, name)
    if cache is not None:
        deck_cache.store(cache, path, name, content, info, result)
    return result
