"""Evidence packages: contents, verification, and failure after any byte change (folder and ZIP)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.errors import InputError, VerificationError
from warledger.export.evidence import build_package, verify_package
from warledger.reconcile import ensure_reconciled, resolve
from warledger.store import Ledger


def _package(ledger: Ledger, out: Path) -> str:
    rec = resolve(ledger, "540f15c1")  # the corpus' first Kramatorsk report
    info = build_package(ledger, rec.id, out)
    assert info.incident == rec.id
    return rec.id


def test_folder_package_contents(multireport: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    rid = _package(multireport, out)
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"manifest.json", "manifest.sha256", "incident.json", "spans.jsonl", "custody.jsonl"} <= names
    originals = [n for n in names if n.startswith("originals/")]
    assert originals
    for name in originals:  # untouched: the archived bytes themselves
        sha = name.split("/")[1]
        assert (out / name).read_bytes() == multireport.archive_path(sha).read_bytes()
    custody = [json.loads(x) for x in (out / "custody.jsonl").read_text().splitlines()]
    assert {"archive", "ingest", "extract", "reconcile"} & {c["action"] for c in custody} >= {
        "archive",
        "ingest",
    }
    assert json.loads((out / "incident.json").read_text())["id"] == rid
    spans = [json.loads(x) for x in (out / "spans.jsonl").read_text().splitlines()]
    assert spans and all(s["text"] for s in spans)
    assert verify_package(out).files == len(names)
    assert any(e.action == "evidence-package" and e.subject == rid for e in multireport.audit_entries())


def test_folder_fails_after_any_byte_change(multireport: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    _package(multireport, out)
    files = sorted(p for p in out.rglob("*") if p.is_file())
    for path in files:
        original = path.read_bytes()
        for pos in {0, len(original) // 2, len(original) - 1}:
            changed = bytearray(original)
            changed[pos] ^= 0x01
            path.chmod(0o644)
            path.write_bytes(bytes(changed))
            with pytest.raises(VerificationError):
                verify_package(out)
            path.write_bytes(original)
    verify_package(out)
    (out / "extra.txt").write_text("added later")
    with pytest.raises(VerificationError, match="not in the manifest"):
        verify_package(out)


def test_zip_fails_after_any_byte_change(multireport: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "pkg.zip"
    _package(multireport, out)
    verify_package(out)
    raw = out.read_bytes()
    rng = random.Random(7)
    positions = sorted({0, len(raw) - 1, *rng.sample(range(len(raw)), 60)})
    for pos in positions:
        changed = bytearray(raw)
        changed[pos] = (changed[pos] + 1) % 256
        out.write_bytes(bytes(changed))
        with pytest.raises(VerificationError):
            verify_package(out)
    out.write_bytes(raw[:-10])
    with pytest.raises(VerificationError):
        verify_package(out)
    out.write_bytes(raw)
    verify_package(out)


def test_cli_verify_package_fails_with_one_line(
    multireport: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pkg.zip"
    _package(multireport, out)
    assert main(["verify-package", str(out)]) == 0
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 3] ^= 0x20
    out.write_bytes(bytes(raw))
    capsys.readouterr()
    assert main(["verify-package", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert main(["verify-package", str(tmp_path / "missing.zip")]) == 1


def test_refuses_a_non_empty_folder(multireport: Ledger, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(InputError, match="not an empty folder"):
        _package(multireport, tmp_path / "busy")


def test_seed_incident_package(tmp_path: Path) -> None:
    """Done-when of issue 5: a package of a seed incident verifies, and fails after a byte change."""
    import os

    from warledger.ingest import ingest
    from warledger.store import open_ledger

    shared = Path(os.environ.get("WARLEDGER_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
    seed = shared / "eval" / "seed-ap-2022-04-07.txt"
    if not seed.is_file():
        pytest.skip(f"needs the shared data folder: {seed} is absent (set WARLEDGER_SHARED)")
    copy = tmp_path / "seed.txt"
    copy.write_bytes(seed.read_bytes())
    with open_ledger(tmp_path / "l.db", archive_dir=tmp_path / "archive") as led:
        ingest(led, [str(copy)])
        ensure_reconciled(led)
        doc_id = led.document_rows()[0].doc_id
        rec = resolve(led, doc_id)  # the seed's main incident (the Donetsk shelling)
        out = tmp_path / "seed.zip"
        build_package(led, rec.id, out)
        assert (out.read_bytes().count(b"originals/")) >= 1
    info = verify_package(out)
    assert info.incident == rec.id
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    out.write_bytes(bytes(raw))
    with pytest.raises(VerificationError):
        verify_package(out)
