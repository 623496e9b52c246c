"""The shipped gazetteer: present, compact, fast to load, usable without ../shared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from warledger.geo import load_geoparser
from warledger.geo.store import SHIPPED


def test_artifact_is_shipped_with_attribution() -> None:
    assert SHIPPED.exists()
    assert SHIPPED.stat().st_size < 40 * 1024 * 1024
    text = (SHIPPED.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "GeoNames" in text and "CC BY 4.0" in text


def test_cold_load_under_one_second_without_shared(tmp_path: Path) -> None:
    code = (
        "import time; t = time.perf_counter(); from warledger.geo import load_geoparser; "
        "gp = load_geoparser(); ps = gp.find_places('Shelling hit Kharkiv and Mariupol.'); "
        "import json; print(json.dumps([time.perf_counter() - t, [p.name for p in ps]]))"
    )
    env = {
        **os.environ,
        "WARLEDGER_SHARED": str(tmp_path / "absent"),
        "WARLEDGER_GAZETTEER": str(tmp_path / "none.sqlite"),
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    secs, names = json.loads(out.stdout)
    assert names == ["Kharkiv", "Mariupol"]
    assert secs < 1.5  # measured ~0.2 s; slack for a loaded CI box


def test_geoparser_is_cached_per_process() -> None:
    assert load_geoparser() is load_geoparser()
