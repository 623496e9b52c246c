"""GeoJSON, JSON Lines, Parquet and pandas output of the reconciled ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warledger.errors import InputError
from warledger.export.common import flat_row
from warledger.reconcile.types import ReconciledRecord

if TYPE_CHECKING:
    import pandas as pd


def geojson(records: list[ReconciledRecord]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: Point geometries in [longitude, latitude] order (WGS 84);
    records without coordinates have a null geometry."""
    features = []
    for rec in records:
        props = flat_row(rec)
        lat, lon = props.get("latitude"), props.get("longitude")
        geometry = (
            {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}  # type: ignore[arg-type]
            if lat is not None and lon is not None
            else None
        )
        features.append({"type": "Feature", "id": rec.id, "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(records: list[ReconciledRecord], path: Path) -> int:
    path.write_text(json.dumps(geojson(records), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(records)


def write_jsonl(records: list[ReconciledRecord], path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            data = rec.model_dump(mode="json")
            data["disputed"] = rec.disputed
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
    return len(records)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - pandas is a pinned dependency of the export extra
        raise InputError("pandas is not installed (pip install 'warledger[export]')") from exc
    return pandas


def dataframe(records: list[ReconciledRecord]) -> pd.DataFrame:
    pandas = _pandas()
    columns = list(flat_row(records[0]).keys()) if records else _COLUMNS
    frame = pandas.DataFrame([flat_row(r) for r in records], columns=columns)
    for col in ("event_date", "occurred_start", "occurred_end", "reported_first", "reported_last"):
        frame[col] = pandas.to_datetime(frame[col], errors="coerce")
    for col in ("killed_low", "killed_best", "killed_high", "killed_acled", "injured_best", "geo_precision"):
        frame[col] = frame[col].astype("Int64")
    return frame


def write_parquet(records: list[ReconciledRecord], path: Path) -> int:
    frame = dataframe(records)
    try:
        frame.to_parquet(path, index=False, engine="pyarrow")
    except ImportError as exc:  # pragma: no cover
        raise InputError("pyarrow is not installed (pip install 'warledger[export]')") from exc
    return len(frame)


_COLUMNS = [
    "id",
    "kind",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "admin2",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "event_date",
    "time_precision",
    "occurred_start",
    "occurred_end",
    "discovered_start",
    "discovered_end",
    "reported_first",
    "reported_last",
    "killed_low",
    "killed_best",
    "killed_high",
    "killed_acled",
    "injured_best",
    "disputed",
    "disputes",
    "documents",
    "sources",
    "members",
    "aggregates",
    "consistency",
]
