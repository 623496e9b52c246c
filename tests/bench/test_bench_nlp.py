"""Smoke tests for the NLP benchmarks (small subsets; skipped without the shared data)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warledger.bench.__main__ import main as bench_main

SHARED = Path(os.environ.get("WARLEDGER_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared")
needs_shared = pytest.mark.skipif(
    not (SHARED / "eval").is_dir(),
    reason=f"shared evaluation data not found at {SHARED} (set WARLEDGER_SHARED)",
)


def test_bench_usage_lists_modules(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main([]) == 2
    err = capsys.readouterr().err
    for name in ("figures", "acled", "case2021", "ucdp", "speed"):
        assert name in err


@needs_shared
def test_bench_figures_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["figures", "--no-geo", "--out", str(tmp_path / "seed.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "tp=10" in out and "fp=0" in out and "nonfigure_false_positives=0" in out


@needs_shared
def test_bench_acled_dev_subset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        bench_main(["acled", "--dev", "--limit", "150", "--no-geo", "--out", str(tmp_path / "a.jsonl")]) == 0
    )
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["rows"] == 150 and summary["sub_event_type_acc"] > 0.7


@needs_shared
def test_bench_case_and_ucdp_subsets(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["case2021", "--limit", "60", "--no-geo"]) == 0
    case = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert case["snippets"] == 60 and 0.0 <= case["macro_f1"] <= 1.0
    assert bench_main(["ucdp", "--limit", "60", "--no-geo"]) == 0
    ucdp = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert ucdp["single_source_rows"] == 60


@needs_shared
def test_bench_speed_tiny(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["speed", "--copies", "3", "--processes", "1"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["articles"] == 3 and res["ratio@1"]["x"] > 1
