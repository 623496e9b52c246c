"""Evidence packages (in the spirit of the Berkeley Protocol): everything needed to check one
reconciled incident away from the ledger, and a verifier that fails after any byte changes.

Layout (a folder, or the same files in a ZIP written canonically — fixed order, times and modes —
so that the verifier can also rebuild the container byte for byte)::

    README.txt                   what this is and how to verify it
    incident.json                the reconciled record (members, casualty ledger, rules, disputes)
    originals/<sha256>           each source document's archived original bytes, untouched
    documents/<doc id>.txt       the text all character spans refer to (UTF-8)
    documents/<doc id>.json      the document's metadata (origin, retrieval time, archive hash …)
    extractions/<doc id>.json    the stored extraction, exactly as the ledger holds it
    spans.jsonl                  every span used (incident evidence, figures) with its text
    custody.jsonl                the audit-log rows (hash-chained) about these files/documents/incident
    manifest.json                SHA-256 and size of every file above
    manifest.sha256              SHA-256 of manifest.json
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from warledger.errors import InputError, StoreError, VerificationError
from warledger.store.audit import now_iso, row_hash

if TYPE_CHECKING:
    from warledger.store import Ledger

FORMAT = "warledger-evidence-package/1"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_README = """warledger evidence package for {incident}

The files under originals/ are the source documents exactly as they were archived (named by their
SHA-256).  manifest.json lists the SHA-256 and size of every file; manifest.sha256 holds the SHA-256
of manifest.json.  custody.jsonl holds the ledger's hash-chained audit rows for these documents,
files and this incident (each row: hash = sha256(prev_hash + canonical content)).  spans.jsonl lists
every character span used as evidence; documents/<id>.txt[start:end] must equal its text.

Verify with:  warledger verify-package <this folder or zip>
"""


@dataclass(frozen=True)
class PackageInfo:
    path: Path
    incident: str
    files: int
    manifest_sha256: str


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The canonical ZIP of ``files``: sorted names, fixed times and modes, deflate level 6."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name], compresslevel=6)
    return buf.getvalue()


def _collect(ledger: Ledger, ref: str) -> tuple[str, dict[str, bytes]]:
    from warledger.reconcile import ensure_reconciled, resolve

    ensure_reconciled(ledger)
    rec = resolve(ledger, ref, kind=None)
    files: dict[str, bytes] = {"README.txt": _README.format(incident=rec.id).encode("utf-8")}
    files["incident.json"] = (rec.model_dump_json(indent=2) + "\n").encode("utf-8")
    subjects = {rec.id}
    spans: list[dict[str, object]] = []
    for doc_id in rec.documents:
        doc = ledger.get_document(doc_id)
        if doc is None:
            raise StoreError(f"document {doc_id} of {rec.id} is missing from the ledger")
        try:
            original = ledger.archive_path(doc.sha256).read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read the archived original of {doc_id}: {exc.strerror or exc}") from exc
        if _sha(original) != doc.sha256:
            raise VerificationError(
                f"the archived original of {doc_id} is corrupted (run `warledger verify`)"
            )
        files[f"originals/{doc.sha256}"] = original
        text = doc.text.encode("utf-8")
        files[f"documents/{doc_id}.txt"] = text
        meta = doc.model_dump(mode="json", exclude={"text"})
        meta["text_sha256"] = _sha(text)
        files[f"documents/{doc_id}.json"] = _json(meta)
        result = ledger.get_extraction(doc_id)
        if result is not None:
            files[f"extractions/{doc_id}.json"] = result.model_dump_json().encode("utf-8")
        subjects |= {doc_id, doc.sha256}
    for key, ev in zip(rec.members, rec.evidence, strict=False):
        spans.append({"ref": key, "kind": "incident", "doc_id": key.rsplit("#", 1)[0], **ev.model_dump()})
    for est in rec.casualties:
        for c in est.figures:
            spans.append(
                {
                    "ref": f"{c.ref}",
                    "kind": f"figure:{c.category}",
                    "doc_id": c.doc_id,
                    **c.evidence.model_dump(),
                }
            )
    files["spans.jsonl"] = "".join(
        json.dumps(s, ensure_ascii=False, sort_keys=True) + "\n" for s in spans
    ).encode()
    custody = [e for e in ledger.audit_entries() if e.subject in subjects]
    files["custody.jsonl"] = "".join(
        json.dumps(e.__dict__, ensure_ascii=False, sort_keys=True) + "\n" for e in custody
    ).encode("utf-8")
    manifest = {
        "format": FORMAT,
        "incident": rec.id,
        "created_at": now_iso(),
        "ledger": ledger.display_url,
        "files": [{"path": p, "sha256": _sha(b), "size": len(b)} for p, b in sorted(files.items())],
    }
    files["manifest.json"] = _json(manifest)
    files["manifest.sha256"] = f"{_sha(files['manifest.json'])}  manifest.json\n".encode()
    return rec.id, files


def build_package(ledger: Ledger, ref: str, out: str | Path) -> PackageInfo:
    """Write the evidence package of incident ``ref`` to a folder, or a ZIP when ``out`` ends in .zip."""
    target = Path(out)
    incident, files = _collect(ledger, ref)
    try:
        if target.suffix.lower() == ".zip":
            if target.is_dir():
                raise InputError(f"{target} is a folder")
            target.write_bytes(zip_bytes(files))
        else:
            if target.exists() and (not target.is_dir() or any(target.iterdir())):
                raise InputError(f"{target} exists and is not an empty folder")
            for name, data in files.items():
                path = target / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    digest = _sha(files["manifest.json"])
    ledger.audit(
        "evidence-package", incident, {"manifest_sha256": digest, "files": len(files), "to": str(target)}
    )
    return PackageInfo(target, incident, len(files), digest)


def _read(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {
            p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
        }
    if not path.is_file():
        raise InputError(f"no evidence package at {path}")
    raw = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            files = {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as exc:
        raise VerificationError(f"{path}: not a readable evidence package ({exc})") from exc
    except Exception as exc:  # zlib.error and friends on damaged data
        raise VerificationError(f"{path}: damaged ZIP ({type(exc).__name__}: {exc})") from exc
    if zip_bytes(files) != raw:
        raise VerificationError(
            f"{path}: the ZIP container was altered (it differs from the canonical package)"
        )
    return files


def verify_package(path: str | Path) -> PackageInfo:
    """Check a package; raises VerificationError (one line) at the first problem."""
    p = Path(path)
    files = _read(p)
    for need in ("manifest.json", "manifest.sha256"):
        if need not in files:
            raise VerificationError(f"{p}: {need} is missing")
    digest = _sha(files["manifest.json"])
    if files["manifest.sha256"] != f"{digest}  manifest.json\n".encode():
        raise VerificationError(f"{p}: manifest.json does not match manifest.sha256")
    try:
        manifest = json.loads(files["manifest.json"])
        listed = {f["path"]: f for f in manifest["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise VerificationError(f"{p}: manifest.json is not a valid manifest") from exc
    if manifest.get("format") != FORMAT:
        raise VerificationError(f"{p}: unknown package format {manifest.get('format')!r}")
    extra = sorted(set(files) - set(listed) - {"manifest.json", "manifest.sha256"})
    if extra:
        raise VerificationError(f"{p}: file not in the manifest: {extra[0]}")
    for name, entry in listed.items():
        if name not in files:
            raise VerificationError(f"{p}: {name} is missing")
        if _sha(files[name]) != entry.get("sha256") or len(files[name]) != entry.get("size"):
            raise VerificationError(f"{p}: {name} was changed (its SHA-256 differs from the manifest)")
        if name.startswith("originals/") and _sha(files[name]) != name.rsplit("/", 1)[1]:
            raise VerificationError(f"{p}: {name} does not hash to its name")
    _check_spans(p, files)
    _check_custody(p, files)
    return PackageInfo(p, str(manifest.get("incident")), len(files), digest)


def _check_spans(p: Path, files: dict[str, bytes]) -> None:
    texts: dict[str, str] = {}
    for line in files.get("spans.jsonl", b"").decode("utf-8").splitlines():
        span = json.loads(line)
        doc = str(span["doc_id"])
        if doc not in texts:
            raw = files.get(f"documents/{doc}.txt")
            if raw is None:
                raise VerificationError(f"{p}: span {span['ref']} refers to a missing document text")
            texts[doc] = raw.decode("utf-8")
        if texts[doc][int(span["start"]) : int(span["end"])] != span["text"]:
            raise VerificationError(f"{p}: span {span['ref']} does not match its document text")


def _check_custody(p: Path, files: dict[str, bytes]) -> None:
    extracted: dict[str, str] = {}
    for line in files.get("custody.jsonl", b"").decode("utf-8").splitlines():
        e = json.loads(line)
        expected = row_hash(
            e["prev_hash"],
            id=e["id"],
            at=e["at"],
            actor=e["actor"],
            action=e["action"],
            subject=e["subject"],
            payload=e["payload"],
        )
        if expected != e["hash"]:
            raise VerificationError(f"{p}: custody row {e['id']} does not match its hash")
        if e["action"] == "ingest":
            payload = json.loads(e["payload"])
            meta = files.get(f"documents/{e['subject']}.json")
            if meta is not None and json.loads(meta).get("text_sha256") != payload.get("text_sha256"):
                raise VerificationError(
                    f"{p}: document {e['subject']} text differs from the text recorded at ingest"
                )
        if e["action"] == "extract":
            extracted[e["subject"]] = str(json.loads(e["payload"]).get("digest"))
    for doc_id, digest in extracted.items():
        raw = files.get(f"extractions/{doc_id}.json")
        if raw is not None and _sha(raw) != digest:
            raise VerificationError(
                f"{p}: extraction of {doc_id} differs from the one recorded in the custody log"
            )
