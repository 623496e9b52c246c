"""CLI: reconcile, reconciled, why, merge, split — every help example runs on the demo ledger."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import typer.main

from warledger.cli import _load_commands, main
from warledger.cli.app import app
from warledger.store import open_ledger

COMMANDS = ("reconcile", "reconciled", "why", "merge", "split")


def example(name: str) -> list[str]:
    _load_commands()
    cmd = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    line = next(ln.strip() for ln in (cmd.help or "").splitlines() if ln.strip().startswith("Example:"))
    args = shlex.split(line.removeprefix("Example:"))
    assert args[0] == "warledger" and args[1] == name
    return args[1:]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_example_runs(name: str, demo_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    capsys.readouterr()
    code = main(example(name))
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Traceback" not in out.err
    if name == "reconcile":
        assert "incident(s) from" in out.out
    if name == "why":
        assert "Shelling/artillery/missile attack" in out.out and "killed: low 5" in out.out
        assert "same story cluster" in out.out  # the translated copy is one source
    if name == "split":
        assert "split:" in out.out
    if name == "merge":
        assert "already one incident" in out.out


def test_split_then_merge_is_audited_and_survives_reconcile(
    demo_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(example("split")) == 0
    assert main(["reconcile", "--db", "demo.db"]) == 0
    assert main(["why", "325e90bb89e78274", "--db", "demo.db", "--json"]) == 0
    out = capsys.readouterr().out
    split_off = json.loads(out[out.index("{") :])
    assert all(m.startswith("325e90bb89e78274") for m in split_off["members"])
    assert main(example("merge")) == 0
    assert "merged into" in capsys.readouterr().out
    with open_ledger("demo.db") as led:
        actions = [(e.action, e.actor) for e in led.audit_entries() if e.action in ("merge", "split")]
        assert actions == [("split", "A. Analyst"), ("merge", "A. Analyst")]
        assert led.verify().ok


def test_errors_are_one_line(demo_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["why", "no-such-incident", "--db", "demo.db"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert main(["merge", "25361755ecb5103f", "325e90bb89e78274", "--analyst", " ", "--db", "demo.db"]) == 1
    assert main(["reconcile", "--db", "missing.db"]) == 1
    assert "no ledger database" in capsys.readouterr().err


def test_reconciled_filters_and_json(demo_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconciled", "--db", "demo.db", "--place", "Kharkiv", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("Kharkiv" in json.dumps(r["place"]) for r in rows)
