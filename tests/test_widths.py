"""Every command fits the terminal it runs in: every command's --help, and each command that
lists something run on real data (two weeks of progress, a class's results files, a teacher's
deck with a long title and a web address), in a real pseudo-terminal at 60 and 120 columns. No
line may be wider than the terminal, where it would break a word or a number in two."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from helpers.paths import FIXTURES
from helpers.sample import build
from tiesquiz.cli import COMMANDS
from tiesquiz.ui.table import cells

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

#: Colours and cursor movements: they take no room on the screen.
ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")
#: Commands run at once (each mostly waits on its own start-up).
AT_ONCE = 6


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The data, and the environment that makes every command find it."""
    root = tmp_path_factory.mktemp("sample")
    (root / "home").mkdir()
    state, _, own = build(root)
    return {
        **os.environ,
        "HOME": str(root / "home"),
        "XDG_DATA_HOME": str(root / "home" / "data"),
        "XDG_CACHE_HOME": str(root / "home" / "cache"),
        "TIESQUIZ_STATE": str(state),
        "TIESQUIZ_CACHE": str(root / "cache"),
        "TIESQUIZ_DECKS": str(own),
        "TIESQUIZ_NOW": "2026-03-14T09:30:00+00:00",
        "TIESQUIZ_TZ": "UTC",
        "TERM": "xterm",
        "ROOT": str(root),
    }


def command_lines(root: Path) -> list[list[str]]:
    """Every command's --help, then every listing command on the sample."""
    helps = [["--help"], *([name, "--help"] for name in COMMANDS)]
    return [
        *helps,
        ["stats"],
        ["due"],
        ["due", "--exam", "2026-04-01"],
        ["decks"],
        ["show", "community", "--answers"],
        ["show", "a-teachers-own-deck-with-a-long-identifier"],
        ["settings"],
        ["results", str(root / "handed-in")],
        ["schema"],
        ["schema", "--results"],
        ["lint", str(FIXTURES / "warn")],
        ["lint", str(FIXTURES / "bad")],
    ]


def run_all(lines: list[list[str]], env: dict[str, str], columns: int) -> dict[str, str]:
    """Each command line's output in a pseudo-terminal ``columns`` wide, a few at a time."""
    exe = shutil.which("tiesquiz", path=os.path.dirname(sys.executable))
    command, extra = (exe, []) if exe else (sys.executable, ["-m", "tiesquiz"])
    env = {k: v for k, v in env.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    pending, running, outputs = list(lines), [], {}
    while pending or running:
        while pending and len(running) < AT_ONCE:
            args = pending.pop(0)
            child = pexpect.spawn(
                command,
                [*extra, *args],
                env=env,
                cwd=env["ROOT"],
                encoding="utf-8",
                timeout=60,
                dimensions=(50, columns),
            )
            running.append((" ".join(args), child))
        name, child = running.pop(0)
        child.expect(pexpect.EOF)
        outputs[name] = child.before or ""
        child.close()
    return outputs


@pytest.mark.parametrize("columns", [60, 120])
def test_every_command_fits_the_terminal(sample: dict[str, str], columns: int) -> None:
    outputs = run_all(command_lines(Path(sample["ROOT"])), sample, columns)
    too_wide = []
    for name, output in outputs.items():
        assert "Traceback" not in output, f"tiesquiz {name}:\n{output}"
        assert output.strip(), f"tiesquiz {name} printed nothing"
        for line in ESCAPE.sub("", output).replace("\r\n", "\n").split("\n"):
            if cells(line) > columns:
                too_wide.append(f"tiesquiz {name}: {line}")
    assert not too_wide, f"{len(too_wide)} lines wider than {columns}:\n" + "\n".join(too_wide)
    results = outputs[f"results {Path(sample['ROOT']) / 'handed-in'}"]
    assert "Answers to check" in results and "Students (5)" in results  # the data is all there


def test_the_narrowest_terminal_too(
    sample: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 40 columns (in-process, as fast): tables abbreviate, shorten or stack, text wraps."""
    from click.testing import CliRunner

    from tiesquiz.cli import cli

    for name in ("HOME", "TIESQUIZ_STATE", "TIESQUIZ_CACHE", "TIESQUIZ_DECKS", "TIESQUIZ_NOW"):
        monkeypatch.setenv(name, sample[name])
    monkeypatch.setattr("tiesquiz.ui.output.terminal_width", lambda stream=None: 39)
    root = Path(sample["ROOT"])
    lines = [args for args in command_lines(root) if args[0] not in ("schema", "lint")]
    too_wide = []
    for args in lines:
        result = CliRunner().invoke(cli, args, terminal_width=38)  # as main() asks at 40
        assert result.exit_code == 0, f"tiesquiz {' '.join(args)}:\n{result.output}"
        too_wide += [
            f"{' '.join(args)}: {ln}" for ln in result.output.splitlines() if cells(ln) > 40
        ]
    assert not too_wide, "\n".join(too_wide)
    assert "\na-teachers-own…  " in CliRunner().invoke(cli, ["due"]).output  # cut, with a sign
    stats = CliRunner().invoke(cli, ["stats"]).output
    assert "\na-teachers-own-deck-with-a-long-identi…\n  new 2, learning 0, review 0\n" in stats


def test_a_schema_wider_than_the_terminal_says_how_to_read_it() -> None:
    """JSON cannot be wrapped: a terminal too narrow for it is told what to run instead."""
    from tiesquiz.deck import schema_text
    from tiesquiz.ui.schema_view import fits, too_wide

    text = schema_text()
    assert fits(text, 1000) and not fits(text, 120)
    note = too_wide(text, results=False, width=39).splitlines()
    assert "  tiesquiz schema > deck.schema.json" in note
    assert all(cells(line) <= 39 for line in note)


def test_wide_characters_count_as_two_columns() -> None:
    from tiesquiz.ui.table import Column, fit_table, shorten

    assert cells("Bakı 漢字") == 9 and cells("e\u0301") == 1
    assert shorten("漢字漢字", 5) == "漢字…"
    header, body = fit_table("deck", [Column("new")], [["漢字漢字漢字漢字漢字", "3"]], 16)
    assert header == ["deck" + " " * 9 + "new"] and body == [["漢字漢字漢…    3"]]  # 16 columns


def test_lint_wraps_on_a_terminal_and_keeps_a_line_a_problem_in_a_pipe() -> None:
    """Editors and CI read file:line:col lines; a person reads them wrapped under their place."""
    from tiesquiz.ui.coverage_view import render_problems

    problem = (
        "decks/a.yaml:4:5: q1: warning: no explanation: students learn from it after answering"
    )
    assert render_problems([problem], None) == [problem]
    (wrapped,) = render_problems([problem], 40)
    assert wrapped.splitlines() == [
        "decks/a.yaml:4:5: q1: warning: no",
        "    explanation: students learn from it",
        "    after answering",
    ]
