"""Import a GeoNames dump (allCountries.zip, XX.zip, cities500.zip or a plain .txt) into a gazetteer.

The target is the user's gazetteer (``~/.local/share/warledger/gazetteer.sqlite`` or
``$WARLEDGER_GAZETTEER``), which ``load_geoparser`` reads next to the shipped one.  Rows with the same
GeoNames id replace earlier ones, so importing twice is harmless.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warledger.errors import InputError
from warledger.geo.build import KEEP_CODES, Row, aliases_of
from warledger.geo.store import COORD, SCHEMA, SOURCE, key_hash_blob

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass(frozen=True)
class ImportStats:
    path: Path
    read: int
    kept: int
    aliases: int


def _download(url: str, dest: Path, progress: Progress | None, timeout: float) -> Path:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, open(dest, "wb") as out:
            total = int(resp.headers.get("Content-Length") or 0)
            done = 0
            while chunk := resp.read(1 << 20):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise InputError(f"cannot download {url}: {exc}") from exc
    return dest


def _open_dump(path: Path) -> tuple[io.TextIOWrapper, int]:
    """A text stream of GeoNames rows and its (uncompressed) size in bytes."""
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not names:
            raise InputError(f"{path}: no GeoNames .txt file inside the zip")
        info = max((zf.getinfo(n) for n in names), key=lambda i: i.file_size)
        return io.TextIOWrapper(zf.open(info), encoding="utf-8"), info.file_size
    return open(path, encoding="utf-8"), path.stat().st_size


def parse_rows(lines: Iterator[str]) -> Iterator[Row | None]:
    """GeoNames rows → Row for kept features (populated places, admin units, regions…), else None."""
    for n, line in enumerate(lines, 1):
        p = line.rstrip("\n").split("\t")
        if len(p) < 15:
            if line.strip():
                raise InputError(f"line {n}: not a GeoNames row (expected 19 tab-separated columns)")
            continue
        try:
            if not (p[6] == "P" or p[7] in KEEP_CODES):
                yield None
                continue
            r = Row(
                int(p[0]), p[1], p[8], p[10], p[11], float(p[4]), float(p[5]), p[7] or "PPL", int(p[14] or 0)
            )
        except ValueError as exc:
            raise InputError(f"line {n}: not a GeoNames row ({exc})") from exc
        r.primary.update({p[1], p[2]})
        r.names.update(x for x in p[3].split(",") if x and not x.startswith("http"))
        yield r


def import_dump(
    source: str,
    target: Path,
    *,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> ImportStats:
    """Add the features of a GeoNames dump (file path or URL) to the gazetteer at ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        if source.startswith(("http://", "https://")):
            name = source.rsplit("/", 1)[-1] or "dump.zip"
            path = _download(source, Path(tmp) / name, progress, timeout)
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise InputError(f"{source}: no such file")
            if path.is_dir():
                raise InputError(f"{source}: is a folder; give a GeoNames .zip or .txt file")
        return _import_file(path, target, progress)


def _import_file(path: Path, target: Path, progress: Progress | None) -> ImportStats:
    try:
        stream, total = _open_dump(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(target)
        db.executescript(SCHEMA)
        db.execute("CREATE INDEX IF NOT EXISTS alias_id ON alias(id)")
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{target}: not a gazetteer database ({exc})") from exc
    read = kept = n_alias = 0
    done_chars = 0
    batch: list[Row] = []

    def flush() -> None:
        nonlocal n_alias
        db.executemany(
            "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (r.id, r.name, r.cc, r.a1, r.a2, round(r.lat * COORD), round(r.lon * COORD), r.fcode, r.pop)
                for r in batch
            ],
        )
        db.executemany("DELETE FROM alias WHERE id = ?", [(r.id,) for r in batch])
        rows = [(k, r.id, kind) for r in batch for k, kind in aliases_of(r).items()]
        db.executemany("INSERT OR IGNORE INTO alias VALUES (?,?,?)", rows)
        n_alias += len(rows)
        batch.clear()

    def counted() -> Iterator[str]:
        nonlocal read, done_chars
        for line in stream:
            read += 1
            done_chars += len(line)
            if progress and read % 5000 == 0:
                progress(min(done_chars, total), total)
            yield line

    try:
        with db:
            for r in parse_rows(counted()):
                if r is None:
                    continue
                kept += 1
                batch.append(r)
                if len(batch) >= 5000:
                    flush()
            flush()
            db.execute("INSERT OR REPLACE INTO meta VALUES ('source', ?)", (SOURCE,))
            keys = {k for (k,) in db.execute("SELECT DISTINCT key FROM alias")}
            db.execute("DELETE FROM keyhash")
            db.execute("INSERT INTO keyhash VALUES (?)", (key_hash_blob(keys),))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    finally:
        stream.close()
        db.close()
    if progress:
        progress(total, total)
    if read and not kept:
        raise InputError(f"{path}: no populated places or admin units found")
    if not read:
        raise InputError(f"{path}: empty file")
    return ImportStats(target, read, kept, n_alias)
