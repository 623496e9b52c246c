"""Exports of the reconciled corpus: ACLED/UCDP CSV conventions, GeoJSON, JSON Lines, Parquet, pandas."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import typer.main

from warledger.cli import _load_commands, main
from warledger.cli.app import app
from warledger.errors import InputError
from warledger.export import ACLED_COLUMNS, UCDP_COLUMNS, export, to_dataframe
from warledger.export.acled import inter_code, interaction
from warledger.export.ucdp import priogrid
from warledger.reconcile import load_records
from warledger.store import Ledger

SHARED = Path(os.environ.get("WARLEDGER_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))


def shared_header(*parts: str) -> list[str]:
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"needs the shared data folder: {path} is absent (set WARLEDGER_SHARED)")
    with path.open(encoding="utf-8") as fh:
        return next(csv.reader(fh))


def test_acled_csv(multireport: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    n = export(multireport, "acled", out)
    frame = pd.read_csv(out)
    assert list(frame.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31 and n == len(frame) >= 5
    assert all(re.fullmatch(r"\d{2} [A-Z][a-z]+ \d{4}", d) for d in frame["event_date"])
    assert set(frame["time_precision"]) <= {1, 2, 3} and set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["event_type"]) <= {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert (
        (frame["iso"] == 804).all() and (frame["iso3"] == "UKR").all() and (frame["region"] == "Europe").all()
    )
    odesa = frame[frame["location"] == "Odesa"].iloc[0]
    assert odesa["fatalities"] == 2 and "Disputed" in odesa["notes"] and odesa["interaction"] == 78
    assert odesa["event_date"] == "02 May 2022" and odesa["time_precision"] == 1


def test_acled_header_matches_the_real_file() -> None:
    assert shared_header("data", "acled", "ukraine-2022-01-01_2022-04-15.csv") == ACLED_COLUMNS


def test_ucdp_csv(multireport: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "u.csv"
    export(multireport, "ucdp", out)
    frame = pd.read_csv(out)
    assert list(frame.columns) == UCDP_COLUMNS
    assert (frame["low"] <= frame["best"]).all() and (frame["best"] <= frame["high"]).all()
    odesa = frame[frame["where_coordinates"] == "Odesa"].iloc[0]
    assert (odesa["low"], odesa["high"]) == (2, 9) and odesa["date_prec"] == 1 and odesa["where_prec"] == 1
    assert odesa["priogrid_gid"] == priogrid(odesa["latitude"], odesa["longitude"])
    assert "Trukhanov" in odesa["source_original"]


def test_ucdp_header_matches_the_real_file() -> None:
    assert shared_header("data", "ucdp", "conflict_data_ukr.csv") == UCDP_COLUMNS


def test_geojson_is_rfc7946(multireport: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "x.geojson"
    export(multireport, "geojson", out)
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection" and doc["features"]
    records = {r.id: r for r in load_records(multireport)}
    for feat in doc["features"]:
        assert feat["type"] == "Feature" and set(feat) == {"type", "id", "geometry", "properties"}
        rec = records[feat["id"]]
        if feat["geometry"] is None:
            assert rec.place is None or rec.place.lat is None
            continue
        lon, lat = feat["geometry"]["coordinates"]
        assert feat["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert rec.place is not None and (round(rec.place.lon, 6), round(rec.place.lat, 6)) == (lon, lat)


def test_jsonl_parquet_and_dataframe(multireport: Ledger, tmp_path: Path) -> None:
    export(multireport, "jsonl", tmp_path / "x.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text().splitlines()]
    assert {x["kind"] for x in lines} >= {"incident", "aggregate"} and all("casualties" in x for x in lines)
    export(multireport, "parquet", tmp_path / "x.parquet")
    frame = pd.read_parquet(tmp_path / "x.parquet")
    api = to_dataframe(multireport)
    assert len(frame) == len(api) == len(lines)
    assert str(api["killed_best"].dtype) == "Int64" and api["disputed"].dtype == bool


def test_filters(multireport: Ledger) -> None:
    may = to_dataframe(multireport, since=date(2022, 5, 1), until=date(2022, 5, 31))
    assert len(may) and set(may["location"].dropna()) <= {"Kramatorsk", "Slovyansk", "Odesa"}
    assert set(to_dataframe(multireport, place="odesa")["location"]) == {"Odesa"}
    shelling = to_dataframe(multireport, type="shelling")
    assert set(shelling["sub_event_type"]) == {"Shelling/artillery/missile attack"}


def test_bad_requests(multireport: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export(multireport, "xls", tmp_path / "x")
    with pytest.raises(InputError, match="is after"):
        export(multireport, "acled", tmp_path / "x", since=date(2022, 5, 2), until=date(2022, 5, 1))
    with pytest.raises(InputError, match="does not exist"):
        export(multireport, "acled", tmp_path / "nope" / "x.csv")


def test_inter_codes() -> None:
    assert inter_code("Military Forces of Russia (2000-)", "Ukraine") == 8
    assert inter_code("Military Forces of Ukraine (2019-) Air Force", "Ukraine") == 1
    assert inter_code("Police Forces of Ukraine (2019-)", "Ukraine") == 1
    assert inter_code("NAF: United Armed Forces of Novorossiya", "Ukraine") == 2
    assert inter_code("Unidentified Armed Group (Ukraine)", "Ukraine") == 3
    assert inter_code("Civilians (Ukraine)", "Ukraine") == 7
    assert inter_code("Protesters (Ukraine)", "Ukraine") == 6
    assert inter_code(None, "Ukraine") == 0
    assert (interaction(8, 7), interaction(1, 8), interaction(8, 0), interaction(0, 0)) == (78, 18, 80, 0)


def _example(name: str) -> list[str]:
    _load_commands()
    cmd = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    line = next(ln.strip() for ln in (cmd.help or "").splitlines() if ln.strip().startswith("Example:"))
    args = shlex.split(line.removeprefix("Example:"))
    assert args[:2] == ["warledger", name]
    return args[1:]


def test_cli_examples(demo_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("export", "evidence", "verify-package"):
        assert main([name, "--help"]) == 0
        code = main(_example(name))
        out = capsys.readouterr()
        assert code == 0, out.err
    assert list(pd.read_csv(demo_cwd / "incidents.csv").columns) == ACLED_COLUMNS
    assert "ok:" in out.out
    assert (
        main(["export", "--format", "geojson", "-o", "x.geojson", "--db", "demo.db", "--since", "2022-04-01"])
        == 0
    )
    assert main(["export", "--format", "nope", "-o", "x", "--db", "demo.db"]) == 1
    assert main(["export", "--format", "acled", "-o", "x", "--db", "demo.db", "--since", "April"]) == 1
    assert capsys.readouterr().err.startswith("error: ")


def test_records_without_place_or_day(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reconcile"))
    from synth import Fig, Report, load, town

    from warledger.store import open_ledger

    with open_ledger(tmp_path / "l.db", archive_dir=tmp_path / "a") as led:
        load(
            led,
            [
                Report("nowhere", date(2022, 5, 3), place=None, when=None, figures=[Fig("killed", 2)]),
                Report(
                    "week",
                    date(2022, 5, 9),
                    place=town("Odesa"),
                    when=(date(2022, 5, 1), date(2022, 5, 7)),
                    sub_event="Attack",
                    event="Violence against civilians",
                ),
            ],
        )
        export(led, "acled", tmp_path / "a.csv")
        export(led, "geojson", tmp_path / "g.json")
        export(led, "ucdp", tmp_path / "u.csv")
    acled = pd.read_csv(tmp_path / "a.csv", keep_default_na=False)
    nowhere = acled[acled["location"] == ""].iloc[0]
    assert nowhere["event_date"] == "03 May 2022" and nowhere["time_precision"] == 2  # the report date
    week = acled[acled["location"] == "Odesa"].iloc[0]
    assert week["event_date"] == "04 May 2022" and week["time_precision"] == 2  # the middle of the week
    geo = json.loads((tmp_path / "g.json").read_text())
    assert sorted(f["geometry"] is None for f in geo["features"]) == [False, True]
    ucdp = pd.read_csv(tmp_path / "u.csv", keep_default_na=False)
    assert sorted(ucdp["date_prec"]) == [2, 3] and set(ucdp["type_of_violence"]) == {3}
