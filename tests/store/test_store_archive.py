"""The content-addressed evidence archive."""

from __future__ import annotations

import hashlib
import stat
from datetime import UTC, datetime

import pytest

from warledger.errors import StoreError
from warledger.store import Ledger


def test_layout_and_metadata(ledger: Ledger) -> None:
    data = b"<html><body>Shelling in Kharkiv</body></html>"
    sha = hashlib.sha256(data).hexdigest()
    when = datetime(2022, 4, 7, 9, 30, tzinfo=UTC)
    af = ledger.archive_bytes(data, origin="https://example.org/a", media_type="text/html", retrieved_at=when)
    assert af.sha256 == sha
    assert af.path == ledger.archive_root / "sha256" / sha[:2] / sha[2:4] / sha
    assert af.path == ledger.archive_path(sha)
    assert af.path.read_bytes() == data
    assert (af.size, af.media_type, af.origin, af.retrieved_at, af.existed) == (
        len(data),
        "text/html",
        "https://example.org/a",
        when,
        False,
    )
    assert not af.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert [p.name for p in af.path.parent.iterdir()] == [sha]  # no temporary file left behind
    [entry] = ledger.audit_entries(sha)
    assert entry.action == "archive"
    assert '"origin":"https://example.org/a"' in entry.payload


def test_same_bytes_again_is_a_no_op(ledger: Ledger) -> None:
    data = b"same story"
    first = ledger.archive_bytes(data, origin="a.txt", media_type="text/plain")
    mtime = first.path.stat().st_mtime_ns
    again = ledger.archive_bytes(data, origin="a.txt", media_type="text/plain")
    assert again.existed and not first.existed
    assert again.origin == "a.txt" and again.retrieved_at == first.retrieved_at
    assert first.path.stat().st_mtime_ns == mtime
    assert len(ledger.audit_entries()) == 1
    other = ledger.archive_bytes(data, origin="copy/a.txt", media_type="text/plain")
    assert other.existed and other.origin == "a.txt"
    assert [o for o, _ in ledger.sightings(first.sha256)] == ["a.txt", "copy/a.txt"]
    assert [e.action for e in ledger.audit_entries()] == ["archive", "archive-sighting"]


def test_empty_and_binary_bytes(ledger: Ledger) -> None:
    empty = ledger.archive_bytes(b"", origin="empty", media_type="application/octet-stream")
    assert empty.size == 0 and empty.path.read_bytes() == b""
    blob = bytes(range(256)) * 10
    assert (
        ledger.archive_bytes(blob, origin="blob", media_type="application/octet-stream").path.read_bytes()
        == blob
    )
    assert ledger.verify().ok


def test_bad_hash_name(ledger: Ledger) -> None:
    with pytest.raises(StoreError, match="sha256"):
        ledger.archive_path("../../etc/passwd")
