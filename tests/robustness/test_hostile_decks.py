"""Decks from other people: every hostile deck gets a clear message, fast, in bounded memory,
and nothing from a deck reaches the terminal raw."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "decks"
RAW = ("\x1b", "\x07", "\r", "\u202e", "\u202c", "\u2066", "\u2069")
MEMORY = 500 * 1024 * 1024

# file -> what `tiesquiz lint` must say (a file:line message), or None where the deck is accepted
EXPECTED: dict[str, str | None] = {
    "alias-bomb.yaml": "alias-bomb.yaml:1:44: the document expands to more than 10,820 characters",
    "alias-text-bomb.yaml": "alias-text-bomb.yaml:1:4: the document expands to more than 13,248 characters",
    "alias-empty-bomb.yaml": "alias-empty-bomb.yaml:1:23: the document expands to more than 2,000,000 values",
    "python-object.yaml": "python-object.yaml:6:15: a: error: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    "python-name.yaml": "python-name.yaml:2:8: deck: error: the YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
    "custom-tag.yaml": "custom-tag.yaml:3:8: deck: error: the YAML tag '!cards' is not allowed",
    "duplicate-keys.yaml": "duplicate-keys.yaml:8:5: a: error: duplicate key 'answer' (first at line 7)",
    "tabs.yaml": "tabs.yaml:4:1: not valid YAML: found character that cannot start any token (a tab: YAML indents with spaces",
    "wrong-top-level.yaml": "wrong-top-level.yaml:1:1: deck: error: a deck file must be a mapping",
    "wrong-cards.yaml": "wrong-cards.yaml:3:8: deck: error: 'cards' must be a list, not a mapping",
    "wrong-card.yaml": "wrong-card.yaml:4:5: card #1: error: a card must be a mapping of fields, not text",
    "wrong-field-types.yaml": "wrong-field-types.yaml:9:18: card #1: error: 'distractors' must be a list, not a number",
    "deep-nesting.yaml": "deep-nesting.yaml:3:1007: not valid YAML: exceeded maximum nesting depth",
    "deep-nesting-shallow.yaml": "deep-nesting-shallow.yaml:8:73: values are nested more than 64 levels deep",
    "ten-thousand-choices.yaml": "ten-thousand-choices.yaml:8:18: a: error: 'distractors' has 10,000 items; the limit is 50",
    "id-slash.yaml": "id-slash.yaml:4:10: ../../etc/passwd: error: card id '../../etc/passwd' may only hold",
    "id-deck-path.yaml": "id-deck-path.yaml:1:7: deck: error: deck id '../evil' must be a lowercase slug",
    "escape-sequences.yaml": "escape-sequences.yaml:6:15: clear: warning: 'question' contains control characters",
    "bom.yaml": None,
    "binary.yaml": "binary.yaml:1:1: this is a binary file, not a YAML deck",
    "latin1.yaml": "latin1.yaml:2:1: the file is not UTF-8 text (save it as UTF-8)",
}


def tiesquiz(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> tuple[subprocess.CompletedProcess[bytes], float]:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "tiesquiz", *args],
        cwd=cwd,
        env=env or os.environ.copy(),
        input=stdin.encode(),
        capture_output=True,
        timeout=60,
        preexec_fn=limit_memory,
    )
    return proc, time.monotonic() - start


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lint_gives_a_clear_message_fast_and_in_bounded_memory(name: str, tmp_path: Path) -> None:
    proc, seconds = tiesquiz("lint", str(CORPUS / name), cwd=tmp_path)
    out = proc.stdout.decode("utf-8")
    assert "Traceback" not in out + proc.stderr.decode()
    assert seconds < 5, f"lint took {seconds:.1f} s"
    expected = EXPECTED[name]
    if expected is None:
        assert proc.returncode == 0 and out == ""
    else:
        assert expected in out, out
    for raw in RAW:
        assert raw not in out


def test_a_50_mb_deck_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.write(b"deck: big\ntitle: Big\ncards:\n")
        fh.truncate(50 * 1024 * 1024)
    proc, seconds = tiesquiz("lint", str(big), cwd=tmp_path)
    assert proc.returncode == 1 and seconds < 5
    assert "big.yaml:1:1: the file is 50.0 MB; a deck may be at most 5 MB" in proc.stdout.decode()


@pytest.mark.parametrize("name", ["escape-sequences.yaml", "bom.yaml"])
def test_show_and_plain_study_print_nothing_raw(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / name).write_bytes((CORPUS / name).read_bytes())
    env = {**os.environ, "TIESQUIZ_DECKS": str(folder), "TIESQUIZ_STATE": str(tmp_path / "p.json")}
    deck_id = {"escape-sequences.yaml": "escapes", "bom.yaml": "bom"}[name]
    for args, stdin in (
        (["show", "--answers", deck_id], ""),
        (["study", deck_id, "--plain"], "1\nabc\n\n:q\n"),
    ):
        proc, _ = tiesquiz(*args, cwd=tmp_path, env=env, stdin=stdin)
        out = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
        assert proc.returncode == 0, out
        for raw in RAW:
            assert raw not in out, (args, repr(raw))
    if name == "escape-sequences.yaml":
        assert "␛[2J" in out


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e and "error" in e))
def test_study_refuses_a_broken_deck_cleanly(name: str, tmp_path: Path) -> None:
    proc, _ = tiesquiz(
        "study",
        str(CORPUS / name),
        "--plain",
        cwd=tmp_path,
        env={**os.environ, "TIESQUIZ_STATE": str(tmp_path / "p.json")},
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Error:" in err and "Traceback" not in err
    for raw in RAW:
        assert raw not in err
