"""Ingest from the browser: uploads and URLs go through the same ``warledger.ingest.ingest`` as the
CLI, in one background thread, one job at a time.

Uploaded files are written under a private temporary folder with their (sanitised) names, so the
extension still chooses the reader, then ingested with ``origins`` naming each one
``upload:ORIGINAL-NAME`` (the documents' origin, never the temporary path) and ``actor`` the
signed-in analyst (every archive / ingest / cluster / extract audit entry names them); the archive
keeps the original bytes.  When the job ends an audit entry ``web-ingest`` records the analyst as
actor, the files with their SHA-256, the URLs and the counts; the temporary folder is removed and
the incidents are reconciled again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from warledger.errors import InputError
from warledger.ingest import IngestReport, ingest
from warledger.settings import Settings
from warledger.store import Ledger

MAX_FILES = 50
MAX_URLS = 20
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass
class IngestJob:
    """One browser ingest: what was asked, by whom, and how it went."""

    id: str
    analyst: str
    files: list[tuple[str, str]]  # (name, sha256)
    urls: list[str]
    state: Literal["queued", "running", "done", "failed"] = "queued"
    started: str = ""
    finished: str | None = None
    report: IngestReport | None = None
    error: str | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")

    def as_dict(self) -> dict[str, object]:
        r = self.report
        return {
            "id": self.id,
            "analyst": self.analyst,
            "state": self.state,
            "started": self.started,
            "finished": self.finished,
            "files": [{"name": n, "sha256": s} for n, s in self.files],
            "urls": self.urls,
            "error": self.error,
            "report": None
            if r is None
            else {
                "new_documents": r.new_documents,
                "already_known": r.already_known,
                "non_english": r.non_english,
                "extracted": r.extracted,
                "clusters_joined": r.clusters_joined,
                "errors": list(r.errors),
                "warnings": list(r.warnings),
                "documents": [
                    {"doc_id": d.doc_id, "status": d.status, "title": d.title, "extracted": d.extracted}
                    for d in r.documents
                ],
            },
        }


def safe_name(name: str, index: int) -> str:
    """A file name without folders or odd characters, keeping its extension (which picks the reader)."""
    base = _SAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._")
    return base[:120] or f"upload-{index}.txt"


def upload_origin(name: str, index: int) -> str:
    """``upload:NAME``: the file's own name as the browser sent it (folders dropped, control
    characters and runs of blanks made one space), for the documents' origin."""
    base = " ".join(Path(name.replace("\\", "/")).name.split())
    base = "".join(ch for ch in base if ch.isprintable())[:200]
    return f"upload:{base or safe_name(name, index)}"


def check_urls(text: str) -> list[str]:
    urls = [u.strip() for u in text.split() if u.strip()]
    if len(urls) > MAX_URLS:
        raise InputError(f"at most {MAX_URLS} URLs at a time")
    for u in urls:
        parts = urlsplit(u)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"{u!r} is not an http(s) URL")
    return urls


class IngestRunner:
    """Runs browser ingests in a background thread, one at a time; keeps the recent jobs."""

    KEEP = 20

    def __init__(
        self, ledger: Ledger, *, settings: Settings | None = None, after: Callable[[], None] | None = None
    ) -> None:
        self.ledger = ledger
        self.settings = settings or Settings()
        self.after = after
        self._lock = threading.Lock()
        self._jobs: dict[str, IngestJob] = {}
        self._thread: threading.Thread | None = None

    def start(self, analyst: str, uploads: Sequence[Upload], urls: Sequence[str]) -> IngestJob:
        """Start an ingest (InputError when another one is running or nothing was given)."""
        uploads = [u for u in uploads if u.data]
        if not uploads and not urls:
            raise InputError("choose a file to upload or give a URL")
        if len(uploads) > MAX_FILES:
            raise InputError(f"at most {MAX_FILES} files at a time")
        for u in uploads:
            if len(u.data) > self.settings.max_bytes:
                raise InputError(
                    f"{u.name}: too large ({len(u.data)} bytes > limit {self.settings.max_bytes})"
                )
        with self._lock:
            if any(j.active for j in self._jobs.values()):
                raise InputError("another ingest is running; wait until it has finished")
            folder = Path(tempfile.mkdtemp(prefix="warledger-upload-"))
            inputs: list[str] = []
            origins: dict[str, str] = {}
            names: set[str] = set()
            files: list[tuple[str, str]] = []
            for i, u in enumerate(uploads):
                name = safe_name(u.name, i)
                while name in names:
                    name = f"{i}-{name}"
                names.add(name)
                (folder / name).write_bytes(u.data)
                path = str(folder / name)
                inputs.append(path)
                origins[path] = upload_origin(u.name, i)
                files.append((origins[path].removeprefix("upload:"), hashlib.sha256(u.data).hexdigest()))
            job = IngestJob(
                id=uuid.uuid4().hex[:12],
                analyst=analyst,
                files=files,
                urls=list(urls),
                started=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            self._jobs[job.id] = job
            while len(self._jobs) > self.KEEP:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].active:
                    break
                del self._jobs[oldest]
            self._thread = threading.Thread(
                target=self._run,
                args=(job, folder, [*inputs, *urls], origins),
                name=f"ingest-{job.id}",
                daemon=True,
            )
            self._thread.start()
            return job

    def _run(self, job: IngestJob, folder: Path, inputs: list[str], origins: dict[str, str]) -> None:
        job.state = "running"
        try:
            job.report = ingest(
                self.ledger, inputs, settings=self.settings, actor=job.analyst, origins=origins
            )
            self.ledger.audit(
                "web-ingest",
                f"ingest:{job.id}",
                {
                    "files": [{"name": n, "sha256": s} for n, s in job.files],
                    "urls": job.urls,
                    "new": job.report.new_documents,
                    "already_known": job.report.already_known,
                    "extracted": job.report.extracted,
                    "errors": len(job.report.errors),
                },
                actor=job.analyst,
            )
            if self.after is not None:
                self.after()
            job.state = "done"
        except Exception as exc:  # the job reports any failure; the server keeps running
            job.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            job.state = "failed"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            job.finished = datetime.now(UTC).isoformat(timespec="seconds")

    def get(self, job_id: str) -> IngestJob | None:
        return self._jobs.get(job_id)

    def recent(self) -> list[IngestJob]:
        return list(reversed(self._jobs.values()))

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running job (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
