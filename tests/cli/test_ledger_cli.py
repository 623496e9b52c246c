"""CLI of the ledger readers: figures, incidents, documents, show, verify."""

from __future__ import annotations

import json
import shlex
import sys
from datetime import date
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.store import open_ledger

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from ledger_samples import TEXT_A, fill, make_document, result_a

COMMANDS = ("figures", "incidents", "documents", "show", "verify")
EXAMPLE_ORIGIN = "examples/reports/donetsk-shelling-2022-04-07.txt"
MARKUP_TEXT = "[bold]Reuters[/bold] reported [link=x]nothing[/link] here."


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger at ./demo.db (the name the help examples use), cwd = a temporary folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARLEDGER_ARCHIVE", raising=False)
    db = tmp_path / "demo.db"
    with open_ledger(db) as led:
        fill(led)
        raw = TEXT_A.encode() + b"\n(copy)"
        af = led.archive_bytes(raw, origin=EXAMPLE_ORIGIN, media_type="text/plain")
        doc = make_document("ex", TEXT_A, published=date(2022, 4, 7), sha=af.sha256)
        led.add_document(doc.model_copy(update={"origin": EXAMPLE_ORIGIN}))
        led.save_extraction("ex", result_a("ex"))
        af = led.archive_bytes(MARKUP_TEXT.encode(), origin="markup.txt", media_type="text/plain")
        led.add_document(
            make_document("markup", MARKUP_TEXT, published=None, sha=af.sha256, title="[red]T[/red]")
        )
    return db


def _example(command: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main([command, "--help"]) == 0
    assert "Example:" in capsys.readouterr().out, f"{command} --help has no Example: line"
    import typer.main

    from warledger.cli.app import app

    help_text = typer.main.get_command(app).commands[command].help or ""  # type: ignore[attr-defined]
    lines = [ln.strip() for ln in help_text.splitlines() if ln.strip().startswith("Example:")]
    assert len(lines) == 1
    args = shlex.split(lines[0].removeprefix("Example:"))
    assert args[0] == "warledger" and args[1] == command
    return args[1:]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_run(command: str, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _example(command, capsys)
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err


def test_figures_table_and_filters(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", "--db", str(demo), "--place", "odesa"]) == 0
    out = capsys.readouterr().out
    assert "2 figure(s)" in out and "Odesa" in out and "Kharkiv" not in out
    assert (
        main(["figures", "--db", str(demo), "--category", "killed", "--until", "2022-04-30", "--json"]) == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert {(r["doc_id"], r["category"], r["low"]) for r in rows} == {
        ("a", "killed", 12),
        ("ex", "killed", 12),
    }


def test_incidents_table(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["incidents", "--db", str(demo), "--category", "drone", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["doc_id"], row["place_name"], row["figures"]) == ("b", "Odesa", [0, 1])
    assert main(["incidents", "--db", str(demo)]) == 0
    assert "3 incident(s)" in capsys.readouterr().out


def test_bad_filters_are_one_line_errors(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", "--db", str(demo), "--category", "deaths"]) == 1
    assert "unknown category 'deaths'" in capsys.readouterr().err
    assert main(["incidents", "--db", str(demo), "--since", "April"]) == 1
    assert "--since must be YYYY-MM-DD" in capsys.readouterr().err
    assert main(["figures", "--db", str(demo), "--since", "2022-05-01", "--until", "2022-04-01"]) == 1
    assert "is after --until" in capsys.readouterr().err


def test_documents_list(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["documents", "--db", str(demo), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["doc_id"] for r in rows] == ["a", "b", "uk", "ex", "markup"]
    assert main(["documents", "--db", str(demo)]) == 0
    assert "[red]" in capsys.readouterr().out  # titles are printed literally, not as markup


def test_show_lists_spans_and_escapes_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "a", "--db", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "Oleh Syniehubov" in out and "Figures (2)" in out and "Claims (1)" in out
    assert '[40:68] "killed at least 12 civilians"' in out
    assert "Kharkiv [72:79] → Kharkiv" in out
    assert main(["show", "markup", "--db", str(demo)]) == 0
    out = capsys.readouterr().out
    assert MARKUP_TEXT in out and "no extraction: not extracted yet" in out


def test_show_highlights_every_span() -> None:
    from warledger.cli.ledger import STYLES, highlighted_text

    doc = make_document("a", TEXT_A, published=date(2022, 4, 7), sha="0" * 64)
    res = result_a()
    spans = {(s.start, s.end, str(s.style)) for s in highlighted_text(doc, res).spans}
    assert (res.figures[0].evidence.start, res.figures[0].evidence.end, STYLES["figure"]) in spans
    assert (res.places[1].start, res.places[1].end, STYLES["place"]) in spans
    assert (res.claims[0].evidence.start, res.claims[0].evidence.end, STYLES["claim"]) in spans
    assert (res.incidents[0].evidence.start, res.incidents[0].evidence.end, STYLES["incident"]) in spans


def test_show_unknown_document(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "no-such-doc", "--db", str(demo)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no document 'no-such-doc'") and "Traceback" not in err


def test_verify_passes_then_fails_after_tampering(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--db", str(demo)]) == 0
    assert "OK" in capsys.readouterr().out
    with open_ledger(demo) as led:
        doc = led.get_document("b")
        assert doc is not None
        path = led.archive_path(doc.sha256)
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    assert main(["verify", "--db", str(demo)]) == 1
    captured = capsys.readouterr()
    assert "FAIL archive:" in captured.out and "is corrupted" in captured.out
    [line] = captured.err.strip().splitlines()
    assert line.startswith("error: ") and "verification failed with 1 problem(s)" in line


def test_missing_or_corrupt_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in COMMANDS:
        args = [command, "x"] if command == "show" else [command]
        assert main([*args, "--db", str(tmp_path / "absent.db")]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: no ledger database at") and "Traceback" not in err
    assert not (tmp_path / "absent.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01garbage" * 50)
    assert main(["figures", "--db", str(junk)]) == 1
    err = capsys.readouterr().err
    assert "not a warledger database" in err and len(err.strip().splitlines()) == 1
