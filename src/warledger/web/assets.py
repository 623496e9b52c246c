"""Install the browser assets: ``python -m warledger.web.assets [--check]``.

Runs ``npm ci`` with the repository's committed ``package.json``/``package-lock.json`` (pinned
versions: Leaflet 1.9.4, leaflet.markercluster 1.5.3, uPlot, world-atlas, topojson-client) and
copies the few files the pages use into ``src/warledger/web/static/vendor/``.  Nothing is ever
fetched from a CDN at run time: the server only serves this folder.  ``--check`` only reports
whether every vendored file is present (exit 1 if not).
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
)


def repo_root() -> Path:
    for parent in Path(__file__).resolve().parents:
        if (parent / "package-lock.json").is_file() and (parent / "pyproject.toml").is_file():
            return parent
    raise SystemExit("error: package-lock.json not found: run this from a clone of warledger")


def missing() -> list[str]:
    return [dest for _src, dest in FILES if not (VENDOR / dest).is_file()]


def install(root: Path, *, npm: str = "npm") -> int:
    """``npm ci`` in ``root`` then copy the files; returns the number of files copied."""
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
    return len(FILES)


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
    print(f"copied {count} files into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
