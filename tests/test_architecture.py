"""The layers hold (import-linter, as CI runs it), and card-type behaviour is complete per table."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers.paths import ROOT
from tiesquiz.deck.model import CARD_TYPES

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path, config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the ``tiesquiz`` package found in ``package_parent``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layer_contracts_are_kept(tmp_path: Path) -> None:
    result = lint_imports(ROOT / "src", ROOT / "pyproject.toml", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward_import", "contract"),
    [
        ("deck/model.py", "import tiesquiz.ui.render", "commands above ui"),
        ("progress/model.py", "import tiesquiz.scheduling", "commands above ui"),
        ("commands/decks.py", "import tiesquiz.cli", "commands above ui"),
        ("ui/run.py", "import tiesquiz.grading", "the ui reaches grading"),
        ("grading/text.py", "import click", "no core module imports click"),
        ("commands/common.py", "import questionary", "only the ui imports"),
        ("deck/checker.py", "import tiesquiz.deck.parse", "no import cycle"),
        # Siblings in a layer are independent; the decks are a layer below the core.
        ("overview.py", "import tiesquiz.export", "commands above ui"),
        ("grading/text.py", "import tiesquiz.stats", "commands above ui"),
        ("progress/model.py", "import tiesquiz.clock", "commands above ui"),
        ("deck/starter.py", "import tiesquiz.scheduling", "commands above ui"),
        # A command uses a package's public face, not its modules.
        ("commands/decks.py", "import tiesquiz.deck.parse", "commands import only the public"),
        (
            "commands/progress.py",
            "from tiesquiz.session.study import StudySession",
            "commands import only the public",
        ),
        ("progress/model.py", "def f():\n    import tiesquiz.progress.store", "no import cycle"),
    ],
)
def test_a_deliberate_upward_import_breaks_a_contract(
    tmp_path: Path, module: str, upward_import: str, contract: str
) -> None:
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "tiesquiz", copy / "tiesquiz")
    target = copy / "tiesquiz" / module
    target.write_text(target.read_text() + f"\n{upward_import}  # deliberate\n")
    result = lint_imports(copy, ROOT / "pyproject.toml", tmp_path)
    assert result.returncode != 0
    # "NAME BROKEN", or "NAME BROKEN (2 ignored imports)"
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert any(line.startswith(contract) for line in broken), result.stdout
    # Broken by this import, not by another: the module is named as the importer (in full, or
    # in a cycle's report relative to its package).
    importer = "tiesquiz." + module.removesuffix(".py").replace("/", ".")
    relative = "." + importer.rsplit(".", 1)[1]
    assert f"{importer} -> " in result.stdout or f"{relative} -> " in result.stdout, result.stdout


# -- card types: see test_card_types.py (every table knows every type; a ninth type) ---------------


def test_cli_choices_come_from_the_code_constants() -> None:
    from tiesquiz.commands.sessions import quiz
    from tiesquiz.commands.transfer import export_cmd, import_cmd
    from tiesquiz.export import FORMATS as EXPORT_FORMATS
    from tiesquiz.importer import FORMATS as IMPORT_FORMATS

    def choices(command: Any, option: str) -> tuple[str, ...]:
        (param,) = [p for p in command.params if p.name == option]
        return tuple(param.type.choices)

    assert choices(quiz, "types") == CARD_TYPES
    assert choices(export_cmd, "fmt") == EXPORT_FORMATS
    assert choices(import_cmd, "fmt") == IMPORT_FORMATS


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "src").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_only_the_command_layer_reads_the_environment() -> None:
    readers = sorted(
        str(p.relative_to(ROOT / "src"))
        for p in (ROOT / "src").rglob("*.py")
        if "os.environ" in p.read_text(encoding="utf-8")
        or "getenv(" in p.read_text(encoding="utf-8")
    )
    assert readers == ["tiesquiz/commands/common.py"]


def test_settings_are_read_once_per_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.cli import invoke
    from tiesquiz.commands import common

    calls = []
    real = common.Settings.read

    def counting(*args: Any) -> common.Settings:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(common.Settings, "read", staticmethod(counting))
    monkeypatch.setenv("TIESQUIZ_TZ", "Asia/Baku")
    result = invoke("study", "community", "--plain", "--limit", "1", input="1\n")
    assert result.exit_code == 0, result.output
    assert len(calls) == 1 and calls[0][1]["TIESQUIZ_TZ"] == "Asia/Baku"
