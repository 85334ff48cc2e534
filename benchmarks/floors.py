"""The floors ``run.py`` compares tiesquiz with: the least work that gives the same result, each
a fresh process as a tiesquiz command is.

    python floors.py parse FILE...          PyYAML's CSafeLoader on each deck, the collector off
    python floors.py shipped FILE...        import click, then CSafeLoader on each deck
    python floors.py history FILE           orjson.loads on every line of a history
    python floors.py results FOLDER         json.load of every file in the folder
    python floors.py sheet CSV              csv.DictReader, then CSafeDumper and CSafeLoader of
                                            its rows (the non-empty cells of each)
    python floors.py gift TEXT OUT DECK...  the decks from tiesquiz's deck cache, then the GIFT
                                            text (made beforehand) written to OUT
"""

from __future__ import annotations

import sys
from pathlib import Path


def parse(files: list[str]) -> None:
    import gc

    gc.disable()
    import yaml

    for name in files:
        with open(name, encoding="utf-8") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)


def shipped(files: list[str]) -> None:
    import click  # noqa: F401 - tiesquiz's command line needs it: part of the floor
    import yaml

    for name in files:
        with open(name, encoding="utf-8") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)


def history(name: str) -> None:
    import orjson

    loads = orjson.loads
    with open(name, "rb") as fh:
        for line in fh:
            loads(line)


def results(folder: str) -> None:
    import json

    for path in sorted(Path(folder).iterdir()):
        with path.open(encoding="utf-8") as fh:
            json.load(fh)


def sheet(name: str) -> None:
    import csv

    import yaml

    with open(name, encoding="utf-8", newline="") as fh:
        rows = [{k: v for k, v in row.items() if v} for row in csv.DictReader(fh)]
    text = yaml.dump(
        {"deck": "sheet", "title": "Sheet", "cards": rows},
        Dumper=yaml.CSafeDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    yaml.load(text, Loader=yaml.CSafeLoader)


def gift(text: str, out: str, decks: list[str]) -> None:
    import os

    from tiesquiz.deck import DeckSearch, resolve

    where = DeckSearch.from_text(
        Path.cwd(), os.environ["TIESQUIZ_DECKS"], Path(os.environ["TIESQUIZ_CACHE"])
    )
    resolve(decks, where=where)
    Path(out).write_text(Path(text).read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    what, *args = sys.argv[1:]
    if what == "parse":
        parse(args)
    elif what == "shipped":
        shipped(args)
    elif what == "history":
        history(args[0])
    elif what == "results":
        results(args[0])
    elif what == "sheet":
        sheet(args[0])
    else:
        gift(args[0], args[1], args[2:])
