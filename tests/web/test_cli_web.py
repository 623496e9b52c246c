"""``warledger users`` and ``warledger serve`` (without actually listening)."""

from __future__ import annotations

import io
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from warledger.cli import _load_commands, main
from warledger.store import open_ledger


def _example(command: list[str]) -> list[str]:
    import typer.main

    from warledger.cli.app import app

    _load_commands()
    cmd: Any = typer.main.get_command(app)
    for part in command:
        cmd = cmd.commands[part]
    line = next(ln.strip() for ln in (cmd.help or "").splitlines() if ln.strip().startswith("Example:"))
    return shlex.split(line.removeprefix("Example:"))[1:]


def test_users_add_and_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert main(["users", "add", "alice", "--role", "analyst", "--password-stdin", "--db", db]) == 0
    assert "added user alice (analyst)" in capsys.readouterr().out
    with open_ledger(db) as ledger:
        row = ledger.get_user("alice")
        assert row is not None and row.role == "analyst"
        assert row.password_hash.startswith("$argon2id$") and "correct horse" not in row.password_hash
        assert [e.actor for e in ledger.audit_entries("user:alice")] == ["cli"]
    assert main(["users", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "alice" in out and "argon2" not in out


def test_users_add_refuses_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["users", "add", "bob", "--role", "analyst", "--password-stdin", "--db", db]) != 0
    assert "at least 8" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("long enough pw\n"))
    assert main(["users", "add", "bob", "--role", "boss", "--password-stdin", "--db", db]) != 0
    assert "unknown role" in capsys.readouterr().err
    assert main(["users", "add", "<b>", "--password-stdin", "--db", db]) != 0


def test_users_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = _example(["users", "add"])
    assert args[:2] == ["users", "add"]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    (tmp_path / "warledger-demo").mkdir()
    assert main([*args, "--password-stdin"]) == 0
    assert main(_example(["users", "list"])) == 0


def test_serve_refuses_a_public_address_without_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    db = str(tmp_path / "w.db")
    open_ledger(db).close()
    code = main(["serve", "--db", db, "--host", "0.0.0.0"])
    err = capsys.readouterr().err
    assert code != 0 and "refusing to serve on 0.0.0.0 without users" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not calls
    assert main(["serve", "--db", db, "--port", "8123"]) == 0  # loopback is fine
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert main(["users", "add", "root", "--role", "admin", "--password-stdin", "--db", db]) == 0
    assert main(["serve", "--db", db, "--host", "0.0.0.0"]) == 0


def test_serve_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    args = _example(["serve"])
    assert args[0] == "serve"
    monkeypatch.chdir(tmp_path)
    open_ledger(str(tmp_path / "warledger-demo" / "warledger.db")).close()
    assert main(args) == 0 and calls and calls[0]["host"] == "127.0.0.1"


def test_serve_needs_an_existing_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db")]) != 0
    assert "no ledger database" in capsys.readouterr().err


def test_loopback_detection() -> None:
    from warledger.web.security import is_loopback

    assert (
        is_loopback("127.0.0.1")
        and is_loopback("::1")
        and is_loopback("localhost")
        and is_loopback("127.1.2.3")
    )
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_assets_are_vendored() -> None:
    from warledger.web import assets

    assert assets.missing() == [], "run: python -m warledger.web.assets"
    assert assets.main(["--check"]) == 0


def test_loadcheck_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.web import loadcheck

    assert loadcheck.main(["--incidents", "200", "--requests", "2", "--budget", "20"]) == 0
    out = capsys.readouterr().out
    assert "200 incidents" in out and "/api/v1/map" in out and "p95" in out
