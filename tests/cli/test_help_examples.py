"""Every command's --help carries a runnable ``Example:``; the examples not run by the
command groups' own tests (ledger, ingest, gazetteer) run here."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import typer.main

from warledger.cli import _load_commands, main
from warledger.cli.app import app

REPO = Path(__file__).resolve().parents[2]


def _commands() -> dict[str, str]:
    """'name' or 'group name' → help text, for every command."""
    _load_commands()
    root = typer.main.get_command(app)
    out: dict[str, str] = {}
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            out.update({f"{name} {n}": c.help or "" for n, c in sub.items()})
        else:
            out[name] = cmd.help or ""
    return out


def _example(help_text: str) -> list[str]:
    lines = [ln.strip() for ln in help_text.splitlines() if ln.strip().startswith("Example:")]
    assert len(lines) == 1, "exactly one Example: line"
    args = shlex.split(lines[0].removeprefix("Example:"))
    assert args[0] == "warledger"
    return args[1:]


def test_every_command_has_an_example() -> None:
    commands = _commands()
    assert {"extract", "ingest", "figures", "incidents", "show", "verify", "demo"} <= set(commands)
    for name, help_text in commands.items():
        args = _example(help_text)
        assert " ".join(args).startswith(name), f"{name}: example runs another command"
        assert main([*name.split(), "--help"]) == 0


@pytest.mark.parametrize("name", ["extract", "demo", "settings", "version"])
def test_example_runs(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPO / "examples")
    code = main(_example(_commands()[name]))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    if name == "extract":
        doc = json.loads(captured.out)
        assert doc["id"].endswith("donetsk-shelling-2022-04-07.txt")
        assert any(f["category"] == "killed" and f["low"] == 5 for f in doc["figures"])
    if name == "demo":
        assert "Figures" in captured.out and "Incidents" in captured.out
        assert (tmp_path / "warledger-demo" / "warledger.db").exists()
