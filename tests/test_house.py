"""The house rules CI (``.ci/run``) enforces: ruff's lint and format, mypy --strict, and no
function over 60 lines (the import contracts are tests/test_architecture.py's)."""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import ROOT

MAX_FUNCTION_LINES = 60
CI_RUN = ROOT / ".ci" / "run"


def long_functions(src: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Every function (nested ones and methods included) in ``src`` longer than ``limit`` lines,
    as ``path:line name (N lines)``. A function runs from its ``def`` (its decorators not
    counted) through its last line."""
    found = []
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    where = path.relative_to(src.parent).as_posix()
                    found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_is_over_60_lines() -> None:
    offenders = long_functions(ROOT / "src")
    assert offenders == [], "split these functions:\n" + "\n".join(offenders)


def test_the_rule_finds_a_long_function(tmp_path: Path) -> None:
    package = tmp_path / "src" / "pkg"
    package.mkdir(parents=True)
    lines = [f"x{i} = {i}" for i in range(59)]
    # 60 lines from the def: fits (the decorator above it does not count).
    fits = ["@staticmethod", "def fits():", *(f"    {line}" for line in lines)]
    (package / "ok.py").write_text("\n".join(fits) + "\n", encoding="utf-8")
    # 61 lines, a method nested in a class: found.
    long = ["class A:", "    async def too_long(self):", *(f"        {line}" for line in lines)]
    (package / "long.py").write_text(
        "\n".join([*long, "        return 1"]) + "\n", encoding="utf-8"
    )
    assert long_functions(tmp_path / "src") == ["src/pkg/long.py:2 too_long (61 lines)"]


def ci_checks() -> list[list[str]]:
    """The lint, format and type checks exactly as ``.ci/run`` runs them: its ruff and mypy lines."""
    lines = CI_RUN.read_text(encoding="utf-8").splitlines()
    return [
        shlex.split(line, comments=True) for line in lines if line.startswith(("ruff ", "mypy"))
    ]


def run_check(command: list[str], tree: Path) -> subprocess.CompletedProcess[str]:
    """One check of ``.ci/run``, run in ``tree`` with this environment's tools."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=300)


def test_ci_runs_ruff_lint_and_format_and_mypy() -> None:
    assert ci_checks() == [
        ["ruff", "check", "src", "tests"],
        ["ruff", "format", "--check", "src", "tests"],
        ["mypy"],
    ]


@pytest.mark.parametrize(
    ("check", "violation", "says"),
    [
        pytest.param(0, ("from __future__ import annotations\n", "import os\n"), "f401", id="lint"),
        pytest.param(1, ("", "\n\nSPACED = {  'a':1 }\n"), "reformat", id="format"),
        pytest.param(
            2,
            ("", "\n\ndef untyped(value):\n    return value\n"),
            "missing a type annotation",
            id="mypy",
            marks=pytest.mark.slow,
        ),
    ],
)
def test_ci_fails_on_a_violation(
    tmp_path: Path, check: int, violation: tuple[str, str], says: str
) -> None:
    """A copy of the project with one violation in ``src/tiesquiz/clock.py`` (``violation[1]``
    added after the first ``violation[0]``, or at the end) fails that check of ``.ci/run``, which
    stops the run (``set -e``) with a non-zero exit."""
    tree = tmp_path / "project"
    skip = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache", ".hypothesis")
    for folder in ("src", "tests"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    after, added = violation
    target = tree / "src" / "tiesquiz" / "clock.py"
    text = target.read_text(encoding="utf-8")
    at = text.index(after) + len(after) if after else len(text)
    target.write_text(text[:at] + added + text[at:], encoding="utf-8")

    done = run_check(ci_checks()[check], tree)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert says in output.casefold() and "clock.py" in output, output
