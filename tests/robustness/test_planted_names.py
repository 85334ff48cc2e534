"""A folder others can write to (a class's hand-in folder) cannot turn tiesquiz's writes against
the user: names planted where a temp file might go are never followed.

Before, the temp file beside a target was ``.NAME.PID.tmp``: a student who planted those names as
symlinks made the teacher's ``results in/ --csv in/gradebook.csv`` overwrite a file of the
teacher's outside the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tiesquiz.atomic import replacing, write_atomic

SECRET = "the teacher's own file\n"


def _plant(folder: Path, name: str, victim: Path) -> list[Path]:
    """Symlinks to ``victim`` at every temp name the old scheme could pick (any pid near ours)."""
    planted = []
    for pid in {os.getpid(), *range(1, 400)}:
        link = folder / f".{name}.{pid}.tmp"
        link.symlink_to(victim)
        planted.append(link)
    return planted


@pytest.fixture
def hand_in(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    victim = tmp_path / "outside" / "notes.txt"
    victim.parent.mkdir()
    victim.write_text(SECRET, encoding="utf-8")
    return folder, victim


def test_a_write_never_follows_a_planted_temp_name(hand_in: tuple[Path, Path]) -> None:
    folder, victim = hand_in
    planted = _plant(folder, "gradebook.csv", victim)
    write_atomic(folder / "gradebook.csv", "name,score\nAda,5\n")
    assert victim.read_text(encoding="utf-8") == SECRET
    assert (folder / "gradebook.csv").read_text(encoding="utf-8") == "name,score\nAda,5\n"
    assert all(p.is_symlink() for p in planted)  # left as they were, not written through
    leftovers = {p.name for p in folder.iterdir()} - {p.name for p in planted}
    assert leftovers == {"gradebook.csv"}  # the temp folder is gone


def test_a_symlink_at_the_target_is_replaced_not_written_through(
    hand_in: tuple[Path, Path],
) -> None:
    folder, victim = hand_in
    (folder / "gradebook.csv").symlink_to(victim)
    write_atomic(folder / "gradebook.csv", "new\n")
    assert victim.read_text(encoding="utf-8") == SECRET
    assert not (folder / "gradebook.csv").is_symlink()


def test_a_failed_write_leaves_the_target_and_no_temp_folder(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    target = tmp_path / "decks" / "deck.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in target.parent.iterdir()] == ["deck.yaml"]


def test_the_class_gradebook_in_a_planted_hand_in_folder(
    hand_in: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end, as found: ``results in/ --csv in/gradebook.csv``."""
    from helpers.cli import invoke

    folder, victim = hand_in
    (folder / "ada.json").write_text(
        '{"format": 1, "student": "Ada", "decks": ["d"], "started": "2026-11-28T09:00:00Z",'
        ' "answers": [{"card": "d/a", "type": "typed", "question": "Q?", "correct_answer": "A",'
        ' "points": 1, "correct": true, "answer": "A"}]}',
        encoding="utf-8",
    )
    _plant(folder, "gradebook.csv", victim)
    result = invoke("results", str(folder), "--csv", str(folder / "gradebook.csv"))
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == SECRET
    assert "Ada" in (folder / "gradebook.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("dangling", [False, True], ids=["link-to-a-file", "dangling-link"])
@pytest.mark.parametrize(
    "command",
    [
        ["export", "economy", "--to", "csv", "-o", "{target}"],
        ["results", "{folder}", "--csv", "{target}"],
        ["new", "mydeck", "-o", "{target}"],
    ],
    ids=["export", "gradebook", "new"],
)
def test_a_link_at_the_target_is_refused_without_force(
    hand_in: tuple[Path, Path], command: list[str], dangling: bool
) -> None:
    """A symlink a student left where the teacher writes is refused, even one pointing nowhere
    (a plain exists() says no file is there); with --force the link itself is replaced."""
    from helpers.cli import invoke

    folder, victim = hand_in
    (folder / "ana.json").write_text(
        '{"format": 1, "student": "ana", "decks": ["economy"], "answers": [{"card": "economy/economy-oil", "points": 1, "status": "answered"}]}',
        encoding="utf-8",
    )
    target = folder / ("out.csv" if command[0] != "new" else "out.yaml")
    pointed = victim.parent / "nowhere.txt" if dangling else victim
    target.symlink_to(pointed)
    args = [a.format(target=target, folder=folder) for a in command]
    refused = invoke(*args)
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert "already exist" in refused.output
    assert (
        victim.read_text(encoding="utf-8") == SECRET
        and not (victim.parent / "nowhere.txt").exists()
    )
    if command[0] != "new":  # new has no --force: it never replaces anything
        forced = invoke(*args, "--force")
        assert forced.exit_code == 0, forced.output
        assert not target.is_symlink() and target.is_file()
        assert victim.read_text(encoding="utf-8") == SECRET
