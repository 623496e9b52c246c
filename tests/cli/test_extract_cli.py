"""CLI behaviour of ``warledger extract`` on bad input (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warledger.cli import main


def test_missing_file_is_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["extract", str(tmp_path / "nope.txt")])
    err = capsys.readouterr().err
    assert code == 1
    assert "nope.txt: no such file" in err
    assert "Traceback" not in err


def test_bad_published_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Five people were killed.")
    assert main(["extract", "--published", "7 April", str(f)]) == 1
    assert "--published must be YYYY-MM-DD" in capsys.readouterr().err


def test_no_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 1
    assert "no input" in capsys.readouterr().err


def test_broken_jsonl_lines_are_reported_with_line_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": 1, "text": 3}\n{not json\n[1, 2]\n')
    assert main(["extract", "--jsonl", str(f)]) == 1
    err = capsys.readouterr().err
    assert f"{f}:1: no 'text'" in err
    assert f"{f}:2: broken JSON line" in err
    assert f"{f}:3: not a JSON object" in err
    assert "Traceback" not in err


def test_unknown_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--frobnicate"]) == 2
    assert "No such option" in capsys.readouterr().err
