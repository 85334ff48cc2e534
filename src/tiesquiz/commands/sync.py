"""``tiesquiz sync``: the machines that share a progress folder, their last answers, and the
conflict copies merged (the library's side is :mod:`tiesquiz.progress.report`)."""

from __future__ import annotations

from typing import Any

import click

from tiesquiz.commands.common import Settings, echo_json, open_store
from tiesquiz.commands.common import settings as read_settings
from tiesquiz.safety import safe


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the machines and copies as JSON.")
@click.pass_context
def sync(ctx: click.Context, as_json: bool) -> None:
    """Show the machines that share this progress folder, and bring this one up to date.

    Name the folder (one a sync tool or git shares) with --state or TIESQUIZ_STATE. Each
    machine writes only its own history there; every history, and every conflict copy a sync
    tool or git made of one, is read and merged, each answer once.
    """
    from tiesquiz.progress import sync_report

    config = read_settings(ctx)
    store = open_store(config)
    with store:
        report = sync_report(store)
    if as_json:
        echo_json(_as_data(report))
        return
    for line in _lines(report, config):
        click.echo(safe(line, multiline=False))


def _as_data(report: Any) -> dict[str, Any]:
    return {
        "folder": str(report.folder) if report.folder else None,
        "state": str(report.state),
        "device": report.device or None,
        "answers": report.answers,
        "devices": [
            {
                "device": d.device or None,
                "name": d.name,
                "file": str(d.file),
                "answers": d.answers,
                "last_answer": d.last,
                "this_machine": d.own,
            }
            for d in report.devices
        ],
        "conflict_copies": [
            {
                "file": str(c.file),
                "device": c.device or None,
                "answers": c.answers,
                "only_here": c.only_here,
            }
            for c in report.copies
        ],
    }


def _lines(report: Any, config: Settings) -> list[str]:
    if report.folder is None:
        return [
            f"{report.state}: one machine's progress ({report.answers} answers).",
            "To study on two machines, keep your progress in a folder a sync tool or git shares "
            "and name the folder: tiesquiz --state FOLDER (or TIESQUIZ_STATE=FOLDER). Your "
            "answers here become this machine's there on first use. README: Studying on two "
            "machines.",
        ]
    lines = [f"Progress folder: {report.folder} (this machine: {report.device})", "Machines:"]
    for d in report.devices:
        who = f"{d.device or 'one machine before the folder'}"
        name = f" ({d.name})" if d.name else ""
        this = ", this machine" if d.own else ""
        lines.append(f"  {who}{name}{this}: {d.answers} answers, last {_when(d.last, config)}")
    if not report.devices:
        lines.append("  none yet: answer a card and this machine's history is written")
    if report.copies:
        lines.append("Conflict copies merged (each answer counted once):")
    for c in report.copies:
        only = f", {c.only_here} of them in no machine's own history" if c.only_here else ""
        lines.append(f"  {c.file.name}: {c.answers} answers{only}")
    lines.append(f"Answers counted: {report.answers}.")
    return lines


def _when(time: str | None, config: Settings) -> str:
    if time is None:
        return "never"
    from tiesquiz.clock import parse_iso

    return config.clock.local(parse_iso(time)).strftime("%Y-%m-%d %H:%M")
