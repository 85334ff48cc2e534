"""Where decks are found, and how a name on the command line becomes a deck.

Search order, lowest priority first: the decks bundled in the package, ``./decks``, then each
extra folder (the command line reads them from ``TIESQUIZ_DECKS``; nothing here reads the
environment). A deck in a later place shadows one with the same id in an earlier
place, so a teacher can copy a bundled deck into ``./decks`` and edit it. Two decks with one id in
the *same* place are an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tiesquiz.deck import cache as deck_cache
from tiesquiz.deck.cache import Summary
from tiesquiz.deck.problems import ParseResult, Problem
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.errors import DeckError, DeckNotFound

if TYPE_CHECKING:
    from tiesquiz.deck.model import Deck

DECK_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path | None:
    """The decks shipped in the wheel, or ``decks/`` of a source checkout (editable installs)."""
    shipped = Path(__file__).resolve().parents[1] / "decks"  # the package's own folder
    if shipped.is_dir():
        return shipped
    checkout = Path(__file__).resolve().parents[3] / "decks"
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    return None


@dataclass(frozen=True)
class DeckSearch:
    """Where decks are looked for: ``cwd/decks`` and the ``extra`` folders, after the bundled ones."""

    cwd: Path = field(default_factory=Path.cwd)
    extra: tuple[Path, ...] = ()
    #: Deck files studied before, by deck id (kept with the progress): found from any folder.
    remembered: tuple[tuple[str, Path], ...] = ()
    #: Where parsed decks are cached between runs; None: parse every time.
    cache: Path | None = None

    def remembering(self, paths: Mapping[str, str]) -> DeckSearch:
        return replace(self, remembered=tuple((d, Path(p)) for d, p in sorted(paths.items())))

    @classmethod
    def from_text(cls, cwd: Path, folders: str, cache: Path | None = None) -> DeckSearch:
        """Folders as ``TIESQUIZ_DECKS`` lists them (separated by ``os.pathsep``)."""
        extra = tuple(
            Path(entry.strip()).expanduser() for entry in folders.split(os.pathsep) if entry.strip()
        )
        return cls(cwd, extra, cache=cache)


def search_dirs(where: DeckSearch) -> list[Path]:
    """Folders searched for decks, lowest priority first, without repeats."""
    dirs: list[Path] = []
    bundled = bundled_dir()
    if bundled is not None:
        dirs.append(bundled)
    dirs.append(where.cwd / "decks")
    dirs.extend(where.extra)
    unique: list[Path] = []
    seen: set[Path] = set()
    for d in dirs:
        resolved = d.resolve()
        if resolved not in seen and d.is_dir():
            seen.add(resolved)
            unique.append(d)
    return unique


def deck_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file())


def display_name(path: Path, cwd: Path) -> str:
    try:
        return str(path.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


@dataclass
class Library:
    """Every deck found, with the problems met on the way."""

    decks: dict[str, Deck] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Files that could not be read at all (not YAML, not UTF-8, too big).
    failures: list[str] = field(default_factory=list)
    #: After :func:`resolve` narrows ``decks`` to the ones named: every deck that was loaded.
    found: dict[str, Deck] = field(default_factory=dict)
    #: What :func:`resolve` tells on standard error, one line each: the broken decks set aside
    #: (file:line) and the notes about the decks chosen.
    skipped: list[str] = field(default_factory=list)
    #: Remembered decks whose file is gone: deck id -> the path it had.
    gone: dict[str, Path] = field(default_factory=dict)
    #: What to say about a deck chosen, by id: read from a remembered file in another folder,
    #: or one of two files with the same id (see :func:`resolve`).
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def add_result(self, result: ParseResult) -> None:
        self.problems.extend(result.problems)

    def broken(self) -> dict[str, str]:
        """Every deck file that cannot be used (unreadable, or with an error: a YAML file without
        ``deck:`` among them), by its name as shown, with the line that reports it."""
        found: dict[str, str] = {}
        for failure in self.failures:
            file = _file_of(failure)
            found.setdefault(file, broken_line(file, failure))
        for problem in self.errors:
            found.setdefault(problem.file, broken_line(problem.file, problem.format()))
        return found

    def usable(self, cwd: Path) -> dict[str, Deck]:
        """The decks without errors: a deck with one is left out whole."""
        bad = self.broken()
        return {k: d for k, d in self.decks.items() if display_name(d.path, cwd) not in bad}


def broken_line(file: str, first: str) -> str:
    """How every command that lists decks reports a broken deck file: its first problem, and
    where to see them all."""
    return f"{first} (skipped; see every problem with 'tiesquiz lint {file}')"


def _file_of(failure: str) -> str:
    """The file a "file:line:col: message" (or "file: message") line is about."""
    head, sep, _ = failure.partition(": ")
    parts = head.split(":")
    while len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
    return ":".join(parts) if sep else failure


def missing_folders(where: DeckSearch) -> list[str]:
    """A line for each folder ``TIESQUIZ_DECKS`` names that is not a folder."""
    return [
        f"TIESQUIZ_DECKS names {folder}, which is not a folder: no decks are read from it "
        "(fix the variable, or make the folder)"
        for folder in where.extra
        if not folder.is_dir()
    ]


def unusable(library: Library, where: DeckSearch) -> list[str]:
    """Everything a command that lists decks says about the decks it could not use."""
    return [*missing_folders(where), *library.broken().values()]


def _peek(path: Path, display: str, cache: Path | None) -> Summary | None:
    """The deck's summary from the cache, when its file is provably unchanged; else None."""
    if cache is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return deck_cache.peek(cache, path, display, info)


def _load_group(
    files: Iterable[Path],
    cwd: Path,
    library: Library,
    cache: Path | None = None,
    wanted: set[str] | None = None,
) -> dict[str, Deck]:
    """Load files that share one priority; duplicate ids among them are errors. With ``wanted``,
    a file the cache shows to hold another deck (and unchanged) is not read at all."""
    group: dict[str, Deck] = {}
    for path in files:
        display = display_name(path, cwd)
        if wanted is not None:
            summary = _peek(path, display, cache)
            if summary is not None and summary.id not in wanted:
                continue
        try:
            result = read_deck_file(path, display, cache)
        except DeckError as exc:
            library.failures.append(str(exc))
            continue
        library.add_result(result)
        deck = result.deck
        if deck is None:
            continue
        if deck.id in group:
            first = display_name(group[deck.id].path, cwd)
            library.problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "deck",
                    "error",
                    "duplicate-deck",
                    f"duplicate deck id {deck.id!r} (also in {first}); give each deck its own id",
                )
            )
            continue
        group[deck.id] = deck
    return group


def _remembered(where: DeckSearch, dirs: list[Path], library: Library) -> list[Path]:
    """The remembered deck files not already on the search path; those gone are noted."""
    searched = {d.resolve() for d in dirs}
    files = []
    for deck_id, path in where.remembered:
        if not path.is_file():
            library.gone[deck_id] = path
        elif path.resolve().parent not in searched:
            files.append(path)
    return files


def _groups(
    paths: Iterable[str | Path], where: DeckSearch, search: bool, library: Library
) -> list[list[Path]]:
    """The deck files to read, a list per priority, lowest first."""
    groups: list[list[Path]] = []
    if search:
        dirs = search_dirs(where)
        groups.extend(deck_files(d) for d in dirs)
        # Decks studied before come right after the bundled ones: a deck in ./decks or
        # TIESQUIZ_DECKS today still wins over a remembered one with the same id.
        bundled = bundled_dir()
        at = 1 if bundled is not None and dirs and dirs[0] == bundled else 0
        groups.insert(at, _remembered(where, dirs, library))
    explicit: list[Path] = []
    for entry in paths:
        p = Path(entry)
        if p.is_dir():
            explicit.extend(deck_files(p))
        elif p.exists():
            explicit.append(p)
        else:
            raise DeckNotFound(f"{entry}: no such deck file or folder")
    groups.append(explicit)
    return groups


def load_library(
    paths: Iterable[str | Path] = (),
    *,
    where: DeckSearch | None = None,
    search: bool = True,
    wanted: set[str] | None = None,
) -> Library:
    """Load the decks on the search path (when ``search``) and the files or folders in ``paths``;
    with ``wanted``, only those decks (others are skipped when the cache shows them unchanged)."""
    where = where or DeckSearch()
    library = Library()
    bundled = bundled_dir()
    # Remembered files outside the folders searched: a deck read from one is said.
    searched = {d.resolve() for d in search_dirs(where)} if where.remembered else set()
    remembered = {p.resolve() for _, p in where.remembered}
    remembered = {p for p in remembered if p.parent not in searched}
    for files in _groups(paths, where, search, library):
        # Later groups shadow earlier ones: the teacher's copy wins over the bundled deck.
        group = _load_group(files, where.cwd, library, where.cache, wanted)
        for deck_id, deck in group.items():
            _note(library, deck, library.decks.get(deck_id), bundled, where.cwd)
            if deck.path.resolve() in remembered:
                shown = display_name(deck.path, where.cwd)
                library.notes.setdefault(
                    deck_id, f"deck {deck_id!r} is read from {shown}, where you studied it before"
                )
        library.decks.update(group)
    return library


def _note(
    library: Library, deck: Deck, before: Deck | None, bundled: Path | None, cwd: Path
) -> None:
    """Two files, one id: the later in the search order is used; say so, unless the earlier is
    the bundled deck (copying it to adapt it is what shadowing is for)."""
    if before is None or before.path.resolve() == deck.path.resolve():
        return
    if bundled is not None and before.path.resolve().parent == bundled.resolve():
        return
    first, used = display_name(before.path, cwd), display_name(deck.path, cwd)
    library.notes[deck.id] = (
        f"two files have the deck id {deck.id!r}: {first} and {used}; {used} is used (it comes "
        "later in the search order). Give one of them another 'deck:' id to use both."
    )


def summaries(where: DeckSearch, broken: dict[str, str] | None = None) -> dict[str, Summary]:
    """Every usable deck on the search path as ``due`` needs it (id, title, card keys, exam),
    taken from the cache without reading the deck where its file is unchanged. The files that
    cannot be used go into ``broken`` (see :meth:`Library.broken`)."""
    library = Library()
    found: dict[str, Summary] = {}
    for files in _groups((), where, True, library):
        group: dict[str, Summary] = {}
        for path in files:
            display = display_name(path, where.cwd)
            summary = _peek(path, display, where.cache)
            if summary is None or summary.errors:
                try:
                    result = read_deck_file(path, display, where.cache)
                except DeckError as exc:
                    library.failures.append(str(exc))
                    continue
                library.add_result(result)
                summary = Summary.of(result)
            if summary is not None and not summary.errors:
                group.setdefault(summary.id, summary)  # a second deck with one id is an error
        found.update(group)
    if broken is not None:
        broken.update(library.broken())
    return found


def is_deck_path(name: str) -> bool:
    """A name on the command line that is a file or folder, not a deck id."""
    return Path(name).suffix in DECK_SUFFIXES or Path(name).is_dir() or os.sep in name


def resolve(
    names: Iterable[str], *, where: DeckSearch | None = None, read_all: bool = False
) -> Library:
    """Decks named on the command line by id or path; every deck found when none is named.

    Raises :class:`DeckNotFound` for an unknown name and :class:`DeckError` when a deck named has
    errors, since studying a half-read deck would silently skip cards. With no name, a broken
    deck is left out and said so in ``skipped``. Decks named by id are the only ones read (an
    unchanged deck the cache shows to be another is not), unless ``read_all``: then ``found``
    holds every deck.
    """
    names = list(names)
    as_paths = [n for n in names if is_deck_path(n)]
    where = where or DeckSearch()
    # Decks named by id alone: the others need not be read.
    only = set(names) if names and not as_paths and not read_all else None
    library = load_library(as_paths, where=where, wanted=only)
    if names:
        wanted: dict[str, Deck] = {}
        for name in names:
            if name in as_paths:
                target = Path(name).resolve()
                matches = [
                    d
                    for d in library.decks.values()
                    if d.path.resolve() == target or d.path.resolve().parent == target
                ]
                if not matches:
                    raise DeckError(_failure_text(library) or f"{name}: no valid deck in it")
                wanted.update((d.id, d) for d in matches)
            elif name in library.decks:
                wanted[name] = library.decks[name]
            else:
                everything = load_library(as_paths, where=where).decks if only else library.decks
                known = ", ".join(sorted(everything)) or "none"
                raise DeckNotFound(
                    f"no deck named {name!r}; decks found: {known} (see 'tiesquiz decks')"
                )
        chosen = wanted
    else:
        # No deck named: a broken deck is set aside with one line, and never blocks the others.
        chosen = library.usable(where.cwd)
        library.skipped.extend(unusable(library, where))
    shown_as = {display_name(d.path, where.cwd) for d in chosen.values()}
    bad = [p for p in library.errors if p.file in shown_as]
    if bad:
        shown = "\n".join(p.format() for p in bad[:10])
        more = f"\n... and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise DeckError(f"the deck has errors; fix them (see 'tiesquiz lint'):\n{shown}{more}")
    library.found = dict(library.decks)
    library.decks = chosen
    library.skipped.extend(library.notes[d] for d in chosen if d in library.notes)
    return library


def _failure_text(library: Library) -> str:
    return "\n".join(library.failures)
