"""The content-addressed evidence archive on disk: ``<root>/sha256/ab/cd/<full sha256>``.

Files are written atomically (temporary file in the target folder, fsync, rename, fsync of the
folder) and made read-only.  This module only handles bytes on disk; the metadata rows live in
the ledger database (see :class:`warledger.store.Ledger.archive_bytes`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from warledger.errors import StoreError

HEX64 = re.compile(r"^[0-9a-f]{64}$")
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
_CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> tuple[str, int]:
    """(hex digest, size) of a file, read in chunks."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def relative_path(sha256: str) -> Path:
    if not HEX64.match(sha256):
        raise StoreError(f"not a sha256 hex digest: {sha256!r}")
    return Path("sha256") / sha256[:2] / sha256[2:4] / sha256


def file_path(root: Path, sha256: str) -> Path:
    return root / relative_path(sha256)


def write_file(root: Path, sha256: str, data: bytes) -> Path:
    """Write ``data`` under its hash unless an intact copy is already there; returns the path."""
    target = file_path(root, sha256)
    if target.exists():
        try:
            digest, _ = sha256_file(target)
        except OSError as exc:
            raise StoreError(f"cannot read archived file {target}: {exc.strerror or exc}") from exc
        if digest == sha256:
            return target
        # A damaged copy (e.g. a torn write from another tool): replace it with the true bytes.
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, READ_ONLY)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(target.parent)
    except OSError as exc:
        raise StoreError(f"cannot write to the evidence archive {root}: {exc.strerror or exc}") from exc
    return target


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories; the rename is still atomic
    finally:
        os.close(fd)


def iter_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(name, path) of every archived file (temporary files skipped)."""
    base = root / "sha256"
    if not base.is_dir():
        return
    for path in base.glob("*/*/*"):
        if path.is_file() and not path.name.startswith(".tmp-"):
            yield path.name, path
