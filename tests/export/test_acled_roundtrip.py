"""The ACLED round-trip benchmark runs end to end on a few rows (skips without the shared data)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warledger.bench import acled_roundtrip

SHARED = Path(os.environ.get("WARLEDGER_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))


def test_roundtrip_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (SHARED / acled_roundtrip.ACLED_FILE).is_file():
        pytest.skip(f"needs the shared data folder: {SHARED / acled_roundtrip.ACLED_FILE} is absent")
    out = tmp_path / "rt.json"
    assert acled_roundtrip.main(["--limit", "25", "--since", "2022-04-01", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["rows"] == 25 and result["extracted"] == 25
    assert set(result["row_agreement"]) == set(acled_roundtrip.COMPARED)
    assert result["value_set_overlap"]["event_type"] > 0.5
    assert "row agreement" in capsys.readouterr().err


def test_skips_cleanly_without_shared_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WARLEDGER_SHARED", str(tmp_path / "nowhere"))
    assert acled_roundtrip.main(["--limit", "5"]) == 0
    assert "skipped" in capsys.readouterr().out
