"""Exports of the reconciled ledger: ACLED CSV, UCDP GED CSV, GeoJSON, JSON Lines, Parquet, pandas,
and evidence packages.

    from warledger.export import export, to_dataframe
    export(ledger, "acled", "incidents.csv", since=date(2022, 4, 1))
    frame = to_dataframe(ledger, place="Donetsk")

Every export reconciles first when the ledger changed since the last reconcile run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from warledger.errors import InputError
from warledger.export.acled import ACLED_COLUMNS, write_acled
from warledger.export.common import RecordQuery, doc_meta, select
from warledger.export.formats import dataframe, geojson, write_geojson, write_jsonl, write_parquet
from warledger.export.ucdp import UCDP_COLUMNS, write_ucdp

if TYPE_CHECKING:
    import pandas as pd

    from warledger.store import Ledger

Format = Literal["acled", "ucdp", "geojson", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("acled", "ucdp", "geojson", "jsonl", "parquet")


def export(
    ledger: Ledger, fmt: str, path: str | Path, query: RecordQuery | None = None, **filters: Any
) -> int:
    """Write the reconciled incidents (and, for geojson/jsonl/parquet, the aggregate tolls) that
    match the filters to ``path`` in format ``fmt``; returns the number of rows/features written.
    Filters: a :class:`RecordQuery`, or its fields as keywords (``since=``, ``place=``, …) — the
    same ones as the web app's."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    query = query or RecordQuery(**filters)
    out = Path(path)
    if out.is_dir():
        raise InputError(f"{out} is a folder; give a file name")
    if not out.parent.exists():
        raise InputError(f"folder {out.parent} does not exist")
    records = select(ledger, query)
    try:
        if fmt == "acled":
            return write_acled(records, doc_meta(ledger, records), out)
        if fmt == "ucdp":
            return write_ucdp(records, doc_meta(ledger, records), out)
        if fmt == "geojson":
            return write_geojson(records, out)
        if fmt == "jsonl":
            return write_jsonl(records, out)
        return write_parquet(records, out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc


def to_dataframe(ledger: Ledger, query: RecordQuery | None = None, **filters: Any) -> pd.DataFrame:
    """The reconciled records as a pandas DataFrame, one flat row each (see ``export.common.flat_row``);
    filters as for :func:`export`."""
    return dataframe(select(ledger, query or RecordQuery(**filters)))


__all__ = ["ACLED_COLUMNS", "FORMATS", "UCDP_COLUMNS", "RecordQuery", "export", "geojson", "to_dataframe"]
