"""``warledger ingest`` from the command line: summary, no-op re-ingest, exit codes, one-line errors."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from warledger.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["ingest", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_has_a_runnable_example(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    match = re.search(r"Example:\s*(warledger ingest [^\n]+)", out)
    assert match, out
    argv = shlex.split(match.group(1))[1:]
    assert "--db" in argv
    monkeypatch.chdir(REPO)
    db_index = argv.index("--db") + 1
    argv[db_index] = str(tmp_path / Path(argv[db_index]).name)
    if not Path(argv[1]).exists():
        pytest.skip(f"the example's input {argv[1]} is not in the repository yet")
    assert main([*argv, "--no-extract"]) == 0
    assert "new" in capsys.readouterr().out


def test_ingest_then_reingest_is_already_known(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    code, out, err = run(capsys, str(FIXTURES / "stories"), "--db", db, "--no-extract")
    assert code == 0, err
    assert "7 new, 0 already known, 0 non-English, 3 joined a story cluster, 0 extracted, 0 error(s)" in out
    assert "same story as cluster" in out
    code, out, err = run(capsys, str(FIXTURES / "stories"), "--db", db, "--no-extract")
    assert code == 0
    assert "0 new, 7 already known" in out
    assert out.count("already known") == 8  # seven lines and the summary


def test_quiet_prints_only_the_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, str(FIXTURES / "formats" / "ukrainian.txt"), "--db", str(tmp_path / "w.db"), "-q"
    )
    assert code == 0
    assert out.strip().splitlines() == [
        "1 new, 0 already known, 1 non-English, 0 joined a story cluster, 0 extracted, 0 error(s)"
    ]


def test_missing_path_is_a_one_line_error_and_nonzero_exit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope"), "--db", str(tmp_path / "w.db"))
    assert code == 1
    assert f"error: {tmp_path / 'nope'}: no such file or directory" in err
    assert "nothing was ingested" in err
    assert "Traceback" not in err


def test_errors_are_listed_but_exit_zero_when_something_was_ingested(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = run(
        capsys,
        str(empty),
        str(FIXTURES / "formats" / "utf8.txt"),
        "--db",
        str(tmp_path / "w.db"),
        "--no-extract",
    )
    assert code == 0
    assert f"error: {empty}: empty" in err
    assert "1 new" in out and "1 error(s)" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01binary\x00", "binary file"), (b"", "empty"), (b"x" * 2048, "too large")],
)
def test_bad_files_exit_nonzero_without_traceback(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    message: str,
) -> None:
    monkeypatch.setenv("WARLEDGER_MAX_BYTES", "1024")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = run(capsys, str(bad), "--db", str(tmp_path / "w.db"))
    assert code == 1
    assert message in err and "Traceback" not in err


def test_broken_jsonl_line_is_reported_and_the_rest_ingested(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = FIXTURES / "formats" / "records.jsonl"
    code, out, err = run(capsys, str(path), "--db", str(tmp_path / "w.db"), "--no-extract")
    assert code == 0
    assert f"error: {path}:2: broken JSON line" in err
    assert "3 new" in out


def test_unreachable_url_exits_nonzero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as sock:  # a port on 127.0.0.1 where nothing listens: never the internet
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("WARLEDGER_TIMEOUT", "2")
    url = f"http://127.0.0.1:{port}/report.html"
    code, _, err = run(capsys, url, "--db", str(tmp_path / "w.db"))
    assert code == 1
    assert f"error: {url}: unreachable (" in err and "Traceback" not in err
