"""Exports of the reconciled ledger: ACLED CSV, UCDP GED CSV, GeoJSON, JSON Lines, Parquet, pandas,
and evidence packages.

    from warledger.export import export, to_dataframe
    export(ledger, "acled", "incidents.csv", since=date(2022, 4, 1))
    frame = to_dataframe(ledger, place="Donetsk")

Every export reconciles first when the ledger changed since the last reconcile run.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from warledger.errors import InputError
from warledger.export.acled import ACLED_COLUMNS, write_acled
from warledger.export.common import doc_meta, select
from warledger.export.formats import dataframe, geojson, write_geojson, write_jsonl, write_parquet
from warledger.export.ucdp import UCDP_COLUMNS, write_ucdp

if TYPE_CHECKING:
    import pandas as pd

    from warledger.store import Ledger

Format = Literal["acled", "ucdp", "geojson", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("acled", "ucdp", "geojson", "jsonl", "parquet")


def export(
    ledger: Ledger,
    fmt: str,
    path: str | Path,
    *,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    type: str | None = None,
    actor: str | None = None,
    disputed: bool | None = None,
    text: str | None = None,
    source: str | None = None,
    review: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    near: tuple[float, float] | None = None,
    km: float | None = None,
) -> int:
    """Write the reconciled incidents (and, for geojson/jsonl/parquet, the aggregate tolls) that
    match the filters to ``path`` in format ``fmt``; returns the number of rows/features written.
    Filters: see :func:`warledger.export.common.select` (the same ones as the web app's)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if since and until and since > until:
        raise InputError(f"--since {since} is after --until {until}")
    out = Path(path)
    if out.is_dir():
        raise InputError(f"{out} is a folder; give a file name")
    if not out.parent.exists():
        raise InputError(f"folder {out.parent} does not exist")
    records = select(
        ledger,
        since=since,
        until=until,
        place=place,
        type=type,
        actor=actor,
        disputed=disputed,
        text=text,
        source=source,
        review=review,
        admin1=admin1,
        admin2=admin2,
        near=near,
        km=km,
    )
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


def to_dataframe(
    ledger: Ledger,
    *,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    type: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
    disputed: bool | None = None,
    text: str | None = None,
    source: str | None = None,
    review: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    near: tuple[float, float] | None = None,
    km: float | None = None,
) -> pd.DataFrame:
    """The reconciled records as a pandas DataFrame, one flat row each (see ``export.common.flat_row``)."""
    return dataframe(
        select(
            ledger,
            since=since,
            until=until,
            place=place,
            type=type,
            kind=kind,
            actor=actor,
            disputed=disputed,
            text=text,
            source=source,
            review=review,
            admin1=admin1,
            admin2=admin2,
            near=near,
            km=km,
        )
    )


__all__ = ["ACLED_COLUMNS", "FORMATS", "UCDP_COLUMNS", "export", "geojson", "to_dataframe"]
