"""`export --versions N --seed S`: shuffled versions A, B, C of the same questions, each with its
own answer key, for a class where neighbours should not share answers."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.cli import clean_error, invoke
from helpers.paths import REPORT_DECKS
from tiesquiz.deck.reading import read_deck_file

DECK = read_deck_file(REPORT_DECKS / "diplomacy.yaml").deck
assert DECK is not None


def _export(tmp_path: Path, *extra: str) -> list[Path]:
    result = invoke("export", "diplomacy", "-o", str(tmp_path / "quiz.md"), *extra)
    assert result.exit_code == 0, result.output
    return sorted(tmp_path.glob("quiz-*.md"))


def questions(sheet: str) -> list[str]:
    return re.findall(r"^\*\*\d+\.\*\* (.*)$", sheet, re.M)


def blocks(sheet: str) -> dict[str, str]:
    """Each question's number -> its block (the question and what is printed under it)."""
    parts = re.split(r"^\*\*(\d+)\.\*\* ", sheet, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_three_versions_ask_the_same_questions_in_other_orders(tmp_path: Path) -> None:
    files = _export(tmp_path, "--to", "markdown", "--versions", "3", "--seed", "5")
    assert [p.name for p in files] == [f"quiz-{v}{k}.md" for v in "ABC" for k in ("-answers", "")]
    sheets = {v: (tmp_path / f"quiz-{v}.md").read_text(encoding="utf-8") for v in "ABC"}
    asked = {v: questions(s) for v, s in sheets.items()}
    assert all(sorted(q) == sorted(asked["A"]) for q in asked.values())
    assert len(asked["A"]) == len(DECK.cards)
    assert len({tuple(q) for q in asked.values()}) == 3  # three different orders
    assert "(version B)" in sheets["B"]


def test_each_key_answers_its_own_version(tmp_path: Path) -> None:
    _export(tmp_path, "--to", "markdown", "--versions", "3", "--seed", "5")
    for v in "ABC":
        sheet = blocks((tmp_path / f"quiz-{v}.md").read_text(encoding="utf-8"))
        key = blocks((tmp_path / f"quiz-{v}-answers.md").read_text(encoding="utf-8"))
        assert set(sheet) == set(key)
        for number, block in sheet.items():
            card = next(c for c in DECK.cards if block.startswith(c.question.split("{{")[0][:40]))
            answer = key[number].split("\n")[0]
            if card.type == "choice":
                assert answer.replace("\\", "") == card.answer_text()
                assert f"- [ ] {card.answer_text()}" in block.replace("\\", "")
            if card.type == "match":  # the letters name this version's right-hand list
                for left, right in card.pairs:
                    letter = re.search(re.escape(left) + r" → (\w)\) ", answer)
                    assert letter, answer
                    assert re.search(rf"{letter[1]}\) {re.escape(right)}", block), (v, left)


def test_the_same_seed_gives_the_same_versions(tmp_path: Path) -> None:
    one, two, other = tmp_path / "1", tmp_path / "2", tmp_path / "3"
    for folder, seed in ((one, "5"), (two, "5"), (other, "6")):
        folder.mkdir()
        _export(folder, "--to", "markdown", "--versions", "2", "--seed", seed)
    read = lambda d: [p.read_text(encoding="utf-8") for p in sorted(d.glob("*.md"))]  # noqa: E731
    assert read(one) == read(two)
    assert read(one) != read(other)


def test_gift_versions_shuffle_questions_and_options(tmp_path: Path) -> None:
    result = invoke(
        "export", "diplomacy", "--to", "gift", "-o", str(tmp_path / "q.gift"),
        "--versions", "2", "--seed", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    a, b = ((tmp_path / f"q-{v}.gift").read_text(encoding="utf-8") for v in "AB")
    titles = [re.findall(r"^::([^:]+)::", text, re.M) for text in (a, b)]
    assert sorted(titles[0]) == sorted(titles[1]) and titles[0] != titles[1]
    assert "$CATEGORY: tiesquiz/diplomacy/version-B" in b
    for card in (c for c in DECK.cards if c.type == "choice"):
        for text in (a, b):
            line = next(l for l in text.split("\n\n") if f"::{card.key}::" in l)  # noqa: E741
            assert f"={card.answer_text()}" in line.replace("\\", "")


def test_versions_are_for_markdown_and_gift_only(tmp_path: Path) -> None:
    out = clean_error(invoke("export", "diplomacy", "--to", "csv", "-o", str(tmp_path / "x.csv"), "--versions", "2"))  # fmt: skip
    assert "--versions is for --to markdown or --to gift" in out
    out = clean_error(invoke("export", "diplomacy", "--to", "markdown", "-o", str(tmp_path / "x.md"), "--seed", "2"))  # fmt: skip
    assert "--seed goes with --versions" in out


def test_versions_are_not_written_over_without_force(tmp_path: Path) -> None:
    _export(tmp_path, "--to", "markdown", "--versions", "2")
    out = clean_error(
        invoke("export", "diplomacy", "-o", str(tmp_path / "quiz.md"), "--to", "markdown", "--versions", "2")
    )  # fmt: skip
    assert "quiz-A.md" in out and "--force" in out
